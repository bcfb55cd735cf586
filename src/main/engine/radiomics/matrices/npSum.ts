/**
 * numpy's summation order, for results that must agree with pyradiomics to the last bits where it
 * matters (reductions along a contiguous axis use pairwise summation: numpy `pairwise_sum`, blocks
 * of 128 with 8 partial sums; shorter than 8 terms is a plain loop).
 */

import { pairwiseSum } from '../../image/numpySum';

export { pairwiseSum };

/** `np.nanmean` of a short vector: pairwise sum of the non-NaN values over their count (NaN if none). */
export function nanMean(values: ArrayLike<number>): number {
  const clean = new Float64Array(values.length);
  let count = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (!Number.isNaN(v)) {
      clean[i] = v;
      count++;
    }
  }
  return count === 0 ? NaN : pairwiseSum(clean) / count;
}
