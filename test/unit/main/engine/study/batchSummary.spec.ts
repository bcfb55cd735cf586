/**
 * Per-batch distribution summaries (ComBat figure): checked against values worked out by hand from the
 * definitions (type-7 quantiles, Tukey fences at 1.5 IQR, SD with n − 1).
 */
import { describe, expect, it } from 'vitest';
import { distributionSummary } from '../../../../../src/main/engine/study/batchSummary';

describe('distributionSummary', () => {
  it('1..9 and 100: quartiles 3.25/5.5/7.75, whiskers 1 and 9 (100 beyond the upper fence 14.5)', () => {
    const x = [7, 1, 100, 3, 2, 9, 5, 4, 8, 6];
    const s = distributionSummary(x);
    const mean = 14.5;
    const sd = Math.sqrt(x.reduce((a, v) => a + (v - mean) ** 2, 0) / 9);
    expect(s).toEqual({ n: 10, mean, sd: expect.closeTo(sd, 12), min: 1, q1: 3.25, median: 5.5, q3: 7.75, max: 100, lowerWhisker: 1, upperWhisker: 9 });
  });
  it('leaves out NaN, gives a null SD for one value and null for no finite value', () => {
    expect(distributionSummary([NaN, 2])).toEqual({ n: 1, mean: 2, sd: null, min: 2, q1: 2, median: 2, q3: 2, max: 2, lowerWhisker: 2, upperWhisker: 2 });
    expect(distributionSummary([NaN])).toBeNull();
  });
});
