import { describe, expect, it } from 'vitest';
import { fitKnn, predictKnnProbability } from '../../../../../src/main/engine/models/knn';
import { StatsInputError } from '../../../../../src/main/engine/stats/errors';

describe('k-nearest neighbours', () => {
  // one feature 0..9, outcome positive for x ≥ 5 (mean 4.5, sd = sqrt(55/6))
  const x = Float64Array.from({ length: 10 }, (_, i) => i);
  const y = x.map((v) => (v >= 5 ? 1 : 0));

  it('probability = share of positive neighbours', () => {
    const m = fitKnn(x, 10, 1, y, 3);
    const p = predictKnnProbability(m, Float64Array.from([0.2, 9.1, 5.2]), 3);
    expect(Array.from(p)).toEqual([0, 1, 2 / 3]); // 5.2 → neighbours 5, 6, 4
  });

  it('ties at the k-th distance all vote (class::knn use.all)', () => {
    const m = fitKnn(x, 10, 1, y, 2);
    // 4.5 is equidistant from 4 and 5; the next ring (3 and 6) ties too → k = 2 takes 4 and 5 only
    expect(predictKnnProbability(m, Float64Array.from([4.5]), 1)[0]).toBe(0.5);
    // k = 1 at 4.5: both 4 and 5 are at the smallest distance → both vote
    const m1 = fitKnn(x, 10, 1, y, 1);
    expect(predictKnnProbability(m1, Float64Array.from([4.5]), 1)[0]).toBe(0.5);
  });

  it('distances use the training z-scale, so rescaling a feature changes nothing', () => {
    const x2 = new Float64Array(20);
    for (let i = 0; i < 10; i++) {
      x2[i] = i;
      x2[10 + i] = (i * 7) % 10;
    }
    const scaled = Float64Array.from(x2, (v, k) => (k < 10 ? v * 1000 : v));
    const q = Float64Array.from([3.3, 6.1]);
    const qScaled = Float64Array.from([3300, 6.1]);
    const a = predictKnnProbability(fitKnn(x2, 10, 2, y, 3), q, 1);
    const b = predictKnnProbability(fitKnn(scaled, 10, 2, y, 3), qScaled, 1);
    expect(Array.from(b)).toEqual(Array.from(a));
  });

  it('constant features are ignored; bad input is rejected with specific errors', () => {
    const withConst = new Float64Array(20);
    withConst.set(x, 0);
    withConst.fill(7, 10);
    const m = fitKnn(withConst, 10, 2, y, 3);
    expect(predictKnnProbability(m, Float64Array.from([0.2, 100]), 1)[0]).toBe(0);
    expect(() => fitKnn(x, 10, 1, new Float64Array(10), 3)).toThrow(/single class/);
    expect(() => fitKnn(x, 10, 1, y, 11)).toThrow(StatsInputError);
    expect(() => fitKnn(Float64Array.from([...x.slice(0, 9), NaN]), 10, 1, y, 3)).toThrow(/NaN/);
  });
});
