/**
 * Neighbouring Gray Tone Difference Matrix, pyradiomics `cmatrices.c: calculate_ngtdm` plus
 * `ngtdm._calculateMatrix` (algorithms.md §8.9; IBSI "NGTDM", IPET).
 */
import type { ExtractionSettings } from '../settings';
import { levelValues, type BinnedRoi } from './binnedRoi';
import { bidirectionalNeighbourhood } from './paddedLevels';

export type NgtdmSettings = Pick<ExtractionSettings, 'distances' | 'force2D' | 'force2Ddimension'>;

/** The NGTDM over the present gray levels (pyradiomics' (Ng, 3) matrix, one array per column). */
export interface Ngtdm {
  /** n_i: ROI voxels with gray level i (every ROI voxel counts, with or without neighbours). */
  n: Float64Array;
  /** s_i = Σ |i − Ā| over those voxels, Ā the mean level of their ROI neighbours (0 if none). */
  s: Float64Array;
  /** Gray value i (original bin number). */
  levels: Float64Array;
}

/**
 * Ā over the bidirectional angles for `distances` (the centre excluded), counting only neighbours
 * inside the grid and the ROI: Ā = Σ g(j) / W. A voxel with W = 0 adds |diff| = 0 but is counted
 * in n_i (pyradiomics; IBSI excludes it). Accumulated in ROI index order, as pyradiomics does.
 */
export function computeNgtdm(roi: BinnedRoi, settings: NgtdmSettings): Ngtdm {
  const { padded, steps, nAngles: nA } = bidirectionalNeighbourhood(roi, settings);
  const L = roi.grayLevels.length;
  const { levels, binOfLevel } = padded;
  const index = padded.roi;
  const n = new Float64Array(L);
  const s = new Float64Array(L);
  for (let r = 0; r < index.length; r++) {
    const i = index[r]!;
    const g = levels[i]!;
    // integer sums (bin numbers; outside neighbours add 0): exact in any order
    let sum = 0;
    let count = 0;
    for (let a = 0; a < nA; a++) {
      const l = levels[i + steps[a]!]!;
      sum += binOfLevel[l]!;
      count += -l >>> 31; // 1 for a level ≥ 1
    }
    n[g - 1]! += 1;
    if (count > 0) s[g - 1]! += Math.abs(binOfLevel[g]! - sum / count);
  }
  return { n, s, levels: levelValues(roi) };
}
