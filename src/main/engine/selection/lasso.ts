/**
 * LASSO / elastic-net penalised logistic regression along a λ path — the equivalent of
 * `glmnet(x, y, family = "binomial", alpha, nlambda, lambda.min.ratio, standardize, thresh, maxit)`
 * (glmnet 4.1-6) with unit observation weights and an unpenalised intercept.
 *
 * Matrices are **column-major** `Float64Array`s: x(i, j) = `x[j * n + i]`; coefficient paths are
 * column-major p × L (`beta[l * p + j]`).
 */
import { StatsConvergenceError, StatsInputError } from '../stats/errors';
import { standardizeColumns } from './standardize';
import { solveLognetPath } from './lognetSolver';

/** Options of {@link fitLassoLogistic}; defaults are glmnet's. */
export interface LassoLogisticOptions {
  /** Elastic-net mixing α ∈ (0, 1]: 1 = LASSO (default), smaller adds a ridge part. */
  alpha?: number;
  /** Number of λ values to generate (default 100). */
  nlambda?: number;
  /** λ_min / λ_max of the generated sequence (default 1e-4 when n ≥ p, else 0.01). */
  lambdaMinRatio?: number;
  /** Explicit λ values (sorted decreasing internally, as glmnet does); overrides the generated sequence. */
  lambda?: ArrayLike<number>;
  /** Standardise predictors internally (default true); coefficients are always returned on the original scale. */
  standardize?: boolean;
  /** Coordinate-descent convergence threshold (default 1e-7, glmnet's `thresh`). */
  thresh?: number;
  /** Maximum total coordinate-descent sweeps over the path (default 1e5, glmnet's `maxit`). */
  maxit?: number;
}

/** A fitted λ path on the original predictor scale. */
export interface LassoLogisticPath {
  /** Observations and predictors. */
  n: number;
  p: number;
  /** λ values of the returned solutions, decreasing. */
  lambda: Float64Array;
  /** Intercepts. */
  a0: Float64Array;
  /** Coefficients on the original scale, column-major p × L (`beta[l * p + j]`). */
  beta: Float64Array;
  /** Number of non-zero coefficients per solution (glmnet `df`). */
  df: Int32Array;
  /** Fraction of null deviance explained (glmnet `dev.ratio`). */
  devRatio: Float64Array;
  /** Null deviance \(-2\sum_i[y_i\log\bar y + (1-y_i)\log(1-\bar y)]\) (glmnet `nulldev`). */
  nulldev: number;
  /** Total coordinate-descent sweeps (glmnet `npasses`). */
  npasses: number;
  /** Column means and population SDs used for standardisation (SD 1 when `standardize = false`). */
  mean: Float64Array;
  sd: Float64Array;
  /** Indices of constant predictors, excluded from the fit (coefficient 0), as glmnet does. */
  excluded: number[];
  /** Non-fatal conditions glmnet would warn about (few observations in a class, sweep budget exhausted). */
  warnings: string[];
}

/** glmnet's default `lambda.min.ratio`: 1e-4 when n ≥ p (more observations than predictors), else 0.01. */
export function defaultLambdaMinRatio(n: number, p: number): number {
  return n < p ? 0.01 : 1e-4;
}

/**
 * Fits the penalised logistic regression path
 *   $$\min_{\beta_0,\beta}\; -\frac1n\sum_{i=1}^n\big[y_i\eta_i - \log(1+e^{\eta_i})\big]
 *     + \lambda\Big[\tfrac{1-\alpha}{2}\lVert\beta\rVert_2^2 + \alpha\lVert\beta\rVert_1\Big],
 *     \qquad \eta_i = \beta_0 + x_i^\top\beta$$
 * for each λ (glmnet `family = "binomial"`; R: `glmnet::glmnet`). With `standardize`, the penalty applies
 * to \(\beta_j s_j\) (s_j = population SD), and the result is mapped back:
 * \(\beta_j = \beta^*_j/s_j\), \(\beta_0 = \beta^*_0 - \sum_j\beta_j\bar x_j\).
 *
 * Generated λ: \(\lambda_{max} = \max_j|\frac1n\sum_i (y_i-\bar y)z_{ij}|/\max(\alpha,10^{-3})\), a log-spaced
 * grid of `nlambda` values down to `lambdaMinRatio`·λ_max; the first entry is reported as
 * \(\exp(2\log\lambda_2 - \log\lambda_3)\) (glmnet's `fix.lam`). The path may stop early (dev.ratio > 0.999 or
 * a gain below 1e-5, after 5 values), as in glmnet.
 *
 * @param x column-major n × p predictors (no NaN)
 * @param n observations
 * @param p predictors
 * @param y outcome coded 0/1
 * @throws StatsInputError on NaN/infinite input, a non-0/1 outcome, or a class with fewer than 2 observations
 *   (glmnet: "one multinomial or binomial class has 1 or 0 observations; not allowed").
 */
