import { describe, expect, it } from 'vitest';
import {
  fitLogistic,
  glmBinomialFit,
  likelihoodRatioTest,
  logisticLinearPredictor,
} from '../../../../../src/main/engine/models/logistic';
import { treatmentDummies, logisticTable } from '../../../../../src/main/engine/models/logisticTable';
import { StatsConvergenceError, StatsInputError } from '../../../../../src/main/engine/stats/errors';

// 2 × 2 table a = 6 (x=1,y=1), b = 4 (x=1,y=0), c = 3 (x=0,y=1), d = 7 (x=0,y=0):
// the logistic MLE is the sample log odds ratio, SE = sqrt(1/a + 1/b + 1/c + 1/d) (closed form).
const x2 = [...Array(10).fill(1), ...Array(10).fill(0)];
const y2 = [1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0];

describe('fitLogistic', () => {
  it('2 × 2 table: β = log OR, SE = √(Σ 1/cell), intercept = log(c/d)', () => {
    const m = fitLogistic([{ name: 'x', values: x2 }], y2);
    expect(m.terms[1].estimate).toBeCloseTo(Math.log((6 * 7) / (4 * 3)), 10);
    // glm (and this port) report the SE from the IRLS weights of the last iteration, i.e. one step before the
    // final coefficients: it agrees with the closed form at the MLE only to the convergence level (~1e-7)
    expect(m.terms[1].stdError).toBeCloseTo(Math.sqrt(1 / 6 + 1 / 4 + 1 / 3 + 1 / 7), 6);
    expect(m.terms[0].estimate).toBeCloseTo(Math.log(3 / 7), 10);
    expect(m.terms[1].oddsRatio).toBeCloseTo(3.5, 9);
    expect(m.converged).toBe(true);
    expect(m.aic).toBeCloseTo(m.deviance + 4, 12);
  });

  it('likelihood-ratio test equals the deviance drop, df = added terms', () => {
    const m = fitLogistic([{ name: 'x', values: x2 }], y2);
    const lr = likelihoodRatioTest(m);
    expect(lr.statistic).toBeCloseTo(m.nullDeviance - m.deviance, 12);
    expect(lr.df).toBe(1);
    expect(lr.p).toBeGreaterThan(0);
    expect(lr.p).toBeLessThan(1);
  });

  it('linear predictor of new data uses the fitted coefficients', () => {
    const m = fitLogistic([{ name: 'x', values: x2 }], y2);
    const lp = logisticLinearPredictor(m, [[0, 1]]);
    expect(lp[0]).toBeCloseTo(m.terms[0].estimate, 12);
    expect(lp[1]).toBeCloseTo(m.terms[0].estimate + m.terms[1].estimate, 12);
  });

  it('complete separation is an error, not huge coefficients', () => {
    const x = [1, 2, 3, 4, 5, 6, 7, 8];
    const y = [0, 0, 0, 0, 1, 1, 1, 1];
    expect(() => fitLogistic([{ name: 'x', values: x }], y)).toThrow(StatsConvergenceError);
    expect(() => fitLogistic([{ name: 'x', values: x }], y)).toThrow(/separation/);
  });

  it('quasi-complete separation (a zero cell) is an error', () => {
    const x = [1, 1, 1, 0, 0, 0, 0, 0, 0, 0];
    const y = [1, 1, 1, 1, 1, 0, 0, 0, 1, 0];
    expect(() => fitLogistic([{ name: 'x', values: x }], y)).toThrow(/separation/);
  });

  it('single outcome class, NaN, non-binary outcome, constant predictor are specific input errors', () => {
    expect(() => fitLogistic([{ name: 'x', values: [1, 2, 3, 4] }], [0, 0, 0, 0])).toThrow(/single class/);
    expect(() => fitLogistic([{ name: 'x', values: [1, NaN, 3, 4, 5] }], [0, 1, 0, 1, 1])).toThrow(StatsInputError);
    expect(() => fitLogistic([{ name: 'x', values: [1, 2, 3, 4, 5] }], [0, 2, 0, 1, 1])).toThrow(/0\/1/);
    expect(() => fitLogistic([{ name: 'c', values: [2, 2, 2, 2, 2, 2] }], [0, 1, 0, 1, 1, 0])).toThrow(/rank-deficient/);
  });

  it('treatment dummies name and code the non-reference levels', () => {
    const d = treatmentDummies('grade', [1, 2, 3, 2], [1, 2, 3]);
    expect(d.map((c) => c.name)).toEqual(['grade2', 'grade3']);
    expect(Array.from(d[0].values)).toEqual([0, 1, 0, 1]);
    expect(Array.from(d[1].values)).toEqual([0, 0, 1, 0]);
    expect(() => treatmentDummies('grade', [1, 4], [1, 2, 3])).toThrow(/not a declared level/);
  });

  it('Table 2 falls back to the smallest univariate p when nothing passes the entry rule', () => {
    const noise = [0.3, 0.1, 0.5, 0.2, 0.9, 0.4, 0.8, 0.7, 0.6, 0.05, 0.35, 0.15, 0.55, 0.25, 0.95, 0.45, 0.85, 0.75, 0.65, 0.01];
    const t = logisticTable(
      [
        { name: 'noise', values: noise },
        { name: 'x', values: x2 },
      ],
      y2,
      { interval: 'wald', entryP: 1e-6 },
    );
    const pNoise = t.univariateModels.noise.terms[1].p;
    const pX = t.univariateModels.x.terms[1].p;
    expect(t.selected).toEqual([pNoise < pX ? 'noise' : 'x']);
    expect(t.rows.filter((r) => r.multivariable).length).toBe(1);
  });
});

