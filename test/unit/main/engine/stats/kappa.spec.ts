import { describe, expect, it } from 'vitest';
import { cohenKappa, cohenKappaFromTable } from '../../../../../src/main/engine/stats/kappa';
import { StatsInputError } from '../../../../../src/main/engine/stats/errors';

describe("Cohen's kappa", () => {
  it('perfect agreement gives kappa = 1 for every weighting', () => {
    const r = [0, 1, 2, 2, 1, 0, 2];
    for (const weighting of ['unweighted', 'linear', 'quadratic'] as const) expect(cohenKappa(r, r, { weighting }).kappa).toBeCloseTo(1, 15);
  });

  it('two categories: all weightings coincide', () => {
    const t = [
      [20, 5],
      [10, 15],
    ];
    const u = cohenKappaFromTable(t, [0, 1], 'unweighted');
    expect(cohenKappaFromTable(t, [0, 1], 'linear').kappa).toBeCloseTo(u.kappa, 15);
    expect(cohenKappaFromTable(t, [0, 1], 'quadratic').kappa).toBeCloseTo(u.kappa, 15);
    // p_o = 0.7, p_e = 0.6·0.5 + 0.4·0.5 = 0.5.
    expect(u.kappa).toBeCloseTo(0.4, 15);
  });

  it('weighted kappa on a 3 × 3 table by hand', () => {
    const t = [
      [10, 2, 0],
      [3, 8, 2],
      [1, 1, 13],
    ];
    const n = 40;
    const rows = [12, 13, 15].map((v) => v / n);
    const cols = [14, 11, 15].map((v) => v / n);
    const w = (i: number, j: number): number => 1 - Math.abs(i - j) / 2;
    let po = 0;
    let pe = 0;
    for (let i = 0; i < 3; i++) for (let j = 0; j < 3; j++) {
      po += (w(i, j) * t[i][j]) / n;
      pe += w(i, j) * rows[i] * cols[j];
    }
    expect(cohenKappaFromTable(t, [1, 2, 3], 'linear').kappa).toBeCloseTo((po - pe) / (1 - pe), 14);
  });

  it('a single shared category makes kappa undefined: clear error', () => {
    expect(() => cohenKappaFromTable([[5, 0], [0, 0]], [0, 1])).toThrow(/kappa undefined/);
    expect(() => cohenKappa([1, 1], [1, 1])).toThrow(StatsInputError);
  });

  it('rejects NaN ratings and unequal lengths', () => {
    expect(() => cohenKappa([0, NaN], [0, 1])).toThrow(/not a finite category code/);
    expect(() => cohenKappa([0, 1, 1], [0, 1])).toThrow(/3 vs 2 ratings/);
  });
});
