/**
 * Wilcoxon rank-sum (Mann–Whitney) test for two independent samples, as R's
 * `wilcox.test(x, y, alternative = "two.sided", correct, exact = NULL)`.
 */
import { StatsInputError, assertFinite } from '../errors';
import { pnorm } from '../distributions';
import { midRanks } from '../ranks';

export interface WilcoxonResult {
  nX: number;
  nY: number;
  /** W = Σ ranks(x) − nX(nX + 1)/2: the Mann–Whitney U of x (R's `statistic`). */
  W: number;
  /** U of y = nX·nY − W. */
  uY: number;
  /** Two-sided p-value. */
  pValue: number;
  /** True when the exact null distribution was used (nX < 50, nY < 50, no ties). */
  exact: boolean;
  /** True when the continuity correction was applied (normal approximation only). */
  continuity: boolean;
  hasTies: boolean;
  /** Normal-approximation z (null for the exact test). */
  z: number | null;
  /** R's `method` string. */
  method: string;
}

/**
 * Exact null distribution of U for sample sizes m and n without ties: `counts[u]` is the number
 * of the C(m+n, m) rank arrangements giving U = u, from the recursion
 * f(i, j, u) = f(i − 1, j, u − j) + f(i, j − 1, u) (Mann & Whitney 1947). Only additions of
 * positive numbers, so the probabilities are accurate to ~(m+n) ulp.
 */
export function mannWhitneyCounts(m: number, n: number): Float64Array {
  // prev[j] = distribution for (i − 1, j); cur[j] for (i, j).
  let prev: Float64Array[] = Array.from({ length: n + 1 }, () => Float64Array.of(1));
  for (let i = 1; i <= m; i++) {
    const cur: Float64Array[] = [Float64Array.of(1)];
    for (let j = 1; j <= n; j++) {
      const f = new Float64Array(i * j + 1);
      const a = prev[j]; // (i − 1, j), shifted by j
      for (let u = 0; u < a.length; u++) f[u + j] += a[u];
      const b = cur[j - 1]; // (i, j − 1)
      for (let u = 0; u < b.length; u++) f[u] += b[u];
      cur.push(f);
    }
    prev = cur;
  }
  return prev[n];
}

/**
 * Two-sided Wilcoxon rank-sum test of x against y.
 *
 * W = Σ_{i∈x} R_i − nX(nX+1)/2 with mid-ranks R. Exact p (R's default `exact = NULL`) when
 * nX < 50, nY < 50 and there are no ties: p = min(1, 2·P(U ≤ W)) for W ≤ nXnY/2, else
 * min(1, 2·P(U ≥ W)). Otherwise the normal approximation
 * z = (W − nXnY/2 − c)/σ, σ² = (nXnY/12)·[(N + 1) − Σ(t³ − t)/(N(N − 1))],
 * c = 0.5·sign(W − nXnY/2) when `correct`, p = 2·min(Φ(z), 1 − Φ(z)).
 */
export function wilcoxonRankSum(x: ArrayLike<number>, y: ArrayLike<number>, correct = true): WilcoxonResult {
  const nX = x.length;
  const nY = y.length;
  if (nX === 0 || nY === 0) throw new StatsInputError(`wilcoxonRankSum: empty group (nX=${nX}, nY=${nY})`);
  assertFinite(x, 'wilcoxonRankSum x');
  assertFinite(y, 'wilcoxonRankSum y');
  const all = new Float64Array(nX + nY);
  all.set(Array.from(x));
  all.set(Array.from(y), nX);
  const { ranks, tieSizes } = midRanks(all);
  let rankSumX = 0;
  for (let i = 0; i < nX; i++) rankSumX += ranks[i];
  const W = rankSumX - (nX * (nX + 1)) / 2;
  const hasTies = tieSizes.some((t) => t > 1);
  const exact = nX < 50 && nY < 50 && !hasTies;
  const base = { nX, nY, W, uY: nX * nY - W, hasTies };
  if (exact) {
    const counts = mannWhitneyCounts(nX, nY);
    let total = 0;
    for (const c of counts) total += c;
    let tail = 0;
    if (W > (nX * nY) / 2) for (let u = W; u < counts.length; u++) tail += counts[u];
    else for (let u = 0; u <= W; u++) tail += counts[u];
    return {
      ...base,
      pValue: Math.min(1, (2 * tail) / total),
      exact: true,
      continuity: false,
      z: null,
      method: 'Wilcoxon rank sum exact test',
    };
  }
  const N = nX + nY;
  let tieSum = 0;
  for (const t of tieSizes) tieSum += t * t * t - t;
  const sigma = Math.sqrt(((nX * nY) / 12) * (N + 1 - tieSum / (N * (N - 1))));
  if (!(sigma > 0)) throw new StatsInputError('wilcoxonRankSum: all values are identical (zero variance of W)');
  const d = W - (nX * nY) / 2;
  const z = (d - (correct ? 0.5 * Math.sign(d) : 0)) / sigma;
  const pValue = 2 * Math.min(pnorm(z), pnorm(z, false));
  return {
    ...base,
    pValue,
    exact: false,
    continuity: correct,
    z,
    method: correct ? 'Wilcoxon rank sum test with continuity correction' : 'Wilcoxon rank sum test',
  };
}
