import { describe, expect, it } from 'vitest';
import { adjudicationFlags } from '../../../../../src/main/engine/reading/adjudication';
import { agreementSubsetSize, drawAgreementSubset } from '../../../../../src/main/engine/reading/agreementSubset';
import { featureIccTable, iccFormLabel, keepReproducible, pairIcc, parseIccForm, passSummaries, PAPER_RULE, type FeatureIccRow } from '../../../../../src/main/engine/reading/featureIcc';
import { featureNameParts } from '../../../../../src/main/engine/reading/featureName';
import { semanticAgreement } from '../../../../../src/main/engine/reading/semanticAgreement';
import { DEFAULT_WASHOUT_DAYS, washoutStatus } from '../../../../../src/main/engine/reading/washout';
import { cohenKappa } from '../../../../../src/main/engine/stats/kappa';
import { iccAnova, iccFromAnova } from '../../../../../src/main/engine/stats/icc';
import { Rng } from '../../../../../src/main/engine/stats/rng';

describe('agreement subset', () => {
  it('is 60 of 179 and more, the paper share below, at least 2', () => {
    expect(agreementSubsetSize(179)).toBe(60);
    expect(agreementSubsetSize(500)).toBe(60);
    expect(agreementSubsetSize(24)).toBe(8); // round(24·60/179) = round(8.04)
    expect(agreementSubsetSize(90)).toBe(30); // round(30.17)
    expect(agreementSubsetSize(3)).toBe(2);
    expect(agreementSubsetSize(1)).toBe(1);
    expect(agreementSubsetSize(100, 10)).toBe(10);
    expect(() => agreementSubsetSize(-1)).toThrow(/non-negative/);
  });

  it('is determined by the seed and the set of ids (not their order), as R sort(ids)[sample(n, k)]', () => {
    const ids = Array.from({ length: 30 }, (_, i) => `PT-${String(i + 1).padStart(4, '0')}`);
    const a = drawAgreementSubset(ids, 10, 42);
    expect(drawAgreementSubset([...ids].reverse(), 10, 42)).toEqual(a);
    expect(drawAgreementSubset(ids, 10, 43)).not.toEqual(a);
    expect(a).toHaveLength(10);
    expect(new Set(a).size).toBe(10);
    const expected = Array.from(new Rng(42).sampleWithoutReplacement(30, 10), (i) => ids[i]).sort();
    expect(a).toEqual(expected);
    expect(() => drawAgreementSubset(ids, 31, 1)).toThrow(/cannot draw 31/);
  });
});

describe('wash-out', () => {
  const last = '2025-03-01T10:00:00.000Z';
  it('opens 21 days (of 24 h) after the last earlier read, not a millisecond before', () => {
    expect(DEFAULT_WASHOUT_DAYS).toBe(21);
    const closed = washoutStatus({ lastReadAt: last, intervalDays: 21, now: new Date('2025-03-22T09:59:59.999Z') });
    expect(closed).toMatchObject({ open: false, availableAt: '2025-03-22T10:00:00.000Z', daysLeft: 1 });
    expect(closed.reason).toMatch(/opens 2025-03-22T10:00:00.000Z \(1 day left\)/);
    expect(washoutStatus({ lastReadAt: last, intervalDays: 21, now: new Date('2025-03-22T10:00:00.000Z') }).open).toBe(true);
    expect(washoutStatus({ lastReadAt: last, intervalDays: 21, now: new Date('2025-03-05T10:00:00.000Z') }).daysLeft).toBe(17);
  });
  it('a coordinator override opens it early with the reason; no earlier read keeps it closed', () => {
    const w = washoutStatus({ lastReadAt: last, intervalDays: 21, now: new Date('2025-03-02T00:00:00Z'), override: 'reader leaves the department' });
    expect(w).toMatchObject({ open: true, reason: 'wash-out overridden by the coordinator: reader leaves the department' });
    expect(washoutStatus({ lastReadAt: null, intervalDays: 21, now: new Date() })).toMatchObject({ open: false, availableAt: null });
    expect(() => washoutStatus({ lastReadAt: last, intervalDays: -1, now: new Date() })).toThrow(/≥ 0/);
  });
});

