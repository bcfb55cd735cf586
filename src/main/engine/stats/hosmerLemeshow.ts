/**
 * Hosmer–Lemeshow goodness-of-fit test (Hosmer & Lemeshow 1980), grouping as
 * `ResourceSelection::hoslem.test(y, p, g)` as specified in the stats oracle README §5.4:
 *
 * - breaks = unique type-7 quantiles of p at probabilities `seq(0, 1, 1/g)`;
 * - groups = `cut(p, breaks, include.lowest = TRUE)`: right-closed, the first closed on both sides;
 * - per group k: \(O_{1k} = \sum y\), \(O_{0k} = n_k - O_{1k}\), \(E_{1k} = \sum p\), \(E_{0k} = n_k - E_{1k}\);
 * - \(\chi^2 = \sum_k \sum_{c\in\{0,1\}} (O_{ck}-E_{ck})^2/E_{ck}\), df = G − 2 with G the number of non-empty
 *   groups, p = P(\(\chi^2_{df}\) ≥ χ²).
 *
 * Note: with tied quantiles (few distinct p) fewer than g groups are formed; df then follows G (README §5.4).
 * Other software that "sorts and splits into g equal groups" (Stata, pandas `qcut`) can give other groups.
 */
import { cutRightClosed, seqBy } from './binning';
import { quantileSorted } from './descriptive';
import { pchisq } from './distributions';
import { StatsInputError } from './errors';
import { validateOutcomeAndProbability } from './predictedProbability';

export interface HosmerLemeshowTable {
  /** R `cut` labels, e.g. "[0.0255,0.0728]", "(0.0728,0.106]". */
  bin: string[];
  n: number[];
  observed0: number[];
  observed1: number[];
  expected0: number[];
  expected1: number[];
}

export interface HosmerLemeshowResult {
  statistic: number;
  df: number;
  pValue: number;
  /** Requested number of groups. */
  g: number;
  /** Unique quantile breaks (length = number of intervals + 1). */
  breaks: Float64Array;
  /** One row per non-empty group. */
  table: HosmerLemeshowTable;
}

/**
 * Hosmer–Lemeshow test of predicted probabilities `p` against 0/1 outcomes `y` with `g` quantile groups.
 * Throws {@link StatsInputError} for NaN, p outside [0, 1], y not 0/1, g < 3, or fewer than 3 non-empty groups
 * (df ≤ 0). A single-class outcome is allowed (the statistic is still defined); a group whose expected
 * count is 0 (all p = 0 or all p = 1 in it) gives an infinite statistic, as the formula does.
 */
export function hosmerLemeshow(y: ArrayLike<number>, p: ArrayLike<number>, g = 10): HosmerLemeshowResult {
  validateOutcomeAndProbability(y, p);
  if (!Number.isInteger(g) || g < 3) throw new StatsInputError(`Hosmer–Lemeshow: g must be an integer >= 3, got ${g}`);
  const groups = quantileGroups(p, g);
  const { bin, labels } = groups;
  const nb = labels.length;
  const n = new Array<number>(nb).fill(0);
  const o1 = new Array<number>(nb).fill(0);
  const e1 = new Array<number>(nb).fill(0);
  for (let i = 0; i < p.length; i++) {
    const k = bin[i];
    n[k]++;
    o1[k] += y[i];
    e1[k] += p[i];
  }
  const keep = n.flatMap((c, k) => (c > 0 ? [k] : []));
  const table: HosmerLemeshowTable = {
    bin: keep.map((k) => labels[k]),
    n: keep.map((k) => n[k]),
    observed0: keep.map((k) => n[k] - o1[k]),
    observed1: keep.map((k) => o1[k]),
    expected0: keep.map((k) => n[k] - e1[k]),
    expected1: keep.map((k) => e1[k]),
  };
  let statistic = 0;
  for (let r = 0; r < keep.length; r++) {
    statistic += (table.observed0[r] - table.expected0[r]) ** 2 / table.expected0[r];
    statistic += (table.observed1[r] - table.expected1[r]) ** 2 / table.expected1[r];
  }
  const df = keep.length - 2;
  if (df < 1) throw new StatsInputError(`Hosmer–Lemeshow: only ${keep.length} non-empty groups (need >= 3 for df >= 1)`);
  return { statistic, df, pValue: pchisq(statistic, df, false), g, breaks: groups.breaks, table };
}

/**
 * The HL grouping: unique type-7 quantile breaks of p at `seq(0, 1, 1/g)` and `cut(include.lowest = TRUE)`.
 * Shared with the quantile calibration curve.
 */
export function quantileGroups(p: ArrayLike<number>, g: number): { breaks: Float64Array; bin: Int32Array; labels: string[] } {
  const sorted = Float64Array.from(p).sort();
  const probs = seqBy(0, 1, 1 / g);
  const q = Array.from(probs, (pr) => quantileSorted(sorted, pr));
  const breaks = Float64Array.from(q.filter((v, k) => k === 0 || v !== q[k - 1]));
  if (breaks.length < 2) throw new StatsInputError('quantile groups: all predicted probabilities are equal');
  const { bin, labels } = cutRightClosed(p, breaks, true);
  return { breaks, bin, labels };
}
