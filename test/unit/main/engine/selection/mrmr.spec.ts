import { describe, expect, it } from 'vitest';
import {
  gaussianMutualInformation,
  mrmrClassic,
  MrmrError,
  pearsonCorrelation,
} from '../../../../../src/main/engine/selection/mrmr';

const f = (...v: number[]): Float64Array => Float64Array.from(v);

/*
 * Hand-worked example (n = 4), target t = (0,0,1,1):
 *   a = (0,1,2,3): r(a,t) = 2/sqrt(5)  -> I = -1/2 log(1 - 4/5) = ln(5)/2
 *   b = (1,0,1,0): r(b,t) = 0          -> I = 0
 *   c = (0,1,3,2): r(c,t) = 2/sqrt(5)  -> I = ln(5)/2   (ties with a; a comes first)
 *   r(a,c) = 4/5 -> I = -ln(0.6);  r(a,b) = -1/sqrt(5) -> I = -1/2 ln(0.8);  r(b,c) = 0 -> I = 0
 * MID: step 1 a (ln5/2); step 2 c: ln5/2 + ln0.6 (b: 1/2 ln0.8 < 0); step 3 b: 0 - (-1/2 ln0.8 + 0)/2 = ln(0.8)/4
 * MIQ: step 2 c: (ln5/2)/(-ln0.6); step 3 b: 0.
 * mRMRe internal at step 2: I(c;t) - (I(c;t) + I(c;a))/2 = (ln5/2 + ln0.6)/2.
 */
describe('mRMR on a hand-worked example', () => {
  const t = f(0, 0, 1, 1);
  const X = [f(0, 1, 2, 3), f(1, 0, 1, 0), f(0, 1, 3, 2)];
  it('correlations and Gaussian MI', () => {
    expect(pearsonCorrelation(X[0], t)).toBeCloseTo(2 / Math.sqrt(5), 14);
    expect(pearsonCorrelation(X[0], X[2])).toBeCloseTo(0.8, 14);
    expect(gaussianMutualInformation(2 / Math.sqrt(5))).toBeCloseTo(Math.log(5) / 2, 14);
    expect(gaussianMutualInformation(1)).toBe(Infinity);
    expect(gaussianMutualInformation(0)).toBe(0);
  });
  it('MID', () => {
    const r = mrmrClassic(X, t, 3, 'MID');
    expect(r.selected).toEqual([0, 2, 1]);
    expect(r.score[0]).toBeCloseTo(Math.log(5) / 2, 14);
    expect(r.score[1]).toBeCloseTo(Math.log(5) / 2 + Math.log(0.6), 14);
    expect(r.score[2]).toBeCloseTo(Math.log(0.8) / 4, 14);
    expect(r.internalScore[1]).toBeCloseTo((Math.log(5) / 2 + Math.log(0.6)) / 2, 14);
  });
  it('MIQ', () => {
    const r = mrmrClassic(X, t, 3, 'MIQ');
    expect(r.selected).toEqual([0, 2, 1]);
    expect(r.score[1]).toBeCloseTo(Math.log(5) / 2 / -Math.log(0.6), 13);
    expect(r.score[2]).toBe(0);
    expect(Number.isNaN(r.internalScore[1])).toBe(true);
  });
});

describe('mRMR edge cases', () => {
  const t = f(0, 0, 1, 1, 0, 1);
  it('excludes a constant feature with a warning', () => {
    const r = mrmrClassic([f(5, 5, 5, 5, 5, 5), f(1, 2, 3, 4, 0, 6)], t, 1);
    expect(r.excludedConstant).toEqual([0]);
    expect(r.selected).toEqual([1]);
    expect(Number.isNaN(r.relevance[0])).toBe(true);
    expect(r.warnings[0]).toMatch(/constant feature/);
  });
  it('rejects NaN, a single-class target, bad k', () => {
    expect(() => mrmrClassic([f(1, NaN, 3, 4, 0, 6)], t, 1)).toThrow(/feature 0 sample 1 is NaN/);
    expect(() => mrmrClassic([f(1, 2, 3, 4, 0, 6)], f(1, 1, 1, 1, 1, 1), 1)).toThrow(/single class/);
    expect(() => mrmrClassic([f(1, 2, 3, 4, 0, 6)], t, 2)).toThrow(MrmrError);
    expect(() => mrmrClassic([f(1, 2, 3)], t, 1)).toThrow(/3 values, target has 6/);
  });
  it('a duplicate of a selected feature gets -Inf redundancy and comes last', () => {
    const a = f(1, 2, 3, 4, 0, 6);
    const r = mrmrClassic([a, Float64Array.from(a), f(3, 1, 4, 1, 5, 9)], t, 3);
    expect(r.selected).toEqual([0, 2, 1]);
    expect(r.score[2]).toBe(-Infinity);
  });
});
