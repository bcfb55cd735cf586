/**
 * ROC curves, AUC with DeLong variance/CI, Youden optimum, paired/unpaired DeLong tests and
 * metrics at the training threshold against oracle/stats/expected/roc.json (pROC 1.18.0).
 */
import { describe, expect, it } from 'vitest';
import { loadCohort, loadExpected, whereStr } from '../../support/statsOracle';
import { metricsAtThreshold, rocCurve, youdenOptimal } from '../../../src/main/engine/stats/roc';
import { aucDelong, delongPairedTest, delongUnpairedTest } from '../../../src/main/engine/stats/delong';
import { OracleComparer } from './rOracleTolerance';

interface RocBlock {
  n_controls: number;
  n_cases: number;
  auc: number;
  auc_var_delong: number;
  ci_delong: { lower: number; estimate: number; upper: number };
  youden_best: Record<
    'threshold' | 'specificity' | 'sensitivity' | 'accuracy' | 'tn' | 'tp' | 'fn' | 'fp' | 'npv' | 'ppv' | 'youden',
    number[]
  >;
  roc_curve: { threshold: (number | null)[]; specificity: number[]; sensitivity: number[] };
}
interface AtThreshold {
  threshold: number[];
  tp: number;
  tn: number;
  fp: number;
  fn: number;
  sensitivity: number;
  specificity: number;
  accuracy: number;
  ppv: number;
  npv: number;
}

const CLOSED = 1e-8;
const cohort = loadCohort();
const expected = loadExpected<Record<string, unknown>>('roc');
const cmp = new OracleComparer('roc');
const rowsOf = (c: 'train' | 'test' | 'all'): number[] => (c === 'all' ? cohort.str('id').map((_, i) => i) : whereStr(cohort, 'cohort', c));
const col = (name: string, rows: number[]): Float64Array => {
  const v = cohort.f64(name);
  return Float64Array.from(rows, (i) => v[i]);
};

const blocks: [string, 'train' | 'test' | 'all', string][] = [
  ['train_dl', 'train', 'dl_prob'],
  ['train_clin', 'train', 'clin_score'],
  ['test_dl', 'test', 'dl_prob'],
  ['test_clin', 'test', 'clin_score'],
  ['all_dl', 'all', 'dl_prob'],
];

