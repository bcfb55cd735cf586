/**
 * Intraclass correlation coefficients in all McGraw & Wong (1996) forms, with F test and
 * confidence interval, following the conventions of R's `irr::icc` (0.84): one-way and two-way
 * models, consistency and absolute agreement, single and average measures.
 */
import { StatsInputError, assertFinite } from './errors';
import { pf, qf } from './distributions';

/** Mean squares and degrees of freedom of the n subjects × k raters ANOVA. */
export interface IccAnova {
  /** Subjects n. */
  n: number;
  /** Raters k. */
  k: number;
  /** Between-subjects (rows) mean square, df n − 1. */
  MSR: number;
  /** Between-raters (columns) mean square, df k − 1. */
  MSC: number;
  /** Residual mean square of the two-way model, df (n − 1)(k − 1). */
  MSE: number;
  /** Within-subjects mean square of the one-way model, df n(k − 1). */
  MSW: number;
}

export type IccModel = 'oneway' | 'twoway';
export type IccType = 'consistency' | 'agreement';
export type IccUnit = 'single' | 'average';

export interface IccResult {
  model: IccModel;
  type: IccType;
  unit: IccUnit;
  /** The ICC (may be negative; never clipped). */
  icc: number;
  /** F statistic of H0: ICC = 0 (Infinity when the residual mean square is 0). */
  F: number;
  df1: number;
  /** Denominator df; the Satterthwaite v for two-way agreement (NaN only when `undefinedDf` is set). */
  df2: number;
  /** Upper-tail p-value P(F_{df1,df2} ≥ F). */
  pOneSided: number;
  /** irr 0.84's reported p-value: twice the upper tail, not capped (exceeds 1 when F < 1, as in irr). */
  pIrr: number;
  lower: number;
  upper: number;
  confLevel: number;
  /**
   * Set when the Satterthwaite df is undefined: perfect agreement (ICC 1, CI [1, 1]) or degenerate
   * ratings (e.g. ICC(A,1) = −2 with equal subject means), where df2, p and CI are NaN.
   */
  undefinedDf?: string;
}

/**
 * Two-way ANOVA of a ratings matrix given as k rater columns of n subjects each:
 * SSR = k Σ_i (ȳ_i· − ȳ)², SSC = n Σ_j (ȳ_·j − ȳ)², SSE = Σ_ij (y_ij − ȳ_i· − ȳ_·j + ȳ)²,
 * SSW = Σ_ij (y_ij − ȳ_i·)² (each summed directly, so identical raters give exactly 0); MSR = SSR/(n−1), MSC = SSC/(k−1),
 * MSE = SSE/((n−1)(k−1)), MSW = SSW/(n(k−1)).
 */
export function iccAnova(raters: readonly ArrayLike<number>[]): IccAnova {
  const k = raters.length;
  if (k < 2) throw new StatsInputError(`ICC: need at least 2 raters, got ${k}`);
  const n = raters[0].length;
  if (n < 2) throw new StatsInputError(`ICC: need at least 2 subjects, got ${n}`);
  raters.forEach((r, j) => {
    if (r.length !== n) throw new StatsInputError(`ICC: rater ${j} has ${r.length} ratings, rater 0 has ${n}`);
    assertFinite(r, `ICC rater ${j}`);
  });
  const rowMean = new Float64Array(n);
  for (const r of raters) for (let i = 0; i < n; i++) rowMean[i] += r[i];
  for (let i = 0; i < n; i++) rowMean[i] /= k;
  const colMean = raters.map((r) => {
    let s = 0;
    for (let i = 0; i < n; i++) s += r[i];
    return s / n;
  });
  const grand = colMean.reduce((s, m) => s + m, 0) / k;
  // Ratings that are all equal (up to the rounding of the means) have no variance to apportion:
  // the ICC is 0/0. Without this check rounding noise of order ε·|y| could produce "ICC = 1".
  let maxAbs = 0;
  let sst = 0;
  for (const r of raters) {
    for (let i = 0; i < n; i++) {
      maxAbs = Math.max(maxAbs, Math.abs(r[i]));
      sst += (r[i] - grand) ** 2;
    }
  }
  if (sst <= n * k * (64 * Number.EPSILON * maxAbs) ** 2) {
    throw new StatsInputError('ICC undefined: every rating is identical (zero variance)');
  }
  let ssr = 0;
  for (let i = 0; i < n; i++) ssr += (rowMean[i] - grand) ** 2;
  ssr *= k;
  let ssc = 0;
  for (const m of colMean) ssc += (m - grand) ** 2;
  ssc *= n;
  let sse = 0;
  let ssw = 0;
  raters.forEach((r, j) => {
    for (let i = 0; i < n; i++) {
      sse += (r[i] - rowMean[i] - colMean[j] + grand) ** 2;
      ssw += (r[i] - rowMean[i]) ** 2;
    }
  });
  return { n, k, MSR: ssr / (n - 1), MSC: ssc / (k - 1), MSE: sse / ((n - 1) * (k - 1)), MSW: ssw / (n * (k - 1)) };
}

