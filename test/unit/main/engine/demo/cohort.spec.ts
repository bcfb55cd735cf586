import { describe, expect, it } from 'vitest';
import { defaultRepeatCount, defaultTrainingCount, drawCohort, type DemoPatient } from '../../../../../src/main/engine/demo/cohort';
import { drawTraits, linearPredictor, phenotypeOf, PLANTED_MODEL, riskScores, type LatentTraits } from '../../../../../src/main/engine/demo/latentModel';
import { clinicalCsv, semanticRatingsCsv, CLINICAL_COLUMNS } from '../../../../../src/main/engine/demo/tables';
import { readClinicalCsv } from '../../../../../src/main/engine/io/clinicalTable';
import { parseCsv } from '../../../../../src/main/engine/io/csv';
import { fitLogistic } from '../../../../../src/main/engine/models/logistic';
import { cohenKappa } from '../../../../../src/main/engine/stats/kappa';
import { Rng } from '../../../../../src/main/engine/stats/rng';
import { rocCurve } from '../../../../../src/main/engine/stats/roc';
import { harrellC } from '../../../../../src/main/engine/survival/cIndex';

const SEED = 20230531;
// One large metadata-only draw shared by the statistical checks (no images: well under a second).
const big = drawCohort({ patients: 8000, seed: 4242 });

function auc(patients: DemoPatient[], score: (p: DemoPatient) => number): number {
  return rocCurve(
    patients.map((p) => p.mdm),
    patients.map(score),
  ).auc;
}

function correlation(a: number[], b: number[]): number {
  const ma = a.reduce((s, x) => s + x, 0) / a.length;
  const mb = b.reduce((s, x) => s + x, 0) / b.length;
  let sab = 0;
  let saa = 0;
  let sbb = 0;
  for (let i = 0; i < a.length; i++) {
    sab += (a[i] - ma) * (b[i] - mb);
    saa += (a[i] - ma) ** 2;
    sbb += (b[i] - mb) ** 2;
  }
  return sab / Math.sqrt(saa * sbb);
}

describe('planted latent model', () => {
  it('maps traits to the documented phenotype ranges, monotonically', () => {
    const at = (z: number): LatentTraits => ({ size: z, irregularity: z, necrosis: z, heterogeneity: z, enhancement: z, invasion: z });
    const lo = phenotypeOf(at(-6));
    const hi = phenotypeOf(at(6));
    expect(lo).toMatchObject({ diameterMm: 30, necrosisFraction: 0, enhancementHu: 8, adjacentOrganInvolvement: 0 });
    expect(hi).toMatchObject({ diameterMm: 200, enhancementHu: 95, adjacentOrganInvolvement: 1 });
    expect(lo.irregularity).toBeCloseTo(0.04, 6);
    expect(hi.irregularity).toBeCloseTo(0.5, 6);
    expect(hi.necrosisFraction).toBeCloseTo(0.45, 6);
    expect(phenotypeOf(at(0)).diameterMm).toBe(100);
    // necrosis starts at 5 % just above the 45th percentile (z = −0.1257)
    expect(phenotypeOf(at(-0.12)).necrosisFraction).toBeGreaterThanOrEqual(0.05);
    expect(phenotypeOf(at(-0.13)).necrosisFraction).toBe(0);
    let prev = phenotypeOf(at(-3));
    for (let z = -2.9; z <= 3; z += 0.1) {
      const p = phenotypeOf(at(z));
      for (const k of ['diameterMm', 'irregularity', 'necrosisFraction', 'heterogeneity', 'enhancementHu'] as const) expect(p[k]).toBeGreaterThanOrEqual(prev[k]);
      prev = p;
    }
  });

  it('computes η = β0[centre] + Σ β·s from the documented scores', () => {
    const t: LatentTraits = { size: 0.7, irregularity: -0.4, necrosis: 1.2, heterogeneity: 0.9, enhancement: 0, invasion: 0 };
    const p = phenotypeOf(t);
    const s = riskScores(t, p);
    expect(s.s_size).toBeCloseTo(0.7, 12);
    expect(s.s_nec).toBeCloseTo(p.necrosisFraction * 10, 12);
    const b = PLANTED_MODEL.logistic.coefficients;
    const expected = -1.95 + b.s_size * 0.7 + b.s_irr * -0.4 + b.s_nec * s.s_nec + b.s_het * 0.9;
    expect(linearPredictor(t, p, 'C2')).toBeCloseTo(expected, 12);
    expect(linearPredictor(t, p, 'C1') - linearPredictor(t, p, 'C2')).toBeCloseTo(PLANTED_MODEL.logistic.intercept.C1 - PLANTED_MODEL.logistic.intercept.C2, 12);
  });

  it('draws traits with the planted correlations', () => {
    const rng = new Rng(99);
    const draws = Array.from({ length: 20_000 }, () => drawTraits(rng));
    const col = (k: keyof LatentTraits): number[] => draws.map((d) => d[k]);
    const c = PLANTED_MODEL.traitCorrelation;
    // sampling SE of r ≈ (1 − ρ²)/√n < 0.007
    expect(correlation(col('necrosis'), col('size'))).toBeCloseTo(c['necrosis~size'], 1);
    expect(Math.abs(correlation(col('necrosis'), col('size')) - c['necrosis~size'])).toBeLessThan(0.03);
    expect(Math.abs(correlation(col('irregularity'), col('size')) - c['irregularity~size'])).toBeLessThan(0.03);
    expect(Math.abs(correlation(col('heterogeneity'), col('necrosis')) - c['heterogeneity~necrosis'])).toBeLessThan(0.03);
    expect(Math.abs(correlation(col('invasion'), col('size')) - c['invasion~size'])).toBeLessThan(0.03);
    expect(Math.abs(correlation(col('enhancement'), col('size')))).toBeLessThan(0.03);
  });
});

