import { describe, expect, it } from 'vitest';
import {
  brierScore,
  calibrationEqualWidthBins,
  calibrationInTheLarge,
  logisticRecalibration,
  valProb,
} from '../../../../../src/main/engine/stats/calibration';
import { StatsConvergenceError, StatsInputError } from '../../../../../src/main/engine/stats/errors';

// Deterministic, well-mixed sample: p spread over (0, 1), y a fixed pattern loosely following p.
const p = Array.from({ length: 40 }, (_, i) => 0.02 + (0.96 * ((i * 17) % 40)) / 39);
const y = p.map((v, i) => (v + ((i * 7) % 10) / 20 > 0.7 ? 1 : 0));

describe('calibration statistics', () => {
  it('perfectly calibrated recalibration: logit(p) as the true model gives a = 0, b = 1 on its own fit', () => {
    // recalibrating the recalibrated probabilities is the identity
    const r = logisticRecalibration(y, p);
    const q = p.map((v) => 1 / (1 + Math.exp(-(r.intercept + r.slope * Math.log(v / (1 - v))))));
    const again = logisticRecalibration(y, q);
    expect(again.intercept).toBeCloseTo(0, 10);
    expect(again.slope).toBeCloseTo(1, 10);
    expect(calibrationInTheLarge(y, q)).toBeCloseTo(0, 10);
  });
  it('score equations hold at the recalibration MLE', () => {
    const r = logisticRecalibration(y, p);
    let g0 = 0;
    let g1 = 0;
    p.forEach((v, i) => {
      const l = Math.log(v / (1 - v));
      const pi = 1 / (1 + Math.exp(-(r.intercept + r.slope * l)));
      g0 += y[i] - pi;
      g1 += (y[i] - pi) * l;
    });
    expect(Math.abs(g0)).toBeLessThan(1e-10);
    expect(Math.abs(g1)).toBeLessThan(1e-10);
  });
  it('Brier and val.prob identities (Q = D - U, Dxy = 2C - 1)', () => {
    const s = valProb(y, p);
    expect(s.brier).toBeCloseTo(brierScore(y, p), 15);
    expect(s.brier).toBeCloseTo(p.reduce((a, v, i) => a + (v - y[i]) ** 2, 0) / p.length, 15);
    expect(s.q).toBeCloseTo(s.d - s.u, 15);
    expect(s.dxy).toBeCloseTo(2 * s.c - 1, 15);
    expect(Math.abs(s.c - s.cExact)).toBeLessThan(0.01);
  });
  it('equal-width bins drop empty bins and label like R cut()', () => {
    const b = calibrationEqualWidthBins([0, 1, 1], [0.05, 0.95, 0.9]);
    expect(b.bin).toEqual(['[0,0.1]', '(0.8,0.9]', '(0.9,1]']);
    expect(b.n).toEqual([1, 1, 1]);
  });
  it('specific errors: p = 0 or 1, single class, separation', () => {
    expect(() => valProb([0, 1, 1], [0.2, 1, 0.5])).toThrow(/logit needs 0 < p < 1/);
    expect(() => valProb([1, 1, 1], [0.2, 0.3, 0.5])).toThrow(StatsInputError);
    expect(() => logisticRecalibration([0, 0, 1, 1], [0.1, 0.2, 0.3, 0.4])).toThrow(StatsConvergenceError);
  });
});
