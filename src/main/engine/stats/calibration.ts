/**
 * Calibration of predicted probabilities against 0/1 outcomes: binned calibration curves, logistic
 * recalibration (slope and intercept), calibration-in-the-large, Brier score and the full statistic set of
 * `rms::val.prob(p, y)` (Harrell, rms 6.5-0; Spiegelhalter 1986; Cox 1958).
 *
 * Notation: \(L_i = \operatorname{logit} p_i = \log(p_i/(1-p_i))\), \(\bar y\) = event rate, n = sample size.
 * - Recalibration: logistic regression \(\Pr(y=1) = \operatorname{expit}(a + bL)\) (rms `lrm(y ~ L)`); deviance \(D_{ab}\).
 * - Null deviance \(D_0 = -2\sum[y\log\bar y + (1-y)\log(1-\bar y)]\); \(L_{01} = -2\sum[yL - \log(1+e^L)]\) (deviance of p as is).
 * - \(\chi^2 = D_0 - L_{01}\) = 2(log-likelihood of p − log-likelihood of the null model) (`D:Chi-sq`);
 *   discrimination index \(D = (\chi^2-1)/n\).
 * - Unreliability \(U_{\chi^2} = L_{01} - D_{ab}\) (2 df), \(U = (U_{\chi^2}-2)/n\); quality \(Q = D - U\).
 * - \(R^2\) (Nagelkerke) \(= (1-e^{-\chi^2/n})/(1-e^{-D_0/n})\).
 * - C and \(D_{xy} = 2C-1\) as rms 6.5 computes them (Fortran `lrmfit`/`gcorr`): the recalibrated probabilities
 *   \(\operatorname{expit}(a+bL)\) (linear predictor clamped to ±30) are first truncated into 5001 bins of width
 *   1/5000, then the Mann–Whitney concordance is taken over bins (ties count ½). This can differ from the exact
 *   AUC by a few pairs; `cExact` gives the exact Mann–Whitney AUC of p (rms ≥ 7 reports that one).
 * - Brier \(= \frac1n\sum(p-y)^2\); Spiegelhalter \(z = \sum(y-p)(1-2p)/\sqrt{\sum(1-2p)^2p(1-p)}\).
 * - Emax/E90/Eavg: max / 0.9 type-7 quantile / mean of \(|p - s(p)|\), s = `lowess(p, y, iter = 0)`.
 * All quantities are unitless (probabilities, log-odds, χ² values).
 */
import { glmBinomialFit } from '../models/logistic';
import { cutRightClosed, seqBy } from './binning';
import { quantileSorted } from './descriptive';
import { pchisq, pnorm } from './distributions';
import { StatsConvergenceError, StatsInputError } from './errors';
import { quantileGroups } from './hosmerLemeshow';
import { validateOutcomeAndProbability } from './predictedProbability';
import { approxTiesMean, lowess } from './lowess';
import { midRanks } from './ranks';

/** A binned calibration curve: one row per non-empty bin. */
export interface CalibrationBins {
  /** R `cut` labels of the bins. */
  bin: string[];
  n: number[];
  meanPredicted: number[];
  observedRate: number[];
}

/**
 * Calibration curve over the Hosmer–Lemeshow quantile groups (type-7 quantile breaks at `seq(0,1,1/g)`,
 * `cut(include.lowest = TRUE)`): mean predicted probability and observed event rate per group.
 */
export function calibrationQuantileBins(y: ArrayLike<number>, p: ArrayLike<number>, g = 10): CalibrationBins {
  validateOutcomeAndProbability(y, p);
  const { bin, labels } = quantileGroups(p, g);
  return summariseBins(y, p, bin, labels);
}

/**
 * Calibration curve over equal-width bins [0,w], (w,2w], …, (1−w,1] (breaks `seq(0, 1, by = w)`), empty
 * bins dropped.
 */
export function calibrationEqualWidthBins(y: ArrayLike<number>, p: ArrayLike<number>, width = 0.1): CalibrationBins {
  validateOutcomeAndProbability(y, p);
  if (!(width > 0 && width <= 1)) throw new StatsInputError(`bin width ${width} outside (0, 1]`);
  const breaks = seqBy(0, 1, width);
  if (breaks[breaks.length - 1] < 1) throw new StatsInputError(`bin width ${width} does not divide [0, 1]`);
  const { bin, labels } = cutRightClosed(p, breaks, true);
  return summariseBins(y, p, bin, labels);
}

function summariseBins(y: ArrayLike<number>, p: ArrayLike<number>, bin: Int32Array, labels: string[]): CalibrationBins {
  const n = new Array<number>(labels.length).fill(0);
  const sp = new Array<number>(labels.length).fill(0);
  const sy = new Array<number>(labels.length).fill(0);
  for (let i = 0; i < bin.length; i++) {
    n[bin[i]]++;
    sp[bin[i]] += p[i];
    sy[bin[i]] += y[i];
  }
  const keep = n.flatMap((c, k) => (c > 0 ? [k] : []));
  return {
    bin: keep.map((k) => labels[k]),
    n: keep.map((k) => n[k]),
    meanPredicted: keep.map((k) => sp[k] / n[k]),
    observedRate: keep.map((k) => sy[k] / n[k]),
  };
}

