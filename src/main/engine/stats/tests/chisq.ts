/**
 * Pearson chi-square test of independence for an r × c table, as R's
 * `chisq.test(table, correct)` (no simulation).
 */
import { pchisq } from '../distributions';
import { tableMargins } from './contingency';

export interface ChiSquareResult {
  statistic: number;
  df: number;
  pValue: number;
  /** Expected counts E_ij = r_i c_j / N, same orientation as the table. */
  expected: number[][];
  minExpected: number;
  /** True when the Yates continuity correction was applied (2 × 2 tables with `correct` only). */
  yates: boolean;
}

/**
 * X² = Σ_ij (|O_ij − E_ij| − δ)²/E_ij with df = (r − 1)(c − 1) and p = P(χ²_df ≥ X²).
 * δ = 0 except for a 2 × 2 table with `correct`, where R's Yates term is
 * δ = min(0.5, min_ij |O_ij − E_ij|) (one value for the whole table).
 */
export function chiSquareTest(table: readonly (readonly number[])[], correct = true): ChiSquareResult {
  const { rowSums, colSums, total } = tableMargins(table, 'chiSquareTest');
  const r = rowSums.length;
  const c = colSums.length;
  const expected = rowSums.map((ri) => colSums.map((cj) => (ri * cj) / total));
  const yates = correct && r === 2 && c === 2;
  let delta = 0;
  if (yates) {
    delta = 0.5;
    for (let i = 0; i < r; i++) for (let j = 0; j < c; j++) delta = Math.min(delta, Math.abs(table[i][j] - expected[i][j]));
  }
  let statistic = 0;
  let minExpected = Infinity;
  for (let i = 0; i < r; i++) {
    for (let j = 0; j < c; j++) {
      const e = expected[i][j];
      const dev = Math.abs(table[i][j] - e) - delta;
      statistic += (dev * dev) / e;
      minExpected = Math.min(minExpected, e);
    }
  }
  const df = (r - 1) * (c - 1);
  return { statistic, df, pValue: pchisq(statistic, df, false), expected, minExpected, yates };
}
