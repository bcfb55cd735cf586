/**
 * ICC (McGraw & Wong, irr 0.84 conventions; psych 2.2.9; psy 1.2) and Cohen's kappa
 * (irr::kappa2 null SE; psych/vcd asymptotic SE) against oracle/stats/expected/icc_kappa.json.
 */
import { describe, expect, it } from 'vitest';
import { loadCohort, loadExpected, loadIccReaders } from '../../support/statsOracle';
import { iccAllForms } from '../../../src/main/engine/stats/icc';
import { cohenKappa } from '../../../src/main/engine/stats/kappa';
import { OracleComparer } from './rOracleTolerance';

interface IccEntry {
  feature: string;
  n_subjects: number;
  n_raters: number;
  MSR: number;
  MSC: number;
  MSE: number;
  MSW: number;
  consistency_single: Record<'icc' | 'F' | 'df1' | 'df2' | 'p_one_sided' | 'p_irr' | 'lower' | 'upper', number>;
  agreement_single: Record<'icc' | 'F' | 'df1' | 'df2' | 'p_one_sided' | 'p_irr' | 'lower' | 'upper', number>;
  consistency_average: Record<'icc' | 'lower' | 'upper', number>;
  agreement_average: Record<'icc' | 'df2' | 'lower' | 'upper', number>;
  psych_ICC: Record<'ICC1' | 'ICC2' | 'ICC2_lower' | 'ICC2_upper' | 'ICC3' | 'ICC3_lower' | 'ICC3_upper' | 'p_ICC3', number>;
  psy_icc: Record<'icc_consistency' | 'icc_agreement', number>;
}

interface KappaBlock {
  table: number[][];
  levels: number[];
  n: number;
  p_observed: number;
  p_expected: number;
  kappa: number;
  se0_null: number;
  z: number;
  p_value: number;
  psych_cohen_kappa: { kappa: number; var_kappa: number; confid_lower: number; confid_upper: number };
  vcd_Kappa: { value: number; ASE: number };
}

const CLOSED = 1e-8;
const expected = loadExpected<{ icc: IccEntry[]; kappa_spiculation: KappaBlock }>('icc_kappa');
const readers = loadIccReaders();
const cmp = new OracleComparer('icc_kappa');

function ratersOf(feature: string): [Float64Array, Float64Array] {
  const f = readers.str('feature');
  const r1 = readers.f64('reader1');
  const r2 = readers.f64('reader2');
  const rows = f.flatMap((v, i) => (v === feature ? [i] : []));
  return [Float64Array.from(rows, (i) => r1[i]), Float64Array.from(rows, (i) => r2[i])];
}

