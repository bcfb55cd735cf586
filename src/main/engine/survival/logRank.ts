/**
 * Log-rank test for two or more groups (Mantel 1966), as R survival 3.5 `survdiff(Surv ~ group)`
 * with rho = 0.
 */
import { StatsInputError } from '../stats/errors';
import { pchisq } from '../stats/distributions';
import { cholesky, choleskySolve } from '../stats/cholesky';
import { checkSurvivalData, groupLevels } from './survivalData';

export interface LogRankResult {
  groups: string[];
  n: number[];
  observed: number[];
  expected: number[];
  /** G × G hypergeometric covariance of O − E. */
  variance: number[][];
  chisq: number;
  df: number;
  pValue: number;
}

/**
 * At each distinct event time with d deaths among N at risk (N_g in group g):
 * E_g += d·N_g/N and V_gh += d(N − d)/(N − 1)·(N_g/N)(δ_gh − N_h/N) (N > 1).
 * χ² = (O − E)ᵀ V⁻ (O − E) on the first G − 1 groups (V has rank G − 1), df = G − 1 over the
 * groups with positive expected count, p = P(χ²_df ≥ χ²).
 */
export function logRankTest(
  time: ArrayLike<number>,
  event: ArrayLike<number>,
  group: readonly string[],
  levels?: readonly string[],
): LogRankResult {
  checkSurvivalData(time, event, 'logRankTest');
  if (group.length !== time.length) throw new StatsInputError(`logRankTest: ${group.length} group labels for ${time.length} subjects`);
  const groups = groupLevels(group, levels, 'logRankTest');
  const G = groups.length;
  if (G < 2) throw new StatsInputError('logRankTest: need at least 2 groups');
  const gi = Int32Array.from(group, (g) => groups.indexOf(g));
  const n = time.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => time[a] - time[b]);
  const atRisk = new Array<number>(G).fill(0);
  for (let i = 0; i < n; i++) atRisk[gi[i]]++;
  const sizes = [...atRisk];
  const observed = new Array<number>(G).fill(0);
  const expected = new Array<number>(G).fill(0);
  const variance = Array.from({ length: G }, () => new Array<number>(G).fill(0));
  let k = 0;
  while (k < n) {
    const t = time[order[k]];
    const deaths = new Array<number>(G).fill(0);
    const leaving = new Array<number>(G).fill(0);
    while (k < n && time[order[k]] === t) {
      const g = gi[order[k]];
      leaving[g]++;
      if (event[order[k]] === 1) deaths[g]++;
      k++;
    }
    const d = deaths.reduce((a, b) => a + b, 0);
    const N = atRisk.reduce((a, b) => a + b, 0);
    if (d > 0) {
      for (let g = 0; g < G; g++) {
        observed[g] += deaths[g];
        expected[g] += (d * atRisk[g]) / N;
      }
      if (N > 1) {
        const f = (d * (N - d)) / (N - 1);
        for (let g = 0; g < G; g++) {
          for (let h = 0; h < G; h++) {
            variance[g][h] += f * (atRisk[g] / N) * ((g === h ? 1 : 0) - atRisk[h] / N);
          }
        }
      }
    }
    for (let g = 0; g < G; g++) atRisk[g] -= leaving[g];
  }
  if (observed.reduce((a, b) => a + b, 0) === 0) throw new StatsInputError('logRankTest: no events');
  const diff = observed.slice(0, G - 1).map((o, g) => o - expected[g]);
  const sub = variance.slice(0, G - 1).map((row) => row.slice(0, G - 1));
  const solved = choleskySolve(cholesky(sub, 'logRankTest variance'), diff);
  const chisq = diff.reduce((s, v, g) => s + v * solved[g], 0);
  const df = expected.filter((e) => e > 0).length - 1;
  return { groups, n: sizes, observed, expected, variance, chisq, df, pValue: pchisq(chisq, df, false) };
}
