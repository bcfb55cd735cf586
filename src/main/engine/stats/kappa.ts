/**
 * Cohen's kappa for two raters, unweighted or with linear/quadratic agreement weights
 * (Cohen 1960, 1968), with the null standard error and z test of `irr::kappa2` and the
 * asymptotic standard error and CI of `psych::cohen.kappa` / `vcd::Kappa`
 * (Fleiss, Cohen & Everitt 1969).
 */
import { StatsInputError } from './errors';
import { pnorm, qnorm } from './distributions';

export type KappaWeighting = 'unweighted' | 'linear' | 'quadratic';

export interface KappaResult {
  weighting: KappaWeighting;
  /** Category levels, in table order. */
  levels: number[];
  /** q × q counts: rows = rater 1 levels, columns = rater 2 levels. */
  table: number[][];
  n: number;
  /** Weighted observed agreement p_o = Σ w_ij p_ij. */
  pObserved: number;
  /** Weighted chance agreement p_e = Σ w_ij p_i· p_·j. */
  pExpected: number;
  kappa: number;
  /** Standard error under H0: κ = 0 (irr::kappa2). */
  seNull: number;
  /** z = κ/seNull. */
  z: number;
  /** Two-sided p = 2·P(Z ≥ |z|) (computed as a tail, so not rounded to 0 as 2(1 − Φ(|z|)) is in R). */
  pValue: number;
  /** Asymptotic (non-null) standard error (vcd's ASE; psych's √var.kappa). */
  se: number;
  /** κ ± z_{1−α/2}·se, as psych::cohen.kappa. */
  lower: number;
  upper: number;
  confLevel: number;
}

/** Agreement weights w_ij: 1 on the diagonal, 1 − |i−j|/(q−1) (linear) or 1 − (i−j)²/(q−1)² (quadratic). */
export function kappaWeights(q: number, weighting: KappaWeighting): number[][] {
  return Array.from({ length: q }, (_, i) =>
    Array.from({ length: q }, (_, j) => {
      if (weighting === 'unweighted') return i === j ? 1 : 0;
      const d = Math.abs(i - j) / (q - 1);
      return weighting === 'linear' ? 1 - d : 1 - d * d;
    }),
  );
}

/**
 * Cohen's kappa from a square table of counts. κ = (p_o − p_e)/(1 − p_e);
 * null variance var₀ = [Σ_ij p_i·p_·j (w_ij − (w̄_i· + w̄_·j))² − p_e²]/(n(1 − p_e)²);
 * asymptotic variance var = [Σ_ij p_ij (w_ij − (w̄_i· + w̄_·j)(1 − κ))² − (κ − p_e(1 − κ))²]/(n(1 − p_e)²),
 * with w̄_i· = Σ_j w_ij p_·j and w̄_·j = Σ_i w_ij p_i·.
 */
export function cohenKappaFromTable(
  table: readonly (readonly number[])[],
  levels: readonly number[],
  weighting: KappaWeighting = 'unweighted',
  confLevel = 0.95,
): KappaResult {
  const q = table.length;
  if (q < 2) throw new StatsInputError(`kappa: need at least 2 categories, got ${q}`);
  if (levels.length !== q) throw new StatsInputError(`kappa: ${levels.length} levels for a ${q} × ${q} table`);
  let n = 0;
  for (const row of table) {
    if (row.length !== q) throw new StatsInputError('kappa: the table must be square');
    for (const v of row) {
      if (!(Number.isInteger(v) && v >= 0)) throw new StatsInputError(`kappa: cell ${v} is not a count`);
      n += v;
    }
  }
  if (n === 0) throw new StatsInputError('kappa: empty table');
  const w = kappaWeights(q, weighting);
  const p = table.map((row) => row.map((v) => v / n));
  const pRow = p.map((row) => row.reduce((s, v) => s + v, 0));
  const pCol = Array.from({ length: q }, (_, j) => p.reduce((s, row) => s + row[j], 0));
  let po = 0;
  let pe = 0;
  for (let i = 0; i < q; i++) {
    for (let j = 0; j < q; j++) {
      po += w[i][j] * p[i][j];
      pe += w[i][j] * pRow[i] * pCol[j];
    }
  }
  if (pe === 1) throw new StatsInputError('kappa undefined: both raters used a single, identical category (chance agreement = 1)');
  const kappa = (po - pe) / (1 - pe);
  const wRow = Array.from({ length: q }, (_, i) => w[i].reduce((s, wij, j) => s + wij * pCol[j], 0));
  const wCol = Array.from({ length: q }, (_, j) => w.reduce((s, wi, i) => s + wi[j] * pRow[i], 0));
  let s0 = 0;
  let s1 = 0;
  for (let i = 0; i < q; i++) {
    for (let j = 0; j < q; j++) {
      s0 += pRow[i] * pCol[j] * (w[i][j] - (wRow[i] + wCol[j])) ** 2;
      s1 += p[i][j] * (w[i][j] - (wRow[i] + wCol[j]) * (1 - kappa)) ** 2;
    }
  }
  const denom = n * (1 - pe) ** 2;
  const seNull = Math.sqrt((s0 - pe * pe) / denom);
  const se = Math.sqrt(Math.max(0, s1 - (kappa - pe * (1 - kappa)) ** 2) / denom);
  const z = kappa / seNull;
  const half = qnorm(1 - (1 - confLevel) / 2) * se;
  return {
    weighting,
    levels: [...levels],
    table: table.map((r) => [...r]),
    n,
    pObserved: po,
    pExpected: pe,
    kappa,
    seNull,
    z,
    pValue: 2 * pnorm(-Math.abs(z)),
    se,
    lower: kappa - half,
    upper: kappa + half,
    confLevel,
  };
}

/**
 * Cohen's kappa of two raters' categorical ratings (numeric codes). Levels are `levels` when
 * given, else the sorted union of both raters' values (weights follow the level order).
 * R: `irr::kappa2(cbind(r1, r2), weight = "unweighted" | "equal" | "squared")`.
 */
export function cohenKappa(
  rater1: ArrayLike<number>,
  rater2: ArrayLike<number>,
  options: { weighting?: KappaWeighting; levels?: readonly number[]; confLevel?: number } = {},
): KappaResult {
  if (rater1.length !== rater2.length) throw new StatsInputError(`kappa: ${rater1.length} vs ${rater2.length} ratings`);
  if (rater1.length === 0) throw new StatsInputError('kappa: no ratings');
  const all = [...Array.from(rater1), ...Array.from(rater2)];
  for (const v of all) if (!Number.isFinite(v)) throw new StatsInputError(`kappa: rating ${v} is not a finite category code`);
  const levels = options.levels ? [...options.levels] : [...new Set(all)].sort((a, b) => a - b);
  const table = levels.map(() => levels.map(() => 0));
  for (let t = 0; t < rater1.length; t++) {
    const i = levels.indexOf(rater1[t]);
    const j = levels.indexOf(rater2[t]);
    if (i < 0 || j < 0) throw new StatsInputError(`kappa: rating (${rater1[t]}, ${rater2[t]}) outside the levels`);
    table[i][j]++;
  }
  return cohenKappaFromTable(table, levels, options.weighting ?? 'unweighted', options.confLevel ?? 0.95);
}
