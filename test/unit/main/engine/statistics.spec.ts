import { describe, expect, it } from 'vitest';
import * as statistics from '../../../../src/main/engine/statistics';

describe('statistics entry module', () => {
  it('exports the methods of every area from one module', () => {
    for (const name of ['pnorm', 'wilcoxonRankSum', 'aucDelong', 'delongPairedTest', 'iccAnova', 'fitCombat', 'mrmrClassic', 'cvLassoLogistic', 'glmBinomialFit', 'Rng']) {
      expect(typeof (statistics as Record<string, unknown>)[name], name).toBe('function');
    }
  });

  it('gives AUC = W / (n1·n0) for the same data through the entry module (Mann–Whitney identity)', () => {
    const y = [0, 0, 0, 1, 1, 1, 1, 0, 1, 0];
    const s = [0.1, 0.4, 0.35, 0.8, 0.7, 0.45, 0.9, 0.45, 0.3, 0.2];
    const cases = s.filter((_, i) => y[i] === 1);
    const controls = s.filter((_, i) => y[i] === 0);
    const w = statistics.wilcoxonRankSum(cases, controls).W;
    expect(statistics.aucDelong(y, s).auc).toBeCloseTo(w / (cases.length * controls.length), 14);
  });
});
