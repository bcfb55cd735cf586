import { describe, expect, it } from 'vitest';
import { mannWhitneyCounts, wilcoxonRankSum } from '../../../../../../src/main/engine/stats/tests/wilcoxon';
import { chiSquareTest } from '../../../../../../src/main/engine/stats/tests/chisq';
import { fisherExactTest } from '../../../../../../src/main/engine/stats/tests/fisher';
import { tTestTwoSample } from '../../../../../../src/main/engine/stats/tests/ttest';
import { StatsInputError } from '../../../../../../src/main/engine/stats/errors';

describe('Wilcoxon rank-sum', () => {
  it('exact null distribution sums to C(m+n, m) and is symmetric', () => {
    const c = mannWhitneyCounts(6, 4);
    expect(c.reduce((a, b) => a + b, 0)).toBe(210);
    for (let u = 0; u < c.length; u++) expect(c[u]).toBe(c[c.length - 1 - u]);
  });
  it('exact p for complete separation and the R documentation example', () => {
    expect(wilcoxonRankSum([1, 2, 3], [4, 5, 6])).toMatchObject({ W: 0, exact: true, pValue: 0.1 });
    const x = [0.8, 0.83, 1.89, 1.04, 1.45, 1.38, 1.91, 1.64, 0.73, 1.46];
    const y = [1.15, 0.88, 0.9, 0.74, 1.21];
    const r = wilcoxonRankSum(x, y);
    expect(r.W).toBe(35);
    expect(r.pValue / 2).toBeCloseTo(0.1272, 4); // R: alternative = "greater" gives p = 0.1272
  });
  it('uses the normal approximation with ties', () => {
    const r = wilcoxonRankSum([1, 2, 2, 3], [2, 3, 4, 5]);
    expect(r.exact).toBe(false);
    expect(r.hasTies).toBe(true);
    expect(r.z).not.toBeNull();
  });
  it('rejects empty groups, NaN and constant data', () => {
    expect(() => wilcoxonRankSum([], [1, 2])).toThrow(/empty group/);
    expect(() => wilcoxonRankSum([1, NaN], [1, 2])).toThrow(StatsInputError);
    expect(() => wilcoxonRankSum(new Array(60).fill(1), new Array(60).fill(1))).toThrow(/identical/);
  });
});

describe('chi-square test', () => {
  it('Pearson statistic with and without Yates on a 2 × 2 table', () => {
    const t = [
      [10, 20],
      [30, 40],
    ];
    const inv = 1 / 12 + 1 / 18 + 1 / 28 + 1 / 42;
    expect(chiSquareTest(t, false).statistic).toBeCloseTo(4 * inv, 14);
    expect(chiSquareTest(t, true).statistic).toBeCloseTo(2.25 * inv, 14);
    expect(chiSquareTest(t, true).df).toBe(1);
  });
  it('no Yates correction for larger tables', () => {
    const t = [
      [5, 7],
      [3, 9],
      [6, 2],
    ];
    expect(chiSquareTest(t, true).statistic).toBe(chiSquareTest(t, false).statistic);
    expect(chiSquareTest(t, true).yates).toBe(false);
  });
  it('rejects empty rows and non-counts', () => {
    expect(() => chiSquareTest([[0, 0], [1, 2]])).toThrow(/row 0 is empty/);
    expect(() => chiSquareTest([[1.5, 0], [1, 2]])).toThrow(/not a count/);
  });
});

describe('Fisher exact test', () => {
  it('reproduces R fisher.test(TeaTasting)', () => {
    const r = fisherExactTest([
      [3, 1],
      [1, 3],
    ]);
    expect(r.pValue).toBeCloseTo(34 / 70, 14);
    expect(Math.abs((r.oddsRatio as number) / 6.408309 - 1)).toBeLessThan(1e-3);
    expect(Math.abs((r.oddsRatioCi as number[])[0] / 0.2117329 - 1)).toBeLessThan(1e-3);
    // R prints 621.9337505: its uniroot solves for 1/ψ with ~1e-4 absolute tolerance, i.e. ~1% on ψ here.
    // Ours solves the defining equation exactly: P(X ≤ 3; ψ_U) = ψ-weights 1,16,36,16,1 give 0.025.
    const psi = (r.oddsRatioCi as number[])[1];
    const tail = 1 - psi ** 4 / (1 + 16 * psi + 36 * psi ** 2 + 16 * psi ** 3 + psi ** 4);
    expect(tail).toBeCloseTo(0.025, 14);
    expect(Math.abs(psi / 621.9337505 - 1)).toBeLessThan(1e-2);
  });
  it('odds ratio 0 / Infinity at the edges of the support', () => {
    const lo = fisherExactTest([
      [0, 5],
      [5, 0],
    ]);
    expect(lo.oddsRatio).toBe(0);
    expect(lo.oddsRatioCi?.[0]).toBe(0);
    const hi = fisherExactTest([
      [5, 0],
      [0, 5],
    ]);
    expect(hi.oddsRatio).toBe(Infinity);
    expect(hi.oddsRatioCi?.[1]).toBe(Infinity);
  });
  it('r × c p-value equals the 2 × 2 value for a 2 × 2 table written as r × c sums', () => {
    // 2 × 3 table: the enumeration must give probabilities summing to 1 when every table qualifies.
    const r = fisherExactTest([
      [1, 1, 1],
      [1, 1, 1],
    ]);
    expect(r.pValue).toBeCloseTo(1, 12);
    expect(r.oddsRatio).toBeNull();
  });
});

describe('two-sample t tests', () => {
  const g1 = [0.7, -1.6, -0.2, -1.2, -0.1, 3.4, 3.7, 0.8, 0.0, 2.0];
  const g2 = [1.9, 0.8, 1.1, 0.1, -0.1, 4.4, 5.5, 1.6, 4.6, 3.4];
  it('Welch as R t.test(extra ~ group, data = sleep)', () => {
    const r = tTestTwoSample(g1, g2);
    expect(r.t).toBeCloseTo(-1.860813, 5);
    expect(r.df).toBeCloseTo(17.77647, 4);
    expect(r.pValue).toBeCloseTo(0.07939414, 6);
    expect(r.ci[0]).toBeCloseTo(-3.3654832, 6);
    expect(r.ci[1]).toBeCloseTo(0.2054832, 6);
  });
  it('Student pooled variance has df = n1 + n2 − 2', () => {
    const r = tTestTwoSample(g1, g2, { varEqual: true });
    expect(r.df).toBe(18);
    expect(r.t).toBeCloseTo(-1.860813, 5);
  });
  it('rejects groups of size one and constant data', () => {
    expect(() => tTestTwoSample([1], [1, 2, 3])).toThrow(/at least 2 values/);
    expect(() => tTestTwoSample([1, 1], [2, 2])).toThrow(/zero standard error/);
  });
});
