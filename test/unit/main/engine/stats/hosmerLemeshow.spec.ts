import { describe, expect, it } from 'vitest';
import { hosmerLemeshow } from '../../../../../src/main/engine/stats/hosmerLemeshow';
import { pchisq } from '../../../../../src/main/engine/stats/distributions';
import { StatsInputError } from '../../../../../src/main/engine/stats/errors';

/*
 * Hand-worked example, n = 6, g = 3: p = 0.1..0.6, y = (0,0,1,0,1,1).
 * Type-7 quantiles at 0, 1/3, 2/3, 1: 0.1, 0.2 + (2/3)0.1, 0.4 + (1/3)0.1, 0.6 -> groups {0.1,0.2} {0.3,0.4} {0.5,0.6}.
 *   g1: O1 = 0, E1 = 0.3, O0 = 2, E0 = 1.7 -> 0.09/0.3 + 0.09/1.7
 *   g2: O1 = 1, E1 = 0.7, O0 = 1, E0 = 1.3 -> 0.09/0.7 + 0.09/1.3
 *   g3: O1 = 2, E1 = 1.1, O0 = 0, E0 = 0.9 -> 0.81/1.1 + 0.81/0.9
 * chi2 = 2.18710..., df = G - 2 = 1.
 */
describe('Hosmer–Lemeshow on a hand-worked example', () => {
  const p = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6];
  const y = [0, 0, 1, 0, 1, 1];
  const chi2 = 0.09 / 0.3 + 0.09 / 1.7 + 0.09 / 0.7 + 0.09 / 1.3 + 0.81 / 1.1 + 0.81 / 0.9;
  it('groups, table, statistic, p', () => {
    const r = hosmerLemeshow(y, p, 3);
    expect(Array.from(r.breaks)).toEqual([0.1, expect.closeTo(0.2666666666666667, 15), expect.closeTo(0.43333333333333335, 15), 0.6]);
    expect(r.table.bin).toEqual(['[0.1,0.267]', '(0.267,0.433]', '(0.433,0.6]']);
    expect(r.table.n).toEqual([2, 2, 2]);
    expect(r.table.observed1).toEqual([0, 1, 2]);
    r.table.expected1.forEach((e, k) => expect(e).toBeCloseTo([0.3, 0.7, 1.1][k], 14));
    expect(r.statistic).toBeCloseTo(chi2, 13);
    expect(r.df).toBe(1);
    expect(r.pValue).toBeCloseTo(pchisq(chi2, 1, false), 15);
  });
  it('equals the one-cell form sum (O1 - E1)^2 / (E1 (1 - E1/n_g))', () => {
    const r = hosmerLemeshow(y, p, 3);
    const alt = r.table.n.reduce((acc, ng, k) => {
      const e1 = r.table.expected1[k];
      return acc + (r.table.observed1[k] - e1) ** 2 / (e1 * (1 - e1 / ng));
    }, 0);
    expect(r.statistic).toBeCloseTo(alt, 13);
  });
  it('merges tied quantiles and uses df = G - 2 of the non-empty groups', () => {
    const pt = [0.2, 0.2, 0.2, 0.2, 0.2, 0.2, 0.5, 0.6, 0.7, 0.8];
    const yt = [0, 0, 1, 0, 0, 0, 1, 0, 1, 1];
    const r = hosmerLemeshow(yt, pt, 10);
    expect(r.breaks.length - 1).toBeLessThan(10);
    expect(r.df).toBe(r.table.n.length - 2);
    expect(r.table.n.reduce((a, b) => a + b, 0)).toBe(10);
  });
  it('rejects invalid input with specific errors', () => {
    expect(() => hosmerLemeshow([0, 1], [0.5, NaN])).toThrow(/NaN/);
    expect(() => hosmerLemeshow([0, 2], [0.5, 0.4])).toThrow(/expected 0 or 1/);
    expect(() => hosmerLemeshow([0, 1], [0.5, 1.2])).toThrow(/outside \[0, 1\]/);
    expect(() => hosmerLemeshow([0, 1, 0], [0.1, 0.2, 0.3], 2)).toThrow(/g must be/);
    expect(() => hosmerLemeshow([0, 1, 0, 1], [0.3, 0.3, 0.3, 0.3])).toThrow(StatsInputError);
  });
  it('allows a single-class outcome (statistic still defined)', () => {
    const r = hosmerLemeshow([0, 0, 0, 0, 0, 0], p, 3);
    expect(Number.isFinite(r.statistic)).toBe(true);
  });
});
