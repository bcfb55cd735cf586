/**
 * Descriptive statistics for "Table 1": type-7 quantiles, median [IQR], mean ± SD and level
 * counts with percentages (R: `quantile`, `median`, `mean`, `sd`, `table`).
 */
import { StatsInputError, assertFinite } from './errors';

/** Ascending sorted copy of finite values; throws on NaN/Inf or an empty sample. */
export function sortedFinite(x: ArrayLike<number>, what: string): Float64Array {
  if (x.length === 0) throw new StatsInputError(`${what}: empty sample`);
  assertFinite(x, what);
  return Float64Array.from(x).sort();
}

/** Type-7 quantile of an already ascending-sorted sample (see {@link quantileType7}). */
export function quantileSorted(sorted: ArrayLike<number>, p: number): number {
  if (!(p >= 0 && p <= 1)) throw new StatsInputError(`quantile: probability ${p} outside [0, 1]`);
  const n = sorted.length;
  if (n === 0) throw new StatsInputError('quantile: empty sample');
  const index = (n - 1) * p;
  const lo = Math.floor(index);
  const hi = Math.ceil(index);
  const h = index - lo;
  const qlo = sorted[lo];
  if (h === 0 || sorted[hi] === qlo) return qlo;
  return (1 - h) * qlo + h * sorted[hi];
}

/**
 * Sample quantiles, Hyndman & Fan type 7 (R's default `quantile(x, probs)`):
 * with h = (n − 1)p, Q(p) = (1 − (h − ⌊h⌋))·x₍⌊h⌋₊₁₎ + (h − ⌊h⌋)·x₍⌈h⌉₊₁₎ on the order statistics.
 */
export function quantileType7(x: ArrayLike<number>, probs: readonly number[]): number[] {
  const s = sortedFinite(x, 'quantile');
  return probs.map((p) => quantileSorted(s, p));
}

/** Sample median (R's `median`: mean of the two middle values when n is even). */
export function median(x: ArrayLike<number>): number {
  const s = sortedFinite(x, 'median');
  const n = s.length;
  const h = n >> 1;
  return n % 2 === 1 ? s[h] : (s[h - 1] + s[h]) / 2;
}

/** Median with its first and third type-7 quartiles, as reported "median [Q1, Q3]". */
export interface MedianIqr {
  n: number;
  median: number;
  q1: number;
  q3: number;
}

/** Median [IQR] of a sample (R: `median(x)`, `quantile(x, c(.25, .75))`). */
export function medianIqr(x: ArrayLike<number>): MedianIqr {
  const s = sortedFinite(x, 'medianIqr');
  return { n: s.length, median: median(s), q1: quantileSorted(s, 0.25), q3: quantileSorted(s, 0.75) };
}

/** Sample mean and standard deviation with divisor n − 1 (R: `mean`, `sd`). */
export interface MeanSd {
  n: number;
  mean: number;
  sd: number;
}

/**
 * Mean x̄ = Σx/n and SD s = √(Σ(x − x̄)²/(n − 1)), two-pass for accuracy (R: `mean`, `sd`).
 * Throws for fewer than two values (the SD is undefined).
 */
export function meanSd(x: ArrayLike<number>): MeanSd {
  assertFinite(x, 'meanSd');
  const n = x.length;
  if (n < 2) throw new StatsInputError(`meanSd: need at least 2 values for a standard deviation, got ${n}`);
  let sum = 0;
  for (let i = 0; i < n; i++) sum += x[i];
  const mean = sum / n;
  let ss = 0;
  for (let i = 0; i < n; i++) ss += (x[i] - mean) * (x[i] - mean);
  return { n, mean, sd: Math.sqrt(ss / (n - 1)) };
}

/** One level of a categorical variable: its count and percentage of the non-missing total. */
export interface LevelCount<L> {
  level: L;
  count: number;
  percent: number;
}

/**
 * Counts and percentages (100·count/n) per level (R: `table(x)`, `prop.table`). Levels are
 * `levels` in the given order when supplied (values outside them throw), else the distinct values
 * sorted ascending (numbers numerically, strings by code unit as R's C locale).
 */
export function levelCounts<L extends string | number>(values: readonly L[], levels?: readonly L[]): LevelCount<L>[] {
  if (values.length === 0) throw new StatsInputError('levelCounts: empty sample');
  for (const v of values) {
    if (typeof v === 'number' && !Number.isFinite(v)) throw new StatsInputError(`levelCounts: value ${v} not allowed`);
  }
  const lv = levels ? [...levels] : [...new Set(values)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const counts = new Map<L, number>(lv.map((l) => [l, 0]));
  for (const v of values) {
    const c = counts.get(v);
    if (c === undefined) throw new StatsInputError(`levelCounts: value ${String(v)} is not one of the given levels`);
    counts.set(v, c + 1);
  }
  return lv.map((level) => {
    const count = counts.get(level) as number;
    return { level, count, percent: (100 * count) / values.length };
  });
}

/**
 * Contingency table of two categorical variables: `table[i][j]` counts rows with
 * `rows[k] = rowLevels[i]` and `cols[k] = colLevels[j]` (R: `table(rows, cols)`).
 */
export function crossTable<R extends string | number, C extends string | number>(
  rows: readonly R[],
  cols: readonly C[],
  rowLevels: readonly R[],
  colLevels: readonly C[],
): number[][] {
  if (rows.length !== cols.length) throw new StatsInputError(`crossTable: ${rows.length} rows vs ${cols.length} columns`);
  const table = rowLevels.map(() => colLevels.map(() => 0));
  for (let k = 0; k < rows.length; k++) {
    const i = rowLevels.indexOf(rows[k]);
    const j = colLevels.indexOf(cols[k]);
    if (i < 0 || j < 0) throw new StatsInputError(`crossTable: value (${String(rows[k])}, ${String(cols[k])}) outside the levels`);
    table[i][j]++;
  }
  return table;
}
