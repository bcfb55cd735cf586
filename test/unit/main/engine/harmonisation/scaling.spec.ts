import { describe, expect, it } from 'vitest';
import { applyZScore, fitZScore } from '../../../../../src/main/engine/harmonisation/scaling';

describe('z-score fit/apply', () => {
  it('uses the training mean and the n - 1 SD (R sd())', () => {
    const fit = fitZScore([Float64Array.from([1, 2, 3, 4])]);
    expect(fit.mean[0]).toBe(2.5);
    expect(fit.sd[0]).toBeCloseTo(Math.sqrt(5 / 3), 15);
    const [z] = applyZScore(fit, [Float64Array.from([2.5, 4, 10])]);
    expect(z[0]).toBe(0);
    expect(z[1]).toBeCloseTo(1.5 / Math.sqrt(5 / 3), 15);
  });
  it('centres a constant training feature (no NaN) with a warning', () => {
    const fit = fitZScore([Float64Array.from([3, 3, 3])]);
    expect(fit.constantFeatures).toEqual([0]);
    expect(fit.warnings[0]).toMatch(/constant/);
    expect(Array.from(applyZScore(fit, [Float64Array.from([3, 4])])[0])).toEqual([0, 1]);
  });
  it('specific errors: NaN, one sample, feature count', () => {
    expect(() => fitZScore([Float64Array.from([1, NaN])])).toThrow(/sample 1 is NaN/);
    expect(() => fitZScore([Float64Array.from([1])])).toThrow(/at least 2/);
    const fit = fitZScore([Float64Array.from([1, 2])]);
    expect(() => applyZScore(fit, [])).toThrow(/1 features/);
    expect(() => applyZScore(fit, [Float64Array.from([Infinity])])).toThrow(/Infinity/);
  });
});
