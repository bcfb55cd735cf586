/**
 * Nomogram scales vs oracle/stats/expected/logistic.json `rms.nomogram` (README §4.2): rms 6.5-0
 * `nomogram(lrm(outcome ~ dl_prob + tumor_size_gt10 + age), fun = plogis, fun.at = c(.1,.3,.5,.7,.9), lp = TRUE)`
 * on the training cohort. The model is our glm fit (lrm agrees to ~1e-10), so axis points, points per unit,
 * total-points and risk/lp axis positions are compared at 1e-6 relative (README §7; absolute floor 1e-9 for
 * zeros; measured ≤ 1e-9). The risk positions use rms's 1000-point numerical inverse of plogis (the exact
 * logit would be off by 2.4e-6 relative at risk 0.1). Tick values are re-derived with rms's rules (distinct
 * values of a binary predictor, `pretty(range, 10)` otherwise; `pretty(range(lp), 10)`;
 * `pretty(c(0, points at the largest lp tick), 10)`) and checked against the file at 1e-12.
 */
import { describe, expect, it } from 'vitest';
import { loadCohort, loadExpected, whereStr } from '../../support/statsOracle';
import { OracleComparer } from './rOracleTolerance';
import { fitLogistic } from '../../../src/main/engine/models/logistic';
import { buildNomogram, defaultTicks, scorePatient, type NomogramTerm } from '../../../src/main/engine/models/nomogram';

interface NomogramExpected {
  variables: { variable: string; x: number[]; xbeta: number[]; points: number[] }[];
  points_per_unit_lp: number;
  total_points: { x: number[] };
  lp_axis: { x: number[]; x_real: number[] };
  risk_axis: { x: number[]; x_real: number[] };
}

const FIT = 1e-6;
const cohort = loadCohort();
const train = whereStr(cohort, 'cohort', 'train');
const column = (name: string): Float64Array => {
  const all = cohort.f64(name);
  return Float64Array.from(train, (r) => all[r]);
};
const names = ['dl_prob', 'tumor_size_gt10', 'age'];
const model = fitLogistic(
  names.map((name) => ({ name, values: column(name) })),
  column('outcome'),
);
const want = loadExpected<{ rms: { nomogram: NomogramExpected } }>('logistic').rms.nomogram;
const cmp = new OracleComparer('logistic.json rms.nomogram');
const terms: NomogramTerm[] = names.map((name, k) => ({
  kind: 'linear',
  name,
  beta: model.terms[k + 1].estimate,
  ticks: defaultTicks(column(name)),
}));
const nomogram = buildNomogram(model.terms[0].estimate, terms, model.linearPredictor, { riskAt: want.risk_axis.x_real });

describe('rms::nomogram point scales', () => {
  it('tick values follow rms rules (binary: its values; continuous: pretty(range, 10))', () => {
    want.variables.forEach((v, k) => cmp.closeAll('ticks', `${v.variable}.x`, terms[k].kind === 'linear' ? terms[k].ticks : [], v.x, 1e-12));
    cmp.closeAll('ticks', 'lp_axis.x_real', nomogram.lpAxis.xReal, want.lp_axis.x_real, 1e-12);
    cmp.closeAll('ticks', 'total_points.x', nomogram.totalPoints, want.total_points.x, 1e-12);
  });

  it('per-axis xbeta and points; the widest axis spans 0–100', () => {
    cmp.close('points', 'points_per_unit_lp', nomogram.pointsPerUnitLp, want.points_per_unit_lp, FIT);
    want.variables.forEach((v, k) => {
      const axis = nomogram.axes[k];
      expect(axis.name).toBe(v.variable);
      cmp.closeAll('xbeta', `${v.variable}.xbeta`, axis.xbeta, v.xbeta, FIT, 1e-9);
      cmp.closeAll('points', `${v.variable}.points`, axis.points, v.points, FIT, 1e-9);
    });
    expect(Math.max(...nomogram.axes[0].points)).toBeCloseTo(100, 12);
  });

  it('linear-predictor and risk axes on the total-points scale', () => {
    cmp.closeAll('axes', 'lp_axis.x', nomogram.lpAxis.x, want.lp_axis.x, FIT);
    cmp.closeAll('axes', 'risk_axis.x', nomogram.riskAxis.x, want.risk_axis.x, FIT);
  });

  it('scoring a patient reproduces the model linear predictor and probability', () => {
    for (const i of [0, 17, 63, 109]) {
      const s = scorePatient(
        nomogram,
        terms,
        names.map((name) => column(name)[i]),
      );
      cmp.close('score', `patient ${i} lp`, s.linearPredictor, model.linearPredictor[i], 1e-12, 1e-12);
      cmp.close('score', `patient ${i} risk`, s.risk, model.fitted[i], 1e-12);
    }
  });
});