function pValues(F: number, df1: number, df2: number): { pOneSided: number; pIrr: number } {
  const pOneSided = F === Infinity ? 0 : pf(F, df1, df2, false);
  return { pOneSided, pIrr: 2 * pOneSided };
}

/**
 * McGraw & Wong ICC with F test and CI from ANOVA mean squares (α = 1 − confLevel):
 *
 * - one-way, single: (MSR − MSW)/(MSR + (k−1)MSW); F = MSR/MSW, df (n−1, n(k−1));
 *   FL = F/F_{1−α/2}(df1, df2), FU = F·F_{1−α/2}(df2, df1), CI ((FL−1)/(FL+k−1), (FU−1)/(FU+k−1)).
 *   average: (MSR − MSW)/MSR, CI (1 − 1/FL, 1 − 1/FU).
 * - two-way consistency, single (Shrout–Fleiss ICC(3,1)): (MSR − MSE)/(MSR + (k−1)MSE); F = MSR/MSE,
 *   df (n−1, (n−1)(k−1)); CI as one-way with these F. average: (MSR − MSE)/MSR, CI (1 − 1/FL, 1 − 1/FU).
 * - two-way agreement, single (ICC(2,1)): ρ = (MSR − MSE)/(MSR + (k−1)MSE + k(MSC − MSE)/n);
 *   Satterthwaite v = (a·MSC + b·MSE)²/((a·MSC)²/(k−1) + (b·MSE)²/((n−1)(k−1))),
 *   a = kρ/(n(1−ρ)), b = 1 + kρ(n−1)/(n(1−ρ)); FL = F_{1−α/2}(n−1, v), FU = F_{1−α/2}(v, n−1);
 *   CI (n(MSR − FL·MSE)/(FL(k·MSC + (kn−k−n)MSE) + n·MSR), n(FU·MSR − MSE)/(k·MSC + (kn−k−n)MSE + n·FU·MSR)).
 *   average: ρ = (MSR − MSE)/(MSR + (MSC − MSE)/n), v from the same a, b with this ρ;
 *   CI (n(MSR − FL·MSE)/(FL(MSC − MSE) + n·MSR), n(FU·MSR − MSE)/(MSC − MSE + n·FU·MSR)).
 *
 * p-values: upper tail of F = MSR/MSE (MSR/MSW one-way) with (df1, df2), df2 = v for agreement
 * (irr's convention); `pIrr` doubles it, uncapped, as irr 0.84 reports. Throws when all ratings are equal
 * (the ICC is 0/0, undefined).
 */
