/**
 * Fisher's exact test of independence, as R's `fisher.test(table)` (two-sided, no simulation):
 * the p-value for any r × c table and, for 2 × 2 tables, the conditional maximum-likelihood odds
 * ratio with its exact confidence interval (Fisher 1935; Cornfield 1956).
 */
import { StatsConvergenceError, StatsInputError } from '../errors';
import { lgamma } from '../special';
import { brentRoot } from '../roots';
import { tableMargins } from './contingency';

/** R's relative tolerance when collecting tables "as or less probable" than the observed one. */
const REL_ERR = 1 + 1e-7;
/** Largest number of r × c tables enumerated before giving up with a clear error. */
const MAX_TABLES = 20_000_000;

export interface FisherResult {
  pValue: number;
  /** Conditional MLE of the odds ratio (2 × 2 only; 0 or Infinity at the edges of the support). */
  oddsRatio: number | null;
  /** Exact conditional confidence interval of the odds ratio (2 × 2 only). */
  oddsRatioCi: [number, number] | null;
  confLevel: number;
}

/**
 * Log of the central hypergeometric weights of X = table[0][0] over its support lo..hi, up to an
 * additive constant, from the ratio P(u+1)/P(u) = (m−u)(k−u)/((u+1)(n−k+u+1)) where
 * m, n are the column totals and k the first row total.
 */
function hypergeometricLogWeights(m: number, n: number, k: number): { lo: number; logW: Float64Array } {
  const lo = Math.max(0, k - n);
  const hi = Math.min(k, m);
  const logW = new Float64Array(hi - lo + 1);
  for (let u = lo; u < hi; u++) {
    logW[u - lo + 1] = logW[u - lo] + Math.log(((m - u) * (k - u)) / ((u + 1) * (n - k + u + 1)));
  }
  return { lo, logW };
}

/** Probabilities of the noncentral hypergeometric with log odds ratio θ: ∝ w(u)·e^(uθ). */
function noncentralProbabilities(lo: number, logW: Float64Array, theta: number): Float64Array {
  const lw = logW.map((w, i) => w + (lo + i) * theta);
  let max = -Infinity;
  for (const v of lw) max = Math.max(max, v);
  const p = lw.map((v) => Math.exp(v - max));
  let s = 0;
  for (const v of p) s += v;
  return p.map((v) => v / s);
}

/** Finds θ with g(θ) = 0 for a monotone g by expanding a symmetric bracket, then Brent. */
function solveLogOdds(g: (theta: number) => number): number {
  let b = 1;
  while (g(-b) > 0 === g(b) > 0) {
    b *= 2;
    if (b > 1e4) throw new StatsConvergenceError('fisherExactTest: odds-ratio root not bracketed');
  }
  return brentRoot(g, -b, b);
}

function fisher2x2(table: readonly (readonly number[])[], confLevel: number): FisherResult {
  const x = table[0][0];
  const m = table[0][0] + table[1][0];
  const n = table[0][1] + table[1][1];
  const k = table[0][0] + table[0][1];
  const { lo, logW } = hypergeometricLogWeights(m, n, k);
  const hi = lo + logW.length - 1;
  const d = noncentralProbabilities(lo, logW, 0);
  const limit = d[x - lo] * REL_ERR;
  let pValue = 0;
  for (const v of d) if (v <= limit) pValue += v;
  pValue = Math.min(1, pValue);

  const tailAtLeast = (theta: number): number => {
    const p = noncentralProbabilities(lo, logW, theta);
    let s = 0;
    for (let u = x; u <= hi; u++) s += p[u - lo];
    return s;
  };
  const tailAtMost = (theta: number): number => {
    const p = noncentralProbabilities(lo, logW, theta);
    let s = 0;
    for (let u = lo; u <= x; u++) s += p[u - lo];
    return s;
  };
  const mean = (theta: number): number => {
    const p = noncentralProbabilities(lo, logW, theta);
    let s = 0;
    for (let i = 0; i < p.length; i++) s += (lo + i) * p[i];
    return s;
  };
  const alpha = (1 - confLevel) / 2;
  const oddsRatio = x === lo ? 0 : x === hi ? Infinity : Math.exp(solveLogOdds((t) => mean(t) - x));
  const lower = x === lo ? 0 : Math.exp(solveLogOdds((t) => tailAtLeast(t) - alpha));
  const upper = x === hi ? Infinity : Math.exp(solveLogOdds((t) => alpha - tailAtMost(t)));
  return { pValue, oddsRatio, oddsRatioCi: [lower, upper], confLevel };
}

