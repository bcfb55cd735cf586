import { describe, expect, it } from 'vitest';
import { metricsAtThreshold, rocCurve, youdenOptimal } from '../../../../../src/main/engine/stats/roc';
import { aucDelong, delongPairedTest } from '../../../../../src/main/engine/stats/delong';
import { clopperPearson } from '../../../../../src/main/engine/stats/binomialCi';
import { wilcoxonRankSum } from '../../../../../src/main/engine/stats/tests/wilcoxon';
import { StatsInputError } from '../../../../../src/main/engine/stats/errors';

/** Deterministic pseudo-random sequence (Park–Miller) for property tests. */
function lcg(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 48271) % 2147483647;
    return s / 2147483647;
  };
}

describe('ROC and AUC properties', () => {
  it('AUC = U/(n1·n0) with the Mann–Whitney U of the cases, ties included', () => {
    for (const seed of [1, 7, 42]) {
      const rnd = lcg(seed);
      const n = 60;
      const y = Float64Array.from({ length: n }, (_, i) => (i % 3 === 0 ? 1 : 0));
      const s = Float64Array.from({ length: n }, (_, i) => Math.round((rnd() + 0.3 * y[i]) * 20) / 20); // coarse: many ties
      const cases = s.filter((_, i) => y[i] === 1);
      const controls = s.filter((_, i) => y[i] === 0);
      const u = wilcoxonRankSum(cases, controls).W;
      expect(rocCurve(y, s).auc).toBeCloseTo(u / (cases.length * controls.length), 14);
      expect(aucDelong(y, s).auc).toBeCloseTo(u / (cases.length * controls.length), 14);
    }
  });

  it('never flips direction: a reversed score has AUC 0, not 1', () => {
    const y = [0, 0, 1, 1];
    expect(rocCurve(y, [1, 2, 3, 4]).auc).toBe(1);
    expect(rocCurve(y, [4, 3, 2, 1]).auc).toBe(0);
  });

  it('returns every tied Youden optimum', () => {
    const best = youdenOptimal(rocCurve([0, 1, 0, 1], [1, 2, 3, 4]));
    expect(best.map((b) => b.threshold)).toEqual([1.5, 3.5]);
    expect(best.every((b) => b.youden === 1.5)).toBe(true);
  });

  it('metrics at a fixed threshold use score ≥ threshold and give null PPV when nobody is positive', () => {
    const m = metricsAtThreshold([0, 1, 1], [0.2, 0.5, 0.9], 0.5);
    expect([m.tp, m.fn, m.tn, m.fp]).toEqual([2, 0, 1, 0]);
    expect(metricsAtThreshold([0, 1, 1], [0.2, 0.5, 0.9], 2).ppv).toBeNull();
  });

  it('Clopper–Pearson interval as R binom.test(682, 925)', () => {
    const p = clopperPearson(682, 925);
    expect(p.lower).toBeCloseTo(0.7076683, 7);
    expect(p.upper).toBeCloseTo(0.7654066, 7);
    expect(clopperPearson(0, 10).lower).toBe(0);
    expect(clopperPearson(10, 10).upper).toBe(1);
  });

  it('single-class outcome, NaN score, other codes and too few cases are clear errors', () => {
    expect(() => rocCurve([1, 1, 1], [0.1, 0.2, 0.3])).toThrow(/single-class outcome, no controls/);
    expect(() => rocCurve([0, 0], [0.1, 0.2])).toThrow(/no cases/);
    expect(() => rocCurve([0, 1], [0.1, NaN])).toThrow(StatsInputError);
    expect(() => rocCurve([0, 2], [0.1, 0.2])).toThrow(/expected 0 or 1/);
    expect(() => aucDelong([0, 0, 1], [0.1, 0.2, 0.3])).toThrow(/at least 2 cases and 2 controls/);
    expect(() => delongPairedTest([0, 0, 1, 1], [1, 2, 3, 4], [1, 2, 3, 4])).toThrow(/identical/);
  });
});
