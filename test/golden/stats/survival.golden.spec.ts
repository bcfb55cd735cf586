/**
 * Kaplan–Meier (survfit/summary), log-rank (survdiff), Cox PH (coxph, Efron and Breslow) and
 * Harrell's C (concordance, Hmisc rcorr.cens) against oracle/stats/expected/survival.json
 * (survival 3.5-3, Hmisc 4.8-0).
 */
import { describe, expect, it } from 'vitest';
import { loadCohort, loadExpected, whereStr } from '../../support/statsOracle';
import { median } from '../../../src/main/engine/stats/descriptive';
import { kaplanMeier, kaplanMeierByGroup, kmAtTimes, kmEventRows, kmMedian, type KmCurve } from '../../../src/main/engine/survival/kaplanMeier';
import { logRankTest } from '../../../src/main/engine/survival/logRank';
import { coxPh } from '../../../src/main/engine/survival/coxph';
import { harrellC } from '../../../src/main/engine/survival/cIndex';
import { OracleComparer } from './rOracleTolerance';

type Col = (number | null)[];
interface KmBlock {
  full: { strata: string[]; time: number[]; n_risk: number[]; n_event: number[]; n_censor: number[]; surv: Col; std_err_cumhaz: Col; lower: Col; upper: Col };
  event_times: { strata: string[]; time: number[]; n_risk: number[]; n_event: number[]; surv: Col; std_err_surv: Col; lower: Col; upper: Col };
  medians: { strata: string[]; records: number[]; events: number[]; median: Col; median_lcl: Col; median_ucl: Col };
  at_times: { strata: string[]; time: number[]; n_risk: number[]; surv: Col; std_err_surv: Col; lower: Col; upper: Col };
}
interface CoxBlock {
  ties: 'efron' | 'breslow';
  coef: number;
  se: number;
  hr: number;
  hr_lower: number;
  hr_upper: number;
  z: number;
  p_wald: number;
  loglik: [number, number];
  lr_test: number;
  score_test: number;
  concordance: number;
}
interface CBlock {
  survival_concordance: { concordance: number; std_err: number; counts: Record<'concordant' | 'discordant' | 'tied.x' | 'tied.y' | 'tied.xy', number> };
  hmisc_rcorr_cens: { C: number; Dxy: number; SD_Dxy: number; relevant_pairs: number; concordant: number; uncertain: number };
  brute_force: { concordant: number; discordant: number; tied_score: number; C: number };
}
interface CohortBlock {
  n: number;
  group_sizes: { high: number; low: number };
  km_by_group: KmBlock;
  km_overall: KmBlock;
  logrank: { groups: string[]; n: number[]; observed: number[]; expected: number[]; var: number[][]; chisq: number; df: number; p_value: number };
  cox_efron: CoxBlock;
  cox_breslow: CoxBlock;
  harrell_c: CBlock;
  harrell_c_grade_tied_scores: CBlock;
}

const CLOSED = 1e-8;
const ITERATIVE = 1e-6;
const cohort = loadCohort();
const expected = loadExpected<{ cut: number; train: CohortBlock; test: CohortBlock }>('survival');
const cmp = new OracleComparer('survival');
const col = (name: string, rows: number[]): Float64Array => {
  const v = cohort.f64(name);
  return Float64Array.from(rows, (i) => v[i]);
};
const cut = median(col('dl_prob', whereStr(cohort, 'cohort', 'train')));

