import { flushPromises, mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import SemanticPanel from '../../../../src/renderer/src/components/viewer/SemanticPanel.vue';
import { call } from '../../../../src/renderer/src/api/client';
import { useExtractionStore } from '../../../../src/renderer/src/stores/extraction';
import { useProjectsStore } from '../../../../src/renderer/src/stores/projects';
import { useSemanticStore } from '../../../../src/renderer/src/stores/semantic';
import { addReadingPatients } from '../../../support/readingProject';
import { installInProcessApi, newProjectDir, type InProcessApi } from '../support/inProcessApi';

const PHASES = ['arterial', 'venous', 'delayed'];
const FEATURES = Array.from({ length: 30 }, (_, k) => `original_firstorder_F${String(k).padStart(2, '0')}`);
const value = (p: number, ph: number, f: number) => p * 1000 + ph * 100 + f;

describe('feature table and semantic form stores (real dispatcher and SQLite)', () => {
  let api: InProcessApi;

  beforeAll(async () => {
    setActivePinia(createPinia());
    api = installInProcessApi();
    api.dialogs.queue(newProjectDir());
    await useProjectsStore().create('Features test');
    const project = api.services.current()!;
    addReadingPatients(project, 45);
    // A stored feature run of 45 patients × 3 phases × 30 features (one value missing), as extraction writes it.
    const db = project.db;
    db.transaction(() => {
      db.prepare("INSERT INTO feature_runs (id, kind, params_hash, params_json, software_version, status) VALUES (1, 'radiomics', 'h', ?, 't', 'done')").run(
        JSON.stringify({ params: '', masks: { reader: 'reader 1' } }),
      );
      const put = db.prepare('INSERT INTO feature_values (run_id, patient_id, phase, feature, value) VALUES (1, ?, ?, ?, ?)');
      for (let p = 1; p <= 45; p++) {
        const id = `PT-${String(p).padStart(4, '0')}`;
        PHASES.forEach((phase, ph) => {
          db.prepare('INSERT INTO feature_run_inputs (run_id, patient_id, phase) VALUES (1, ?, ?)').run(id, phase);
          FEATURES.forEach((f, k) => put.run(id, phase, f, p === 2 && ph === 1 && k === 3 ? null : value(p, ph, k)));
        });
      }
    })();
  });
  afterAll(() => api.services.shutdown());

  it('lists feature runs with their patients, phases and features per case', async () => {
    const ex = useExtractionStore();
    await ex.load();
    expect(ex.runs).toEqual([expect.objectContaining({ id: 1, reader: 'reader 1', patients: 45, phases: PHASES, features: 30, status: 'done' })]);
    expect(ex.runId).toBe(1);
  });

  it('pages patients and columns (A_/V_/D_ names) and filters columns, never loading the whole matrix', async () => {
    const ex = useExtractionStore();
    const page = ex.page!;
    expect(page.totalPatients).toBe(45);
    expect(page.totalColumns).toBe(90);
    expect(page.rows).toHaveLength(ex.pageSize);
    expect(page.columns).toHaveLength(ex.columnPageSize);
    expect(page.columns[0]).toBe('A_original_firstorder_F00');
    expect(page.rows[1].values[3]).toBe(value(2, 0, 3));

    await ex.pageRows(1);
    expect(ex.page!.rows[0].patientId).toBe(`PT-00${ex.pageSize + 1}`);
    await ex.pageRows(1);
    expect(ex.page!.rows.map((r) => r.patientId)).toEqual(['PT-0041', 'PT-0042', 'PT-0043', 'PT-0044', 'PT-0045']);
    await ex.pageRows(1); // past the end: stays
    expect(ex.page!.offset).toBe(40);

    ex.filter = 'V_original_firstorder_F0';
    await ex.applyFilter();
    expect(ex.page!.totalColumns).toBe(10);
    await ex.pageRows(-2);
    expect(ex.page!.columns[3]).toBe('V_original_firstorder_F03');
    expect(ex.page!.rows[1].values[3]).toBeNull();
    await ex.pageColumns(1);
    expect(ex.page!.columns).toEqual(['V_original_firstorder_F08', 'V_original_firstorder_F09']);

    await expect(call('features.table', { runId: 1, offset: 0, limit: 5000 })).rejects.toMatchObject({ kind: 'invalid_input' });
  });

  it('saves a reader’s semantic ratings as clinical variables of that reader, kept apart from the clinical record', async () => {
    const reader = await call('readers.create', { name: 'Radiologist A' });
    const other = await call('readers.create', { name: 'Radiologist B' });
    const wrapper = mount(SemanticPanel, { props: { patientId: 'PT-0003', readerId: reader.id } });
    await flushPromises();
    const semantic = useSemanticStore();
    expect(semantic.saved.necrosis).toBeNull();
    await wrapper.get('[data-testid="semantic-necrosis"]').setValue('1');
    await wrapper.get('[data-testid="semantic-contours"]').setValue('0');
    await wrapper.get('[data-testid="semantic-tumour_size_mm"]').setValue('112.5');
    expect(semantic.dirty).toBe(true);
    await wrapper.get('form').trigger('submit');
    await flushPromises();
    expect(semantic.error).toBeNull();
    expect(semantic.dirty).toBe(false);
    expect(await call('semantic.get', { patientId: 'PT-0003', readerId: reader.id })).toMatchObject({ necrosis: 1, contours: 0, tumour_size_mm: 112.5, enhancement_degree: null });
    expect(await call('semantic.get', { patientId: 'PT-0003', readerId: other.id })).toMatchObject({ necrosis: null, tumour_size_mm: null });
    const rows = api.services.current()!.db.prepare("SELECT name, value_num AS v, reader_id AS r FROM clinical_variables WHERE patient_id = 'PT-0003' ORDER BY name").all();
    expect(rows).toEqual([
      { name: 'age', v: 42, r: null },
      { name: 'contours', v: 0, r: reader.id },
      { name: 'necrosis', v: 1, r: reader.id },
      { name: 'tumour_size_mm', v: 112.5, r: reader.id },
    ]);
    wrapper.unmount();
    await expect(call('semantic.save', { patientId: 'PT-0003', readerId: reader.id, values: { ...semantic.saved, necrosis: 2 as 1 } })).rejects.toMatchObject({ kind: 'invalid_input' });
  });

  it('blinds the form in a reading session: other readers, patients outside the session and the study data', async () => {
    const readers = await call('readers.list', {});
    const a = readers.find((r) => r.name === 'Radiologist A')!;
    const b = readers.find((r) => r.name === 'Radiologist B')!;
    api.services.reading.set({ sessionId: 99, readerId: b.id, readerName: b.name, kind: 'inter', task: 'semantic', phases: ['venous'], patients: new Set(['PT-0003']) });
    try {
      await expect(call('semantic.get', { patientId: 'PT-0003', readerId: a.id })).rejects.toMatchObject({ kind: 'forbidden' });
      await expect(call('semantic.get', { patientId: 'PT-0004', readerId: b.id })).rejects.toMatchObject({ kind: 'forbidden' });
      // The reader's own (session-scoped) ratings: none yet in this session, the coordinator-mode rows stay hidden.
      expect(await call('semantic.get', { patientId: 'PT-0003', readerId: b.id })).toMatchObject({ necrosis: null });
      for (const [channel, input] of [
        ['features.table', { runId: 1, offset: 0, limit: 5 }],
        ['features.runs', {}],
        ['study.list', {}],
        ['volumes.phaseReview', {}],
      ] as const) {
        await expect(call(channel, input as never)).rejects.toMatchObject({ kind: 'forbidden' });
      }
    } finally {
      api.services.reading.clear();
    }
  });
});
