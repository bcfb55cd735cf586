import { describe, expect, it } from 'vitest';
import { applyCombat, CombatError, fitCombat } from '../../../../../src/main/engine/harmonisation/combat';

const f = (...v: number[]): Float64Array => Float64Array.from(v);
// 3 features x 8 samples, two batches of 4; batch B shifted and scaled.
const batch = ['A', 'A', 'A', 'A', 'B', 'B', 'B', 'B'];
const features = [
  f(1, 2, 3, 4, 12, 14, 16, 19),
  f(5, 3, 4, 6, 9, 7, 12, 10),
  f(0.1, 0.4, 0.2, 0.3, 1.1, 0.9, 1.6, 1.2),
];

describe('ComBat fit/apply', () => {
  it('apply with the fitted parameters reproduces the fit output (train) and maps new samples of a known batch', () => {
    for (const opts of [{}, { parametric: false }, { meanOnly: true }, { referenceBatch: 'A' }]) {
      const { fit, harmonised } = fitCombat(features, batch, opts);
      const again = applyCombat(fit, features, batch);
      again.forEach((row, g) => row.forEach((v, i) => expect(v).toBeCloseTo(harmonised[g][i], 12)));
      // a single new B sample gets the same mapping as a B sample of the fit
      const one = applyCombat(fit, features.map((x) => f(x[5])), ['B']);
      one.forEach((row, g) => expect(row[0]).toBeCloseTo(harmonised[g][5], 12));
    }
  });
  it('reference batch is returned bit-for-bit', () => {
    const { harmonised } = fitCombat(features, batch, { referenceBatch: 'A' });
    for (let i = 0; i < 4; i++) expect(harmonised[0][i]).toBe(features[0][i]);
  });
  it('removes the batch mean difference (parametric)', () => {
    const { harmonised } = fitCombat(features, batch);
    const mean = (x: Float64Array, lo: number, hi: number): number => x.slice(lo, hi).reduce((a, b) => a + b, 0) / (hi - lo);
    for (const x of harmonised) {
      const before = Math.abs(mean(features[0], 0, 4) - mean(features[0], 4, 8));
      expect(Math.abs(mean(x, 0, 4) - mean(x, 4, 8))).toBeLessThan(before);
    }
  });
});

describe('ComBat edge cases', () => {
  it('a batch with one sample forces mean-only (as sva) with a warning', () => {
    const b = ['A', 'A', 'A', 'A', 'A', 'A', 'A', 'B'];
    const { fit } = fitCombat(features, b);
    expect(fit.meanOnly).toBe(true);
    expect(fit.warnings.join(' ')).toMatch(/only one sample/);
  });
  it('a feature constant within a batch is returned unadjusted (as sva) with a warning', () => {
    const withConstant = [...features, f(2, 2, 2, 2, 1, 5, 3, 4)];
    const { fit, harmonised } = fitCombat(withConstant, batch);
    expect(fit.unadjustedFeatures).toEqual([3]);
    expect(Array.from(harmonised[3])).toEqual(Array.from(withConstant[3]));
    expect(Number.isNaN(fit.gammaStar[0][3])).toBe(true);
    expect(fit.warnings.join(' ')).toMatch(/zero variance/);
  });
  it('specific errors: NaN, single batch, unknown reference/batch, confounded covariate, covariate count', () => {
    expect(() => fitCombat([f(1, NaN, 3, 4, 5, 6, 7, 8)], batch)).toThrow(/feature 0 sample 1 is NaN/);
    expect(() => fitCombat(features, batch.map(() => 'A'))).toThrow(/at least two batches/);
    expect(() => fitCombat(features, batch, { referenceBatch: 'C' })).toThrow(/not one of the batch levels/);
    const isB = f(0, 0, 0, 0, 1, 1, 1, 1);
    expect(() => fitCombat(features, batch, { covariates: [isB] })).toThrow(/confounded with batch/);
    const { fit } = fitCombat(features, batch);
    expect(() => applyCombat(fit, features, batch.map(() => 'Z'))).toThrow(CombatError);
    expect(() => applyCombat(fit, features, batch, [isB])).toThrow(/covariate column/);
  });
  it('covariates are preserved: a covariate effect inside batches survives harmonisation', () => {
    const outcome = f(0, 1, 0, 1, 0, 1, 1, 0);
    const { fit, harmonised } = fitCombat(features, batch, { covariates: [outcome] });
    expect(fit.nCovariates).toBe(1);
    const again = applyCombat(fit, features, batch, [outcome]);
    again[1].forEach((v, i) => expect(v).toBeCloseTo(harmonised[1][i], 12));
  });
});
