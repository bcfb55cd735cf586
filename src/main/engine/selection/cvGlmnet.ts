/**
 * k-fold cross-validation of the LASSO / elastic-net logistic path — the equivalent of
 * `cv.glmnet(x, y, family = "binomial", type.measure, foldid | nfolds, ...)` in glmnet 4.1-6
 * (default `grouped = TRUE`, `alignment = "lambda"`).
 *
 * Matrices are column-major `Float64Array`s (x(i, j) = `x[j * n + i]`).
 */
import { StatsInputError } from '../stats/errors';
import { fitLassoLogistic, type LassoLogisticOptions, type LassoLogisticPath } from './lasso';
import { lassoCoefficientsAt, lassoLinearPredictor } from './lassoPredict';
import { crossValidatedMeasure, type CvMeasure } from './cvMeasures';
import { randomFoldIds } from './folds';

/** Cross-validation design: explicit fold ids, or random folds from a seed. */
export interface CvFoldOptions {
  /** Fold of each observation, 1..K (R's `foldid`); takes precedence over `nfolds`/`seed`. */
  foldId?: ArrayLike<number>;
  /** Number of random folds when `foldId` is absent (default 10). */
  nfolds?: number;
  /** Seed for random folds (R: `set.seed(seed)` before `cv.glmnet`); required when `foldId` is absent. */
  seed?: number;
}

/** Options of {@link cvLassoLogistic}: the path options, the CV design and the measure. */
export interface CvLassoOptions extends LassoLogisticOptions, CvFoldOptions {
  /** Loss measure (default `deviance`). */
  typeMeasure?: CvMeasure;
}

/** Held-out predictions of every observation at every full-data λ (R: `cv.glmnet(..., keep = TRUE)$fit.preval`). */
export interface CvLassoPredictions {
  /** Full-data fit (R: `cv$glmnet.fit`); its λ grid indexes the columns of `prob`. */
  fit: LassoLogisticPath;
  /** Fold ids used (1..K) and K. */
  foldId: Int32Array;
  nfolds: number;
  /** Outcomes (0/1). */
  y: Float64Array;
  /** Held-out probabilities, column-major n × L (`prob[l * n + i]`). */
  prob: Float64Array;
  /** Non-fatal conditions R would warn about (full and fold fits). */
  warnings: string[];
}

/** Result of {@link cvLassoLogistic} (names follow `cv.glmnet`; indices are 0-based). */
export interface CvLassoResult {
  /** Measure actually used (AUC falls back to deviance with fewer than 10 observations per fold, as in R). */
  typeMeasure: CvMeasure;
  /** λ grid of the full-data fit. */
  lambda: Float64Array;
  /** Mean cross-validated measure per λ and its standard error. */
  cvm: Float64Array;
  cvsd: Float64Array;
  cvup: Float64Array;
  cvlo: Float64Array;
  /** Non-zero coefficients of the full-data fit per λ. */
  nzero: Int32Array;
  /** Largest λ attaining the best cvm (minimum; maximum for AUC) and its index. */
  lambdaMin: number;
  indexMin: number;
  /** Largest λ whose cvm is within one standard error of the best, and its index. */
  lambda1se: number;
  index1se: number;
  /** Full-data fit (R: `cv$glmnet.fit`). */
  fit: LassoLogisticPath;
  /** Fold ids used (1..K). */
  foldId: Int32Array;
  /** Non-fatal conditions R would warn about. */
  warnings: string[];
}

/**
 * Cross-validated LASSO / elastic-net logistic regression (R: `cv.glmnet(x, y, family = "binomial", ...)`):
 * {@link cvLassoPredictions} followed by {@link summarizeCv}.
 *
 * @param x column-major n × p predictors
 * @param n observations
 * @param p predictors
 * @param y outcome coded 0/1
 */
export function cvLassoLogistic(
  x: Float64Array,
  n: number,
  p: number,
  y: ArrayLike<number>,
  options: CvLassoOptions = {},
): CvLassoResult {
  return summarizeCv(cvLassoPredictions(x, n, p, y, options), options.typeMeasure ?? 'deviance');
}

/**
 * Fits the full data and every training fold, and predicts each held-out fold:
 * 1. fit the full data → λ grid \(\lambda_1 > \dots > \lambda_L\);
 * 2. for each fold k, fit the other folds with their **own** generated λ sequence (glmnet 4.1-6 passes the
 *    full-data λ to the fold fits only when the user gave `lambda`) and predict the held-out fold at every
 *    full-data λ by linear interpolation of the fold path (`predict(..., s = lambda)`, `alignment = "lambda"`).
 *
 * @throws StatsInputError for invalid fold ids, fewer than 3 folds, or fewer events (or non-events) than folds:
 *   some held-out fold would then have no event and its training set would be degenerate.
 */