describe('demo cohort (metadata only)', () => {
  it('splits like the paper: 121/179 at the training centre, 60/179 delineated twice', () => {
    expect([defaultTrainingCount(24), defaultRepeatCount(24)]).toEqual([16, 8]);
    expect([defaultTrainingCount(179), defaultRepeatCount(179)]).toEqual([121, 60]);
    expect([defaultTrainingCount(4), defaultRepeatCount(4)]).toEqual([3, 1]);
    expect([defaultTrainingCount(1), defaultRepeatCount(1)]).toEqual([1, 1]);
    const c = drawCohort({ patients: 179, seed: SEED });
    expect(c.patients.filter((p) => p.centre === 'C1' && p.cohort === 'train')).toHaveLength(121);
    expect(c.patients.filter((p) => p.centre === 'C2' && p.cohort === 'validation')).toHaveLength(58);
    expect(c.patients.filter((p) => p.repeatDelineation)).toHaveLength(60);
    expect(c.patients.map((p) => p.id).slice(0, 2)).toEqual(['DEMO-001', 'DEMO-002']);
    expect(() => drawCohort({ patients: 0, seed: 1 })).toThrow(/positive integer/);
    expect(() => drawCohort({ patients: 3, seed: 1.5 })).toThrow(/seed must be an integer/);
  });

  it('is reproducible, seed-dependent, and a patient does not depend on the cohort size', () => {
    const a = drawCohort({ patients: 24, seed: SEED });
    expect(drawCohort({ patients: 24, seed: SEED })).toEqual(a);
    expect(drawCohort({ patients: 24, seed: SEED + 1 }).patients[0].traits).not.toEqual(a.patients[0].traits);
    const larger = drawCohort({ patients: 60, seed: SEED });
    for (let i = 0; i < 16; i++) expect(larger.patients[i].traits).toEqual(a.patients[i].traits);
  });

  it('outcome: event = MDM, metastases from month 6, lognormal censoring, prevalence per centre as planted', () => {
    expect(big.patients.filter((p) => p.event !== p.mdm)).toEqual([]);
    expect(big.patients.filter((p) => p.followupMonths < (p.mdm ? 6 : 6.5) || p.followupMonths > 96)).toEqual([]);
    for (const centre of ['C1', 'C2'] as const) {
      const ps = big.patients.filter((p) => p.centre === centre);
      const observed = ps.reduce((s, p) => s + p.mdm, 0);
      const expected = ps.reduce((s, p) => s + p.mdmProbability, 0);
      const sd = Math.sqrt(ps.reduce((s, p) => s + p.mdmProbability * (1 - p.mdmProbability), 0));
      expect(Math.abs(observed - expected)).toBeLessThan(4 * sd);
    }
    const rate = (c: string): number => big.patients.filter((p) => p.centre === c).reduce((s, p, _, a) => s + p.mdm / a.length, 0);
    expect(rate('C1')).toBeGreaterThan(0.35);
    expect(rate('C1')).toBeLessThan(0.45);
    expect(rate('C2')).toBeGreaterThan(0.22);
    expect(rate('C2')).toBeLessThan(0.32);
  });

  it('a logistic regression on the observable scores recovers the planted coefficients', () => {
    const ps = big.patients;
    const scores = ps.map((p) => riskScores(p.traits, p.phenotype));
    const fit = fitLogistic(
      [
        { name: 'centreC2', values: ps.map((p) => (p.centre === 'C2' ? 1 : 0)) },
        { name: 's_size', values: scores.map((s) => s.s_size) },
        { name: 's_irr', values: scores.map((s) => s.s_irr) },
        { name: 's_nec', values: scores.map((s) => s.s_nec) },
        { name: 's_het', values: scores.map((s) => s.s_het) },
      ],
      ps.map((p) => p.mdm),
    );
    const planted: Record<string, number> = {
      '(Intercept)': PLANTED_MODEL.logistic.intercept.C1,
      centreC2: PLANTED_MODEL.logistic.intercept.C2 - PLANTED_MODEL.logistic.intercept.C1,
      ...PLANTED_MODEL.logistic.coefficients,
    };
    for (const t of fit.terms) expect(Math.abs(t.estimate - planted[t.term]) / t.stdError, t.term).toBeLessThan(4);
  });

  it('the planted risk beats the size-only clinical variable; MDM correlates with size and necrosis', () => {
    const val = big.patients.filter((p) => p.cohort === 'validation');
    const aucEta = auc(val, (p) => p.linearPredictor);
    const aucSize10 = auc(val, (p) => (p.ratings[0].tumourSizeMm > 100 ? 1 : 0));
    expect(aucEta).toBeGreaterThan(0.8);
    expect(aucSize10).toBeGreaterThan(0.55);
    expect(aucSize10).toBeLessThan(0.7);
    expect(aucEta - aucSize10).toBeGreaterThan(0.15);
    // DMFS: higher risk, earlier metastasis (Harrell's C, higher η = higher risk)
    const some = big.patients.slice(0, 2000);
    const c = harrellC(
      some.map((p) => p.followupMonths),
      some.map((p) => p.event),
      some.map((p) => p.linearPredictor),
    );
    expect(c.concordance).toBeGreaterThan(0.7);
    // in the paper-sized 60-patient draw of the default seed the association is already visible
    const small = drawCohort({ patients: 60, seed: SEED }).patients;
    expect(auc(small, (p) => p.ratings[0].tumourSizeMm)).toBeGreaterThan(0.6);
    expect(auc(small, (p) => p.phenotype.necrosisFraction)).toBeGreaterThan(0.6);
    expect(auc(small, (p) => p.linearPredictor)).toBeGreaterThan(0.75);
  });

  it('semantic ratings: prevalences like Table 1 and good but imperfect inter-reader agreement', () => {
    const ps = big.patients;
    const share = (f: (p: DemoPatient) => number): number => ps.reduce((s, p) => s + f(p), 0) / ps.length;
    expect(share((p) => (p.ratings[0].tumourSizeMm > 100 ? 1 : 0))).toBeCloseTo(0.5, 1);
    expect(share((p) => p.ratings[0].necrosis)).toBeCloseTo(0.55, 1);
    expect(share((p) => p.ratings[0].enhancementDegree)).toBeCloseTo(0.85, 1);
    expect(share((p) => p.ratings[0].enhancementPattern)).toBeCloseTo(0.83, 1);
    expect(share((p) => p.ratings[0].contours)).toBeCloseTo(0.5, 1);
    expect(share((p) => p.ratings[0].adjacentOrganInvolvement)).toBeCloseTo(0.2, 1);
    expect(share((p) => p.nStage)).toBeCloseTo(0.15, 1);
    for (const k of ['necrosis', 'enhancementDegree', 'enhancementPattern', 'contours', 'adjacentOrganInvolvement'] as const) {
      const kappa = cohenKappa(
        ps.map((p) => p.ratings[0][k]),
        ps.map((p) => p.ratings[1][k]),
      ).kappa;
      expect(kappa, k).toBeGreaterThan(0.55);
      expect(kappa, k).toBeLessThan(0.95);
    }
  });
});

