/**
 * IBSI-1 grey level distance zone matrix features (reference manual §3.9, VMDZ), keyed by IBSI tag
 * stem (`dzm_*`); pyradiomics has no such class.
 *
 * Zones are GLSZM's: connected ROI voxels of one grey level (26-connected in 3-D, 8-connected in-plane
 * with force2D or on a single slice; the bidirectional distance-1 angles). The distance of a voxel to
 * the ROI edge is the smallest number of 6-connected steps (4-connected in-plane with force2D or on a
 * single slice) to a voxel outside the morphological mask (or outside the grid), so edge voxels have
 * distance 1; a zone's distance is the smallest over its voxels. With P(i, d) the number of zones of
 * grey level i and distance d, N_s = Σ P zones, N_v the intensity-mask voxel count and p_g, p_d the row
 * and column sums (formulas of {@link SizeMatrixStatistics} with sizes → distances):
 * dzm_sde Σ p_d/d² / N_s, dzm_lde Σ p_d d² / N_s, dzm_lgze Σ p_g/i² / N_s, dzm_hgze Σ p_g i² / N_s,
 * dzm_sdlge Σ P/(i²d²) / N_s, dzm_sdhge Σ P i²/d² / N_s, dzm_ldlge Σ P d²/i² / N_s,
 * dzm_ldhge Σ P i²d² / N_s, dzm_glnu Σ p_g² / N_s, dzm_glnu_norm Σ p_g² / N_s², dzm_zdnu Σ p_d² / N_s,
 * dzm_zdnu_norm Σ p_d² / N_s², dzm_z_perc N_s / N_v, dzm_gl_var, dzm_zd_var (population variances of
 * i and d under P/N_s), dzm_zd_entr −Σ (P/N_s) log₂(P/N_s + ε).
 */
import { buildAngles } from '../../angles';
import type { FamilyInput, FeatureFamily } from '../../family';
import { SizeMatrixStatistics } from '../../families/sizeMatrixStatistics';
import { binFamilyInput } from '../../matrices/fromInput';
import { levelValues } from '../../matrices/binnedRoi';

const TAGS = [
  'dzm_sde', 'dzm_lde', 'dzm_lgze', 'dzm_hgze', 'dzm_sdlge', 'dzm_sdhge', 'dzm_ldlge', 'dzm_ldhge',
  'dzm_glnu', 'dzm_glnu_norm', 'dzm_zdnu', 'dzm_zdnu_norm', 'dzm_z_perc', 'dzm_gl_var', 'dzm_zd_var', 'dzm_zd_entr',
] as const;

/**
 * Distance of every voxel to the edge of `mask` (0 outside): multi-source breadth-first search from the
 * outside over the face neighbours of the axes in `axes` (x, y, z), the grid border counting as outside.
 */
export function edgeDistance(mask: ArrayLike<number>, size: readonly [number, number, number], axes: readonly number[]): Int32Array {
  const [nx, ny, nz] = size;
  const strides = [1, nx, nx * ny];
  const dist = new Int32Array(nx * ny * nz);
  const queue = new Int32Array(dist.length);
  let head = 0;
  let tail = 0;
  const coord = (i: number, d: number): number => (d === 0 ? i % nx : d === 1 ? Math.floor(i / nx) % ny : Math.floor(i / (nx * ny)));
  for (let i = 0; i < dist.length; i++) {
    if (!mask[i]) continue;
    let edge = false;
    for (const d of axes) {
      const c = coord(i, d);
      const n = size[d]!;
      if (c === 0 || c === n - 1 || !mask[i - strides[d]!] || !mask[i + strides[d]!]) edge = true;
    }
    if (edge) {
      dist[i] = 1;
      queue[tail++] = i;
    }
  }
  while (head < tail) {
    const i = queue[head++]!;
    for (const d of axes) {
      const c = coord(i, d);
      for (const [step, ok] of [[-strides[d]!, c > 0], [strides[d]!, c < size[d]! - 1]] as const) {
        if (!ok) continue;
        const j = i + step;
        if (mask[j] && dist[j] === 0) {
          dist[j] = dist[i]! + 1;
          queue[tail++] = j;
        }
      }
    }
  }
  return dist;
}

