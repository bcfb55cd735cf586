/**
 * Logistic regression vs oracle/stats/expected/logistic.json (README §4.2, §5.2): stats::glm 4.2.2 IRLS,
 * MASS 7.3 profile-likelihood intervals, rms 6.5-0 lrm statistics and datadist limits.
 * Every number of the file except the `rms.nomogram` block (nomogram.golden.spec.ts) is compared:
 * glm fits (coefficients, SE, z, p, Wald ORs/CIs, deviances, AIC, vcov, predictions) at 1e-6 relative
 * (measured ~1e-12); MASS profile CIs at 1e-6 (measured ~1e-13: the grid + FMM spline + approx procedure
 * is replicated, so the README's 1e-3 allowance is not needed); glm iteration counts exactly;
 * lrm statistics at 1e-6 (C and Dxy, closed forms of the ranks, at 1e-8), lrm's P (7e-11) on the log10 scale
 * to 1e-6 as README §7 asks below 1e-10, and lrm coefficients at 1e-6 (lrm stops differently);
 * datadist limits at 1e-8.
 */
import { describe, expect, it } from 'vitest';
import { loadCohort, loadExpected, whereStr } from '../../support/statsOracle';
import { OracleComparer } from './rOracleTolerance';
import { fitLogistic, likelihoodRatioTest, logisticLinearPredictor, type LogisticModel } from '../../../src/main/engine/models/logistic';
import { profileConfidenceIntervals } from '../../../src/main/engine/models/logisticProfile';
import { logisticTable, treatmentDummies } from '../../../src/main/engine/models/logisticTable';
import { lrmStatistics } from '../../../src/main/engine/models/logisticPerformance';
import { datadistLimits } from '../../../src/main/engine/models/datadist';

interface ModelBlock {
  term: string[];
  estimate: number[];
  std_error: number[];
  z_value: number[];
  p_value: number[];
  odds_ratio: number[];
  or_wald_lower: number[];
  or_wald_upper: number[];
  or_profile_lower: number[];
  or_profile_upper: number[];
  deviance: number;
  null_deviance: number;
  df_residual: number;
  df_null: number;
  aic: number;
  iterations: number;
  converged: boolean;
  vcov?: number[][];
}
interface Predictions {
  id: string[];
  lp: number[];
  prob: number[];
}
interface LogisticExpected {
  univariate: Record<string, ModelBlock>;
  univariate_grade_factor: ModelBlock;
  multivariable: ModelBlock & { formula: string };
  predictions: { train: Predictions; test: Predictions };
  rms: {
    lrm_coefficients: Record<string, number>;
    lrm_stats: Record<string, number>;
    datadist_limits: Record<string, (string | number)[]>;
  };
}

const FIT = 1e-6;
const CLOSED = 1e-8;
const cohort = loadCohort();
const train = whereStr(cohort, 'cohort', 'train');
const test = whereStr(cohort, 'cohort', 'test');
const column = (name: string, rows: number[] = train): Float64Array => {
  const all = cohort.f64(name);
  return Float64Array.from(rows, (r) => all[r]);
};
const y = column('outcome');
const want = loadExpected<LogisticExpected>('logistic');
const cmp = new OracleComparer('logistic.json');

function compareModel(model: LogisticModel, block: ModelBlock, label: string): void {
  expect(model.terms.length, `${label} terms`).toBe(block.term.length);
  model.terms.forEach((t, j) => {
    const at = `${label}.${block.term[j]}`;
    cmp.close('estimate', `${at}.estimate`, t.estimate, block.estimate[j], FIT, 1e-9);
    cmp.close('std_error', `${at}.se`, t.stdError, block.std_error[j], FIT);
    cmp.close('z_value', `${at}.z`, t.z, block.z_value[j], FIT, 1e-9);
    cmp.close('p_value', `${at}.p`, t.p, block.p_value[j], FIT, 0);
    cmp.close('odds_ratio', `${at}.or`, t.oddsRatio, block.odds_ratio[j], FIT);
    cmp.close('or_wald', `${at}.or_lower`, t.orLower, block.or_wald_lower[j], FIT);
    cmp.close('or_wald', `${at}.or_upper`, t.orUpper, block.or_wald_upper[j], FIT);
  });
  const profile = profileConfidenceIntervals(model);
  profile.forEach((ci, j) => {
    cmp.close('or_profile (MASS)', `${label}.${block.term[j]}.profile_lower`, Math.exp(ci.lower), block.or_profile_lower[j], FIT);
    cmp.close('or_profile (MASS)', `${label}.${block.term[j]}.profile_upper`, Math.exp(ci.upper), block.or_profile_upper[j], FIT);
  });
  cmp.close('deviance/aic', `${label}.deviance`, model.deviance, block.deviance, FIT);
  cmp.close('deviance/aic', `${label}.null_deviance`, model.nullDeviance, block.null_deviance, CLOSED);
  cmp.close('deviance/aic', `${label}.aic`, model.aic, block.aic, FIT);
  expect(model.dfResidual, `${label}.df_residual`).toBe(block.df_residual);
  expect(model.dfNull, `${label}.df_null`).toBe(block.df_null);
  expect(model.iterations, `${label}.iterations (same start and stopping rule as glm)`).toBe(block.iterations);
  expect(model.converged, `${label}.converged`).toBe(block.converged);
}

