/**
 * Coefficients and linear predictors of a fitted {@link LassoLogisticPath} at arbitrary λ — glmnet's
 * `coef(fit, s)` / `predict(fit, newx, s, type = "link")` with the default `exact = FALSE`.
 */
import type { LassoLogisticPath } from './lasso';

/** Coefficients at one λ: intercept and p slopes on the original scale. */
export interface LassoCoefficients {
  a0: number;
  beta: Float64Array;
}

/**
 * Position of `s` on the fitted λ grid, as glmnet's `lambda.interp`: with
 * \(f(\lambda) = (\lambda_1-\lambda)/(\lambda_1-\lambda_L)\), `s` is clamped to the grid and located between
 * neighbours `left`/`right` (0-based); the coefficients are then
 * \(\text{frac}\cdot\beta_{left} + (1-\text{frac})\cdot\beta_{right}\), i.e. linear interpolation in λ.
 * A λ on the grid returns that solution exactly (frac = 1).
 */
export function lambdaInterpolation(lambda: Float64Array, s: number): { left: number; right: number; frac: number } {
  const L = lambda.length;
  if (L === 1) return { left: 0, right: 0, frac: 1 };
  const span = lambda[0] - lambda[L - 1];
  const pos = (l: number): number => (lambda[0] - lambda[l]) / span;
  let sf = (lambda[0] - s) / span;
  sf = Math.min(Math.max(sf, pos(0)), pos(L - 1));
  // first grid point at or beyond sf (grid positions increase with the index)
  let right = 0;
  while (right < L - 1 && pos(right) < sf) right++;
  if (pos(right) === sf) return { left: right, right, frac: 1 };
  const left = right - 1;
  const gap = pos(left) - pos(right);
  if (Math.abs(gap) < Number.EPSILON) return { left, right, frac: 1 };
  return { left, right, frac: (sf - pos(right)) / gap };
}

/**
 * Coefficients at penalty `s` (R: `coef(fit, s = s)`, linear interpolation between neighbouring λ;
 * clamped to the first/last solution outside the fitted range).
 */
export function lassoCoefficientsAt(fit: LassoLogisticPath, s: number): LassoCoefficients {
  const { left, right, frac } = lambdaInterpolation(fit.lambda, s);
  const p = fit.p;
  const beta = new Float64Array(p);
  for (let j = 0; j < p; j++) {
    beta[j] = frac === 1 ? fit.beta[left * p + j] : frac * fit.beta[left * p + j] + (1 - frac) * fit.beta[right * p + j];
  }
  const a0 = frac === 1 ? fit.a0[left] : frac * fit.a0[left] + (1 - frac) * fit.a0[right];
  return { a0, beta };
}

/**
 * Linear predictors \(\eta_i = \beta_0 + x_i^\top\beta\) of new rows (R: `predict(fit, newx, s, type = "link")`).
 * @param coef coefficients from {@link lassoCoefficientsAt} or a path column
 * @param x column-major m × p new data
 * @param m number of new rows
 */
export function lassoLinearPredictor(coef: LassoCoefficients, x: Float64Array, m: number): Float64Array {
  const p = coef.beta.length;
  if (x.length !== m * p) throw new Error(`lassoLinearPredictor: x has ${x.length} values, expected ${m}·${p}`);
  const eta = new Float64Array(m).fill(coef.a0);
  for (let j = 0; j < p; j++) {
    const bj = coef.beta[j];
    if (bj === 0) continue;
    const off = j * m;
    for (let i = 0; i < m; i++) eta[i] += bj * x[off + i];
  }
  return eta;
}