describe('separation is told apart from merely extreme fitted probabilities', () => {
  it('accepts a fit whose probabilities reach 1e-8 while the maximum-likelihood estimate exists, with R\'s warning', () => {
    // Overlap near 0 makes the MLE finite; the wide x range pushes the outer fitted probabilities below 1e-8.
    const xs = [-90, -60, -45, -3, -2, -1, 1, 2, 3, 45, 60, 90];
    const ys = [0, 0, 0, 0, 1, 0, 1, 0, 1, 1, 1, 1];
    const n = xs.length;
    const x = new Float64Array(2 * n);
    for (let i = 0; i < n; i++) {
      x[i] = 1;
      x[n + i] = xs[i];
    }
    const fit = glmBinomialFit(x, n, 2, Float64Array.from(ys), ['(Intercept)', 'x']);
    expect(fit.converged).toBe(true);
    expect(Math.min(...fit.mu)).toBeLessThan(1e-8);
    expect(fit.warnings[0]).toMatch(/numerically 0 or 1 occurred/);
  });

  it('still refuses complete separation', () => {
    const xs = [-3, -2, -1, 1, 2, 3];
    const n = xs.length;
    const x = new Float64Array(2 * n);
    for (let i = 0; i < n; i++) {
      x[i] = 1;
      x[n + i] = xs[i];
    }
    expect(() => glmBinomialFit(x, n, 2, Float64Array.from([0, 0, 0, 1, 1, 1]), ['(Intercept)', 'x'])).toThrow(/separation/);
  });
});

describe('quasi-complete separation stopped by glm just above 1e-8', () => {
  it('is still refused (a zero cell for a rare binary predictor)', () => {
    // 12 of 40 patients carry the predictor, none of them has the outcome.
    const xs = Array.from({ length: 40 }, (_, i) => (i < 12 ? 1 : 0));
    const ys = Array.from({ length: 40 }, (_, i) => (i >= 12 && i % 2 === 0 ? 1 : 0));
    const n = xs.length;
    const x = new Float64Array(2 * n);
    for (let i = 0; i < n; i++) {
      x[i] = 1;
      x[n + i] = xs[i];
    }
    expect(() => glmBinomialFit(x, n, 2, Float64Array.from(ys), ['(Intercept)', 'x'])).toThrow(/separation/);
  });
});
