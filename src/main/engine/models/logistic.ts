/**
 * Binary logistic regression by maximum likelihood, fitted exactly as
 * `stats::glm(y ~ ..., family = binomial)` (R 4.2 `glm.fit`): iteratively reweighted least squares with
 * R's starting values, link clamps, deviance-based stopping rule and Wald inference from the last
 * IRLS weights.
 *
 * Design matrices are **column-major** `Float64Array`s: X(i, j) = `x[j * n + i]`.
 */
import { StatsConvergenceError, StatsInputError } from '../stats/errors';
import { pchisq, pnorm, qnorm } from '../stats/distributions';
import { inverseFromR, solveWeightedLeastSquares } from './weightedLeastSquares';

/** R's `glm.control()` default convergence tolerance on the relative deviance change. */
export const GLM_EPSILON = 1e-8;
/** R's `glm.control()` default maximum number of IRLS iterations. */
export const GLM_MAXIT = 25;

/** `.Machine$double.eps`, and R's logit-link clamps (`THRESH` = 30, `MTHRESH` = −30). */
const DBL_EPSILON = 2.220446049250313e-16;
const LINK_THRESH = 30;

/**
 * Fitted probabilities within this distance of 0 or 1 are taken as evidence of (quasi-)complete separation:
 * \(\min(\hat p, 1-\hat p) < 10^{-8}\) ⇔ \(|\hat\eta| > 18.4\). The maximum-likelihood estimate then does not
 * exist and glm's coefficients would only reflect where its stopping rule happened to fire.
 */
export const SEPARATION_PROBABILITY = 1e-8;

/** Fitted probabilities this close to 0 or 1 trigger the separation check (see `checkSeparation`). */
const SEPARATION_CHECK_PROBABILITY = 1e-6;

/** Options of {@link glmBinomialFit}. */
export interface GlmBinomialOptions {
  /** Known offset added to the linear predictor (length n). */
  offset?: Float64Array;
  /** Starting linear predictor (R: `etastart`); default R's `mustart = (y + 0.5)/2`. */
  etaStart?: Float64Array;
  /** Convergence tolerance on the relative deviance change (default 1e-8). */
  epsilon?: number;
  /** Maximum IRLS iterations (default 25). */
  maxit?: number;
  /** Check for separation after fitting (default true); profiling turns it off for constrained fits. */
  checkSeparation?: boolean;
}

/** Raw result of {@link glmBinomialFit}. */
export interface GlmBinomialFit {
  /** Coefficients in design-column order. */
  coef: Float64Array;
  /** Unscaled covariance \((X^\top W X)^{-1}\) at the last IRLS weights, column-major q × q (R: `vcov(fit)`). */
  vcov: Float64Array;
  /** Linear predictor (offset included) and fitted probabilities. */
  eta: Float64Array;
  mu: Float64Array;
  /** Residual deviance \(D = 2\sum_i[y_i\log(y_i/\hat p_i) + (1-y_i)\log((1-y_i)/(1-\hat p_i))]\). */
  deviance: number;
  /** IRLS iterations used and whether the stopping rule was met. */
  iterations: number;
  converged: boolean;
  /** Warnings R would print (e.g. fitted probabilities numerically 0 or 1 although the MLE exists). */
  warnings: string[];
}

/**
 * IRLS for the binomial GLM with logit link, step for step as `glm.fit`:
 * start \(\mu^{(0)} = (y + ½)/2\) (or \(\eta^{(0)}\) = `etaStart`); at each iteration
 *   $$z = \eta - o + \frac{y-\mu}{\mu'(\eta)},\qquad w = \frac{\mu'(\eta)^2}{\mu(1-\mu)},\qquad
 *     \beta = \arg\min \sum_i w_i(z_i - x_i^\top\beta)^2,$$
 * with \(\mu'(\eta) = e^\eta/(1+e^\eta)^2\) (clamped to ε beyond |η| > 30) and \(\mu = \text{plogis}(\eta)\)
 * clamped to [ε, 1 − ε]; stop when \(|D - D_{old}|/(|D| + 0.1) < \epsilon\). Step-halving as R when the
 * deviance becomes non-finite. Unitless (log-odds).
 *
 * @param x column-major n × q design (include a column of ones for an intercept)
 * @param n observations
 * @param q design columns
 * @param y outcome, 0/1
 * @param termNames column names for messages
 * @throws StatsConvergenceError when the iterations diverge, or (with `checkSeparation`) when
 *   the data are separated — fitted probabilities numerically 0 or 1 or no convergence in `maxit`.
 */
