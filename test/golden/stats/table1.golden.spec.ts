/**
 * Table-1 statistics against oracle/stats/expected/table1.json (R 4.2.2 `stats`):
 * wilcox.test, quantile type 7, t.test (Welch), chisq.test with/without Yates, fisher.test.
 */
import { describe, expect, it } from 'vitest';
import { loadCohort, loadExpected, whereStr } from '../../support/statsOracle';
import { medianIqr } from '../../../src/main/engine/stats/descriptive';
import { wilcoxonRankSum } from '../../../src/main/engine/stats/tests/wilcoxon';
import { tTestTwoSample } from '../../../src/main/engine/stats/tests/ttest';
import { chiSquareTest } from '../../../src/main/engine/stats/tests/chisq';
import { fisherExactTest } from '../../../src/main/engine/stats/tests/fisher';
import { crossTable } from '../../../src/main/engine/stats/descriptive';
import { OracleComparer } from './rOracleTolerance';

interface MannWhitneyBlock {
  n_x: number;
  n_y: number;
  W: number;
  U_y: number;
  p_continuity: number;
  p_no_continuity: number;
  exact_used: boolean;
  method: string;
  has_ties: boolean;
  median_x: number;
  median_y: number;
  q1_x: number;
  q3_x: number;
  q1_y: number;
  q3_y: number;
}

interface CategoricalBlock {
  levels: string[];
  groups: string[];
  table: number[][];
  chisq_yates: number;
  p_chisq_yates: number;
  chisq: number;
  df: number;
  p_chisq: number;
  expected: number[][];
  min_expected: number;
  p_fisher: number;
  fisher_or_conditional_mle?: number;
  fisher_or_ci?: [number, number];
}

const CLOSED = 1e-8;
const cohort = loadCohort();
const expected = loadExpected<Record<string, unknown>>('table1');
const train = whereStr(cohort, 'cohort', 'train');
const test = whereStr(cohort, 'cohort', 'test');
const cmp = new OracleComparer('table1');

const pick = (column: string, rows: number[]): Float64Array => {
  const v = cohort.f64(column);
  return Float64Array.from(rows, (i) => v[i]);
};

function mannWhitneyInputs(key: string): [Float64Array, Float64Array] {
  const outcome = cohort.f64('outcome');
  switch (key) {
    case 'age_train_vs_test':
      return [pick('age', train), pick('age', test)];
    case 'tumor_size_mm_train_vs_test':
      return [pick('tumor_size_mm', train), pick('tumor_size_mm', test)];
    case 'dl_prob_train_vs_test':
      return [pick('dl_prob', train), pick('dl_prob', test)];
    case 'age_by_outcome_train':
      // README §4.8 says x = outcome 0, but the block has n_x = 48 = the train positives: x = outcome 1.
      return [pick('age', train.filter((i) => outcome[i] === 1)), pick('age', train.filter((i) => outcome[i] === 0))];
    case 'dl_prob_exact_small':
      return [pick('dl_prob', train.slice(0, 12)), pick('dl_prob', test.slice(0, 9))];
    default:
      throw new Error(key);
  }
}

