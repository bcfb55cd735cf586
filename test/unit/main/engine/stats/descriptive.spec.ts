import { describe, expect, it } from 'vitest';
import { crossTable, levelCounts, meanSd, median, medianIqr, quantileType7 } from '../../../../../src/main/engine/stats/descriptive';
import { StatsInputError } from '../../../../../src/main/engine/stats/errors';

describe('descriptive statistics', () => {
  it('type-7 quantiles as R quantile(1:10)', () => {
    expect(quantileType7([10, 1, 2, 3, 4, 5, 6, 7, 8, 9], [0, 0.25, 0.5, 0.75, 1])).toEqual([1, 3.25, 5.5, 7.75, 10]);
    expect(medianIqr([3, 1, 2])).toEqual({ n: 3, median: 2, q1: 1.5, q3: 2.5 });
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });
  it('mean and SD with n − 1', () => {
    const r = meanSd([2, 4, 4, 4, 5, 5, 7, 9]);
    expect(r.mean).toBe(5);
    expect(r.sd).toBeCloseTo(Math.sqrt(32 / 7), 14);
  });
  it('counts and percentages per level, and cross tables', () => {
    expect(levelCounts(['b', 'a', 'b', 'b'])).toEqual([
      { level: 'a', count: 1, percent: 25 },
      { level: 'b', count: 3, percent: 75 },
    ]);
    expect(crossTable([0, 1, 1], ['x', 'y', 'y'], [0, 1], ['x', 'y'])).toEqual([
      [1, 0],
      [0, 2],
    ]);
  });
  it('rejects empty samples, NaN and single values for an SD', () => {
    expect(() => median([])).toThrow(StatsInputError);
    expect(() => medianIqr([1, NaN])).toThrow(/NaN/);
    expect(() => meanSd([1])).toThrow(/at least 2/);
    expect(() => levelCounts([1, 2], [1])).toThrow(/not one of the given levels/);
  });
});