export function glmBinomialFit(
  x: Float64Array,
  n: number,
  q: number,
  y: Float64Array,
  termNames: readonly string[],
  options: GlmBinomialOptions = {},
): GlmBinomialFit {
  const epsilon = options.epsilon ?? GLM_EPSILON;
  const maxit = options.maxit ?? GLM_MAXIT;
  const offset = options.offset ?? new Float64Array(n);
  let eta: Float64Array = new Float64Array(n);
  let mu: Float64Array = new Float64Array(n);
  if (options.etaStart) eta.set(options.etaStart);
  else for (let i = 0; i < n; i++) eta[i] = logit((y[i] + 0.5) / 2);
  for (let i = 0; i < n; i++) mu[i] = logitLinkInverse(eta[i]);
  let devold = binomialDeviance(y, mu);

  const zw = new Float64Array(n);
  const ww = new Float64Array(n);
  let coef: Float64Array = new Float64Array(q);
  let coefOld: Float64Array | null = null;
  let r: Float64Array = new Float64Array(q * q);
  let converged = false;
  let iterations = 0;
  for (let iter = 1; iter <= maxit; iter++) {
    iterations = iter;
    for (let i = 0; i < n; i++) {
      const d = logitMuEta(eta[i]);
      zw[i] = eta[i] - offset[i] + (y[i] - mu[i]) / d;
      ww[i] = (d * d) / (mu[i] * (1 - mu[i]));
    }
    const wls = solveWeightedLeastSquares(x, n, q, zw, ww, termNames);
    coef = wls.coef;
    r = wls.r;
    let { eta: etaNew, mu: muNew } = predictorFromCoef(x, n, q, coef, offset);
    let dev = binomialDeviance(y, muNew);
    if (!Number.isFinite(dev)) {
      if (coefOld === null) {
        throw new StatsConvergenceError('logistic regression: no valid set of coefficients found; please supply starting values');
      }
      let halvings = 0;
      while (!Number.isFinite(dev)) {
        if (++halvings > maxit) throw new StatsConvergenceError('logistic regression: inner loop 1; cannot correct step size');
        for (let j = 0; j < q; j++) coef[j] = (coef[j] + coefOld[j]) / 2;
        ({ eta: etaNew, mu: muNew } = predictorFromCoef(x, n, q, coef, offset));
        dev = binomialDeviance(y, muNew);
      }
    }
    eta = etaNew;
    mu = muNew;
    if (Math.abs(dev - devold) / (Math.abs(dev) + 0.1) < epsilon) {
      converged = true;
      devold = dev;
      break;
    }
    devold = dev;
    coefOld = Float64Array.from(coef);
  }
  const warning =
    (options.checkSeparation ?? true)
      ? checkSeparation(
          { mu, coef, converged },
          maxit,
          () => glmBinomialFit(x, n, q, y, termNames, { ...options, etaStart: eta, epsilon: 1e-14, maxit: 200, checkSeparation: false }),
          (b) => standardisedEffect(x, n, q, b),
        )
      : undefined;
  return { coef, vcov: inverseFromR(r, q), eta, mu, deviance: devold, iterations, converged, warnings: warning ? [warning] : [] };
}

/**
 * Separation check. Fitted probabilities within {@link SEPARATION_PROBABILITY} of 0 or 1 are only a
 * symptom: R warns "fitted probabilities numerically 0 or 1 occurred" whether or not the
 * maximum-likelihood estimate exists. To tell the two apart, the fit is continued far past glm's
 * stopping rule (ε = 1e-14, 200 iterations): when the MLE exists the coefficients stay where glm
 * stopped (relative change < 1e-4); under (quasi-)complete separation the likelihood keeps rising
 * as the coefficients grow without bound, and we throw. No convergence within `maxit` also throws.
 * @returns the warning to attach when extreme probabilities occurred but the MLE exists
 */
