/**
 * numpy's summation order, for results that must agree with pyradiomics to the last bits where it
 * matters (reductions along a contiguous axis use pairwise summation: numpy `pairwise_sum`, blocks
 * of 128 with 8 partial sums; shorter than 8 terms is a plain loop).
 */

/** Σ values[start .. start+n) in numpy's pairwise order. */
export function pairwiseSum(values: ArrayLike<number>, start = 0, n = values.length - start): number {
  if (n < 8) {
    let s = 0;
    for (let i = 0; i < n; i++) s += values[start + i]!;
    return s;
  }
  if (n <= 128) {
    const r = [0, 0, 0, 0, 0, 0, 0, 0];
    for (let k = 0; k < 8; k++) r[k] = values[start + k]!;
    let i = 8;
    for (; i < n - (n % 8); i += 8) for (let k = 0; k < 8; k++) r[k]! += values[start + i + k]!;
    let s = r[0]! + r[1]! + (r[2]! + r[3]!) + (r[4]! + r[5]! + (r[6]! + r[7]!));
    for (; i < n; i++) s += values[start + i]!;
    return s;
  }
  let n2 = Math.floor(n / 2);
  n2 -= n2 % 8;
  return pairwiseSum(values, start, n2) + pairwiseSum(values, start + n2, n - n2);
}

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