describe('ICC against irr/psych/psy conventions', () => {
  it('has 40 features', () => expect(expected.icc.length).toBe(40));
  for (const e of expected.icc) {
    it(`${e.feature}: ANOVA, all McGraw & Wong forms, p-values and CIs`, () => {
      const all = iccAllForms(ratersOf(e.feature));
      const f = e.feature;
      expect(all.anova.n).toBe(e.n_subjects);
      expect(all.anova.k).toBe(e.n_raters);
      for (const ms of ['MSR', 'MSC', 'MSE', 'MSW'] as const) cmp.close('ANOVA mean squares', `${f}.${ms}`, all.anova[ms], e[ms], CLOSED);

      const cs = all.consistencySingle;
      const c = e.consistency_single;
      cmp.close('ICC(C,1) value/F/CI', `${f}.cs.icc`, cs.icc, c.icc, CLOSED);
      cmp.close('ICC(C,1) value/F/CI', `${f}.cs.F`, cs.F, c.F, CLOSED);
      expect(cs.df1).toBe(c.df1);
      expect(cs.df2).toBe(c.df2);
      cmp.close('ICC p-values', `${f}.cs.p_one_sided`, cs.pOneSided, c.p_one_sided, CLOSED, 1e-300);
      cmp.close('ICC p-values', `${f}.cs.p_irr`, cs.pIrr, c.p_irr, CLOSED, 1e-300);
      cmp.close('ICC(C,1) value/F/CI', `${f}.cs.lower`, cs.lower, c.lower, CLOSED);
      cmp.close('ICC(C,1) value/F/CI', `${f}.cs.upper`, cs.upper, c.upper, CLOSED);

      const as = all.agreementSingle;
      const a = e.agreement_single;
      cmp.close('ICC(A,1) value/F/v/CI', `${f}.as.icc`, as.icc, a.icc, CLOSED);
      cmp.close('ICC(A,1) value/F/v/CI', `${f}.as.F`, as.F, a.F, CLOSED);
      expect(as.df1).toBe(a.df1);
      cmp.close('ICC(A,1) value/F/v/CI', `${f}.as.df2`, as.df2, a.df2, CLOSED);
      cmp.close('ICC p-values', `${f}.as.p_one_sided`, as.pOneSided, a.p_one_sided, CLOSED, 1e-300);
      cmp.close('ICC p-values', `${f}.as.p_irr`, as.pIrr, a.p_irr, CLOSED, 1e-300);
      cmp.close('ICC(A,1) value/F/v/CI', `${f}.as.lower`, as.lower, a.lower, CLOSED);
      cmp.close('ICC(A,1) value/F/v/CI', `${f}.as.upper`, as.upper, a.upper, CLOSED);

      const ca = all.consistencyAverage;
      cmp.close('ICC(C,k) and ICC(A,k)', `${f}.ca.icc`, ca.icc, e.consistency_average.icc, CLOSED);
      cmp.close('ICC(C,k) and ICC(A,k)', `${f}.ca.lower`, ca.lower, e.consistency_average.lower, CLOSED);
      cmp.close('ICC(C,k) and ICC(A,k)', `${f}.ca.upper`, ca.upper, e.consistency_average.upper, CLOSED);
      const aa = all.agreementAverage;
      cmp.close('ICC(C,k) and ICC(A,k)', `${f}.aa.icc`, aa.icc, e.agreement_average.icc, CLOSED);
      cmp.close('ICC(C,k) and ICC(A,k)', `${f}.aa.df2`, aa.df2, e.agreement_average.df2, CLOSED);
      cmp.close('ICC(C,k) and ICC(A,k)', `${f}.aa.lower`, aa.lower, e.agreement_average.lower, CLOSED);
      cmp.close('ICC(C,k) and ICC(A,k)', `${f}.aa.upper`, aa.upper, e.agreement_average.upper, CLOSED);

      // psych::ICC cross-check: ICC1 is the one-way single ICC; its p for ICC3 is the one-sided tail.
      const p = e.psych_ICC;
      cmp.close('psych/psy cross-check', `${f}.psych.ICC1`, all.onewaySingle.icc, p.ICC1, CLOSED);
      cmp.close('psych/psy cross-check', `${f}.psych.ICC2`, as.icc, p.ICC2, CLOSED);
      cmp.close('psych/psy cross-check', `${f}.psych.ICC2_lower`, as.lower, p.ICC2_lower, CLOSED);
      cmp.close('psych/psy cross-check', `${f}.psych.ICC2_upper`, as.upper, p.ICC2_upper, CLOSED);
      cmp.close('psych/psy cross-check', `${f}.psych.ICC3`, cs.icc, p.ICC3, CLOSED);
      cmp.close('psych/psy cross-check', `${f}.psych.ICC3_lower`, cs.lower, p.ICC3_lower, CLOSED);
      cmp.close('psych/psy cross-check', `${f}.psych.ICC3_upper`, cs.upper, p.ICC3_upper, CLOSED);
      cmp.close('psych/psy cross-check', `${f}.psych.p_ICC3`, cs.pOneSided, p.p_ICC3, CLOSED, 1e-300);
      cmp.close('psych/psy cross-check', `${f}.psy.icc_consistency`, cs.icc, e.psy_icc.icc_consistency, CLOSED);
      cmp.close('psych/psy cross-check', `${f}.psy.icc_agreement`, as.icc, e.psy_icc.icc_agreement, CLOSED);
    });
  }
});

describe("Cohen's kappa against irr::kappa2 / psych / vcd", () => {
  it('spiculation, reader 1 vs reader 2 (all 180 patients)', () => {
    const e = expected.kappa_spiculation;
    const cohort = loadCohort();
    const k = cohenKappa(cohort.f64('spiculation_r1'), cohort.f64('spiculation_r2'), { levels: e.levels });
    expect(k.table).toEqual(e.table);
    expect(k.n).toBe(e.n);
    cmp.close('kappa', 'p_observed', k.pObserved, e.p_observed, CLOSED);
    cmp.close('kappa', 'p_expected', k.pExpected, e.p_expected, CLOSED);
    cmp.close('kappa', 'kappa', k.kappa, e.kappa, CLOSED);
    cmp.close('kappa', 'se0_null', k.seNull, e.se0_null, CLOSED);
    cmp.close('kappa', 'z', k.z, e.z, CLOSED);
    // R's p = 2(1 − Φ(9.36)) cancels to exactly 0; ours is the tail itself (≈ 8e-21): README §7 absolute 1e-15.
    cmp.close('kappa p (R cancels to 0; abs 1e-15)', 'p_value', k.pValue, e.p_value, CLOSED, 1e-15);
    cmp.close('kappa', 'psych.kappa', k.kappa, e.psych_cohen_kappa.kappa, CLOSED);
    cmp.close('kappa', 'psych.var_kappa', k.se * k.se, e.psych_cohen_kappa.var_kappa, CLOSED);
    cmp.close('kappa', 'psych.confid_lower', k.lower, e.psych_cohen_kappa.confid_lower, CLOSED);
    cmp.close('kappa', 'psych.confid_upper', k.upper, e.psych_cohen_kappa.confid_upper, CLOSED);
    cmp.close('kappa', 'vcd.value', k.kappa, e.vcd_Kappa.value, CLOSED);
    cmp.close('kappa', 'vcd.ASE', k.se, e.vcd_Kappa.ASE, CLOSED);
  });
});
