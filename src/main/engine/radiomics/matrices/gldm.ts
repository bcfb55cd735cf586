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

/** 1 when level l lies outside [lo, hi], else 0 (branch-free: (l − lo) or (hi − l) is negative). */
function beyond(l: number, lo: number, hi: number): number {
  return ((l - lo) | (hi - l)) >>> 31;
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
  if (nA === 26) {
    // the 3-D distance-1 neighbourhood with its offsets in locals
    const [s0, s1, s2, s3, s4, s5, s6, s7, s8, s9, s10, s11, s12, s13, s14, s15, s16, s17, s18, s19, s20, s21, s22, s23, s24, s25] = steps as unknown as number[];
    for (let r = 0; r < index.length; r++) {
      const i = index[r]!;
      const g = levels[i]!;
      const lo = from[g]!;
      const hi = lo + span[g]!;
      const outside =
        beyond(levels[i + s0]!, lo, hi) +
        beyond(levels[i + s1]!, lo, hi) +
        beyond(levels[i + s2]!, lo, hi) +
        beyond(levels[i + s3]!, lo, hi) +
        beyond(levels[i + s4]!, lo, hi) +
        beyond(levels[i + s5]!, lo, hi) +
        beyond(levels[i + s6]!, lo, hi) +
        beyond(levels[i + s7]!, lo, hi) +
        beyond(levels[i + s8]!, lo, hi) +
        beyond(levels[i + s9]!, lo, hi) +
        beyond(levels[i + s10]!, lo, hi) +
        beyond(levels[i + s11]!, lo, hi) +
        beyond(levels[i + s12]!, lo, hi) +
        beyond(levels[i + s13]!, lo, hi) +
        beyond(levels[i + s14]!, lo, hi) +
        beyond(levels[i + s15]!, lo, hi) +
        beyond(levels[i + s16]!, lo, hi) +
        beyond(levels[i + s17]!, lo, hi) +
        beyond(levels[i + s18]!, lo, hi) +
        beyond(levels[i + s19]!, lo, hi) +
        beyond(levels[i + s20]!, lo, hi) +
        beyond(levels[i + s21]!, lo, hi) +
        beyond(levels[i + s22]!, lo, hi) +
        beyond(levels[i + s23]!, lo, hi) +
        beyond(levels[i + s24]!, lo, hi) +
        beyond(levels[i + s25]!, lo, hi);
      counts[(g - 1) * columns + nA - outside]! += 1;
    }
  } else {
    for (let r = 0; r < index.length; r++) {
      const i = index[r]!;
      const g = levels[i]!;
      const lo = from[g]!;
      const hi = lo + span[g]!;
      let outside = 0;
      for (let a = 0; a < nA; a++) outside += beyond(levels[i + steps[a]!]!, lo, hi);
      counts[(g - 1) * columns + nA - outside]! += 1;
    }
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
