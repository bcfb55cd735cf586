/**
 * Agreement between two readers' binary masks on the same grid: overlap (Dice, Jaccard), boundary
 * distance (Hausdorff and its 95th percentile, in mm) and volume difference. Definitions follow
 * MedPy's `medpy.metric.binary` (`dc`, `jc`, `hd`, `hd95`), reimplemented:
 *
 * - Dice D = 2|A ∩ B| / (|A| + |B|); Jaccard J = |A ∩ B| / |A ∪ B| (J = D/(2 − D)).
 * - Surface voxels and mm distances as in ./surfaceDistance (6-connected boundary, voxels on the grid
 *   border are surface, centre-to-centre distances scaled by the spacing).
 * - HD = max of both directed surface distance sets; HD95 = the 95th percentile of the two directed sets
 *   pooled (MedPy `hd95`: `numpy.percentile(hstack((d(A→B), d(B→A))), 95)`), with numpy's default
 *   linear interpolation between order statistics.
 * - Volume V = voxel count × s_x s_y s_z (mm³); difference V_B − V_A and 100 (V_B − V_A)/V_A % relative
 *   to the reference reader A.
 *
 * Undefined values (an empty mask) are null with the reason, never 0 or a sentinel.
 */
import type { Vec3, Volume } from '../image/volume';
import { directedSurfaceDistances, surfaceVoxels } from './surfaceDistance';

export interface OverlapCounts {
  /** Foreground voxels of A, of B, and of both. */
  a: number;
  b: number;
  both: number;
}

/** Foreground (nonzero) voxel counts of two masks of equal length and of their intersection. */
export function overlapCounts(a: ArrayLike<number>, b: ArrayLike<number>): OverlapCounts {
  if (a.length !== b.length) throw new Error(`masks differ in length: ${a.length} vs ${b.length} voxels`);
  let na = 0;
  let nb = 0;
  let both = 0;
  for (let i = 0; i < a.length; i++) {
    const ia = a[i] !== 0;
    const ib = b[i] !== 0;
    if (ia) na++;
    if (ib) nb++;
    if (ia && ib) both++;
  }
  return { a: na, b: nb, both };
}

/** Dice similarity coefficient 2|A ∩ B|/(|A| + |B|) (MedPy `dc`); null when both masks are empty (0/0). */
export function dice(c: OverlapCounts): number | null {
  return c.a + c.b === 0 ? null : (2 * c.both) / (c.a + c.b);
}

/** Jaccard index |A ∩ B|/|A ∪ B| (MedPy `jc`); null when both masks are empty (0/0). */
export function jaccard(c: OverlapCounts): number | null {
  const union = c.a + c.b - c.both;
  return union === 0 ? null : c.both / union;
}

/**
 * The p-th percentile (0 ≤ p ≤ 100) of `values` with linear interpolation between order statistics,
 * numpy's default `percentile(x, p)` (method 'linear'): h = (n − 1) p/100, x₍⌊h⌋₎ + (h − ⌊h⌋)(x₍⌊h⌋+1₎ − x₍⌊h⌋₎).
 */
export function percentileLinear(values: ArrayLike<number>, p: number): number {
  if (values.length === 0) throw new Error('percentile of an empty set');
  if (!(p >= 0 && p <= 100)) throw new Error(`percentile ${p} is not in [0, 100]`);
  const x = Float64Array.from(values).sort();
  const h = ((x.length - 1) * p) / 100;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, x.length - 1);
  return x[lo] + (h - lo) * (x[hi] - x[lo]);
}

export interface SurfaceDistances {
  /** Hausdorff distance, mm: the largest directed surface distance (MedPy `hd`). */
  hausdorffMm: number;
  /** 95th-percentile Hausdorff distance of both directed sets pooled, mm (MedPy `hd95`). */
  hd95Mm: number;
}

/**
 * Hausdorff and 95th-percentile Hausdorff distances (mm) between the surfaces of two masks on the
 * grid `size` with voxel `spacing`; null when either mask is empty (no surface to measure from).
 */
export function surfaceDistances(a: ArrayLike<number>, b: ArrayLike<number>, size: Vec3, spacing: Vec3): SurfaceDistances | null {
  const sa = surfaceVoxels(a, size);
  const sb = surfaceVoxels(b, size);
  if (sa.length === 0 || sb.length === 0) return null;
  const ab = directedSurfaceDistances(sa, sb, size, spacing);
  const ba = directedSurfaceDistances(sb, sa, size, spacing);
  const pooled = new Float64Array(ab.length + ba.length);
  pooled.set(ab);
  pooled.set(ba, ab.length);
  let max = 0;
  for (const d of pooled) if (d > max) max = d;
  return { hausdorffMm: max, hd95Mm: percentileLinear(pooled, 95) };
}

export interface MaskAgreement {
  /** Foreground voxels of the reference (A) and the other (B) mask and of their intersection. */
  voxels: OverlapCounts;
  dice: number | null;
  jaccard: number | null;
  hausdorffMm: number | null;
  hd95Mm: number | null;
  /** Volumes V = voxels × s_x s_y s_z, mm³. */
  volumeAMm3: number;
  volumeBMm3: number;
  /** V_B − V_A, mm³. */
  volumeDiffMm3: number;
  /** 100 (V_B − V_A)/V_A; null when the reference mask is empty. */
  volumeDiffPercent: number | null;
  /** Why a metric is null (an empty mask), else null. */
  undefinedReason: string | null;
}

function sameGrid(a: Pick<Volume, 'size' | 'spacing' | 'origin'>, b: Pick<Volume, 'size' | 'spacing' | 'origin'>): boolean {
  const close = (u: readonly number[], v: readonly number[], tol: number): boolean => u.every((x, i) => Math.abs(x - v[i]) <= tol);
  return close(a.size, b.size, 0) && close(a.spacing, b.spacing, 1e-6) && close(a.origin, b.origin, 1e-4);
}

/**
 * Every agreement metric of mask B against reference mask A (both on the same grid; nonzero voxels are
 * foreground). Throws when the grids differ: masks of one volume always share its grid.
 */
export function maskAgreement(a: Volume, b: Volume): MaskAgreement {
  if (!sameGrid(a, b)) {
    throw new Error(`masks are on different grids (size ${a.size.join('×')} vs ${b.size.join('×')}, spacing ${a.spacing.join(',')} vs ${b.spacing.join(',')})`);
  }
  const voxels = overlapCounts(a.data, b.data);
  const voxelMm3 = a.spacing[0] * a.spacing[1] * a.spacing[2];
  const volumeAMm3 = voxels.a * voxelMm3;
  const volumeBMm3 = voxels.b * voxelMm3;
  const dist = surfaceDistances(a.data, b.data, a.size, a.spacing);
  const empty = [voxels.a === 0 ? 'reference mask is empty' : null, voxels.b === 0 ? 'other mask is empty' : null].filter((s) => s !== null);
  return {
    voxels,
    dice: dice(voxels),
    jaccard: jaccard(voxels),
    hausdorffMm: dist?.hausdorffMm ?? null,
    hd95Mm: dist?.hd95Mm ?? null,
    volumeAMm3,
    volumeBMm3,
    volumeDiffMm3: volumeBMm3 - volumeAMm3,
    volumeDiffPercent: voxels.a === 0 ? null : (100 * (volumeBMm3 - volumeAMm3)) / volumeAMm3,
    undefinedReason: empty.length ? empty.join('; ') : null,
  };
}
