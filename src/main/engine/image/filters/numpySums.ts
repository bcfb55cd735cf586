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
    let r0 = a[offset]!;
    let r1 = a[offset + 1]!;
    let r2 = a[offset + 2]!;
    let r3 = a[offset + 3]!;
    let r4 = a[offset + 4]!;
    let r5 = a[offset + 5]!;
    let r6 = a[offset + 6]!;
    let r7 = a[offset + 7]!;
    let i = 8;
    for (; i < n - (n % 8); i += 8) {
      const o = offset + i;
      r0 = round(r0 + a[o]!);
      r1 = round(r1 + a[o + 1]!);
      r2 = round(r2 + a[o + 2]!);
      r3 = round(r3 + a[o + 3]!);
      r4 = round(r4 + a[o + 4]!);
      r5 = round(r5 + a[o + 5]!);
      r6 = round(r6 + a[o + 6]!);
      r7 = round(r7 + a[o + 7]!);
    }
    let res = round(round(round(r0 + r1) + round(r2 + r3)) + round(round(r4 + r5) + round(r6 + r7)));
    for (; i < n; i++) res = round(res + a[offset + i]!);
    return res;
  }
  let n2 = Math.floor(n / 2);
  n2 -= n2 % 8;
  return round(pairwiseSum(a, n2, round, offset) + pairwiseSum(a, n - n2, round, offset + n2));
}

/** numpy `mean` of a row: (0 + pairwise sum) / n. */
export function numpyMean(a: ArrayLike<number>, round: Rounding = float64Rounding, n = a.length): number {
  return round(round(0 + pairwiseSum(a, n, round)) / n);
}

/**
 * `scipy.stats.kurtosis(a)` with the defaults pyradiomics uses (Fisher, biased; scipy 1.10):
 * m_k = mean((a − ā)^k) (powers by squaring, as scipy's `_moment`), result m4/m2² − 3, and NaN when
 * m2 ≤ (resolution·ā)² (a constant row), resolution = 1e-15 for a float64 row, 1e-6 for a float32 row
 * (computed in float32 throughout, as numpy does for float32 data; integer rows are float64).
 */
export function fisherKurtosis(a: ArrayLike<number>, float32 = false, scratch?: KurtosisScratch): number {
  const round: Rounding = float32 ? Math.fround : float64Rounding;
  const n = a.length;
  const mean = numpyMean(a, round);
  const squares = scratch && scratch.squares.length >= n ? scratch.squares : new Float64Array(n);
  const fourths = scratch && scratch.fourths.length >= n ? scratch.fourths : new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const d = round(a[i]! - mean);
    const sq = round(d * d);
    squares[i] = sq;
    fourths[i] = round(sq * sq);
  }
  const m2 = numpyMean(squares, round, n);
  const m4 = numpyMean(fourths, round, n);
  const resolution = float32 ? Math.fround(1e-6) : 1e-15;
  const limit = round(resolution * mean);
  if (m2 <= round(limit * limit)) return NaN;
  return round(round(m4 / round(m2 * m2)) - 3);
}

/** Reusable work rows of {@link fisherKurtosis} (at least as long as the rows), to avoid allocating per call. */
export interface KurtosisScratch {
  squares: Float64Array;
  fourths: Float64Array;
}