describe('glm(outcome ~ x, binomial) univariate models (train, n = 110)', () => {
  for (const [name, block] of Object.entries(want.univariate)) {
    it(name, () => compareModel(fitLogistic([{ name, values: column(name) }], y), block, `univariate.${name}`));
  }

  it('factor(grade, levels = 1:3) with treatment contrasts', () => {
    const model = fitLogistic(treatmentDummies('grade', column('grade'), [1, 2, 3]), y);
    expect(model.terms.map((t) => t.term)).toEqual(['(Intercept)', 'grade2', 'grade3']);
    compareModel(model, want.univariate_grade_factor, 'univariate_grade_factor');
  });
});

describe('glm(outcome ~ dl_prob + tumor_size_gt10 + age, binomial)', () => {
  const names = ['dl_prob', 'tumor_size_gt10', 'age'];
  const model = fitLogistic(
    names.map((name) => ({ name, values: column(name) })),
    y,
  );
  const mv = want.multivariable;

  it('coefficients, Wald and profile inference, deviance, AIC', () => compareModel(model, mv, 'multivariable'));

  it('vcov (4 × 4)', () => {
    const vcov = mv.vcov as number[][];
    for (let i = 0; i < 4; i++) {
      for (let j = 0; j < 4; j++) cmp.close('vcov', `vcov[${i}][${j}]`, model.vcov[j * 4 + i], vcov[i][j], FIT);
    }
  });

  it('linear predictors and probabilities on train (fitted) and test (scored with the train fit)', () => {
    const p = want.predictions;
    expect(p.train.id).toEqual(cohort.str('id').filter((_, i) => train.includes(i)));
    cmp.closeAll('predictions', 'train.lp', model.linearPredictor, p.train.lp, FIT, 1e-9);
    cmp.closeAll('predictions', 'train.prob', model.fitted, p.train.prob, FIT);
    expect(p.test.id).toEqual(test.map((r) => cohort.str('id')[r]));
    const lp = logisticLinearPredictor(
      model,
      names.map((name) => column(name, test)),
    );
    cmp.closeAll('predictions', 'test.lp', lp, p.test.lp, FIT, 1e-9);
    cmp.closeAll(
      'predictions',
      'test.prob',
      lp.map((v) => 1 / (1 + Math.exp(-v))),
      p.test.prob,
      FIT,
    );
  });

  it('rms::lrm coefficients and statistics', () => {
    const co = want.rms.lrm_coefficients;
    ['Intercept', ...names].forEach((k, j) => cmp.close('lrm', `lrm.${k}`, model.terms[j].estimate, co[k], FIT));
    const s = lrmStatistics(model);
    const st = want.rms.lrm_stats;
    expect(s.obs).toBe(st.Obs);
    expect(s.df).toBe(st['d.f.']);
    cmp.close('lrm stats', 'Model L.R.', s.modelLR, st['Model L.R.'], FIT);
    // P = 7.2e-11 < 1e-10: rms computes 1 - pchisq(LR, 3), which keeps only ~6 significant digits here
    // (the exact tail is 7.1922496e-11); README §7 compares such p-values on the log10 scale to 1e-6.
    cmp.close('lrm stats (log10 P)', 'log10 P', Math.log10(s.p), Math.log10(st.P), 1e-6, 0);
    cmp.close('lrm stats', 'C', s.c, st.C, CLOSED);
    cmp.close('lrm stats', 'Dxy', s.dxy, st.Dxy, CLOSED);
    cmp.close('lrm stats', 'R2', s.r2, st.R2, FIT);
    cmp.close('lrm stats', 'Brier', s.brier, st.Brier, FIT);
    const lr = likelihoodRatioTest(model);
    cmp.close('lrm stats', 'LR test = Model L.R.', lr.statistic, st['Model L.R.'], FIT);
  });

  it('rms::datadist limits', () => {
    const dd = want.rms.datadist_limits;
    expect(dd.stat).toEqual(['Low:effect', 'Adjust to', 'High:effect', 'Low:prediction', 'High:prediction', 'Low', 'High']);
    for (const name of names) {
      const l = datadistLimits(column(name));
      const got = [l.lowEffect, l.adjustTo, l.highEffect, l.lowPrediction, l.highPrediction, l.low, l.high];
      cmp.closeAll('datadist', `datadist.${name}`, got, dd[name] as number[], CLOSED);
    }
  });
});

describe('Table 2 helper on the oracle models', () => {
  it('univariate rows reproduce the per-variable glm fits; entry rule p < 0.05 selects dl_prob', () => {
    const candidates = ['age', 'sex', 'tumor_size_gt10', 'dl_prob'].map((name) => ({ name, values: column(name) }));
    const table = logisticTable(candidates, y, { interval: 'profile' });
    expect(table.selected).toEqual(['dl_prob']);
    for (const row of table.rows) {
      const block = want.univariate[row.variable];
      cmp.close('table2', `table2.${row.term}.or`, row.univariate.oddsRatio, block.odds_ratio[1], FIT);
      cmp.close('table2', `table2.${row.term}.lower`, row.univariate.lower, block.or_profile_lower[1], FIT);
      cmp.close('table2', `table2.${row.term}.upper`, row.univariate.upper, block.or_profile_upper[1], FIT);
      cmp.close('table2', `table2.${row.term}.p`, row.univariate.p, block.p_value[1], FIT);
    }
    const dl = table.rows.find((r) => r.term === 'dl_prob');
    cmp.close('table2', 'table2.multivariable(dl_prob alone).or', dl?.multivariable?.oddsRatio ?? NaN, want.univariate.dl_prob.odds_ratio[1], FIT);
  });
});