function checkSeparation(
  fit: Pick<GlmBinomialFit, 'mu' | 'coef' | 'converged'>,
  maxit: number,
  refit: () => GlmBinomialFit,
  maxStandardisedEffect: (coef: Float64Array) => number,
): string | undefined {
  if (!fit.converged) {
    throw new StatsConvergenceError(`logistic regression: IRLS did not converge in ${maxit} iterations (possible separation)`);
  }
  let extreme = 0;
  let nearExtreme = 0;
  for (let i = 0; i < fit.mu.length; i++) {
    const m = Math.min(fit.mu[i], 1 - fit.mu[i]);
    if (m < SEPARATION_PROBABILITY) extreme++;
    if (m < SEPARATION_CHECK_PROBABILITY) nearExtreme++;
  }
  // glm stops a quasi-separated fit once the deviance stalls, often with probabilities just above
  // 1e-8: the check therefore starts at 1e-6, and the refit decides.
  if (nearExtreme === 0) return undefined;
  const tight = refit();
  let drift = 0;
  for (let j = 0; j < fit.coef.length; j++) {
    drift = Math.max(drift, Math.abs(tight.coef[j] - fit.coef[j]) / (1 + Math.abs(fit.coef[j])));
  }
  // R's link clamps can stall the iterations of a separated fit, so a stable refit is not enough:
  // a one-SD change of a predictor moving the log-odds by more than 25 is also taken as separation.
  if (!tight.converged || drift > 1e-4 || maxStandardisedEffect(fit.coef) > 25) {
    throw new StatsConvergenceError(
      `logistic regression: perfect or quasi-complete separation — ${nearExtreme} fitted probabilit${nearExtreme === 1 ? 'y is' : 'ies are'} ` +
        'within 1e-6 of 0 or 1 and the coefficients grow without bound, so the maximum-likelihood estimates do not exist ' +
        '(use a penalised model or remove the separating predictor)',
    );
  }
  if (extreme === 0) return undefined;
  return `fitted probabilities numerically 0 or 1 occurred (${extreme} of ${fit.mu.length}); the maximum-likelihood estimate exists`;
}

/** max_j |β_j|·sd(x_j) over non-constant design columns: the log-odds change of a one-SD step. */
function standardisedEffect(x: Float64Array, n: number, q: number, coef: Float64Array): number {
  let max = 0;
  for (let j = 0; j < q; j++) {
    let mean = 0;
    for (let i = 0; i < n; i++) mean += x[j * n + i];
    mean /= n;
    let ss = 0;
    for (let i = 0; i < n; i++) ss += (x[j * n + i] - mean) ** 2;
    const sd = Math.sqrt(ss / n);
    if (sd > 0) max = Math.max(max, Math.abs(coef[j]) * sd);
  }
  return max;
}

function predictorFromCoef(
  x: Float64Array,
  n: number,
  q: number,
  coef: Float64Array,
  offset: Float64Array,
): { eta: Float64Array; mu: Float64Array } {
  const eta = new Float64Array(n);
  for (let j = 0; j < q; j++) {
    const c = coef[j];
    const off = j * n;
    for (let i = 0; i < n; i++) eta[i] += x[off + i] * c;
  }
  const mu = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    eta[i] += offset[i];
    mu[i] = logitLinkInverse(eta[i]);
  }
  return { eta, mu };
}

/** \(\log(p/(1-p))\) (R: `qlogis`). */
function logit(p: number): number {
  return Math.log(p / (1 - p));
}

/** R's `binomial()$linkinv` (C `logit_linkinv`): \(e^\eta/(1+e^\eta)\) with η clamped to ±30 (μ ∈ [ε, 1/(1+ε)]). */
export function logitLinkInverse(eta: number): number {
  const t = eta < -LINK_THRESH ? DBL_EPSILON : eta > LINK_THRESH ? 1 / DBL_EPSILON : Math.exp(eta);
  return t / (1 + t);
}