describe('ROC and DeLong against pROC 1.18.0', () => {
  for (const [key, set, score] of blocks) {
    it(`${key}: curve, AUC, DeLong variance and CI, Youden optimum`, () => {
      const e = expected[key] as RocBlock;
      const rows = rowsOf(set);
      const y = col('outcome', rows);
      const s = col(score, rows);
      const curve = rocCurve(y, s);
      expect(curve.nCases).toBe(e.n_cases);
      expect(curve.nControls).toBe(e.n_controls);
      cmp.close('AUC', `${key}.auc`, curve.auc, e.auc, CLOSED);
      cmp.closeAll('ROC curve', `${key}.roc_curve.threshold`, curve.thresholds, e.roc_curve.threshold, CLOSED);
      cmp.closeAll('ROC curve', `${key}.roc_curve.sensitivity`, curve.sensitivity, e.roc_curve.sensitivity, CLOSED);
      cmp.closeAll('ROC curve', `${key}.roc_curve.specificity`, curve.specificity, e.roc_curve.specificity, CLOSED);

      const d = aucDelong(y, s);
      cmp.close('AUC', `${key}.auc (delong)`, d.auc, e.auc, CLOSED);
      cmp.close('DeLong variance and CI', `${key}.auc_var_delong`, d.variance, e.auc_var_delong, CLOSED);
      cmp.close('DeLong variance and CI', `${key}.ci.lower`, d.lower, e.ci_delong.lower, CLOSED);
      cmp.close('DeLong variance and CI', `${key}.ci.estimate`, d.auc, e.ci_delong.estimate, CLOSED);
      cmp.close('DeLong variance and CI', `${key}.ci.upper`, d.upper, e.ci_delong.upper, CLOSED);

      const best = youdenOptimal(curve);
      const yb = e.youden_best;
      expect(best.length).toBe(yb.threshold.length);
      best.forEach((b, i) => {
        for (const k of ['tp', 'tn', 'fp', 'fn'] as const) expect(b[k]).toBe(yb[k][i]);
        for (const k of ['threshold', 'sensitivity', 'specificity', 'accuracy', 'npv', 'ppv', 'youden'] as const) {
          cmp.close('Youden optimum', `${key}.youden_best.${k}[${i}]`, b[k], yb[k][i], CLOSED);
        }
      });
    });
  }

  for (const set of ['train', 'test'] as const) {
    it(`paired DeLong, ${set}: dl_prob vs clin_score`, () => {
      const e = expected[`delong_paired_${set}`] as { statistic_Z: number; p_value: number; auc1: number; auc2: number; diff_ci95: number[] };
      const rows = rowsOf(set);
      const r = delongPairedTest(col('outcome', rows), col('dl_prob', rows), col('clin_score', rows));
      cmp.close('paired DeLong', `paired_${set}.Z`, r.z, e.statistic_Z, CLOSED);
      cmp.close('paired DeLong', `paired_${set}.p`, r.pValue, e.p_value, CLOSED);
      cmp.close('paired DeLong', `paired_${set}.auc1`, r.auc1, e.auc1, CLOSED);
      cmp.close('paired DeLong', `paired_${set}.auc2`, r.auc2, e.auc2, CLOSED);
      cmp.closeAll('paired DeLong', `paired_${set}.diff_ci95`, r.diffCi, e.diff_ci95, CLOSED);
    });
  }

  it('unpaired DeLong, train vs test dl_prob (Student t p)', () => {
    const e = expected.delong_unpaired_train_vs_test_dl as { statistic_D: number; df: number; p_value: number };
    const tr = rowsOf('train');
    const te = rowsOf('test');
    const r = delongUnpairedTest(col('outcome', tr), col('dl_prob', tr), col('outcome', te), col('dl_prob', te));
    cmp.close('unpaired DeLong', 'D', r.D, e.statistic_D, CLOSED);
    cmp.close('unpaired DeLong', 'df', r.df, e.df, CLOSED);
    cmp.close('unpaired DeLong', 'p', r.pValue, e.p_value, CLOSED);
  });

  it('training Youden threshold applied to train and to test (score ≥ threshold)', () => {
    const tr = rowsOf('train');
    const thr = youdenOptimal(rocCurve(col('outcome', tr), col('dl_prob', tr)))[0].threshold;
    for (const [key, set] of [
      ['train_dl_at_train_youden', 'train'],
      ['test_dl_at_train_youden', 'test'],
    ] as const) {
      const e = expected[key] as AtThreshold;
      cmp.close('metrics at fixed threshold', `${key}.threshold`, thr, e.threshold[0], CLOSED);
      const rows = rowsOf(set);
      const m = metricsAtThreshold(col('outcome', rows), col('dl_prob', rows), thr);
      for (const k of ['tp', 'tn', 'fp', 'fn'] as const) expect(m[k], `${key}.${k}`).toBe(e[k]);
      cmp.close('metrics at fixed threshold', `${key}.sensitivity`, m.sensitivity.estimate, e.sensitivity, CLOSED);
      cmp.close('metrics at fixed threshold', `${key}.specificity`, m.specificity.estimate, e.specificity, CLOSED);
      cmp.close('metrics at fixed threshold', `${key}.accuracy`, m.accuracy.estimate, e.accuracy, CLOSED);
      cmp.close('metrics at fixed threshold', `${key}.ppv`, m.ppv?.estimate, e.ppv, CLOSED);
      cmp.close('metrics at fixed threshold', `${key}.npv`, m.npv?.estimate, e.npv, CLOSED);
    }
    const c = expected.test_dl_at_train_youden_pROC_coords as Record<string, number[]>;
    const te = rowsOf('test');
    const m = metricsAtThreshold(col('outcome', te), col('dl_prob', te), c.threshold[0]);
    cmp.close('metrics at fixed threshold', 'pROC_coords.specificity', m.specificity.estimate, c.specificity[0], CLOSED);
    cmp.close('metrics at fixed threshold', 'pROC_coords.sensitivity', m.sensitivity.estimate, c.sensitivity[0], CLOSED);
    cmp.close('metrics at fixed threshold', 'pROC_coords.ppv', m.ppv?.estimate, c.ppv[0], CLOSED);
    cmp.close('metrics at fixed threshold', 'pROC_coords.npv', m.npv?.estimate, c.npv[0], CLOSED);
    cmp.close('metrics at fixed threshold', 'pROC_coords.accuracy', m.accuracy.estimate, c.accuracy[0], CLOSED);
  });
});
