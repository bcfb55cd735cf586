/**
 * Angle weights of pyradiomics' `weightingNorm` option, which merges the per-angle matrices into one
 * weighted sum before the features (algorithms.md §8.5, §8.6). Δ = |a|·spacing in numpy (z, y, x)
 * order.
 */
import type { Vec3 } from '../../image/volume';
import type { ExtractionSettings } from '../settings';
import type { Offset } from '../angles';
import { pairwiseSum } from './npSum';

type Norm = NonNullable<ExtractionSettings['weightingNorm']>;

function deltas(a: Offset, spacing: Vec3): [number, number, number] {
  return [Math.abs(a[0]) * spacing[2], Math.abs(a[1]) * spacing[1], Math.abs(a[2]) * spacing[0]];
}

/**
 * GLCM weights (pyradiomics `glcm._calculateMatrix`): infinity w = exp(−(max Δ)²),
 * euclidean w = exp(−ΣΔ²), manhattan w = exp(−(ΣΔ)²), no_weighting w = 1.
 *
 * @param spacing voxel spacing (x, y, z) in mm.
 */
export function glcmAngleWeight(norm: Norm, a: Offset, spacing: Vec3): number {
  const d = deltas(a, spacing);
  switch (norm) {
    case 'infinity':
      return Math.exp(-(Math.max(...d) ** 2));
    case 'euclidean':
      return Math.exp(-(d[0] ** 2 + d[1] ** 2 + d[2] ** 2));
    case 'manhattan':
      return Math.exp(-((d[0] + d[1] + d[2]) ** 2));
    case 'no_weighting':
      return 1;
  }
}

/**
 * GLRLM weights (pyradiomics `glrlm._calculateMatrix`), distances rather than exponentials:
 * infinity w = max Δ, euclidean w = ‖Δ‖₂, manhattan w = ΣΔ, no_weighting w = 1.
 *
 * @param spacing voxel spacing (x, y, z) in mm.
 */
export function glrlmAngleWeight(norm: Norm, a: Offset, spacing: Vec3): number {
  const d = deltas(a, spacing);
  switch (norm) {
    case 'infinity':
      return Math.max(...d);
    case 'euclidean':
      return Math.sqrt(d[0] ** 2 + d[1] ** 2 + d[2] ** 2);
    case 'manhattan':
      return d[0] + d[1] + d[2];
    case 'no_weighting':
      return 1;
  }
}

/**
 * Merges per-angle matrices (angle-major, `cells` entries each) into one: Σ_a w_a·P_a, summed in
 * numpy's order (pairwise over the angle axis).
 */
export function mergeAngles(p: Float64Array, nAngles: number, cells: number, weights: ArrayLike<number>): Float64Array {
  const out = new Float64Array(cells);
  const terms = new Float64Array(nAngles);
  for (let c = 0; c < cells; c++) {
    for (let a = 0; a < nAngles; a++) terms[a] = p[a * cells + c]! * weights[a]!;
    out[c] = pairwiseSum(terms);
  }
  return out;
}
