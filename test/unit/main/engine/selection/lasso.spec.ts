import { describe, expect, it } from 'vitest';
import { fitLassoLogistic } from '../../../../../src/main/engine/selection/lasso';
import { lassoCoefficientsAt, lassoLinearPredictor, lambdaInterpolation } from '../../../../../src/main/engine/selection/lassoPredict';
import { Rng } from '../../../../../src/main/engine/stats/rng';
import { StatsInputError } from '../../../../../src/main/engine/stats/errors';

/** Seeded synthetic data: n × p column-major, 3 informative columns on different scales. */
function synthetic(n: number, p: number, seed: number): { x: Float64Array; y: Float64Array } {
  const rng = new Rng(seed);
  const x = new Float64Array(n * p);
  for (let j = 0; j < p; j++) for (let i = 0; i < n; i++) x[j * n + i] = (rng.uniform() - 0.5) * (j + 1) * 3 + j;
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const eta = 0.8 * (x[i] - 0) - 0.4 * (x[n + i] - 1) + 0.2 * (x[2 * n + i] - 2);
    y[i] = rng.uniform() < 1 / (1 + Math.exp(-eta)) ? 1 : 0;
  }
  return { x, y };
}

/**
 * KKT conditions of the glmnet objective on the standardised scale at one λ:
 * g_j = (1/n) Σ z_ij (y_i − p_i); non-zero β*_j: g_j = λ[α sign(β*_j) + (1−α) β*_j]; zero β*_j: |g_j| ≤ λα.
 */
function kktViolation(fit: ReturnType<typeof fitLassoLogistic>, x: Float64Array, y: Float64Array, l: number, alpha: number): number {
  const { n, p } = fit;
  const lam = fit.lambda[l];
  const eta = lassoLinearPredictor({ a0: fit.a0[l], beta: fit.beta.subarray(l * p, (l + 1) * p) }, x, n);
  let worst = 0;
  let interceptGrad = 0;
  for (let i = 0; i < n; i++) interceptGrad += (y[i] - 1 / (1 + Math.exp(-eta[i]))) / n;
  worst = Math.max(worst, Math.abs(interceptGrad));
  for (let j = 0; j < p; j++) {
    let g = 0;
    for (let i = 0; i < n; i++) g += (((x[j * n + i] - fit.mean[j]) / fit.sd[j]) * (y[i] - 1 / (1 + Math.exp(-eta[i])))) / n;
    const bStd = fit.beta[l * p + j] * fit.sd[j];
    if (bStd !== 0) worst = Math.max(worst, Math.abs(g - lam * (alpha * Math.sign(bStd) + (1 - alpha) * bStd)));
    else worst = Math.max(worst, Math.max(0, Math.abs(g) - lam * alpha));
  }
  return worst;
}

describe('fitLassoLogistic', () => {
  const n = 80;
  const p = 12;
  const { x, y } = synthetic(n, p, 11);

  it('tight fits satisfy the KKT conditions of the LASSO and elastic-net objectives', () => {
    for (const alpha of [1, 0.5]) {
      const fit = fitLassoLogistic(x, n, p, y, { alpha, thresh: 1e-14, maxit: 1e7, nlambda: 30 });
      for (let l = 0; l < fit.lambda.length; l += 5) expect(kktViolation(fit, x, y, l, alpha)).toBeLessThan(1e-7);
    }
  });

  it('λ sequence: log-spaced from λ_max with glmnet ratio 1e-4 for n ≥ p and 0.01 for n < p', () => {
    const fit = fitLassoLogistic(x, n, p, y, { nlambda: 20 });
    const ratio = fit.lambda[1] / fit.lambda[2];
    for (let l = 2; l < fit.lambda.length - 1; l++) expect(fit.lambda[l] / fit.lambda[l + 1]).toBeCloseTo(ratio, 10);
    expect(ratio).toBeCloseTo(1e-4 ** (-1 / 19), 10);
    expect(Array.from(fit.beta.subarray(0, p)).every((b) => b === 0)).toBe(true);
    const wide = synthetic(20, 40, 3);
    const fitWide = fitLassoLogistic(wide.x, 20, 40, wide.y, { nlambda: 20 });
    expect(fitWide.lambda[1] / fitWide.lambda[2]).toBeCloseTo(0.01 ** (-1 / 19), 10);
  });

  it('internal standardisation: pre-scaling the predictors leaves the fitted probabilities unchanged', () => {
    const scaled = Float64Array.from(x, (v, k) => v * (1 + Math.floor(k / n)) * 10 + 5);
    const a = fitLassoLogistic(x, n, p, y, { thresh: 1e-14, maxit: 1e7, nlambda: 15 });
    const b = fitLassoLogistic(scaled, n, p, y, { thresh: 1e-14, maxit: 1e7, nlambda: 15 });
    expect(b.lambda.length).toBe(a.lambda.length);
    for (let l = 0; l < a.lambda.length; l += 3) {
      const ea = lassoLinearPredictor(lassoCoefficientsAt(a, a.lambda[l]), x, n);
      const eb = lassoLinearPredictor(lassoCoefficientsAt(b, b.lambda[l]), scaled, n);
      for (let i = 0; i < n; i++) expect(eb[i]).toBeCloseTo(ea[i], 8);
    }
  });

  it('a constant column is excluded (coefficient 0) and does not change the fit', () => {
    const withConst = new Float64Array(n * (p + 1));
    withConst.set(x);
    withConst.fill(3.7, n * p);
    const a = fitLassoLogistic(x, n, p, y, { nlambda: 20 });
    const b = fitLassoLogistic(withConst, n, p + 1, y, { nlambda: 20 });
    expect(b.excluded).toEqual([p]);
    expect(b.lambda.length).toBe(a.lambda.length);
    for (let l = 0; l < a.lambda.length; l++) {
      expect(b.beta[l * (p + 1) + p]).toBe(0);
      expect(b.a0[l]).toBeCloseTo(a.a0[l], 12);
    }
  });

  it('rejects NaN, non-binary outcomes and classes with fewer than 2 observations', () => {
    const bad = Float64Array.from(x);
    bad[5] = NaN;
    expect(() => fitLassoLogistic(bad, n, p, y)).toThrow(/non-finite predictor value at row 6, column 1/);
    expect(() => fitLassoLogistic(x, n, p, new Float64Array(n))).toThrow(StatsInputError);
    const one = new Float64Array(n);
    one[0] = 1;
    expect(() => fitLassoLogistic(x, n, p, one)).toThrow(/1 observation/);
    expect(() => fitLassoLogistic(x, n, p, Float64Array.from(y, (v) => v * 2))).toThrow(/0\/1/);
  });
});

describe('coefficients between path λ (glmnet lambda.interp)', () => {
  it('linear in λ between neighbours, clamped outside, exact on the grid', () => {
    const lambda = Float64Array.from([1, 0.5, 0.25]);
    expect(lambdaInterpolation(lambda, 0.5)).toEqual({ left: 1, right: 1, frac: 1 });
    const mid = lambdaInterpolation(lambda, 0.75);
    expect(mid.left).toBe(0);
    expect(mid.right).toBe(1);
    expect(mid.frac).toBeCloseTo(0.5, 14);
    expect(lambdaInterpolation(lambda, 5)).toEqual({ left: 0, right: 0, frac: 1 });
    expect(lambdaInterpolation(lambda, 0.01)).toEqual({ left: 2, right: 2, frac: 1 });
  });
});
