import { describe, expect, it } from 'vitest';
import { cvLassoLogistic } from '../../../../../src/main/engine/selection/cvGlmnet';
import { crossValidatedMeasure, foldAuc, observationLoss } from '../../../../../src/main/engine/selection/cvMeasures';
import { randomFoldIds } from '../../../../../src/main/engine/selection/folds';
import { Rng } from '../../../../../src/main/engine/stats/rng';

function synthetic(n: number, p: number, seed: number): { x: Float64Array; y: Float64Array } {
  const rng = new Rng(seed);
  const x = new Float64Array(n * p);
  for (let k = 0; k < n * p; k++) x[k] = rng.uniform() * 2 - 1;
  const y = Float64Array.from({ length: n }, (_, i) => (rng.uniform() < 1 / (1 + Math.exp(-3 * x[i] + 2 * x[n + i])) ? 1 : 0));
  return { x, y };
}

describe('cv.glmnet folds and measures', () => {
  it('random folds are R sample(rep(1:k, length = n)) after set.seed', () => {
    // set.seed(1); sample(10) = 9 4 7 1 2 5 3 10 6 8 (R 4.x) → rep(1:5, 2)[that] = 4 4 2 1 2 5 3 5 1 3
    expect(Array.from(randomFoldIds(10, 5, 1))).toEqual([4, 4, 2, 1, 2, 5, 3, 5, 1, 3]);
    const f = randomFoldIds(103, 10, 99);
    const sizes = Array.from({ length: 10 }, (_, k) => f.filter((v) => v === k + 1).length);
    expect(Math.min(...sizes)).toBe(10);
    expect(Math.max(...sizes)).toBe(11);
  });

  it('fold AUC counts score ties as one half', () => {
    expect(foldAuc([0, 0, 1, 1], [0.1, 0.4, 0.4, 0.9])).toBeCloseTo(0.875, 15); // pairs: 1, 1, ½, 1 → 3.5/4
    expect(Number.isNaN(foldAuc([1, 1], [0.2, 0.3]))).toBe(true);
  });

  it('per-observation losses: clamped deviance and glmnet class error (p > 0.5 predicts 1)', () => {
    expect(observationLoss('deviance', 1, 0)).toBeCloseTo(-2 * Math.log(1e-5), 12);
    expect(observationLoss('class', 1, 0.5)).toBe(1);
    expect(observationLoss('class', 0, 0.5)).toBe(0);
  });

  it('grouped deviance: fold means weighted by fold size, SE over folds', () => {
    // 2 folds × 3 observations, one λ; fold 1 all p = 0.5, fold 2 perfect predictions (clamped at 1e-5)
    const y = [1, 0, 1, 1, 0, 0];
    const fold = [1, 1, 1, 2, 2, 2];
    const prob = Float64Array.from([0.5, 0.5, 0.5, 1, 0, 0]);
    const { cvm, cvsd } = crossValidatedMeasure('deviance', y, fold, 2, prob, 1);
    const e1 = 2 * Math.log(2);
    const e2 = -2 * Math.log(1 - 1e-5);
    const m = (e1 + e2) / 2;
    expect(cvm[0]).toBeCloseTo(m, 14);
    expect(cvsd[0]).toBeCloseTo(Math.sqrt(((e1 - m) ** 2 + (e2 - m) ** 2) / 2 / 1), 14);
  });
});

describe('cvLassoLogistic', () => {
  const n = 60;
  const p = 8;
  const { x, y } = synthetic(n, p, 5);

  it('λ.min is the best cvm and λ.1se the largest λ within one SE of it', () => {
    const cv = cvLassoLogistic(x, n, p, y, { seed: 2, nfolds: 5, nlambda: 40 });
    const best = Math.min(...cv.cvm);
    expect(cv.cvm[cv.indexMin]).toBe(best);
    for (let l = 0; l < cv.indexMin; l++) expect(cv.cvm[l]).toBeGreaterThan(best);
    const bound = best + cv.cvsd[cv.indexMin];
    expect(cv.cvm[cv.index1se]).toBeLessThanOrEqual(bound);
    for (let l = 0; l < cv.index1se; l++) expect(cv.cvm[l]).toBeGreaterThan(bound);
    expect(cv.lambda1se).toBeGreaterThanOrEqual(cv.lambdaMin);
  });

  it('AUC is maximised and the same folds give the same result (seeded)', () => {
    const a = cvLassoLogistic(x, n, p, y, { seed: 3, nfolds: 5, typeMeasure: 'auc', nlambda: 30 });
    const b = cvLassoLogistic(x, n, p, y, { seed: 3, nfolds: 5, typeMeasure: 'auc', nlambda: 30 });
    expect(Array.from(a.cvm)).toEqual(Array.from(b.cvm));
    expect(a.cvm[a.indexMin]).toBe(Math.max(...a.cvm));
  });

  it('AUC with fewer than 10 observations per fold falls back to deviance, as cv.glmnet', () => {
    const cv = cvLassoLogistic(x, n, p, y, { seed: 3, nfolds: 10, typeMeasure: 'auc', nlambda: 20 });
    expect(cv.typeMeasure).toBe('deviance');
    expect(cv.warnings.some((w) => w.includes('AUC'))).toBe(true);
  });

  it('fewer events than folds, bad fold ids and missing seeds are specific errors', () => {
    const rare = new Float64Array(n);
    rare[3] = rare[10] = rare[20] = rare[40] = 1;
    expect(() => cvLassoLogistic(x, n, p, rare, { seed: 1, nfolds: 5 })).toThrow(/only 4 observations in the smaller outcome class for 5 folds/);
    expect(() => cvLassoLogistic(x, n, p, y, { foldId: new Array(n).fill(1) })).toThrow(/at least 3 folds/);
    expect(() => cvLassoLogistic(x, n, p, y, { foldId: Array.from({ length: n }, (_, i) => (i % 3) * 2 + 1) })).toThrow(/fold 2 .* no observations/);
    expect(() => cvLassoLogistic(x, n, p, y, { foldId: [1, 2, 3] })).toThrow(/foldId has 3 entries/);
    expect(() => cvLassoLogistic(x, n, p, y)).toThrow(/seed/);
  });
});