function fisherRxC(table: readonly (readonly number[])[], rowSums: number[], colSums: number[], total: number): number {
  const r = rowSums.length;
  const c = colSums.length;
  const lf = Float64Array.from({ length: total + 1 }, (_, i) => lgamma(i + 1));
  let logConst = -lf[total];
  for (const s of rowSums) logConst += lf[s];
  for (const s of colSums) logConst += lf[s];
  let obs = logConst;
  for (const row of table) for (const v of row) obs -= lf[v];
  const limit = obs + Math.log(REL_ERR);

  const rowLeft = [...rowSums];
  let pValue = 0;
  let tables = 0;
  // Fill column j, row i; `colLeft` is what column j still has to place, `acc` the log-probability so far.
  const fill = (j: number, i: number, colLeft: number, acc: number): void => {
    if (j === c - 1) {
      // The last column is forced by the row totals.
      let a = acc;
      for (let t = 0; t < r; t++) a -= lf[rowLeft[t]];
      if (++tables > MAX_TABLES) {
        throw new StatsInputError(`fisherExactTest: more than ${MAX_TABLES} tables to enumerate; table too large`);
      }
      if (a <= limit) pValue += Math.exp(a);
      return;
    }
    if (i === r - 1) {
      if (colLeft > rowLeft[i]) return;
      rowLeft[i] -= colLeft;
      fill(j + 1, 0, colSums[j + 1], acc - lf[colLeft]);
      rowLeft[i] += colLeft;
      return;
    }
    let capacityBelow = 0;
    for (let t = i + 1; t < r; t++) capacityBelow += rowLeft[t];
    const min = Math.max(0, colLeft - capacityBelow);
    const max = Math.min(rowLeft[i], colLeft);
    for (let v = min; v <= max; v++) {
      rowLeft[i] -= v;
      fill(j, i + 1, colLeft - v, acc - lf[v]);
      rowLeft[i] += v;
    }
  };
  fill(0, 0, colSums[0], logConst);
  return Math.min(1, pValue);
}

/**
 * Two-sided Fisher exact test. The p-value sums the hypergeometric probabilities (fixed margins)
 * of every table whose probability is ≤ (1 + 1e-7) × that of the observed table. For 2 × 2
 * tables the odds ratio is the conditional MLE ψ̂ solving E_ψ[X₁₁] = x₁₁ under the noncentral
 * hypergeometric law, and the CI solves P_ψL(X₁₁ ≥ x₁₁) = α/2 and P_ψU(X₁₁ ≤ x₁₁) = α/2.
 * R finds these roots with `uniroot` at ~1e-4 tolerance; here they are solved to machine
 * precision, so ψ̂ agrees with R only to ~1e-4 relative. Larger tables are enumerated exactly
 * (R uses the network algorithm; the sums are the same).
 */
export function fisherExactTest(table: readonly (readonly number[])[], confLevel = 0.95): FisherResult {
  if (!(confLevel > 0 && confLevel < 1)) throw new StatsInputError(`fisherExactTest: confLevel ${confLevel} not in (0, 1)`);
  const { rowSums, colSums, total } = tableMargins(table, 'fisherExactTest');
  if (rowSums.length === 2 && colSums.length === 2) return fisher2x2(table, confLevel);
  return { pValue: fisherRxC(table, rowSums, colSums, total), oddsRatio: null, oddsRatioCi: null, confLevel };
}