describe('feature ICC', () => {
  const a = [10, 12, 15, 9, 20, 14];
  const b = [11, 12, 14, 10, 21, 13];

  it('equals the stats core in every form and names the form like McGraw & Wong', () => {
    for (const code of ['A1', 'Ak', 'C1', 'Ck', '1', 'k']) {
      const form = parseIccForm(code);
      const direct = iccFromAnova(iccAnova([a, b]), form.model, form.type, form.unit);
      const r = pairIcc(a, b, form);
      expect(r.icc).toBe(direct.icc);
      expect(r.lower).toBe(direct.lower);
      expect(r.upper).toBe(direct.upper);
      expect(r.n).toBe(6);
    }
    expect(iccFormLabel(parseIccForm('A1'))).toBe('ICC(A,1)');
    expect(iccFormLabel(parseIccForm('Ck'))).toBe('ICC(C,k)');
    expect(iccFormLabel(parseIccForm('1'))).toBe('ICC(1)');
    expect(() => parseIccForm('B1')).toThrow(/A1, Ak, C1, Ck, 1, k/);
  });

  it('drops patients with a missing value and counts them', () => {
    const r = pairIcc([...a, null, NaN], [...b, 3, 4], parseIccForm('A1'));
    expect(r.n).toBe(6);
    expect(r.missingValue).toBe(2);
    expect(r.icc).toBe(pairIcc(a, b, parseIccForm('A1')).icc);
  });

  it('reports a constant feature as undefined with the reason, never 0 or 1', () => {
    const r = pairIcc([5, 5, 5, 5], [5, 5, 5, 5], parseIccForm('A1'));
    expect(r.icc).toBeNull();
    expect(r.reason).toMatch(/^ICC undefined: every rating is identical/);
    const shifted = pairIcc([5, 5, 5], [6, 6, 6], parseIccForm('A1'));
    expect(shifted.icc).toBeNull();
    expect(shifted.reason).toMatch(/does not vary between patients/);
    // Seven identical doubles whose mean rounds differently (the stats core alone would report ICC 1).
    const v = -3.203426503814917e-16;
    expect(pairIcc(new Array(7).fill(v), new Array(7).fill(v), parseIccForm('A1')).icc).toBeNull();
    expect(pairIcc([1], [1], parseIccForm('A1')).reason).toMatch(/1 patient with values in both readings \(need 2\)/);
  });

  it('perfect agreement is ICC 1 with the undefined CI explained', () => {
    const r = pairIcc([1, 2, 3], [1, 2, 3], parseIccForm('A1'));
    expect(r.icc).toBe(1);
    expect(r.reason).toMatch(/perfect agreement/);
  });

  it('keeps features above the threshold in all required comparisons; pairs patients and lists the missing ones', () => {
    const ref = { patients: ['P1', 'P2', 'P3', 'P4', 'P5'], columns: ['A_original_glcm_X', 'A_original_shape_C', 'V_wavelet-LLH_glcm_Y'], values: [[1, 7, 3], [2, 7, 1], [3, 7, 4], [4, 7, 1], [5, 7, 5]] };
    const r2 = { patients: ['P1', 'P2', 'P3', 'P4'], columns: ref.columns, values: [[1.1, 7, 5], [2, 7, 3], [3.1, 7, 1], [4, 7, 4]] };
    const r1b = { patients: ['P2', 'P3', 'P4', 'P5', 'P6'], columns: ref.columns, values: [[2, 7, 1], [3, 7, 4], [4.2, 7, 1], [5, 7, 5], [9, 9, 9]] };
    const form = parseIccForm('A1');
    const { rows, coverage } = featureIccTable(
      [
        { comparison: 'inter', reference: ref, other: r2, expected: ['P1', 'P2', 'P3', 'P4', 'P5'] },
        { comparison: 'intra', reference: ref, other: r1b, expected: ['P2', 'P3', 'P4', 'P5', 'P6'] },
      ],
      form,
    );
    expect(coverage[0]).toMatchObject({ comparison: 'inter', expected: 5, missingReference: [], missingOther: ['P5'] });
    expect(coverage[1]).toMatchObject({ comparison: 'intra', expected: 5, missingReference: ['P6'], missingOther: [] });
    const x = rows.find((r) => r.feature === 'A_original_glcm_X')!;
    expect(x).toMatchObject({ phase: 'A', imageType: 'original', featureClass: 'glcm' });
    expect(x.comparisons.inter!.icc).toBe(iccFromAnova(iccAnova([[1, 2, 3, 4], [1.1, 2, 3.1, 4]]), 'twoway', 'agreement', 'single').icc);
    expect(x.comparisons.intra!.n).toBe(4);
    expect(rows.find((r) => r.feature === 'A_original_shape_C')!.comparisons.inter!.icc).toBeNull();
    expect(keepReproducible(rows, PAPER_RULE)).toEqual(['A_original_glcm_X']);
    expect(keepReproducible(rows, { threshold: 0.8, comparison: '>', required: ['intra'] })).toEqual(['A_original_glcm_X', 'V_wavelet-LLH_glcm_Y']);
    const s = passSummaries(rows, PAPER_RULE);
    expect(s.phase).toEqual([
      { group: 'A', total: 2, kept: 1, undefined: 1 },
      { group: 'V', total: 1, kept: 0, undefined: 0 },
    ]);
    expect(s.featureClass.map((g) => [g.group, g.total, g.kept])).toEqual([['glcm', 2, 1], ['shape', 1, 0]]);
    expect(s.imageType.map((g) => g.group)).toEqual(['original', 'wavelet-LLH']);
  });

  it('a feature missing from one reading is not compared there and fails a rule requiring that comparison', () => {
    const row: FeatureIccRow = { feature: 'f', phase: '', imageType: '', featureClass: '', comparisons: { inter: { n: 5, missingValue: 0, icc: 0.95, lower: 0.8, upper: 0.99, p: 0, reason: null } } };
    expect(keepReproducible([row], PAPER_RULE)).toEqual([]);
    expect(keepReproducible([row], { threshold: 0.95, comparison: '>=', required: ['inter'] })).toEqual(['f']);
    expect(keepReproducible([row], { threshold: 0.95, comparison: '>', required: ['inter'] })).toEqual([]);
  });

  it('splits feature column names', () => {
    expect(featureNameParts('D_log-sigma-3-0-mm-3D_firstorder_10Percentile')).toEqual({ phase: 'D', imageType: 'log-sigma-3-0-mm-3D', featureClass: 'firstorder', feature: '10Percentile' });
    expect(featureNameParts('original_shape_Maximum2DDiameterSlice')).toEqual({ phase: '', imageType: 'original', featureClass: 'shape', feature: 'Maximum2DDiameterSlice' });
    expect(featureNameParts('age')).toEqual({ phase: '', imageType: '', featureClass: '', feature: 'age' });
  });
});