function compute(input: FamilyInput, enabled: readonly string[]): Map<string, number> {
  const roi = binFamilyInput(input);
  const { settings } = input;
  const planar = settings.force2D || input.size[2 - settings.force2Ddimension] === 1;
  const axes = [0, 1, 2].filter((d) => input.size[d]! > 1 && !(planar && d === 2 - settings.force2Ddimension));
  const distance = edgeDistance(input.morphologicalMask, input.size, axes);
  const angles = buildAngles(roi.size, { distances: [1], force2D: settings.force2D, force2Ddimension: settings.force2Ddimension, bidirectional: true });
  const [nx, ny, nz] = roi.size;
  const [dz, dy, dx] = [0, 1, 2].map((k) => Int32Array.from(angles, (a) => a[k]!)) as [Int32Array, Int32Array, Int32Array];
  const step = Int32Array.from(angles, ([az, ay, ax]) => ax + nx * (ay + ny * az));
  const rowOf = new Int32Array(roi.ng + 1).fill(-1);
  roi.grayLevels.forEach((g, r) => (rowOf[g] = r));
  const L = roi.grayLevels.length;
  const open = Int32Array.from(roi.bins);
  const stack = new Int32Array(roi.roi.length);
  const zones: [number, number][] = [];
  let maxDistance = 0;
  for (let r = 0; r < roi.roi.length; r++) {
    const seed = roi.roi[r]!;
    const g = open[seed]!;
    if (g === 0) continue;
    open[seed] = 0;
    stack[0] = seed;
    let top = 1;
    let zoneDistance = Infinity;
    while (top > 0) {
      const i = stack[--top]!;
      // a voxel's distance is ≥ 1 inside the morphological mask; intensity-mask voxels lie inside it
      zoneDistance = Math.min(zoneDistance, Math.max(distance[i]!, 1));
      const x = i % nx;
      const y = Math.floor(i / nx) % ny;
      const z = Math.floor(i / (nx * ny));
      for (let a = 0; a < angles.length; a++) {
        if ((x + dx[a]!) >>> 0 >= nx || (y + dy[a]!) >>> 0 >= ny || (z + dz[a]!) >>> 0 >= nz) continue;
        const j = i + step[a]!;
        if (open[j] === g) {
          open[j] = 0;
          stack[top++] = j;
        }
      }
    }
    zones.push([rowOf[g]!, zoneDistance]);
    maxDistance = Math.max(maxDistance, zoneDistance);
  }
  const counts = new Float64Array(L * maxDistance);
  for (const [row, d] of zones) counts[row * maxDistance + d - 1]! += 1;
  const kept = Array.from({ length: maxDistance }, (_, c) => c).filter((c) => {
    for (let g = 0; g < L; g++) if (counts[g * maxDistance + c]) return true;
    return false;
  });
  const p = new Float64Array(L * kept.length);
  for (let g = 0; g < L; g++) kept.forEach((c, k) => (p[g * kept.length + k] = counts[g * maxDistance + c]!));
  const s = new SizeMatrixStatistics({ p, levels: levelValues(roi), sizes: Float64Array.from(kept, (c) => c + 1) });
  const value = (tag: string): number => {
    switch (tag) {
      case 'dzm_sde': return s.smallEmphasis();
      case 'dzm_lde': return s.largeEmphasis();
      case 'dzm_lgze': return s.lowGrayLevelEmphasis();
      case 'dzm_hgze': return s.highGrayLevelEmphasis();
      case 'dzm_sdlge': return s.smallLowGrayLevelEmphasis();
      case 'dzm_sdhge': return s.smallHighGrayLevelEmphasis();
      case 'dzm_ldlge': return s.largeLowGrayLevelEmphasis();
      case 'dzm_ldhge': return s.largeHighGrayLevelEmphasis();
      case 'dzm_glnu': return s.grayLevelNonUniformity(false);
      case 'dzm_glnu_norm': return s.grayLevelNonUniformity(true);
      case 'dzm_zdnu': return s.sizeNonUniformity(false);
      case 'dzm_zdnu_norm': return s.sizeNonUniformity(true);
      case 'dzm_z_perc': return zones.length / roi.roi.length;
      case 'dzm_gl_var': return s.grayLevelVariance();
      case 'dzm_zd_var': return s.sizeVariance();
      case 'dzm_zd_entr': return s.entropy();
      default: throw new Error(`IBSI GLDZM: unknown feature '${tag}'`);
    }
  };
  return new Map(enabled.map((t) => [t, value(t)]));
}

/** IBSI grey level distance zone matrix features, keyed by IBSI tag stem. */
export const ibsiGldzm: FeatureFamily = {
  name: 'ibsi',
  features: TAGS.map((name) => ({ name, enabledByDefault: true })),
  compute,
};