export function fitLassoLogistic(
  x: Float64Array,
  n: number,
  p: number,
  y: ArrayLike<number>,
  options: LassoLogisticOptions = {},
): LassoLogisticPath {
  if (x.length !== n * p) throw new StatsInputError(`fitLassoLogistic: x has ${x.length} values, expected n·p = ${n * p}`);
  if (y.length !== n) throw new StatsInputError(`fitLassoLogistic: y has ${y.length} values, expected ${n}`);
  if (p < 1) throw new StatsInputError('fitLassoLogistic: need at least one predictor');
  for (let k = 0; k < x.length; k++) {
    if (!Number.isFinite(x[k])) {
      throw new StatsInputError(`fitLassoLogistic: non-finite predictor value at row ${(k % n) + 1}, column ${Math.floor(k / n) + 1}`);
    }
  }
  const yy = Float64Array.from(y);
  let events = 0;
  for (let i = 0; i < n; i++) {
    if (yy[i] !== 0 && yy[i] !== 1) throw new StatsInputError(`fitLassoLogistic: outcome must be 0/1, got ${yy[i]} at row ${i + 1}`);
    events += yy[i];
  }
  const minClass = Math.min(events, n - events);
  if (minClass <= 1) {
    throw new StatsInputError(`fitLassoLogistic: one outcome class has ${minClass} observation(s); at least 2 per class are required`);
  }
  const alpha = options.alpha ?? 1;
  if (!(alpha > 0 && alpha <= 1)) throw new StatsInputError(`fitLassoLogistic: alpha must be in (0, 1], got ${alpha}`);
  const warnings: string[] = [];
  if (minClass < 8) warnings.push(`one outcome class has only ${minClass} observations (glmnet: "dangerous ground")`);

  const w = new Float64Array(n).fill(1 / n);
  const standardize = options.standardize ?? true;
  const { z, mean, sd, constant } = standardizeColumns(x, n, p, w, standardize);
  const excluded: number[] = [];
  for (let j = 0; j < p; j++) if (constant[j]) excluded.push(j);
  if (excluded.length === p) throw new StatsInputError('fitLassoLogistic: all predictors are constant');

  let userLambda: Float64Array | undefined;
  if (options.lambda) {
    userLambda = Float64Array.from(options.lambda).sort().reverse();
    if (userLambda.length === 0 || userLambda[userLambda.length - 1] < 0) {
      throw new StatsInputError('fitLassoLogistic: lambda values must be non-negative');
    }
  }
  const nlambda = options.nlambda ?? 100;
  if (!userLambda && nlambda < 3) throw new StatsInputError('fitLassoLogistic: nlambda must be at least 3');
  const raw = solveLognetPath(z, n, p, yy, w, constant, {
    alpha,
    lambda: userLambda,
    nlambda,
    lambdaMinRatio: options.lambdaMinRatio ?? defaultLambdaMinRatio(n, p),
    thresh: options.thresh ?? 1e-7,
    maxit: options.maxit ?? 1e5,
  });
  if (raw.maxitReachedAt !== null) {
    warnings.push(
      `convergence for λ number ${raw.maxitReachedAt + 1} not reached after maxit sweeps; solutions for larger λ returned`,
    );
  }
  if (raw.nSolutions === 0) throw new StatsConvergenceError('fitLassoLogistic: no solution converged within maxit sweeps');

  const L = raw.nSolutions;
  const lambda = raw.lambda;
  if (!userLambda && L >= 3) lambda[0] = Math.exp(2 * Math.log(lambda[1]) - Math.log(lambda[2]));
  const beta = new Float64Array(L * p);
  const a0 = new Float64Array(L);
  const df = new Int32Array(L);
  for (let l = 0; l < L; l++) {
    let shift = 0;
    let nz = 0;
    for (let j = 0; j < p; j++) {
      const bj = raw.beta[l * p + j] / sd[j];
      beta[l * p + j] = bj;
      if (bj !== 0) {
        nz++;
        shift += bj * mean[j];
      }
    }
    a0[l] = raw.a0[l] - shift;
    df[l] = nz;
  }
  const ybar = events / n;
  const nulldev = -2 * n * (ybar * Math.log(ybar) + (1 - ybar) * Math.log(1 - ybar));
  return {
    n,
    p,
    lambda,
    a0,
    beta,
    df,
    devRatio: raw.devRatio,
    nulldev,
    npasses: raw.npasses,
    mean,
    sd,
    excluded,
    warnings,
  };
}