export function iccFromAnova(
  a: IccAnova,
  model: IccModel,
  type: IccType,
  unit: IccUnit,
  confLevel = 0.95,
): IccResult {
  if (!(confLevel > 0 && confLevel < 1)) throw new StatsInputError(`ICC: confLevel ${confLevel} not in (0, 1)`);
  const { n, k, MSR, MSC, MSE, MSW } = a;
  const q = 1 - (1 - confLevel) / 2;
  const base = { model, type, unit, confLevel };
  if (model === 'oneway') {
    if (MSR === 0 && MSW === 0) throw new StatsInputError('ICC undefined: every rating is identical (zero variance)');
    const df1 = n - 1;
    const df2 = n * (k - 1);
    const F = MSR / MSW;
    const icc = unit === 'single' ? (MSR - MSW) / (MSR + (k - 1) * MSW) : (MSR - MSW) / MSR;
    return { ...base, icc, F, df1, df2, ...pValues(F, df1, df2), ...ratioCi(F, df1, df2, q, k, unit) };
  }
  if (MSR === 0 && MSE === 0 && MSC === 0) throw new StatsInputError('ICC undefined: every rating is identical (zero variance)');
  if (MSR === 0 && MSE === 0) {
    throw new StatsInputError('ICC undefined: subjects do not vary and raters differ only by a constant (zero subject and residual variance)');
  }
  const df1 = n - 1;
  const F = MSR / MSE;
  if (type === 'consistency') {
    const df2 = (n - 1) * (k - 1);
    const icc = unit === 'single' ? (MSR - MSE) / (MSR + (k - 1) * MSE) : (MSR - MSE) / MSR;
    return { ...base, icc, F, df1, df2, ...pValues(F, df1, df2), ...ratioCi(F, df1, df2, q, k, unit) };
  }
  const icc = unit === 'single' ? (MSR - MSE) / (MSR + (k - 1) * MSE + (k * (MSC - MSE)) / n) : (MSR - MSE) / (MSR + (MSC - MSE) / n);
  if (MSE === 0 && MSC === 0) {
    return {
      ...base,
      icc: 1,
      F: Infinity,
      df1,
      df2: NaN,
      pOneSided: 0,
      pIrr: 0,
      lower: 1,
      upper: 1,
      undefinedDf: 'perfect agreement (identical raters): the Satterthwaite df is undefined',
    };
  }
  const aa = (k * icc) / (n * (1 - icc));
  const bb = 1 + (k * icc * (n - 1)) / (n * (1 - icc));
  const v = (aa * MSC + bb * MSE) ** 2 / ((aa * MSC) ** 2 / (k - 1) + (bb * MSE) ** 2 / ((n - 1) * (k - 1)));
  if (!(v > 0 && Number.isFinite(v))) {
    return {
      ...base,
      icc,
      F,
      df1,
      df2: NaN,
      pOneSided: NaN,
      pIrr: NaN,
      lower: NaN,
      upper: NaN,
      undefinedDf: `degenerate ratings: the Satterthwaite df is ${v}, so the p-value and CI are undefined`,
    };
  }
  const FL = qf(q, n - 1, v);
  const FU = qf(q, v, n - 1);
  let lower: number;
  let upper: number;
  if (unit === 'single') {
    const c = k * MSC + (k * n - k - n) * MSE;
    lower = (n * (MSR - FL * MSE)) / (FL * c + n * MSR);
    upper = (n * (FU * MSR - MSE)) / (c + n * FU * MSR);
  } else {
    lower = (n * (MSR - FL * MSE)) / (FL * (MSC - MSE) + n * MSR);
    upper = (n * (FU * MSR - MSE)) / (MSC - MSE + n * FU * MSR);
  }
  return { ...base, icc, F, df1, df2: v, ...pValues(F, df1, v), lower, upper };
}

/** CI of the F-ratio forms (one-way, two-way consistency). An infinite F gives the interval [1, 1]. */
function ratioCi(F: number, df1: number, df2: number, q: number, k: number, unit: IccUnit): { lower: number; upper: number } {
  if (F === Infinity) return { lower: 1, upper: 1 };
  const FL = F / qf(q, df1, df2);
  const FU = F * qf(q, df2, df1);
  if (unit === 'single') return { lower: (FL - 1) / (FL + k - 1), upper: (FU - 1) / (FU + k - 1) };
  return { lower: 1 - 1 / FL, upper: 1 - 1 / FU };
}

/** Every ICC form for a ratings matrix (k rater columns of n subjects). */
export interface IccAllForms {
  anova: IccAnova;
  onewaySingle: IccResult;
  onewayAverage: IccResult;
  consistencySingle: IccResult;
  consistencyAverage: IccResult;
  agreementSingle: IccResult;
  agreementAverage: IccResult;
}

/**
 * All six McGraw & Wong ICC forms (two-way random and two-way mixed share point estimates and
 * CIs; they differ in interpretation only). R: `irr::icc(ratings, model, type, unit)`.
 */
export function iccAllForms(raters: readonly ArrayLike<number>[], confLevel = 0.95): IccAllForms {
  const anova = iccAnova(raters);
  return {
    anova,
    onewaySingle: iccFromAnova(anova, 'oneway', 'consistency', 'single', confLevel),
    onewayAverage: iccFromAnova(anova, 'oneway', 'consistency', 'average', confLevel),
    consistencySingle: iccFromAnova(anova, 'twoway', 'consistency', 'single', confLevel),
    consistencyAverage: iccFromAnova(anova, 'twoway', 'consistency', 'average', confLevel),
    agreementSingle: iccFromAnova(anova, 'twoway', 'agreement', 'single', confLevel),
    agreementAverage: iccFromAnova(anova, 'twoway', 'agreement', 'average', confLevel),
  };
}
