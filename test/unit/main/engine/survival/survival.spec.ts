import { describe, expect, it } from 'vitest';
import { kaplanMeier, kmAtTimes, kmMedian } from '../../../../../src/main/engine/survival/kaplanMeier';
import { logRankTest } from '../../../../../src/main/engine/survival/logRank';
import { coxPh } from '../../../../../src/main/engine/survival/coxph';
import { harrellC } from '../../../../../src/main/engine/survival/cIndex';
import { StatsConvergenceError, StatsInputError } from '../../../../../src/main/engine/stats/errors';

describe('Kaplan–Meier', () => {
  it('product-limit estimate, Greenwood SE and censored-at-event-time at risk', () => {
    // times 1,2,2(c),3,4(c): at t=2 one event with the censored subject still at risk.
    const km = kaplanMeier([1, 2, 2, 3, 4], [1, 1, 0, 1, 0]);
    expect(Array.from(km.time)).toEqual([1, 2, 3, 4]);
    expect(Array.from(km.nRisk)).toEqual([5, 4, 2, 1]);
    expect(km.surv[1]).toBeCloseTo((4 / 5) * (3 / 4), 15);
    expect(km.surv[2]).toBeCloseTo(0.6 * 0.5, 15);
    expect(km.stdErrCumHaz[1]).toBeCloseTo(Math.sqrt(1 / 20 + 1 / 12), 15);
  });
  it('median midpoint rule on an exact ½ plateau, and not-reached medians', () => {
    expect(kmMedian(kaplanMeier([1, 2, 3, 4], [1, 1, 1, 1])).median).toBe(2.5);
    expect(kmMedian(kaplanMeier([1, 2, 3, 4], [1, 0, 0, 0])).median).toBeNull();
  });
  it('S = 0 gives an infinite cumulative-hazard SE and undefined (NaN) log CI, as R NA', () => {
    const km = kaplanMeier([1, 2], [1, 1]);
    expect(km.surv[1]).toBe(0);
    expect(km.stdErrCumHaz[1]).toBe(Infinity);
    expect(Number.isNaN(km.lower[1])).toBe(true);
  });
  it('values at times before the first and after the last observation', () => {
    const a = kmAtTimes(kaplanMeier([2, 3], [1, 0]), [1, 10]);
    expect(a.surv).toEqual([1, 0.5]);
    expect(a.nRisk).toEqual([2, 0]);
  });
  it('rejects NaN, negative times and bad event codes', () => {
    expect(() => kaplanMeier([1, NaN], [1, 0])).toThrow(StatsInputError);
    expect(() => kaplanMeier([1, -2], [1, 0])).toThrow(/negative time/);
    expect(() => kaplanMeier([1, 2], [1, 2])).toThrow(/expected 0 or 1/);
  });
});

describe('log-rank', () => {
  it('handles three groups (df = 2) and detects a strong difference', () => {
    const t = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12];
    const e = new Array(12).fill(1);
    const g = ['a', 'a', 'a', 'a', 'b', 'b', 'b', 'b', 'c', 'c', 'c', 'c'];
    const r = logRankTest(t, e, g);
    expect(r.df).toBe(2);
    expect(r.observed).toEqual([4, 4, 4]);
    expect(r.expected.reduce((a, b) => a + b, 0)).toBeCloseTo(12, 12);
    expect(r.pValue).toBeLessThan(0.01);
  });
  it('a single group or an empty given level is a clear error', () => {
    expect(() => logRankTest([1, 2], [1, 1], ['a', 'a'])).toThrow(/at least 2 groups/);
    expect(() => logRankTest([1, 2], [1, 1], ['a', 'a'], ['a', 'b'])).toThrow(/"b" has no subjects/);
  });
});

describe('Cox PH and C-index', () => {
  it('C-index: perfectly concordant scores give 1, all-tied scores give ½', () => {
    const r = harrellC([1, 2, 3, 4], [1, 1, 1, 1], [4, 3, 2, 1]);
    expect(r.concordance).toBe(1);
    expect(harrellC([1, 2, 3, 4], [1, 1, 1, 1], [1, 1, 1, 1]).concordance).toBe(0.5);
  });
  it('no events, constant covariate and perfect separation are clear errors', () => {
    expect(() => coxPh([1, 2, 3], [0, 0, 0], [[1, 2, 3]])).toThrow(/no events/);
    expect(() => coxPh([1, 2, 3], [1, 1, 0], [[5, 5, 5]])).toThrow(/singular/);
    expect(() => coxPh([1, 2, 3, 4], [1, 1, 1, 1], [[4, 3, 2, 1]])).toThrow(StatsConvergenceError);
    expect(() => harrellC([1, 2], [0, 0], [1, 2])).toThrow(/no comparable pairs/);
  });
});
