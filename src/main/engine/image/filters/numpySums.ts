/**
 * numpy's summation and the moments scipy derives from it, for the short rows pyradiomics reduces
 * (LBP3D's 42 icosphere samples per voxel). numpy `add.reduce` along a contiguous axis starts from 0
 * and adds the pairwise sum of the row (`pairwise_sum`: plain loop below 8 elements, eight
 * interleaved partial sums up to 128, recursive halving above).
 */

/** Rounding applied after each operation: identity for float64 rows, Math.fround for float32 rows. */
export type Rounding = (x: number) => number;

/** No rounding: float64 arithmetic. */
const float64Rounding: Rounding = (x) => x;

/** numpy pairwise sum of `a[0 … n − 1]` with every addition rounded by `round`. */
export function pairwiseSum(a: ArrayLike<number>, n: number, round: Rounding = float64Rounding, offset = 0): number {
  if (n < 8) {
    let res = 0;
    for (let i = 0; i < n; i++) res = round(res + a[offset + i]!);
    return res;
  }
  if (n <= 128) {
    const r = [0, 1, 2, 3, 4, 5, 6, 7].map((j) => a[offset + j]!);
    let i = 8;
    for (; i < n - (n % 8); i += 8) for (let j = 0; j < 8; j++) r[j] = round(r[j]! + a[offset + i + j]!);
    let res = round(round(round(r[0]! + r[1]!) + round(r[2]! + r[3]!)) + round(round(r[4]! + r[5]!) + round(r[6]! + r[7]!)));
    for (; i < n; i++) res = round(res + a[offset + i]!);
    return res;
  }
  let n2 = Math.floor(n / 2);
  n2 -= n2 % 8;
  return round(pairwiseSum(a, n2, round, offset) + pairwiseSum(a, n - n2, round, offset + n2));
}

/** numpy `mean` of a row: (0 + pairwise sum) / n. */
export function numpyMean(a: ArrayLike<number>, round: Rounding = float64Rounding): number {
  return round(round(0 + pairwiseSum(a, a.length, round)) / a.length);
}

/**
 * `scipy.stats.kurtosis(a)` with the defaults pyradiomics uses (Fisher, biased; scipy 1.10):
 * m_k = mean((a − ā)^k) (powers by squaring, as scipy's `_moment`), result m4/m2² − 3, and NaN when
 * m2 ≤ (resolution·ā)² (a constant row), resolution = 1e-15 for a float64 row, 1e-6 for a float32 row
 * (computed in float32 throughout, as numpy does for float32 data; integer rows are float64).
 */
export function fisherKurtosis(a: ArrayLike<number>, float32 = false): number {
  const round: Rounding = float32 ? Math.fround : float64Rounding;
  const n = a.length;
  const mean = numpyMean(a, round);
  const squares = new Float64Array(n);
  const fourths = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const d = round(a[i]! - mean);
    squares[i] = round(d * d);
    fourths[i] = round(squares[i]! * squares[i]!);
  }
  const m2 = numpyMean(squares, round);
  const m4 = numpyMean(fourths, round);
  const resolution = float32 ? Math.fround(1e-6) : 1e-15;
  const limit = round(resolution * mean);
  if (m2 <= round(limit * limit)) return NaN;
  return round(round(m4 / round(m2 * m2)) - 3);
}
