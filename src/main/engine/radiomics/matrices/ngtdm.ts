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
  // integer sums (bin numbers; outside neighbours add 0): exact in any order; -l >>> 31 is 1 for a level ≥ 1
  if (nA === 26) {
    // the 3-D distance-1 neighbourhood with its offsets in locals
    const [s0, s1, s2, s3, s4, s5, s6, s7, s8, s9, s10, s11, s12, s13, s14, s15, s16, s17, s18, s19, s20, s21, s22, s23, s24, s25] = steps as unknown as number[];
    for (let r = 0; r < index.length; r++) {
      const i = index[r]!;
      const g = levels[i]!;
      const l0 = levels[i + s0]!;
      const l1 = levels[i + s1]!;
      const l2 = levels[i + s2]!;
      const l3 = levels[i + s3]!;
      const l4 = levels[i + s4]!;
      const l5 = levels[i + s5]!;
      const l6 = levels[i + s6]!;
      const l7 = levels[i + s7]!;
      const l8 = levels[i + s8]!;
      const l9 = levels[i + s9]!;
      const l10 = levels[i + s10]!;
      const l11 = levels[i + s11]!;
      const l12 = levels[i + s12]!;
      const l13 = levels[i + s13]!;
      const l14 = levels[i + s14]!;
      const l15 = levels[i + s15]!;
      const l16 = levels[i + s16]!;
      const l17 = levels[i + s17]!;
      const l18 = levels[i + s18]!;
      const l19 = levels[i + s19]!;
      const l20 = levels[i + s20]!;
      const l21 = levels[i + s21]!;
      const l22 = levels[i + s22]!;
      const l23 = levels[i + s23]!;
      const l24 = levels[i + s24]!;
      const l25 = levels[i + s25]!;
      const sum =
        binOfLevel[l0]! +
        binOfLevel[l1]! +
        binOfLevel[l2]! +
        binOfLevel[l3]! +
        binOfLevel[l4]! +
        binOfLevel[l5]! +
        binOfLevel[l6]! +
        binOfLevel[l7]! +
        binOfLevel[l8]! +
        binOfLevel[l9]! +
        binOfLevel[l10]! +
        binOfLevel[l11]! +
        binOfLevel[l12]! +
        binOfLevel[l13]! +
        binOfLevel[l14]! +
        binOfLevel[l15]! +
        binOfLevel[l16]! +
        binOfLevel[l17]! +
        binOfLevel[l18]! +
        binOfLevel[l19]! +
        binOfLevel[l20]! +
        binOfLevel[l21]! +
        binOfLevel[l22]! +
        binOfLevel[l23]! +
        binOfLevel[l24]! +
        binOfLevel[l25]!;
      const count =
        (-l0 >>> 31) +
        (-l1 >>> 31) +
        (-l2 >>> 31) +
        (-l3 >>> 31) +
        (-l4 >>> 31) +
        (-l5 >>> 31) +
        (-l6 >>> 31) +
        (-l7 >>> 31) +
        (-l8 >>> 31) +
        (-l9 >>> 31) +
        (-l10 >>> 31) +
        (-l11 >>> 31) +
        (-l12 >>> 31) +
        (-l13 >>> 31) +
        (-l14 >>> 31) +
        (-l15 >>> 31) +
        (-l16 >>> 31) +
        (-l17 >>> 31) +
        (-l18 >>> 31) +
        (-l19 >>> 31) +
        (-l20 >>> 31) +
        (-l21 >>> 31) +
        (-l22 >>> 31) +
        (-l23 >>> 31) +
        (-l24 >>> 31) +
        (-l25 >>> 31);
      n[g - 1]! += 1;
      if (count > 0) s[g - 1]! += Math.abs(binOfLevel[g]! - sum / count);
    }
  } else {
    for (let r = 0; r < index.length; r++) {
      const i = index[r]!;
      const g = levels[i]!;
      let sum = 0;
      let count = 0;
      for (let a = 0; a < nA; a++) {
        const l = levels[i + steps[a]!]!;
        sum += binOfLevel[l]!;
        count += -l >>> 31;
      }
      n[g - 1]! += 1;
      if (count > 0) s[g - 1]! += Math.abs(binOfLevel[g]! - sum / count);
    }
  }
  return { n, s, levels: levelValues(roi) };
}