export function cvLassoPredictions(
  x: Float64Array,
  n: number,
  p: number,
  y: ArrayLike<number>,
  options: LassoLogisticOptions & CvFoldOptions = {},
): CvLassoPredictions {
  const warnings: string[] = [];
  const foldId = resolveFolds(n, options);
  let nfolds = 0;
  for (let i = 0; i < n; i++) nfolds = Math.max(nfolds, foldId[i]);
  let events = 0;
  for (let i = 0; i < n; i++) events += y[i] === 1 ? 1 : 0;
  const minority = Math.min(events, n - events);
  if (minority < nfolds) {
    throw new StatsInputError(
      `cvLassoLogistic: only ${minority} observations in the smaller outcome class for ${nfolds} folds; ` +
        'use fewer folds (each fold needs at least one event and one non-event)',
    );
  }
  const pathOptions: LassoLogisticOptions = {
    alpha: options.alpha,
    nlambda: options.nlambda,
    lambdaMinRatio: options.lambdaMinRatio,
    lambda: options.lambda,
    standardize: options.standardize,
    thresh: options.thresh,
    maxit: options.maxit,
  };
  const fit = fitLassoLogistic(x, n, p, y, pathOptions);
  warnings.push(...fit.warnings);
  const L = fit.lambda.length;

  const prob = new Float64Array(n * L);
  for (let k = 1; k <= nfolds; k++) {
    const train: number[] = [];
    const test: number[] = [];
    for (let i = 0; i < n; i++) (foldId[i] === k ? test : train).push(i);
    const foldFit = fitLassoLogistic(selectRows(x, n, p, train), train.length, p, train.map((i) => y[i]), pathOptions);
    for (const message of foldFit.warnings) warnings.push(`fold ${k}: ${message}`);
    const xTest = selectRows(x, n, p, test);
    for (let l = 0; l < L; l++) {
      const eta = lassoLinearPredictor(lassoCoefficientsAt(foldFit, fit.lambda[l]), xTest, test.length);
      for (let t = 0; t < test.length; t++) prob[l * n + test[t]] = 1 / (1 + Math.exp(-eta[t]));
    }
  }
  return { fit, foldId, nfolds, y: Float64Array.from(y), prob, warnings };
}

/**
 * Turns held-out predictions into the CV curve and the selected penalties (glmnet `cvstats` + `getOptcv.glmnet`):
 * cvm/cvsd from {@link crossValidatedMeasure}; \(\lambda_{min}\) = the largest λ whose cvm equals the best
 * value; \(\lambda_{1se}\) = the largest λ with cvm ≤ cvm(λ_min) + cvsd(λ_min) (for AUC the sign of cvm is
 * flipped first, so "best" is the maximum).
 */
export function summarizeCv(predictions: CvLassoPredictions, measure: CvMeasure): CvLassoResult {
  const { fit, foldId, nfolds, y, prob } = predictions;
  const n = y.length;
  const warnings = [...predictions.warnings];
  let typeMeasure = measure;
  if (typeMeasure === 'auc' && n / nfolds < 10) {
    warnings.push('fewer than 10 observations per fold for AUC; changed to deviance (as cv.glmnet)');
    typeMeasure = 'deviance';
  }
  const L = fit.lambda.length;
  const { cvm, cvsd } = crossValidatedMeasure(typeMeasure, y, foldId, nfolds, prob, L);
  const sign = typeMeasure === 'auc' ? -1 : 1;
  let best = Infinity;
  for (let l = 0; l < L; l++) best = Math.min(best, sign * cvm[l]);
  // λ decreases along the grid, so the first qualifying index has the largest λ
  let indexMin = 0;
  while (sign * cvm[indexMin] > best) indexMin++;
  const bound = sign * cvm[indexMin] + cvsd[indexMin];
  let index1se = 0;
  while (sign * cvm[index1se] > bound) index1se++;

  return {
    typeMeasure,
    lambda: fit.lambda,
    cvm,
    cvsd,
    cvup: cvm.map((m, l) => m + cvsd[l]),
    cvlo: cvm.map((m, l) => m - cvsd[l]),
    nzero: fit.df,
    lambdaMin: fit.lambda[indexMin],
    indexMin,
    lambda1se: fit.lambda[index1se],
    index1se,
    fit,
    foldId,
    warnings,
  };
}

function resolveFolds(n: number, options: CvFoldOptions): Int32Array {
  if (!options.foldId) {
    if (options.seed === undefined) throw new StatsInputError('cvLassoLogistic: give foldId or a seed for random folds');
    return randomFoldIds(n, options.nfolds ?? 10, options.seed);
  }
  if (options.foldId.length !== n) {
    throw new StatsInputError(`cvLassoLogistic: foldId has ${options.foldId.length} entries, expected ${n}`);
  }
  const foldId = Int32Array.from(options.foldId);
  let k = 0;
  for (let i = 0; i < n; i++) {
    if (!Number.isInteger(options.foldId[i]) || foldId[i] < 1) {
      throw new StatsInputError(`cvLassoLogistic: foldId must be integers 1..K, got ${options.foldId[i]} at row ${i + 1}`);
    }
    k = Math.max(k, foldId[i]);
  }
  if (k < 3) throw new StatsInputError(`cvLassoLogistic: at least 3 folds are required (cv.glmnet), got ${k}`);
  const seen = new Uint8Array(k);
  for (let i = 0; i < n; i++) seen[foldId[i] - 1] = 1;
  const missing = seen.findIndex((s) => s === 0);
  if (missing >= 0) throw new StatsInputError(`cvLassoLogistic: fold ${missing + 1} of 1..${k} has no observations`);
  return foldId;
}

/** Rows `rows` of a column-major n × p matrix, as a column-major |rows| × p matrix. */
function selectRows(x: Float64Array, n: number, p: number, rows: readonly number[]): Float64Array {
  const m = rows.length;
  const out = new Float64Array(m * p);
  for (let j = 0; j < p; j++) {
    const src = j * n;
    const dst = j * m;
    for (let r = 0; r < m; r++) out[dst + r] = x[src + rows[r]];
  }
  return out;
}
