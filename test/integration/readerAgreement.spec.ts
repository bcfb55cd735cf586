/**
 * The agreement study end to end on a small project built through the storage APIs: reader 1 reads every
 * patient, reader 2 and reader 1 (after the wash-out, overridden here) read a seeded subset with known
 * disagreement (larger / slightly different spheres), reader 2 misses one patient. Features are extracted
 * per reading; the ICC table must equal the stats core's ICC on the same stored feature values.
 */
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { iccAnova, iccFromAnova } from '../../src/main/engine/stats/icc';
import { maskAgreement } from '../../src/main/engine/segmentation/agreement';
import { defaultDesign, iccAnalysis, iccFromRuns, maskAgreementReport, semanticAgreementReport } from '../../src/main/services/agreement';
import { dispatch } from '../../src/main/ipc/dispatch';
import { AppServices } from '../../src/main/services/appServices';
import { featureTable } from '../../src/main/services/featureExtraction';
import { addReader, findReader } from '../../src/main/services/readers';
import { createSession, overrideWashout, saveRating, saveSessionMask, submitSession } from '../../src/main/services/readingSessions';
import { initProject } from '../../src/main/storage/project';
import { ComputePool } from '../../src/main/workers/computePool';
import { addReadingPatients, sphereMask } from '../support/readingProject';
import { TestDialogs } from '../e2e/bridge/testDialogs';
import { tempDir } from '../support/tmp';

// binWidth far above the HU range: every ROI is one grey level, so Entropy/Uniformity are constant
// across patients and readers (their ICC must be reported as undefined).
const PARAMS = `
imageType:
  Original: {}
featureClass:
  firstorder: [Mean, Median, Maximum, Minimum, Entropy, Uniformity, Energy, RootMeanSquared]
  shape: [VoxelVolume, SurfaceArea, Sphericity, Maximum3DDiameter]
setting:
  binWidth: 100000
  label: 1
`;

