import { describe, expect, it } from 'vitest';
import { orderStatistics } from '../../../../../src/main/engine/radiomics/orderStatistics';

/** Deterministic pseudo-random values. */
function values(n: number, seed: number, distinct: number): Float64Array {
  let s = seed;
  return Float64Array.from({ length: n }, () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return Math.floor((s / 2147483648) * distinct) - distinct / 2;
  });
}

describe('orderStatistics (bucket select, then multi-rank quickselect)', () => {
  it('large samples: uniform, heavily tied, skewed (one bucket holding most values), signed zeros and huge ranges match the sort', () => {
    const n = 50_000;
    const uniform = values(n, 1, 1e9).map((v) => v / 3);
    const tied = values(n, 2, 4);
    const skewed = values(n, 3, 1e6).map((v) => Math.exp(v / 4e4));
    const zeros = values(n, 4, 3).map((v, i) => (v === 0 && i % 2 ? -0 : v));
    const huge = values(n, 5, 1e6).map((v, i) => (i === 7 ? 1.7e308 : i === 9 ? -1.7e308 : v));
    const ranks = [0, n - 1, n >> 1, (n >> 1) - 1, 4999, 5000, 12499, 12500, 37499, 37500, 44999, 45000];
    for (const v of [uniform, tied, skewed, zeros, huge]) {
      const sorted = Float64Array.from(v).sort();
      const got = orderStatistics(v, ranks);
      for (const k of ranks) expect(Object.is(got.get(k), sorted[k])).toBe(true);
    }
  });

  it('returns the entries of the sorted copy at every requested rank (duplicates, floats, short and long samples)', () => {
    for (const [n, distinct] of [[1, 5], [7, 3], [33, 1000], [1000, 7], [20_001, 1e6]] as const) {
      const v = values(n, n, distinct);
      if (distinct > 100) for (let i = 0; i < n; i += 3) v[i] = v[i]! / 7;
      const sorted = Float64Array.from(v).sort();
      const ranks = [...new Set([0, n - 1, n >> 1, Math.floor((n - 1) * 0.1), Math.floor((n - 1) * 0.9), Math.min(n - 1, 5)])];
      const got = orderStatistics(v, ranks);
      for (const k of ranks) expect(Object.is(got.get(k), sorted[k])).toBe(true);
    }
  });

  it('orders −0 before +0 as Float64Array sort does, and leaves the input untouched', () => {
    const v = Float64Array.from([0, -0, 3, -1, 0, -0, -0, 2, 0, -5, ...new Array(40).fill(0).map((_, i) => (i % 2 ? 0 : -0))]);
    const copy = Float64Array.from(v);
    const sorted = Float64Array.from(v).sort();
    const ranks = v.map((_, k) => k);
    const got = orderStatistics(v, [...ranks]);
    for (const k of ranks) expect(Object.is(got.get(k), sorted[k])).toBe(true);
    expect(Array.from(v)).toEqual(Array.from(copy));
  });

  it('puts NaN last, like the sort', () => {
    const v = [3, NaN, 1, 2];
    const got = orderStatistics(v, [0, 3]);
    expect(got.get(0)).toBe(1);
    expect(got.get(3)).toBeNaN();
  });

  it('rejects ranks outside the sample', () => {
    expect(() => orderStatistics([1, 2], [2])).toThrow(/rank 2/);
  });
});