/** Brier score \(\frac1n\sum_i (p_i - y_i)^2\) (unitless, 0 = perfect). */
export function brierScore(y: ArrayLike<number>, p: ArrayLike<number>): number {
  validateOutcomeAndProbability(y, p);
  let acc = 0;
  for (let i = 0; i < y.length; i++) acc += (p[i] - y[i]) ** 2;
  return acc / y.length;
}

/** Logistic recalibration fit \(\operatorname{logit}\Pr(y=1) = a + b\,\operatorname{logit}(p)\). */
export interface Recalibration {
  /** a: calibration intercept (log-odds). */
  intercept: number;
  /** b: calibration slope (1 = ideal, < 1 = predictions too extreme). */
  slope: number;
  /** Deviance \(D_{ab}\) of the recalibrated model. */
  deviance: number;
  iterations: number;
}

/**
 * Tight IRLS settings for the recalibration fits: R's `glm.fit` algorithm (models/logistic) with the relative
 * deviance tolerance lowered from 1e-8 to 1e-14, so estimates are converged to machine precision.
 */
const TIGHT_IRLS = { epsilon: 1e-14, maxit: 100, checkSeparation: false } as const;

/**
 * Calibration slope and intercept: maximum-likelihood logistic regression of y on logit(p), both parameters
 * free (R `glm(y ~ qlogis(p), binomial)`, rms `val.prob` Intercept/Slope), fitted by IRLS to machine precision.
 * Throws {@link StatsInputError} for p ∉ (0, 1) or a single-class outcome, {@link StatsConvergenceError}
 * when the likelihood has no finite maximum (logit(p) separates the classes; detected as a fitted |η| ≥ 30,
 * glm's link clamp).
 */
export function logisticRecalibration(y: ArrayLike<number>, p: ArrayLike<number>): Recalibration {
  const logit = logitOf(y, p);
  return fitInterceptSlope(y, logit);
}

/**
 * Calibration-in-the-large: intercept a of \(\operatorname{logit}\Pr(y=1) = a + \operatorname{logit}(p)\) with the slope
 * fixed at 1 (R `glm(y ~ 1, offset = qlogis(p), binomial)`); 0 = mean risk right, > 0 = risks too low.
 */
export function calibrationInTheLarge(y: ArrayLike<number>, p: ArrayLike<number>): number {
  const logit = logitOf(y, p);
  const n = logit.length;
  const fit = glmBinomialFit(new Float64Array(n).fill(1), n, 1, Float64Array.from(y), ['(Intercept)'], {
    ...TIGHT_IRLS,
    offset: logit,
  });
  if (!fit.converged) throw new StatsConvergenceError('calibration-in-the-large: IRLS did not converge');
  return fit.coef[0];
}

/** The statistics of `rms::val.prob(p, y)` (names as rms prints them, camel-cased). */
export interface ValProbStatistics {
  /** rms 6.5 binned Somers' Dxy (= 2c − 1). */
  dxy: number;
  /** `C (ROC)` as rms 6.5 computes it (binned, see the module comment). */
  c: number;
  /** Exact Mann–Whitney AUC of p (ties ½), = pROC `auc`. */
  cExact: number;
  r2: number;
  d: number;
  /** `D:Chi-sq`. rms reports `D:p` as NA, so it is not given here. */
  dChiSq: number;
  u: number;
  uChiSq: number;
  uP: number;
  q: number;
  brier: number;
  intercept: number;
  slope: number;
  emax: number;
  e90: number;
  eavg: number;
  /** Spiegelhalter `S:z` and its two-sided p `S:p`. */
  sZ: number;
  sP: number;
  n: number;
}

/**
 * All `rms::val.prob(p, y, pl = FALSE)` statistics (see the module comment for each formula).
 * p must lie strictly inside (0, 1) and both outcome classes must occur.
 */
