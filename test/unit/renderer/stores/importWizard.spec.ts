import { flushPromises, mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { generateDemoCohort } from '../../../../src/main/engine/demo/generate';
import ImportView from '../../../../src/renderer/src/views/ImportView.vue';
import { useImportWizardStore } from '../../../../src/renderer/src/stores/importWizard';
import { useJobsStore } from '../../../../src/renderer/src/stores/jobs';
import { useProjectsStore } from '../../../../src/renderer/src/stores/projects';
import { call } from '../../../../src/renderer/src/api/client';
import { installInProcessApi, newProjectDir, type InProcessApi } from '../support/inProcessApi';

// Two demo patients (three phases each, reader 1's outlines as DICOM SEG), written once for the file.
const demo = join(mkdtempSync(join(tmpdir(), 'dlrn-web-demo-')), 'cohort');

describe('import wizard store (real dispatcher, job queue and SQLite)', () => {
  let api: InProcessApi;

  beforeAll(async () => {
    generateDemoCohort(demo, { patients: 2, seed: 7 });
    setActivePinia(createPinia());
    api = installInProcessApi();
    api.dialogs.queue(newProjectDir());
    await useProjectsStore().create('Import test');
    await useJobsStore().connect();
  }, 60_000);
  afterAll(() => api.services.shutdown());

  it('imports a DICOM folder through a job, with progress events and the report', async () => {
    const wizard = useImportWizardStore();
    const jobs = useJobsStore();
    api.dialogs.queue(join(demo, 'dicom'));
    await wizard.chooseFolder();
    expect(wizard.folder).toBe(join(demo, 'dicom'));
    const progress: number[] = [];
    const stop = window.api.onJobEvent((e) => e.type === 'progress' && progress.push(e.progress));
    await wizard.startImport();
    expect(wizard.jobId).not.toBeNull();
    await vi.waitFor(() => expect(jobs.byId(wizard.jobId)?.status, JSON.stringify(jobs.byId(wizard.jobId))).toMatch(/done|failed/), { timeout: 60_000, interval: 50 });
    await vi.waitFor(() => expect(wizard.report).not.toBeNull());
    stop();
    expect(jobs.byId(wizard.jobId)?.status).toBe('done');
    expect(progress.length).toBeGreaterThan(2);
    expect(wizard.report).toMatchObject({ patients: 2, seriesImported: 6, segmentationsImported: 6, errors: [], review: [] });
    // The review list: every volume, with the rule that assigned it (description + timing for the demo series).
    await vi.waitFor(() => expect(wizard.phases).toHaveLength(6));
    expect(new Set(wizard.phases.map((r) => r.phase))).toEqual(new Set(['arterial', 'venous', 'delayed']));
    expect(wizard.phases.every((r) => r.basis === 'description+timing')).toBe(true);
  }, 90_000);

  it('overrides a phase by hand (audited as manual) and refuses a second volume of the same phase', async () => {
    const wizard = useImportWizardStore();
    const [a, b] = wizard.phases.filter((r) => r.patientId === wizard.phases[0].patientId);
    await wizard.setPhase(a.volumeId, b.phase);
    expect(wizard.phaseError).toMatch(/already has a .* volume/);
    await wizard.setPhase(a.volumeId, 'unassigned');
    expect(wizard.phaseError).toBeNull();
    expect(wizard.phases.find((r) => r.volumeId === a.volumeId)).toMatchObject({ phase: 'unassigned', basis: 'manual' });
    expect(wizard.unassigned).toBe(1);
    await wizard.setPhase(a.volumeId, a.phase);
    expect(wizard.phases.find((r) => r.volumeId === a.volumeId)).toMatchObject({ phase: a.phase, basis: 'manual' });
    const volumes = await call('volumes.forPatient', { patientId: a.patientId });
    expect(volumes.find((v) => v.id === a.volumeId)?.phase).toBe(a.phase);
  });

  it('imports nothing from a clinical table with errors and reports each by line and column', async () => {
    const wizard = useImportWizardStore();
    const bad = join(mkdtempSync(join(tmpdir(), 'dlrn-web-')), 'bad.csv');
    writeFileSync(bad, 'patient_id,age,sex,mdm\nDEMO-001,abc,F,0\nDEMO-002,61,X,1\nNOBODY,50,M,0\n');
    api.dialogs.queue(bad);
    await wizard.chooseClinical();
    await wizard.importClinical();
    expect(wizard.clinical?.imported).toBe(false);
    const errors = wizard.clinical && !wizard.clinical.imported ? wizard.clinical.errors : [];
    expect(errors.map((e) => [e.line, e.column])).toEqual([
      [2, 'age'],
      [3, 'sex'],
      [4, 'patient_id'],
    ]);
    const patients = await call('patients.list', {});
    expect(patients.every((p) => p.clinical?.present === 0 && p.outcome === false)).toBe(true);

    // The view lists the same rows.
    const wrapper = mount(ImportView);
    await flushPromises();
    const rows = wrapper.findAll('[data-testid="clinical-errors"] tbody tr');
    expect(rows).toHaveLength(3);
    expect(rows[0].text()).toContain("'abc' is not a number");
    wrapper.unmount();
  });

  it('imports the demo clinical table: variables and outcomes of both patients', async () => {
    const wizard = useImportWizardStore();
    api.dialogs.queue(join(demo, 'clinical.csv'));
    await wizard.chooseClinical();
    await wizard.importClinical();
    expect(wizard.clinical).toMatchObject({ imported: true, rows: 2, created: 0 });
    const patients = await call('patients.list', {});
    expect(patients.map((p) => [p.clinical?.present, p.outcome])).toEqual([
      [patients[0].clinical?.total, true],
      [patients[1].clinical?.total, true],
    ]);
  });

  it('refuses an import folder that was not chosen in a dialog', async () => {
    await expect(call('jobs.start', { kind: 'import.dicom', params: { dir: tmpdir() } })).rejects.toMatchObject({ kind: 'forbidden' });
    await expect(call('jobs.start', { kind: 'import.dicom', params: { dir: 'relative/dir' } })).rejects.toMatchObject({ kind: 'invalid_input' });
  });
});
