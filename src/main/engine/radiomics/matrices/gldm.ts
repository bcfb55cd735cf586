/**
 * Gray Level Dependence Matrix, pyradiomics `cmatrices.c: calculate_gldm` plus the
 * post-processing of `gldm._calculateMatrix` (algorithms.md §8.8; IBSI "NGLDM", REK0).
 */
import type { ExtractionSettings } from '../settings';
import { levelValues, type BinnedRoi } from './binnedRoi';
import { bidirectionalNeighbourhood } from './paddedLevels';

export type GldmSettings = Pick<ExtractionSettings, 'distances' | 'force2D' | 'force2Ddimension' | 'gldm_a'>;

/** The processed GLDM the features are computed from. */
export interface Gldm {
  /** Voxel counts `p[i·J + j]`. */
  p: Float64Array;
  nLevels: number;
  /** J = number of dependence sizes kept (nonzero columns). */
  nSizes: number;
  /** Gray value (original bin number) of row i. */
  levels: Float64Array;
  /** Dependence size of column j: number of dependent neighbours + 1 (the centre voxel). */
  dependenceSizes: Float64Array;
}

/**
 * Dependence counts, `L × (N_a + 1)`: for every ROI voxel i, the number of neighbours j over the
 * bidirectional angles for `distances` that lie inside the grid and the ROI with
 * |g(i) − g(j)| ≤ α (`gldm_a`, compared on bin numbers); row g(i), column = that number.
 */
export function gldmCounts(roi: BinnedRoi, settings: GldmSettings): { counts: Float64Array; columns: number } {
  const { padded, steps, nAngles: nA } = bidirectionalNeighbourhood(roi, settings);
  const L = roi.grayLevels.length;
  const { levels, binOfLevel } = padded;
  const columns = nA + 1;
  const index = padded.roi;
  const alpha = settings.gldm_a;
  const counts = new Float64Array(L * columns);
  // bins grow with the level, so the levels l within α of a centre level g form a range [from_g, from_g + span_g]
  const from = new Int32Array(L + 1);
  const span = new Int32Array(L + 1);
  for (let g = 1, lo = 1, hi = 1; g <= L; g++) {
    while (binOfLevel[g]! - binOfLevel[lo]! > alpha) lo++;
    while (hi < L && binOfLevel[hi + 1]! - binOfLevel[g]! <= alpha) hi++;
    from[g] = lo;
    span[g] = hi - lo;
  }
  for (let r = 0; r < index.length; r++) {
    const i = index[r]!;
    const g = levels[i]!;
    const lo = from[g]!;
    const hi = lo + span[g]!;
    // branch-free: l is outside [lo, hi] iff (l − lo) or (hi − l) is negative
    let outside = 0;
    for (let a = 0; a < nA; a++) {
      const l = levels[i + steps[a]!]!;
      outside += ((l - lo) | (hi - l)) >>> 31;
    }
    counts[(g - 1) * columns + nA - outside]! += 1;
  }
  return { counts, columns };
}

/** GLDM as pyradiomics' features see it: {@link gldmCounts} with all-zero columns deleted. */
export function computeGldm(roi: BinnedRoi, settings: GldmSettings): Gldm {
  const L = roi.grayLevels.length;
  const { counts, columns } = gldmCounts(roi, settings);
  const kept: number[] = [];
  for (let c = 0; c < columns; c++) {
    let t = 0;
    for (let g = 0; g < L; g++) t += counts[g * columns + c]!;
    if (t !== 0) kept.push(c);
  }
  const J = kept.length;
  const p = new Float64Array(L * J);
  for (let g = 0; g < L; g++) for (let c = 0; c < J; c++) p[g * J + c] = counts[g * columns + kept[c]!]!;
  return { p, nLevels: L, nSizes: J, levels: levelValues(roi), dependenceSizes: Float64Array.from(kept, (c) => c + 1) };
}