describe('Table 1 against R stats 4.2.2', () => {
  const mwKeys = [
    'age_train_vs_test',
    'tumor_size_mm_train_vs_test',
    'dl_prob_train_vs_test',
    'age_by_outcome_train',
    'dl_prob_exact_small',
  ];
  for (const key of mwKeys) {
    it(`Mann–Whitney and quartiles: ${key}`, () => {
      const e = expected[key] as MannWhitneyBlock;
      const [x, y] = mannWhitneyInputs(key);
      const withCc = wilcoxonRankSum(x, y, true);
      const noCc = wilcoxonRankSum(x, y, false);
      expect(withCc.nX).toBe(e.n_x);
      expect(withCc.nY).toBe(e.n_y);
      expect(withCc.W).toBe(e.W);
      expect(withCc.uY).toBe(e.U_y);
      expect(withCc.exact).toBe(e.exact_used);
      expect(withCc.hasTies).toBe(e.has_ties);
      expect(withCc.method).toBe(e.method);
      cmp.close('Mann–Whitney p', `${key}.p_continuity`, withCc.pValue, e.p_continuity, CLOSED);
      cmp.close('Mann–Whitney p', `${key}.p_no_continuity`, noCc.pValue, e.p_no_continuity, CLOSED);
      const mx = medianIqr(x);
      const my = medianIqr(y);
      cmp.close('quantile type 7', `${key}.median_x`, mx.median, e.median_x, CLOSED);
      cmp.close('quantile type 7', `${key}.median_y`, my.median, e.median_y, CLOSED);
      cmp.close('quantile type 7', `${key}.q1_x`, mx.q1, e.q1_x, CLOSED);
      cmp.close('quantile type 7', `${key}.q3_x`, mx.q3, e.q3_x, CLOSED);
      cmp.close('quantile type 7', `${key}.q1_y`, my.q1, e.q1_y, CLOSED);
      cmp.close('quantile type 7', `${key}.q3_y`, my.q3, e.q3_y, CLOSED);
    });
  }

  it('Welch t test of age, train vs test', () => {
    const e = expected.welch_t_age as { t: number; df: number; p: number };
    const r = tTestTwoSample(pick('age', train), pick('age', test));
    cmp.close('Welch t', 'welch_t_age.t', r.t, e.t, CLOSED);
    cmp.close('Welch t', 'welch_t_age.df', r.df, e.df, CLOSED);
    cmp.close('Welch t', 'welch_t_age.p', r.pValue, e.p, CLOSED);
  });

  const catKeys = Object.keys(expected).filter((k) => (expected[k] as CategoricalBlock | undefined)?.table !== undefined);
  it('covers all seven categorical blocks', () => {
    expect(catKeys.sort()).toEqual(
      [
        'event_train_vs_test',
        'grade_train_vs_test',
        'lymph_node_meta_train_vs_test',
        'outcome_train_vs_test',
        'sex_train_vs_test',
        'tumor_size_gt10_by_outcome_train',
        'tumor_size_gt10_train_vs_test',
      ].sort(),
    );
  });

  for (const key of catKeys) {
    it(`chi-square and Fisher: ${key}`, () => {
      const e = expected[key] as CategoricalBlock;
      const byOutcome = key.endsWith('_by_outcome_train');
      const variable = key.replace(/_(train_vs_test|by_outcome_train)$/, '');
      const rowsUsed = byOutcome ? train : [...train, ...test];
      const values = cohort.f64(variable);
      const outcome = cohort.f64('outcome');
      const cohortCol = cohort.str('cohort');
      const rowVals = rowsUsed.map((i) => String(values[i]));
      const colVals = rowsUsed.map((i) => (byOutcome ? String(outcome[i]) : cohortCol[i]));
      const table = crossTable(rowVals, colVals, e.levels, e.groups);
      expect(table).toEqual(e.table);

      const yates = chiSquareTest(table, true);
      const plain = chiSquareTest(table, false);
      cmp.close('chi-square', `${key}.chisq_yates`, yates.statistic, e.chisq_yates, CLOSED);
      cmp.close('chi-square', `${key}.p_chisq_yates`, yates.pValue, e.p_chisq_yates, CLOSED);
      cmp.close('chi-square', `${key}.chisq`, plain.statistic, e.chisq, CLOSED);
      cmp.close('chi-square', `${key}.p_chisq`, plain.pValue, e.p_chisq, CLOSED);
      expect(plain.df).toBe(e.df);
      for (let i = 0; i < e.expected.length; i++) cmp.closeAll('chi-square', `${key}.expected[${i}]`, plain.expected[i], e.expected[i], CLOSED);
      cmp.close('chi-square', `${key}.min_expected`, plain.minExpected, e.min_expected, CLOSED);

      const f = fisherExactTest(table);
      cmp.close('Fisher p', `${key}.p_fisher`, f.pValue, e.p_fisher, CLOSED);
      if (e.fisher_or_conditional_mle !== undefined && e.fisher_or_ci !== undefined) {
        // README §5.10/§7: R's uniroot stops at ~1e-4 relative; ours is solved to machine precision.
        cmp.close('Fisher conditional-MLE OR and CI (R uniroot ≈1e-4)', `${key}.fisher_or`, f.oddsRatio, e.fisher_or_conditional_mle, 1e-3);
        cmp.closeAll('Fisher conditional-MLE OR and CI (R uniroot ≈1e-4)', `${key}.fisher_or_ci`, f.oddsRatioCi ?? [], e.fisher_or_ci, 1e-3);
      } else {
        expect(f.oddsRatio).toBeNull();
      }
    });
  }
});