describe('demo tables', () => {
  it('clinical.csv uses canonical clinical-table names only and validates without errors', () => {
    const c = drawCohort({ patients: 24, seed: SEED });
    const table = readClinicalCsv(clinicalCsv(c), 'clinical.csv');
    expect(table.errors).toEqual([]);
    expect(table.columns.filter((col) => col.custom)).toEqual([]);
    expect(table.columns.map((col) => col.header)).toEqual([...CLINICAL_COLUMNS]);
    expect(table.rows).toHaveLength(24);
    const p = c.patients[3];
    const row = table.rows[3];
    expect(row.patientId).toBe(p.id);
    expect(row.values.get('sex')).toBe(p.sex === 'M' ? 1 : 0);
    expect(row.values.get('n_stage')).toBe(p.nStage);
    expect(row.values.get('tumour_size_mm')).toBe(p.ratings[0].tumourSizeMm);
    expect(row.values.get('mdm')).toBe(p.mdm);
    expect(row.values.get('followup_months')).toBe(p.followupMonths);
    expect(row.values.get('cohort')).toBe(p.cohort);
  });

  it('semantic_ratings.csv has one row per patient and reader', () => {
    const c = drawCohort({ patients: 5, seed: SEED });
    const csv = parseCsv(semanticRatingsCsv(c), 'semantic_ratings.csv');
    expect(csv.rows).toHaveLength(10);
    expect(csv.rows.map((r) => r[1])).toEqual(['1', '2', '1', '2', '1', '2', '1', '2', '1', '2']);
  });
});
