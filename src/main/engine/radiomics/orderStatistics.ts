/**
 * Order statistics of a sample without sorting it: the value at each requested rank of the ascending
 * order `Float64Array.prototype.sort` produces (numpy's `sort` order: −0 before +0, NaN last), found
 * by multi-rank quickselect (Hoare's FIND with three-way partitioning and median-of-three pivots,
 * falling back to a sort of the sub-range past a depth limit, as introselect does): O(n·log r) work
 * for r ranks instead of the O(n·log n) of a full sort. Used for pyradiomics' percentiles, median,
 * minimum and maximum (numpy `percentile` / `median` read the same order statistics).
 */

/** Ranks of a sub-range at or below this length are read from a sorted copy. */
const SMALL = 32;

/**
 * Value of `values` at each rank (0-based, ascending order) in `ranks`: the entries of
 * `Float64Array.from(values).sort()` at those ranks, bit for bit.
 */
export function orderStatistics(values: ArrayLike<number>, ranks: readonly number[]): Map<number, number> {
  const n = values.length;
  const out = new Map<number, number>();
  for (const k of ranks) if (!(Number.isInteger(k) && k >= 0 && k < n)) throw new Error(`orderStatistics: rank ${k} outside [0, ${n})`);
  const a = Float64Array.from(values);
  let negatives = 0;
  let negativeZeros = 0;
  for (let i = 0; i < n; i++) {
    const v = a[i]!;
    if (v !== v) {
      // NaN: sort's order puts it last; rare enough to take the plain route
      a.sort();
      for (const k of ranks) out.set(k, a[k]!);
      return out;
    }
    if (v < 0) negatives++;
    else if (v === 0 && 1 / v < 0) negativeZeros++;
  }
  const wanted = [...new Set(ranks)].sort((p, q) => p - q);
  select(a, 0, n, wanted, 0, wanted.length, out, 2 * Math.ceil(Math.log2(n + 1)) + 8);
  // zeros compare equal while selecting; sorted, the −0s come first in the zero block
  for (const [k, v] of out) if (v === 0) out.set(k, k < negatives + negativeZeros ? -0 : 0);
  return out;
}

/** Find ranks wanted[r0 … r1) (sorted, inside [lo, hi)) in a[lo … hi), partitioning in place. */
function select(a: Float64Array, lo: number, hi: number, wanted: readonly number[], r0: number, r1: number, out: Map<number, number>, depth: number): void {
  if (r0 >= r1) return;
  if (hi - lo <= SMALL || depth === 0) {
    const part = a.subarray(lo, hi).sort();
    for (let r = r0; r < r1; r++) out.set(wanted[r]!, part[wanted[r]! - lo]!);
    return;
  }
  const pivot = medianOfThree(a[lo]!, a[(lo + hi) >>> 1]!, a[hi - 1]!);
  // three-way partition: a[lo … lt) < pivot, a[lt … gt) == pivot, a[gt … hi) > pivot
  let lt = lo;
  let i = lo;
  let gt = hi;
  while (i < gt) {
    const v = a[i]!;
    if (v < pivot) {
      a[i] = a[lt]!;
      a[lt++] = v;
      i++;
    } else if (v > pivot) {
      a[i] = a[--gt]!;
      a[gt] = v;
    } else {
      i++;
    }
  }
  let r = r0;
  const leftEnd = lowerBound(wanted, r0, r1, lt);
  select(a, lo, lt, wanted, r, leftEnd, out, depth - 1);
  for (r = leftEnd; r < r1 && wanted[r]! < gt; r++) out.set(wanted[r]!, pivot);
  select(a, gt, hi, wanted, r, r1, out, depth - 1);
}

/** First index r in [r0, r1) with wanted[r] ≥ bound. */
function lowerBound(wanted: readonly number[], r0: number, r1: number, bound: number): number {
  let r = r0;
  while (r < r1 && wanted[r]! < bound) r++;
  return r;
}

function medianOfThree(p: number, q: number, s: number): number {
  if (p < q) return q < s ? q : p < s ? s : p;
  return p < s ? p : q < s ? s : q;
}
