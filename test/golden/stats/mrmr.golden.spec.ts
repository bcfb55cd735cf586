/**
 * mRMR vs oracle/stats/expected/mrmr.json (README §4.9, §5.11). The reference is a written-out R
 * re-implementation of mRMRe's classic scheme (a specification, not an independent oracle, README §6),
 * so the published formulas are also checked on a hand-worked example in
 * test/unit/main/engine/selection/mrmr.spec.ts.
 * Compared: MI with target, Pearson r, the 40×40 MI matrix, MID/MIQ scores and mRMRe's internal score at
 * 1e-8 relative (absolute floor 1e-12); selected features and their order exactly.
 */
import { describe, expect, it } from 'vitest';
import { loadCohort, loadExpected, whereStr } from '../../support/statsOracle';
import {
  mrmrClassic,
  mutualInformationMatrix,
  pearsonCorrelation,
  type MrmrScheme,
} from '../../../src/main/engine/selection/mrmr';

type Num = number | null;
interface Selection {
  scheme: MrmrScheme;
  selected: string[];
  selected_index_1based: number[];
  score: number[];
  mrmre_cpp_internal_score: Num[];
}
interface MrmrExpected {
  mi_with_target: Record<string, number>;
  cor_with_target: Record<string, number>;
  mi_matrix_features: Num[][];
  classic_MID_k10: Selection;
  classic_MID_k20: Selection;
  MIQ_k10: Selection;
}

const cohort = loadCohort();
const train = whereStr(cohort, 'cohort', 'train');
const names = Array.from({ length: 40 }, (_, k) => `f${String(k + 1).padStart(2, '0')}`);
const pick = (col: Float64Array): Float64Array => Float64Array.from(train, (i) => col[i]);
const features = names.map((f) => pick(cohort.f64(f)));
const target = pick(cohort.f64('outcome'));
const want = loadExpected<MrmrExpected>('mrmr');

let worst = 0;
function expectClose(actual: number, w: Num, what: string): void {
  if (w === null) {
    expect(Number.isFinite(actual), `${what} should be non-finite`).toBe(false);
    return;
  }
  const d = Math.abs(actual - w) / Math.max(Math.abs(w), 1e-4);
  worst = Math.max(worst, d);
  expect(d, `${what}: ${actual} vs ${w}`).toBeLessThanOrEqual(1e-8);
}

describe('mRMR (classic, Gaussian MI) vs oracle specification', () => {
  it('relevance and correlation with the target', () => {
    const r = mrmrClassic(features, target, 1);
    names.forEach((f, g) => {
      expectClose(r.relevance[g], want.mi_with_target[f], `mi ${f}`);
      expectClose(pearsonCorrelation(features[g], target), want.cor_with_target[f], `cor ${f}`);
    });
  });
  it('feature x feature MI matrix (diagonal +Inf)', () => {
    const mi = mutualInformationMatrix(features);
    want.mi_matrix_features.forEach((row, a) => row.forEach((w, b) => expectClose(mi[a * 40 + b], w, `mi[${a}][${b}]`)));
  });
  for (const key of ['classic_MID_k10', 'classic_MID_k20', 'MIQ_k10'] as const) {
    it(key, () => {
      const w = want[key];
      const r = mrmrClassic(features, target, w.selected.length, w.scheme);
      expect(r.selected.map((g) => names[g])).toEqual(w.selected);
      expect(r.selected.map((g) => g + 1)).toEqual(w.selected_index_1based);
      w.score.forEach((s, k) => expectClose(r.score[k], s, `${key} score[${k}]`));
      w.mrmre_cpp_internal_score.forEach((s, k) => expectClose(r.internalScore[k], s, `${key} internal[${k}]`));
    });
  }
  it('reports the worst relative deviation', () => {
    console.info(`mRMR worst relative deviation vs oracle: ${worst.toExponential(2)}`);
    expect(worst).toBeLessThanOrEqual(1e-8);
  });
});
