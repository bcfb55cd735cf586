/**
 * numpy's floating-point summation, reproduced operation for operation so that means, variances and
 * moments agree with pyradiomics to the last bit where it matters (flat regions, cancellation).
 *
 * `np.add.reduce` over a contiguous float64 axis starts from the identity 0 and adds numpy's
 * pairwise sum (`@TYPE@_pairwise_sum`, numpy/core/src/umath/loops_utils.h.src):
 *  - n < 8: left-to-right sum;
 *  - n ≤ 128: eight running accumulators r_j = Σ a[8k + j], combined as
 *    ((r₀ + r₁) + (r₂ + r₃)) + ((r₄ + r₅) + (r₆ + r₇)), then the n mod 8 tail left to right;
 *  - otherwise: split at n₂ = ⌊n/2⌋ − (⌊n/2⌋ mod 8) and add the two halves' pairwise sums.
 */

/** Pairwise sum of `a[start .. start + n)`, numpy's `pairwise_sum`. */
export function pairwiseSum(a: ArrayLike<number>, start = 0, n = a.length - start): number {
  if (n < 8) {
    let res = 0;
    for (let i = 0; i < n; i++) res += a[start + i]!;
    return res;
  }
  if (n <= 128) {
    let r0 = a[start]!;
    let r1 = a[start + 1]!;
    let r2 = a[start + 2]!;
    let r3 = a[start + 3]!;
    let r4 = a[start + 4]!;
    let r5 = a[start + 5]!;
    let r6 = a[start + 6]!;
    let r7 = a[start + 7]!;
    const end = n - (n % 8);
    let i = 8;
    for (; i < end; i += 8) {
      const o = start + i;
      r0 += a[o]!;
      r1 += a[o + 1]!;
      r2 += a[o + 2]!;
      r3 += a[o + 3]!;
      r4 += a[o + 4]!;
      r5 += a[o + 5]!;
      r6 += a[o + 6]!;
      r7 += a[o + 7]!;
    }
    let res = r0 + r1 + (r2 + r3) + (r4 + r5 + (r6 + r7));
    for (; i < n; i++) res += a[start + i]!;
    return res;
  }
  let n2 = Math.floor(n / 2);
  n2 -= n2 % 8;
  return pairwiseSum(a, start, n2) + pairwiseSum(a, start + n2, n - n2);
}

/**
 * The same pairwise tree for a float32 array summed in float32 (numpy ≥ 2 keeps float32 sums in
 * float32): every addition is rounded with Math.fround. `a` holds float32 values exactly.
 */
export function pairwiseSumFloat32(a: ArrayLike<number>, start = 0, n = a.length - start): number {
  const f = Math.fround;
  if (n < 8) {
    let res = 0;
    for (let i = 0; i < n; i++) res = f(res + a[start + i]!);
    return res;
  }
  if (n <= 128) {
    const r = [0, 1, 2, 3, 4, 5, 6, 7].map((j) => a[start + j]!);
    const end = n - (n % 8);
    let i = 8;
    for (; i < end; i += 8) for (let j = 0; j < 8; j++) r[j] = f(r[j]! + a[start + i + j]!);
    let res = f(f(f(r[0]! + r[1]!) + f(r[2]! + r[3]!)) + f(f(r[4]! + r[5]!) + f(r[6]! + r[7]!)));
    for (; i < n; i++) res = f(res + a[start + i]!);
    return res;
  }
  let n2 = Math.floor(n / 2);
  n2 -= n2 % 8;
  return f(pairwiseSumFloat32(a, start, n2) + pairwiseSumFloat32(a, start + n2, n - n2));
}
