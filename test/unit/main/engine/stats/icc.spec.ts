import { describe, expect, it } from 'vitest';
import { iccAllForms, iccAnova, iccFromAnova } from '../../../../../src/main/engine/stats/icc';
import { StatsInputError } from '../../../../../src/main/engine/stats/errors';

// Shrout & Fleiss (1979), Table 2: 6 targets rated by 4 judges (columns = judges).
const SF = [
  [9, 6, 8, 7, 10, 6],
  [2, 1, 4, 1, 5, 2],
  [5, 3, 6, 2, 6, 4],
  [8, 2, 8, 6, 9, 7],
];

describe('ICC', () => {
  it('reproduces the published Shrout & Fleiss values', () => {
    const all = iccAllForms(SF);
    expect(all.onewaySingle.icc).toBeCloseTo(0.17, 2);
    expect(all.agreementSingle.icc).toBeCloseTo(0.29, 2);
    expect(all.consistencySingle.icc).toBeCloseTo(0.71, 2);
    expect(all.onewayAverage.icc).toBeCloseTo(0.44, 2);
    expect(all.agreementAverage.icc).toBeCloseTo(0.62, 2);
    expect(all.consistencyAverage.icc).toBeCloseTo(0.91, 2);
  });

  it('identical raters give ICC = 1 with a [1, 1] interval in every form', () => {
    const x = Float64Array.from([3.2, 1.5, 8.8, 4.1, 6.6, 2.9, 7.3]);
    const all = iccAllForms([x, x]);
    for (const r of [all.onewaySingle, all.onewayAverage, all.consistencySingle, all.consistencyAverage, all.agreementSingle, all.agreementAverage]) {
      expect(r.icc).toBe(1);
      expect(r.lower).toBe(1);
      expect(r.upper).toBe(1);
      expect(r.pOneSided).toBe(0);
    }
    expect(all.agreementSingle.undefinedDf).toMatch(/Satterthwaite df is undefined/);
    expect(Number.isNaN(all.agreementSingle.df2)).toBe(true);
  });

  it('a constant offset between raters keeps consistency at 1 but lowers agreement', () => {
    const x = [1, 2, 3, 4, 5, 6];
    const all = iccAllForms([x, x.map((v) => v + 2)]);
    expect(all.consistencySingle.icc).toBe(1);
    expect(all.agreementSingle.icc).toBeLessThan(1);
    expect(Number.isFinite(all.agreementSingle.lower)).toBe(true);
    expect(all.agreementSingle.df2).toBe(1); // v = k − 1 when MSE = 0
  });

  it('negative ICCs are returned unclipped', () => {
    const r = iccAllForms([
      [1, 2, 3, 4, 5],
      [5, 3, 4, 1, 2],
    ]);
    expect(r.consistencySingle.icc).toBeLessThan(0);
    expect(r.agreementSingle.icc).toBeLessThan(0);
    expect(Number.isFinite(r.agreementSingle.lower)).toBe(true);
  });

  it('degenerate ratings with an undefined Satterthwaite df are flagged, not silent', () => {
    // Equal subject means: MSR = MSC = 0, ICC(A,1) = −2 and b = 0 in the Satterthwaite formula.
    const r = iccAllForms([
      [1, 2, 3, 4],
      [4, 3, 2, 1],
    ]).agreementSingle;
    expect(r.icc).toBeCloseTo(-2, 14);
    expect(r.undefinedDf).toMatch(/Satterthwaite df/);
    expect(Number.isNaN(r.lower)).toBe(true);
  });

  it('constant ratings make the ICC undefined: a clear error, never 0 or 1', () => {
    expect(() => iccAllForms([[5, 5, 5], [5, 5, 5]])).toThrow(/ICC undefined/);
    const a = iccAnova([[5, 5, 5], [7, 7, 7]]);
    expect(() => iccFromAnova(a, 'twoway', 'consistency', 'single')).toThrow(StatsInputError);
  });

  it('rejects NaN, one subject, one rater and ragged input', () => {
    expect(() => iccAllForms([[1, NaN], [1, 2]])).toThrow(/NaN/);
    expect(() => iccAllForms([[1], [2]])).toThrow(/at least 2 subjects/);
    expect(() => iccAllForms([[1, 2, 3]])).toThrow(/at least 2 raters/);
    expect(() => iccAllForms([[1, 2, 3], [1, 2]])).toThrow(/rater 1 has 2 ratings/);
  });
});

describe('ICC of constant ratings', () => {
  it('is undefined, not 1, when identical values carry rounding noise in their means', () => {
    const v = -3.2e-16;
    const raters = [new Float64Array(7).fill(v), new Float64Array(7).fill(v)];
    expect(() => iccAnova(raters)).toThrow(/undefined/);
  });
});