function compareKm(where: string, strata: { level: string; curve: KmCurve }[], e: KmBlock): void {
  const rowsOf = <T>(s: { strata: string[] }, level: string, values: T[]): T[] => values.filter((_, i) => s.strata[i] === level);
  const medians = strata.map((s) => ({ level: s.level, m: kmMedian(s.curve) }));
  expect(medians.map((m) => m.level)).toEqual(e.medians.strata);
  for (const { level, curve } of strata) {
    const w = `${where}.${level}`;
    const f = e.full;
    expect(Array.from(curve.time), `${w}.full.time`).toEqual(rowsOf(f, level, f.time));
    expect(Array.from(curve.nRisk)).toEqual(rowsOf(f, level, f.n_risk));
    expect(Array.from(curve.nEvent)).toEqual(rowsOf(f, level, f.n_event));
    expect(Array.from(curve.nCensor)).toEqual(rowsOf(f, level, f.n_censor));
    cmp.closeAll('KM surv/SE/CI (full)', `${w}.full.surv`, curve.surv, rowsOf(f, level, f.surv), CLOSED);
    cmp.closeAll('KM surv/SE/CI (full)', `${w}.full.std_err_cumhaz`, curve.stdErrCumHaz, rowsOf(f, level, f.std_err_cumhaz), CLOSED);
    cmp.closeAll('KM surv/SE/CI (full)', `${w}.full.lower`, curve.lower, rowsOf(f, level, f.lower), CLOSED);
    cmp.closeAll('KM surv/SE/CI (full)', `${w}.full.upper`, curve.upper, rowsOf(f, level, f.upper), CLOSED);

    const ev = kmEventRows(curve);
    const et = e.event_times;
    expect(ev.time).toEqual(rowsOf(et, level, et.time));
    expect(ev.nRisk).toEqual(rowsOf(et, level, et.n_risk));
    expect(ev.nEvent).toEqual(rowsOf(et, level, et.n_event));
    cmp.closeAll('KM summary (event times)', `${w}.event_times.surv`, ev.surv, rowsOf(et, level, et.surv), CLOSED);
    cmp.closeAll('KM summary (event times)', `${w}.event_times.std_err_surv`, ev.stdErrSurv, rowsOf(et, level, et.std_err_surv), CLOSED);
    cmp.closeAll('KM summary (event times)', `${w}.event_times.lower`, ev.lower, rowsOf(et, level, et.lower), CLOSED);
    cmp.closeAll('KM summary (event times)', `${w}.event_times.upper`, ev.upper, rowsOf(et, level, et.upper), CLOSED);

    const at = e.at_times;
    const a = kmAtTimes(curve, rowsOf(at, level, at.time));
    expect(a.nRisk, `${w}.at_times.n_risk`).toEqual(rowsOf(at, level, at.n_risk));
    cmp.closeAll('KM at 12/24/36/48 months', `${w}.at_times.surv`, a.surv, rowsOf(at, level, at.surv), CLOSED);
    cmp.closeAll('KM at 12/24/36/48 months', `${w}.at_times.std_err_surv`, a.stdErrSurv, rowsOf(at, level, at.std_err_surv), CLOSED);
    cmp.closeAll('KM at 12/24/36/48 months', `${w}.at_times.lower`, a.lower, rowsOf(at, level, at.lower), CLOSED);
    cmp.closeAll('KM at 12/24/36/48 months', `${w}.at_times.upper`, a.upper, rowsOf(at, level, at.upper), CLOSED);

    const k = e.medians.strata.indexOf(level);
    const m = kmMedian(curve);
    expect(m.records).toBe(e.medians.records[k]);
    expect(m.events).toBe(e.medians.events[k]);
    cmp.close('KM median and CI', `${w}.median`, m.median, e.medians.median[k], CLOSED);
    cmp.close('KM median and CI', `${w}.median_lcl`, m.lcl, e.medians.median_lcl[k], CLOSED);
    cmp.close('KM median and CI', `${w}.median_ucl`, m.ucl, e.medians.median_ucl[k], CLOSED);
  }
}

function compareC(where: string, r: ReturnType<typeof harrellC>, e: CBlock): void {
  const s = e.survival_concordance;
  cmp.close('Harrell C and IJ SE', `${where}.concordance`, r.concordance, s.concordance, CLOSED);
  cmp.close('Harrell C and IJ SE', `${where}.std_err`, r.stdErr, s.std_err, CLOSED);
  expect(r.concordant).toBe(s.counts.concordant);
  expect(r.discordant).toBe(s.counts.discordant);
  expect(r.tiedX).toBe(s.counts['tied.x']);
  expect(r.tiedY).toBe(s.counts['tied.y']);
  expect(r.tiedXY).toBe(s.counts['tied.xy']);
  const h = e.hmisc_rcorr_cens;
  cmp.close('Hmisc rcorr.cens', `${where}.hmisc.C`, r.hmisc.C, h.C, CLOSED);
  cmp.close('Hmisc rcorr.cens', `${where}.hmisc.Dxy`, r.hmisc.Dxy, h.Dxy, CLOSED);
  cmp.close('Hmisc rcorr.cens', `${where}.hmisc.SD_Dxy`, r.hmisc.sdDxy, h.SD_Dxy, CLOSED);
  expect(r.hmisc.relevantPairs).toBe(h.relevant_pairs);
  expect(r.hmisc.concordant).toBe(h.concordant);
  expect(r.hmisc.uncertain).toBe(h.uncertain);
  const b = e.brute_force;
  expect([r.concordant, r.discordant, r.tiedX]).toEqual([b.concordant, b.discordant, b.tied_score]);
  cmp.close('Harrell C and IJ SE', `${where}.brute_force.C`, r.concordance, b.C, CLOSED);
}