export function valProb(y: ArrayLike<number>, p: ArrayLike<number>): ValProbStatistics {
  const logit = logitOf(y, p);
  const n = y.length;
  const recal = fitInterceptSlope(y, logit);
  let events = 0;
  for (let i = 0; i < n; i++) events += y[i];
  const rate = events / n;
  const nullDeviance = -2 * (events * Math.log(rate) + (n - events) * Math.log(1 - rate));
  let l01 = 0;
  for (let i = 0; i < n; i++) l01 += y[i] * logit[i] - Math.log(1 + Math.exp(logit[i]));
  l01 *= -2;
  const lr = nullDeviance - l01;
  const uChiSq = l01 - recal.deviance;
  const d = (lr - 1) / n;
  const u = (uChiSq - 2) / n;
  const c = rmsBinnedConcordance(
    y,
    Float64Array.from(logit, (l) => recal.intercept + recal.slope * l),
  );
  let sNum = 0;
  let sDen = 0;
  let brier = 0;
  for (let i = 0; i < n; i++) {
    const w = 1 - 2 * p[i];
    sNum += (y[i] - p[i]) * w;
    sDen += w * w * p[i] * (1 - p[i]);
    brier += (p[i] - y[i]) ** 2;
  }
  const sZ = sNum / Math.sqrt(sDen);
  const errors = smoothedCalibrationErrors(y, p);
  return {
    dxy: 2 * c - 1,
    c,
    cExact: aucOf(y, Float64Array.from(p)),
    r2: (1 - Math.exp(-lr / n)) / (1 - Math.exp(-nullDeviance / n)),
    d,
    dChiSq: lr,
    u,
    uChiSq,
    uP: pchisq(uChiSq, 2, false),
    q: d - u,
    brier: brier / n,
    intercept: recal.intercept,
    slope: recal.slope,
    emax: errors.emax,
    e90: errors.e90,
    eavg: errors.eavg,
    sZ,
    sP: 2 * pnorm(-Math.abs(sZ)),
    n,
  };
}

/**
 * Absolute differences between p and the lowess-smoothed observed risk at p (rms `val.prob`:
 * `approx(lowess(p, y, iter = 0), xout = p, ties = mean)`): maximum, 0.9 quantile (type 7) and mean.
 */
export function smoothedCalibrationErrors(y: ArrayLike<number>, p: ArrayLike<number>): { emax: number; e90: number; eavg: number } {
  const smooth = approxTiesMean(lowess(p, y), p);
  const err = Float64Array.from(smooth, (s, i) => Math.abs(p[i] - s));
  let sum = 0;
  let max = -Infinity;
  for (const e of err) {
    sum += e;
    if (e > max) max = e;
  }
  return { emax: max, e90: quantileSorted(Float64Array.from(err).sort(), 0.9), eavg: sum / err.length };
}

function logitOf(y: ArrayLike<number>, p: ArrayLike<number>): Float64Array {
  validateOutcomeAndProbability(y, p, true);
  return Float64Array.from({ length: p.length }, (_, i) => {
    if (!(p[i] > 0 && p[i] < 1)) {
      throw new StatsInputError(`predicted probability at index ${i} is ${p[i]}: logit needs 0 < p < 1`);
    }
    return Math.log(p[i] / (1 - p[i]));
  });
}

function expit(x: number): number {
  return 1 / (1 + Math.exp(-x));
}

/** Two-parameter logistic model \(\operatorname{logit}\Pr(y=1) = a + bx\) by tight IRLS. */
function fitInterceptSlope(y: ArrayLike<number>, x: Float64Array): Recalibration {
  const n = x.length;
  const design = new Float64Array(2 * n).fill(1, 0, n);
  design.set(x, n);
  const fit = glmBinomialFit(design, n, 2, Float64Array.from(y), ['(Intercept)', 'logit(p)'], TIGHT_IRLS);
  // glm's link clamps |η| at 30; a fitted η that far out means the estimates are running off to infinity
  // (logit(p) separates the classes) or p itself is beyond 1e-13 of 0 or 1.
  if (!fit.converged || fit.eta.some((e) => Math.abs(e) >= 30)) {
    throw new StatsConvergenceError(
      'logistic recalibration has no finite maximum-likelihood estimate: logit(p) separates the outcome classes ' +
        '(or some p is within 1e-13 of 0 or 1)',
    );
  }
  return { intercept: fit.coef[0], slope: fit.coef[1], deviance: fit.deviance, iterations: fit.iterations };
}

/**
 * rms 6.5 `lrm` concordance: probabilities expit(clamp(lp, ±30)) truncated to bin ⌊5000·p⌋ (of 5001), then the
 * Mann–Whitney AUC of the bin numbers.
 */
function rmsBinnedConcordance(y: ArrayLike<number>, lp: Float64Array): number {
  return aucOf(
    y,
    lp.map((v) => Math.trunc(5000 * expit(Math.min(Math.max(v, -30), 30)))),
  );
}

/** Mann–Whitney AUC of score vs 0/1 y (ties count 1/2). */
function aucOf(y: ArrayLike<number>, score: Float64Array): number {
  const { ranks } = midRanks(score);
  let n1 = 0;
  let rankSum = 0;
  for (let i = 0; i < score.length; i++) {
    if (y[i] === 1) {
      n1++;
      rankSum += ranks[i];
    }
  }
  const n0 = score.length - n1;
  return (rankSum - (n1 * (n1 + 1)) / 2) / (n1 * n0);
}
