import { describe, expect, it } from 'vitest';
import { buildNomogram, defaultTicks, scorePatient, type NomogramTerm } from '../../../../../src/main/engine/models/nomogram';
import { prettyTicks } from '../../../../../src/main/engine/models/prettyTicks';
import { fmmSpline, evalSpline } from '../../../../../src/main/engine/models/fmmSpline';

describe('prettyTicks (R pretty)', () => {
  const same = (got: number[], want: number[]): void => {
    expect(got.length).toBe(want.length);
    got.forEach((g, i) => expect(g).toBeCloseTo(want[i], 12));
  };
  it('matches R on standard ranges', () => {
    same(prettyTicks(0, 1), [0, 0.2, 0.4, 0.6, 0.8, 1]); // pretty(c(0, 1))
    same(prettyTicks(1, 10), [0, 2, 4, 6, 8, 10]); // pretty(1:10)
    same(prettyTicks(0, 100), [0, 20, 40, 60, 80, 100]); // pretty(c(0, 100))
    same(prettyTicks(40, 85, 10), [40, 45, 50, 55, 60, 65, 70, 75, 80, 85]);
    same(prettyTicks(-3.6, 2.9, 10), [-4, -3.5, -3, -2.5, -2, -1.5, -1, -0.5, 0, 0.5, 1, 1.5, 2, 2.5, 3]);
  });
});

describe('nomogram', () => {
  // lp = -1 + 2·a + 0.5·b with a ∈ [0, 1], b ∈ {0, 1, 2}: ranges 2 and 1 → a gets 0–100 points, b 0–50
  const terms: NomogramTerm[] = [
    { kind: 'linear', name: 'a', beta: 2, ticks: [0, 0.5, 1] },
    { kind: 'categorical', name: 'b', levels: [0, 1, 2], effects: [0, 0.25, 0.5] },
  ];
  const nom = buildNomogram(-1, terms, [-1, 0.3, 1.5], { riskAt: [0.5] });

  it('scales points to the widest axis', () => {
    expect(nom.pointsPerUnitLp).toBe(50);
    expect(nom.axes[0].points).toEqual([0, 50, 100]);
    expect(nom.axes[1].points).toEqual([0, 12.5, 25]);
    expect(nom.lpAtZeroPoints).toBe(-1);
    // risk 0.5 ↔ lp 0 ↔ (0 − (−1))·50 = 50 points (lp 0 is a grid point of the inverse)
    expect(nom.riskAxis.x[0]).toBeCloseTo(50, 6);
  });

  it('scores a patient consistently with the model', () => {
    const s = scorePatient(nom, terms, [0.3, 2]);
    expect(s.points[0]).toBeCloseTo(30, 12);
    expect(s.points[1]).toBeCloseTo(25, 12);
    expect(s.linearPredictor).toBeCloseTo(-1 + 0.6 + 0.5, 12);
    expect(s.risk).toBeCloseTo(1 / (1 + Math.exp(-0.1)), 12);
    expect(() => scorePatient(nom, terms, [0.3, 5])).toThrow(/not a level/);
  });

  it('default ticks: distinct values for binary, pretty(range, 10) otherwise', () => {
    expect(defaultTicks([0, 1, 1, 0])).toEqual([0, 1]);
    expect(defaultTicks(Array.from({ length: 30 }, (_, i) => 40 + (i * 45) / 29))).toEqual([40, 45, 50, 55, 60, 65, 70, 75, 80, 85]);
  });
});

describe('FMM cubic spline', () => {
  it('reproduces a cubic exactly (end conditions match the cubic through four end points)', () => {
    const f = (t: number): number => 2 - t + 0.5 * t * t - 0.25 * t ** 3;
    const xs = [-2, -1.3, -0.1, 0.4, 1.7, 2.5];
    const s = fmmSpline(xs, xs.map(f));
    for (const t of [-2, -1.7, 0, 0.9, 2.2, 2.5]) expect(evalSpline(s, t)).toBeCloseTo(f(t), 12);
  });
});