describe('survival against survival 3.5-3 / Hmisc 4.8-0', () => {
  it('risk-group cut is the train median of dl_prob', () => {
    cmp.close('risk-group cut', 'cut', cut, expected.cut, CLOSED);
  });

  for (const set of ['train', 'test'] as const) {
    const e = expected[set];
    const rows = whereStr(cohort, 'cohort', set);
    const time = col('time', rows);
    const event = col('event', rows);
    const dl = col('dl_prob', rows);
    const group = Array.from(dl, (v) => (v >= cut ? 'high' : 'low'));

    it(`${set}: Kaplan–Meier by risk group and overall`, () => {
      expect(rows.length).toBe(e.n);
      expect(group.filter((g) => g === 'high').length).toBe(e.group_sizes.high);
      expect(group.filter((g) => g === 'low').length).toBe(e.group_sizes.low);
      compareKm(`${set}.by_group`, kaplanMeierByGroup(time, event, group), e.km_by_group);
      compareKm(`${set}.overall`, [{ level: 'all', curve: kaplanMeier(time, event) }], e.km_overall);
    });

    it(`${set}: log-rank test`, () => {
      const r = logRankTest(time, event, group);
      const l = e.logrank;
      expect(r.groups).toEqual(l.groups);
      expect(r.n).toEqual(l.n);
      expect(r.observed).toEqual(l.observed);
      cmp.closeAll('log-rank', `${set}.expected`, r.expected, l.expected, CLOSED);
      for (let g = 0; g < 2; g++) cmp.closeAll('log-rank', `${set}.var[${g}]`, r.variance[g], l.var[g], CLOSED);
      cmp.close('log-rank', `${set}.chisq`, r.chisq, l.chisq, CLOSED);
      expect(r.df).toBe(l.df);
      cmp.close('log-rank', `${set}.p`, r.pValue, l.p_value, CLOSED);
    });

    for (const ties of ['efron', 'breslow'] as const) {
      it(`${set}: Cox PH on dl_prob, ties = ${ties}`, () => {
        const c = e[`cox_${ties}`];
        const r = coxPh(time, event, [dl], { ties });
        const g = `Cox PH (${ties})`;
        expect(r.ties).toBe(c.ties);
        cmp.close(g, `${set}.coef`, r.coef[0], c.coef, ITERATIVE);
        cmp.close(g, `${set}.se`, r.se[0], c.se, ITERATIVE);
        cmp.close(g, `${set}.hr`, r.hr[0], c.hr, ITERATIVE);
        cmp.close(g, `${set}.hr_lower`, r.hrLower[0], c.hr_lower, ITERATIVE);
        cmp.close(g, `${set}.hr_upper`, r.hrUpper[0], c.hr_upper, ITERATIVE);
        cmp.close(g, `${set}.z`, r.z[0], c.z, ITERATIVE);
        cmp.close(g, `${set}.p_wald`, r.pWald[0], c.p_wald, ITERATIVE);
        cmp.close(g, `${set}.loglik0`, r.loglik[0], c.loglik[0], ITERATIVE);
        cmp.close(g, `${set}.loglik1`, r.loglik[1], c.loglik[1], ITERATIVE);
        cmp.close(g, `${set}.lr_test`, r.lrTest, c.lr_test, ITERATIVE);
        cmp.close(g, `${set}.score_test`, r.scoreTest, c.score_test, ITERATIVE);
        cmp.close(g, `${set}.concordance`, r.concordance, c.concordance, CLOSED);
      });
    }

    it(`${set}: Harrell's C (dl_prob; grade with tied scores)`, () => {
      compareC(`${set}.dl_prob`, harrellC(time, event, dl), e.harrell_c);
      compareC(`${set}.grade`, harrellC(time, event, col('grade', rows)), e.harrell_c_grade_tied_scores);
    });
  }
});