/** R's `binomial()$mu.eta` (C `logit_mu_eta`): \(e^\eta/(1+e^\eta)^2\), ε beyond |η| > 30. */
function logitMuEta(eta: number): number {
  const opexp = 1 + Math.exp(eta);
  return eta > LINK_THRESH || eta < -LINK_THRESH ? DBL_EPSILON : Math.exp(eta) / (opexp * opexp);
}

/** Binomial deviance of 0/1 outcomes: \(-2\sum_i[y_i\log\mu_i + (1-y_i)\log(1-\mu_i)]\) (R: `sum(binomial()$dev.resids)`). */
export function binomialDeviance(y: ArrayLike<number>, mu: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < y.length; i++) s += y[i] > 0 ? -2 * Math.log(mu[i]) : -2 * Math.log(1 - mu[i]);
  return s;
}

/** One column of the logistic design. */
export interface DesignColumn {
  /** Term name as it appears in coefficient tables (e.g. `age`, `grade2`). */
  name: string;
  /** Values, one per observation. */
  values: ArrayLike<number>;
}

/** Wald inference for one coefficient (R: `summary(glm)$coefficients` + `confint.default`). */
export interface LogisticTerm {
  term: string;
  estimate: number;
  stdError: number;
  /** Wald z = β / SE and its two-sided p = 2Φ(−|z|). */
  z: number;
  p: number;
  /** Odds ratio exp(β) and its Wald interval exp(β ∓ z_{1−α/2}·SE). */
  oddsRatio: number;
  orLower: number;
  orUpper: number;
}

/** A fitted logistic model with an intercept (R: `glm(y ~ ..., family = binomial)`). */
export interface LogisticModel {
  terms: LogisticTerm[];
  /** Covariance of the estimates, column-major q × q in term order (intercept first). */
  vcov: Float64Array;
  /** Residual and null deviance, their degrees of freedom, AIC = D + 2q. */
  deviance: number;
  nullDeviance: number;
  dfResidual: number;
  dfNull: number;
  aic: number;
  iterations: number;
  converged: boolean;
  /** Linear predictor and fitted probability of each observation. */
  linearPredictor: Float64Array;
  fitted: Float64Array;
  /** Design in column-major order (intercept column first), kept for profiling and prediction. */
  design: Float64Array;
  n: number;
  /** Outcome (0/1) the model was fitted to. */
  y: Float64Array;
  /** Confidence level of the Wald intervals. */
  level: number;
}

/**
 * Fits `glm(y ~ x1 + … + xk, family = binomial)` on complete cases and reports Wald statistics:
 * \(SE_j = \sqrt{[(X^\top WX)^{-1}]_{jj}}\), \(z_j = \hat\beta_j/SE_j\), \(p_j = 2\Phi(-|z_j|)\),
 * OR = \(e^{\hat\beta_j}\), CI = \(\exp(\hat\beta_j \mp \Phi^{-1}(1-\alpha/2)\,SE_j)\) (R `confint.default`).
 * Null deviance from the intercept-only fit \(\bar y\); AIC = D + 2(k + 1).
 *
 * @param columns predictors (an intercept is added as the first term, `(Intercept)`)
 * @param y outcome coded 0/1
 * @param level confidence level of the Wald intervals (default 0.95)
 * @throws StatsInputError on NaN, a non-0/1 outcome, a single outcome class, too few observations or a
 *   rank-deficient design; StatsConvergenceError on separation (see {@link glmBinomialFit}).
 */
