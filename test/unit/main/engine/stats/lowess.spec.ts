import { describe, expect, it } from 'vitest';
import { approxTiesMean, lowess } from '../../../../../src/main/engine/stats/lowess';

describe('lowess (clowess, iter = 0)', () => {
  it('reproduces a straight line exactly (local linear fits)', () => {
    const x = [3, 1, 7, 2, 9, 4, 10, 6, 5, 8];
    const s = lowess(x, x.map((v) => 2 * v + 1));
    expect(Array.from(s.x)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    s.y.forEach((v, i) => expect(v).toBeCloseTo(2 * s.x[i] + 1, 12));
  });
  it('gives tied x one fitted value, and approx(ties = mean) interpolates between points', () => {
    const s = lowess([1, 2, 2, 3, 4, 5, 6], [0, 1, 0, 1, 1, 0, 1]);
    expect(s.y[1]).toBe(s.y[2]);
    const at = approxTiesMean(s, [2, 2.5, 0, 7]);
    expect(at[0]).toBe(s.y[1]);
    expect(at[1]).toBeCloseTo((s.y[2] + s.y[3]) / 2, 15);
    expect(Number.isNaN(at[2]) && Number.isNaN(at[3])).toBe(true);
  });
  it('span of 2/3: a far outlier does not affect the fit at the other end', () => {
    const x = Array.from({ length: 30 }, (_, i) => i);
    const y = x.map((v) => (v === 29 ? 100 : 0));
    expect(lowess(x, y).y[0]).toBe(0);
  });
  it('rejects NaN and length mismatch', () => {
    expect(() => lowess([1, NaN], [0, 1])).toThrow(/NaN/);
    expect(() => lowess([1, 2], [0])).toThrow(/y has 1/);
  });
});