describe('agreement study: per-reading extraction, ICC inter/intra, mask and semantic agreement', () => {
  const pool = new ComputePool(2);
  afterAll(() => pool.close());

  it('computes ICCs equal to the stats core on the stored feature values, reports missing reads and constant features', async () => {
    const project = initProject(join(tempDir(), 'p'), { appVersion: 'test' });
    const patients = addReadingPatients(project, 10);
    addReader(project, 'Coordinator', 'coordinator');
    addReader(project, 'Reader 1');
    addReader(project, 'Reader 2');
    const r1 = createSession(project, { coordinator: 'Coordinator', reader: 'Reader 1', kind: 'primary', task: 'both', phases: ['venous'] });
    patients.forEach((p, i) => {
      saveSessionMask(project, { sessionId: r1.id, patientId: p.id, phase: 'venous', mask: sphereMask(i, p.radius), actor: 'Reader 1', tool: 'brush' });
      for (const [name, value] of [['tumour_size_mm', 2 * p.radius], ['necrosis', i % 2], ['contours', i % 3 === 0 ? 1 : 0]] as const) {
        saveRating(project, { sessionId: r1.id, readerId: findReader(project, 'Reader 1').id, patientId: p.id, name, value, actor: 'Reader 1' });
      }
    });
    submitSession(project, r1.id, 'Reader 1', { incompleteReason: 'three semantic variables only in this test' });
    const inter = createSession(project, { coordinator: 'Coordinator', reader: 'Reader 2', kind: 'inter', task: 'both', phases: ['venous'], patients: { subset: { seed: 60, size: 7 } } });
    const intra = createSession(project, { coordinator: 'Coordinator', reader: 'Reader 1', kind: 'intra', task: 'delineation', phases: ['venous'], repeatOf: r1.id, patients: { sameAs: inter.id } });
    overrideWashout(project, intra.id, 'Coordinator', 'test: no three-week wait');
    const subset = inter.patients;
    const skipped = subset[3];
    const index = (id: string) => patients.findIndex((p) => p.id === id);
    for (const id of subset) {
      const i = index(id);
      if (id !== skipped) saveSessionMask(project, { sessionId: inter.id, patientId: id, phase: 'venous', mask: sphereMask(i, patients[i].radius + 1.5), actor: 'Reader 2', tool: 'brush' });
      saveSessionMask(project, { sessionId: intra.id, patientId: id, phase: 'venous', mask: sphereMask(i, patients[i].radius + (i % 2 ? 0.5 : -0.5)), actor: 'Reader 1', tool: 'brush' });
      for (const [name, value] of [['tumour_size_mm', 2 * patients[i].radius + (i % 3) - 1], ['necrosis', i % 4 === 1 ? 0 : i % 2], ['contours', i % 3 === 0 ? 1 : 0]] as const) {
        saveRating(project, { sessionId: inter.id, readerId: findReader(project, 'Reader 2').id, patientId: id, name, value, actor: 'Reader 2' });
      }
    }

    const design = defaultDesign(project);
    expect(design).toEqual({
      reference: { reader: 'Reader 1', sessionId: r1.id },
      inter: { reader: 'Reader 2', sessionId: inter.id },
      intra: { reader: 'Reader 1', sessionId: intra.id },
    });
    const a = await iccAnalysis(project, pool, design, { paramsText: PARAMS, appVersion: 'test' });
    expect(a.form).toEqual({ model: 'twoway', type: 'agreement', unit: 'single', label: 'ICC(A,1)' });

    // The patient reader 2 did not delineate is reported and excluded from the inter comparison only.
    expect(a.coverage.find((c) => c.comparison === 'inter')).toMatchObject({ expected: 7, missingOther: [skipped], missingReference: [] });
    expect(a.coverage.find((c) => c.comparison === 'inter')!.paired).toHaveLength(6);
    expect(a.coverage.find((c) => c.comparison === 'intra')).toMatchObject({ expected: 7, missingOther: [], missingReference: [] });
    expect(a.extractionFailures).toEqual([{ reading: `Reader 2 (session ${inter.id})`, patientId: skipped, phase: 'venous', reason: "no mask of reader 'Reader 2'" }]);

    // Independent recomputation from the stored runs.
    const ref = featureTable(project, a.runs.reference!);
    expect(ref.patients).toEqual(subset); // reference extracted on the compared patients only
    let checked = 0;
    for (const comparison of ['inter', 'intra'] as const) {
      const other = featureTable(project, a.runs[comparison]!);
      const paired = subset.filter((p) => other.patients.includes(p));
      for (const row of a.rows) {
        const j = ref.columns.indexOf(row.feature);
        const k = other.columns.indexOf(row.feature);
        const x = paired.map((p) => ref.values[ref.patients.indexOf(p)][j] as number);
        const y = paired.map((p) => other.values[other.patients.indexOf(p)][k] as number);
        const got = row.comparisons[comparison]!;
        expect(got.n).toBe(paired.length);
        if (new Set([...x, ...y]).size === 1) {
          expect(got.icc, row.feature).toBeNull();
          expect(got.reason).toMatch(/^ICC undefined: every rating is identical/);
          continue;
        }
        const direct = iccFromAnova(iccAnova([x, y]), 'twoway', 'agreement', 'single');
        expect(got.icc, `${comparison} ${row.feature}`).toBe(direct.icc);
        expect(got.lower).toBe(Number.isFinite(direct.lower) ? direct.lower : null);
        expect(got.upper).toBe(Number.isFinite(direct.upper) ? direct.upper : null);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(15);
    const entropy = a.rows.find((r) => r.feature === 'V_original_firstorder_Entropy')!;
    expect(entropy.comparisons.inter!.icc).toBeNull();
    expect(a.kept).not.toContain('V_original_firstorder_Entropy');
    // Kept = ICC > 0.8 in both comparisons.
    expect(a.kept).toEqual(a.rows.filter((r) => (r.comparisons.inter!.icc ?? -Infinity) > 0.8 && (r.comparisons.intra!.icc ?? -Infinity) > 0.8).map((r) => r.feature));
    expect(a.summaries.featureClass.map((g) => g.group)).toEqual(['firstorder', 'shape']);
    expect(a.summaries.phase).toEqual([{ group: 'V', total: a.rows.length, kept: a.kept.length, undefined: a.rows.filter((r) => r.comparisons.inter!.icc === null || r.comparisons.intra!.icc === null).length }]);
    // The study's ratings table: complete cases only (the skipped patient is left out, with a count).
    expect([...a.ratings.ratings.keys()]).toEqual(['reader1', 'reader2', 'reader1_repeat']);
    expect(new Set(a.ratings.patient).has(skipped)).toBe(false);
    expect(a.ratingsExcluded.find((e) => e.feature === 'V_original_shape_VoxelVolume')).toEqual({ feature: 'V_original_shape_VoxelVolume', patients: 1 });

    // The same analysis from the stored runs alone (what the dashboard does with runs extracted by a job).
    const fromRuns = iccFromRuns(project, { reference: a.runs.reference!, inter: a.runs.inter!, intra: a.runs.intra! });
    expect(fromRuns.design).toEqual(design);
    expect(fromRuns.rows).toEqual(a.rows);
    expect(fromRuns.coverage).toEqual(a.coverage);
    expect(fromRuns.kept).toEqual(a.kept);

    // A second analysis reuses the runs; a changed mask gives that reading a new run.
    const runsBefore = (project.db.prepare('SELECT count(*) AS n FROM feature_runs').get() as { n: number }).n;
    const again = await iccAnalysis(project, pool, design, { paramsText: PARAMS, appVersion: 'test' });
    expect(again.runs).toEqual(a.runs);
    expect((project.db.prepare('SELECT count(*) AS n FROM feature_runs').get() as { n: number }).n).toBe(runsBefore);
    saveSessionMask(project, { sessionId: intra.id, patientId: subset[0], phase: 'venous', mask: sphereMask(index(subset[0]), 4), actor: 'Reader 1', tool: 'eraser' });
    const changed = await iccAnalysis(project, pool, design, { paramsText: PARAMS, appVersion: 'test' });
    expect(changed.runs.reference).toBe(a.runs.reference);
    expect(changed.runs.intra).not.toBe(a.runs.intra);

    // Mask agreement per patient: equals the engine on the stored masks; the missing mask is listed.
    const masks = maskAgreementReport(project, design);
    expect(masks.missing).toEqual([{ comparison: 'inter', patientId: skipped, phase: 'venous', missing: 'other' }]);
    expect(masks.rows.filter((r) => r.comparison === 'inter')).toHaveLength(6);
    const first = masks.rows.find((r) => r.comparison === 'inter' && r.patientId === subset[1])!;
    const i1 = index(subset[1]);
    const direct = maskAgreement(sphereMask(i1, patients[i1].radius), sphereMask(i1, patients[i1].radius + 1.5));
    expect(first.dice).toBe(direct.dice);
    expect(first.hd95Mm).toBe(direct.hd95Mm);
    expect(first.volumeDiffMm3).toBeGreaterThan(0); // reader 2 draws larger
    expect(masks.rows.find((r) => r.comparison === 'intra' && r.patientId === subset[0])!.flags.length).toBeGreaterThan(0); // the 4-mm repeat

    // Semantic agreement: ICC for size, kappa for the binary variables.
    const sem = semanticAgreementReport(project, design);
    const size = sem.find((s) => s.comparison === 'inter' && s.variable === 'tumour_size_mm')!;
    expect(size).toMatchObject({ statistic: 'ICC(A,1)', n: 7, missing: 0 });
    expect(sem.find((s) => s.comparison === 'inter' && s.variable === 'necrosis')!.statistic).toBe("Cohen's kappa");
    expect(sem.find((s) => s.comparison === 'inter' && s.variable === 'enhancement_degree')).toMatchObject({ n: 0, missing: 7, value: null });
    // Reader 1's repeat session rated nothing: reported, not silently zero.
    expect(sem.find((s) => s.comparison === 'intra' && s.variable === 'necrosis')).toMatchObject({ n: 0, value: null });

    // The dashboard channels over the IPC dispatcher: runs per reading, ICC table and pass counts.
    const services = new AppServices(tempDir(), () => {});
    services.activate(project);
    const ctx = { services, dialogs: new TestDialogs(), appVersion: 'test', host: 'bridge' as const };
    const listed = await dispatch('agreement.runs', {}, ctx);
    expect(listed.ok).toBe(true);
    expect((listed as { value: { runId: number; reader: string; sessionId: number | null }[] }).value[0]).toMatchObject({ runId: changed.runs.intra, reader: 'Reader 1', sessionId: intra.id });
    const dash = (await dispatch('agreement.icc', { runs: { reference: changed.runs.reference!, inter: changed.runs.inter!, intra: changed.runs.intra! }, form: 'A1' }, ctx)) as {
      ok: boolean;
      value: { kept: number; rows: { feature: string; inter: { icc: number | null } | null; kept: boolean }[]; readings: Record<string, string | null> };
    };
    expect(dash.ok).toBe(true);
    expect(dash.value.kept).toBe(changed.kept.length);
    expect(dash.value.readings).toEqual({ reference: `Reader 1 (session ${r1.id})`, inter: `Reader 2 (session ${inter.id})`, intra: `Reader 1 (session ${intra.id})` });
    expect(dash.value.rows.map((r) => r.inter?.icc ?? null)).toEqual(changed.rows.map((r) => r.comparisons.inter!.icc));
    const mixed = await dispatch('agreement.icc', { runs: { reference: changed.runs.reference!, inter: changed.runs.inter! }, form: 'A1' }, ctx);
    expect(mixed).toMatchObject({ ok: true, value: { rule: { required: ['inter'] } } });
    services.closeProject();
  });
});