export function fitLogistic(columns: readonly DesignColumn[], y: ArrayLike<number>, level = 0.95): LogisticModel {
  const n = y.length;
  const q = columns.length + 1;
  const yy = Float64Array.from(y);
  let events = 0;
  for (let i = 0; i < n; i++) {
    if (yy[i] !== 0 && yy[i] !== 1) throw new StatsInputError(`logistic regression: outcome must be 0/1, got ${yy[i]} at row ${i + 1}`);
    events += yy[i];
  }
  if (events === 0 || events === n) {
    throw new StatsInputError(`logistic regression: the outcome has a single class (${events} events in ${n} observations)`);
  }
  if (n <= q) throw new StatsInputError(`logistic regression: ${n} observations for ${q} coefficients`);
  const design = new Float64Array(n * q).fill(1, 0, n);
  columns.forEach((c, k) => {
    if (c.values.length !== n) throw new StatsInputError(`logistic regression: "${c.name}" has ${c.values.length} values, expected ${n}`);
    for (let i = 0; i < n; i++) {
      const v = c.values[i];
      if (!Number.isFinite(v)) throw new StatsInputError(`logistic regression: "${c.name}" is ${v} at row ${i + 1} (NaN/Inf not allowed)`);
      design[(k + 1) * n + i] = v;
    }
  });
  const names = ['(Intercept)', ...columns.map((c) => c.name)];
  const fit = glmBinomialFit(design, n, q, yy, names);
  const crit = qnorm(1 - (1 - level) / 2);
  const terms = names.map((term, j) => {
    const estimate = fit.coef[j];
    const stdError = Math.sqrt(fit.vcov[j * q + j]);
    const z = estimate / stdError;
    return {
      term,
      estimate,
      stdError,
      z,
      p: 2 * pnorm(-Math.abs(z)),
      oddsRatio: Math.exp(estimate),
      orLower: Math.exp(estimate - crit * stdError),
      orUpper: Math.exp(estimate + crit * stdError),
    };
  });
  const ybar = events / n;
  const nullDeviance = -2 * (events * Math.log(ybar) + (n - events) * Math.log(1 - ybar));
  return {
    terms,
    vcov: fit.vcov,
    deviance: fit.deviance,
    nullDeviance,
    dfResidual: n - q,
    dfNull: n - 1,
    aic: fit.deviance + 2 * q,
    iterations: fit.iterations,
    converged: fit.converged,
    linearPredictor: fit.eta,
    fitted: fit.mu,
    design,
    n,
    y: yy,
    level,
  };
}

/**
 * Linear predictor \(\hat\beta_0 + x^\top\hat\beta\) of new observations (R: `predict(fit, newdata, type = "link")`);
 * apply `1/(1 + exp(−η))` for probabilities.
 * @param columns predictor values in the model's term order (intercept excluded), one array per term
 */
export function logisticLinearPredictor(model: LogisticModel, columns: readonly ArrayLike<number>[]): Float64Array {
  if (columns.length !== model.terms.length - 1) {
    throw new StatsInputError(`logistic prediction: ${columns.length} predictors given, model has ${model.terms.length - 1}`);
  }
  const m = columns.length ? columns[0].length : 0;
  const eta = new Float64Array(m).fill(model.terms[0].estimate);
  columns.forEach((c, k) => {
    const b = model.terms[k + 1].estimate;
    for (let i = 0; i < m; i++) eta[i] += b * c[i];
  });
  return eta;
}

/** Likelihood-ratio test between nested logistic models. */
export interface LikelihoodRatioTest {
  /** \(G^2 = D_{reduced} - D_{full}\), df = difference in coefficients, p = \(P(\chi^2_{df} > G^2)\). */
  statistic: number;
  df: number;
  p: number;
}

/**
 * Likelihood-ratio (deviance) test of a reduced model nested in a full model fitted to the same observations
 * (R: `anova(reduced, full, test = "Chisq")`). Passing only `full` tests it against the intercept-only model
 * (rms `lrm` "Model L.R.").
 */
export function likelihoodRatioTest(full: LogisticModel, reduced?: LogisticModel): LikelihoodRatioTest {
  const dReduced = reduced ? reduced.deviance : full.nullDeviance;
  const qReduced = reduced ? reduced.terms.length : 1;
  if (reduced && reduced.n !== full.n) throw new StatsInputError('likelihood-ratio test: models fitted to different observations');
  const df = full.terms.length - qReduced;
  if (df <= 0) throw new StatsInputError('likelihood-ratio test: the full model must have more terms than the reduced one');
  const statistic = dReduced - full.deviance;
  return { statistic, df, p: pchisq(statistic, df, false) };
}
