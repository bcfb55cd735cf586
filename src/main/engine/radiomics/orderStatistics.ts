/**
 * Order statistics of a sample without sorting it: the value at each requested rank of the ascending
 * order `Float64Array.prototype.sort` produces (numpy's `sort` order: −0 before +0, NaN last), found
 * by a bucket (distribution) select: one counting pass over equal-width value buckets locates the
 * bucket of every requested rank, and only those buckets' values are gathered and searched further
 * (again by buckets when one holds much of the sample, else by multi-rank quickselect: Hoare's FIND
 * with three-way partitioning and median-of-three pivots, sorting the sub-range past a depth limit as
 * introselect does). The bucket of v is ⌊(v − min)·B/(max − min)⌋, monotone in v, so bucket order is
 * value order. O(n) work for a few ranks instead of the O(n·log n) of a full sort. Used for pyradiomics' percentiles, median,
 * minimum and maximum (numpy `percentile` / `median` read the same order statistics).
 */

/** Ranks of a sub-range at or below this length are read from a sorted copy. */
const SMALL = 32;
/** Below this many values the quickselect alone is as fast as counting buckets. */
const BUCKET_MIN = 4096;
/** Bucket rounds before a still-large bucket goes to the quickselect (heavily tied or skewed data). */
const BUCKET_ROUNDS = 3;

/**
 * Values of `a` (no NaN) at the ascending ranks `wanted` into `out` (zeros of either sign compare
 * equal here; the caller restores −0). `a` may be reordered.
 */
function bucketSelect(a: Float64Array, wanted: readonly number[], out: Map<number, number>, rounds: number): void {
  const n = a.length;
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < n; i++) {
    const v = a[i]!;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  const scale0 = 1 / (max - min);
  if (n < BUCKET_MIN || rounds === 0 || !(max > min) || !Number.isFinite(scale0) || !Number.isFinite(max - min)) {
    select(a, 0, n, wanted, 0, wanted.length, out, 2 * Math.ceil(Math.log2(n + 1)) + 8);
    return;
  }
  const buckets = Math.min(1 << 16, 1 << Math.ceil(Math.log2(n / 4)));
  const scale = buckets * scale0;
  const last = buckets - 1;
  const counts = new Int32Array(buckets);
  for (let i = 0; i < n; i++) counts[Math.min(last, Math.floor((a[i]! - min) * scale))]!++;
  // the bucket of each wanted rank, and that rank within its bucket
  const slot = new Int32Array(buckets).fill(-1);
  const groups: { start: number; size: number; ranks: number[] }[] = [];
  for (let b = 0, start = 0, r = 0; b < buckets && r < wanted.length; start += counts[b++]!) {
    const end = start + counts[b]!;
    while (r < wanted.length && wanted[r]! < end) {
      if (slot[b] < 0) {
        slot[b] = groups.length;
        groups.push({ start, size: counts[b]!, ranks: [] });
      }
      groups[slot[b]!]!.ranks.push(wanted[r++]! - start);
    }
  }
  const members = groups.map((g) => new Float64Array(g.size));
  const filled = new Int32Array(groups.length);
  for (let i = 0; i < n; i++) {
    const v = a[i]!;
    const g = slot[Math.min(last, Math.floor((v - min) * scale))]!;
    if (g >= 0) members[g]![filled[g]!++] = v;
  }
  groups.forEach((g, k) => {
    const found = new Map<number, number>();
    bucketSelect(members[k]!, g.ranks, found, rounds - 1);
    for (const [rank, v] of found) out.set(rank + g.start, v);
  });
}

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
  bucketSelect(a, wanted, out, BUCKET_ROUNDS);
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