describe('semantic agreement', () => {
  it('kappa for categorical, weighted kappa for ordinal, ICC for continuous; unrated patients counted', () => {
    const r1 = [0, 1, 1, 0, 1, 0, 1, 1, null];
    const r2 = [0, 1, 0, 0, 1, 0, 1, 1, 1];
    const k = semanticAgreement({ name: 'necrosis', scale: 'categorical' }, r1, r2, parseIccForm('A1'));
    const direct = cohenKappa([0, 1, 1, 0, 1, 0, 1, 1], [0, 1, 0, 0, 1, 0, 1, 1]);
    expect(k).toMatchObject({ statistic: "Cohen's kappa", n: 8, missing: 1, value: direct.kappa, lower: direct.lower, upper: direct.upper, p: direct.pValue, reason: null });
    const o = semanticAgreement({ name: 'grade', scale: 'ordinal', weighting: 'quadratic', levels: [1, 2, 3] }, [1, 2, 3, 2, 1], [1, 3, 3, 2, 2], parseIccForm('A1'));
    expect(o.statistic).toBe('weighted kappa (quadratic)');
    expect(o.value).toBe(cohenKappa([1, 2, 3, 2, 1], [1, 3, 3, 2, 2], { weighting: 'quadratic', levels: [1, 2, 3] }).kappa);
    const c = semanticAgreement({ name: 'tumour_size_mm', scale: 'continuous' }, [100, 80, 120, 60], [98, 85, 118, 61], parseIccForm('A1'));
    expect(c.statistic).toBe('ICC(A,1)');
    expect(c.value).toBe(pairIcc([100, 80, 120, 60], [98, 85, 118, 61], parseIccForm('A1')).icc);
  });

  it('an undefined kappa (one category used by both) is null with the reason', () => {
    const k = semanticAgreement({ name: 'necrosis', scale: 'categorical' }, [1, 1, 1], [1, 1, 1], parseIccForm('A1'));
    expect(k.value).toBeNull();
    expect(k.reason).toMatch(/^kappa undefined: /);
    expect(semanticAgreement({ name: 'x', scale: 'categorical' }, [null], [1], parseIccForm('A1')).reason).toMatch(/no patient rated by both/);
  });
});

describe('adjudication flags', () => {
  it('flags empty masks, Dice < 0.7 and Tukey outliers of Dice and HD95 within the group', () => {
    const items = [
      { dice: 0.9, hd95Mm: 2 },
      { dice: 0.88, hd95Mm: 2.2 },
      { dice: 0.91, hd95Mm: 1.9 },
      { dice: 0.89, hd95Mm: 2.1 },
      { dice: 0.8, hd95Mm: 9 },
      { dice: 0.65, hd95Mm: 2 },
      { dice: 0, hd95Mm: null },
    ];
    const f = adjudicationFlags(items);
    expect(f[0]).toEqual([]);
    expect(f[4].some((s) => s.startsWith('HD95 above the upper Tukey fence'))).toBe(true);
    expect(f[5][0]).toBe('Dice 0.650 < 0.7');
    expect(f[6]).toContain('empty mask');
    // Fewer than 4 values: only the absolute rules apply.
    expect(adjudicationFlags([{ dice: 0.9, hd95Mm: 1 }, { dice: 0.9, hd95Mm: 50 }])).toEqual([[], []]);
  });
});
