import { describe, expect, it } from 'vitest';
import { decisionCurve, defaultThresholds } from '../../../../../src/main/engine/stats/decisionCurve';

/*
 * Hand-worked: y = (1,0,1,0), p = (0.9,0.6,0.4,0.1), n = 4, prevalence 1/2.
 *   pt = 0.2: treated 0.9, 0.6, 0.4 -> TP 2, FP 1: NB = 2/4 - (1/4)(0.25) = 0.4375; treat-all = 0.5 - 0.5(0.25) = 0.375
 *   pt = 0.4: >= treats 0.4 too -> NB = 0.5 - 0.25(2/3); > does not -> NB = 0.25 - 0.25(2/3)
 *   pt = 0.5: TP 1, FP 1 -> NB = 0.25 - 0.25 = 0; treat-all = 0
 */
describe('decision curve (net benefit)', () => {
  const y = [1, 0, 1, 0];
  const p = [0.9, 0.6, 0.4, 0.1];
  it('hand-worked net benefits', () => {
    const dc = decisionCurve(y, p, [0.2, 0.4, 0.5]);
    expect(dc.model[0]).toBeCloseTo(0.4375, 15);
    expect(dc.treatAll[0]).toBeCloseTo(0.375, 15);
    expect(dc.model[1]).toBeCloseTo(0.5 - 0.25 * (0.4 / 0.6), 15);
    expect(dc.model[2]).toBeCloseTo(0, 15);
    expect(dc.treatAll[2]).toBeCloseTo(0, 15);
    expect(Array.from(dc.treatNone)).toEqual([0, 0, 0]);
    expect(dc.prevalence).toBe(0.5);
    expect(decisionCurve(y, p, [0.4], '>').model[0]).toBeCloseTo(0.25 - 0.25 * (0.4 / 0.6), 15);
  });
  it('default thresholds are 0.01 + k*0.01 as R computes them', () => {
    const t = defaultThresholds();
    expect(t.length).toBe(99);
    expect(t[6]).toBe(0.01 + 6 * 0.01);
    expect(t[6]).not.toBe(0.07);
    expect(t[98]).toBe(0.99);
  });
  it('rejects thresholds outside (0, 1)', () => {
    expect(() => decisionCurve(y, p, [1])).toThrow(/outside \(0, 1\)/);
  });
});
