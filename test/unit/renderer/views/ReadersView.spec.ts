import { flushPromises, mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import ReadersView from '../../../../src/renderer/src/views/ReadersView.vue';
import { iccBins } from '../../../../src/renderer/src/components/readers/iccHistogram';
import { useNavigationStore } from '../../../../src/renderer/src/stores/navigation';
import { buildApi } from '../../../../src/shared/ipc/buildApi';
import { channelNames } from '../../../../src/shared/ipc/channels';
import { dispatch } from '../../../../src/main/ipc/dispatch';
import { AppServices } from '../../../../src/main/services/appServices';
import { addReader } from '../../../../src/main/services/readers';
import { createSession, saveSessionMask, submitSession } from '../../../../src/main/services/readingSessions';
import { initProject, type Project } from '../../../../src/main/storage/project';
import { TestDialogs } from '../../../e2e/bridge/testDialogs';
import { addReadingPatients, sphereMask } from '../../../support/readingProject';

/** A project with a submitted primary reading, an inter session (masks drawn) and stored feature runs. */
function studyProject(): { services: AppServices; project: Project; inter: number } {
  const services = new AppServices(mkdtempSync(join(tmpdir(), 'dlrn-web-')), () => {});
  const project = services.activate(initProject(join(mkdtempSync(join(tmpdir(), 'dlrn-web-')), 'p'), { appVersion: 'test' }));
  const patients = addReadingPatients(project, 6);
  addReader(project, 'Coordinator', 'coordinator');
  addReader(project, 'Reader 1');
  addReader(project, 'Reader 2');
  const primary = createSession(project, { coordinator: 'Coordinator', reader: 'Reader 1', kind: 'primary', task: 'delineation', phases: ['venous'] });
  patients.forEach((p, i) => saveSessionMask(project, { sessionId: primary.id, patientId: p.id, phase: 'venous', mask: sphereMask(i, p.radius), actor: 'Reader 1', tool: 'brush' }));
  submitSession(project, primary.id, 'Reader 1');
  const inter = createSession(project, { coordinator: 'Coordinator', reader: 'Reader 2', kind: 'inter', task: 'delineation', phases: ['venous'], patients: { ids: patients.slice(0, 4).map((p) => p.id) } });
  patients.slice(0, 3).forEach((p, i) => saveSessionMask(project, { sessionId: inter.id, patientId: p.id, phase: 'venous', mask: sphereMask(i, p.radius + 1), actor: 'Reader 2', tool: 'brush' }));
  // Feature runs as an extraction job would store them: feature f1 reproducible, f2 not, f3 constant.
  const run = (reader: string, sessionId: number, values: Record<string, number[]>, ids: string[]) => {
    const id = Number(
      project.db
        .prepare("INSERT INTO feature_runs (kind, params_hash, params_json, software_version, status) VALUES ('radiomics', 'h', ?, 'test', 'done')")
        .run(JSON.stringify({ params: 'p', masks: { reader, sessionId } })).lastInsertRowid,
    );
    ids.forEach((pid, i) => {
      project.db.prepare("INSERT INTO feature_run_inputs (run_id, patient_id, phase) VALUES (?, ?, 'venous')").run(id, pid);
      for (const [f, v] of Object.entries(values)) project.db.prepare("INSERT INTO feature_values (run_id, patient_id, phase, feature, value) VALUES (?, ?, 'venous', ?, ?)").run(id, pid, f, v[i]);
    });
    return id;
  };
  const ids = patients.slice(0, 3).map((p) => p.id);
  run('Reader 1', primary.id, { original_glcm_A: [1, 5, 9], original_shape_B: [1, 2, 3], original_firstorder_C: [4, 4, 4] }, ids);
  run('Reader 2', inter.id, { original_glcm_A: [1.1, 5, 9.2], original_shape_B: [3, 1, 2], original_firstorder_C: [4, 4, 4] }, ids);
  return { services, project, inter: inter.id };
}

function installApi(services: AppServices): void {
  const ctx = { services, dialogs: new TestDialogs(), appVersion: 'test', host: 'bridge' as const };
  window.api = buildApi(channelNames, { invoke: (channel, input) => dispatch(channel, input, ctx), subscribe: () => () => {} });
}

describe('ReadersView', () => {
  beforeEach(() => setActivePinia(createPinia()));

  it('coordinator mode: sessions with progress, mask agreement with exclusions, ICC dashboard from stored runs', async () => {
    const { services } = studyProject();
    installApi(services);
    const wrapper = mount(ReadersView);
    await flushPromises();
    expect(wrapper.findAll('[data-testid^="session-row-"]')).toHaveLength(2);
    expect(wrapper.get('[data-testid="session-row-2"]').text()).toContain('3 / 4'); // imported masks are completed
    expect(wrapper.get('[data-testid="mask-summary"]').text()).toBe('3 compared, 0 flagged for adjudication, 1 excluded (missing mask)');
    const options = wrapper.get('[data-testid="run-reference"]').findAll('option');
    expect(options).toHaveLength(3);
    await wrapper.get('[data-testid="run-reference"]').setValue(options[2].element.value);
    await wrapper.get('[data-testid="run-inter"]').setValue(options[1].element.value);
    await wrapper.get('[data-testid="icc-compute"]').trigger('click');
    await flushPromises();
    expect(wrapper.find('[data-testid="readers-error"]').exists()).toBe(false);
    expect(wrapper.get('[data-testid="icc-kept"]').text()).toBe('1 of 3 features kept (ICC(A,1) > 0.8 in every required comparison)');
    expect(wrapper.get('[data-testid="icc-histogram-inter"]').text()).toContain('1 undefined');
    expect(wrapper.get('[data-testid="pass-counts"]').text()).toContain('Class: glcm');
    services.closeProject();
  });

  it('reading mode: enter a session, go to the next patient, leave', async () => {
    const { services } = studyProject();
    installApi(services);
    const wrapper = mount(ReadersView);
    await flushPromises();
    await wrapper.get('[data-testid="session-enter-2"]').trigger('click');
    await flushPromises();
    expect(wrapper.get('[data-testid="reading-banner"]').text()).toContain('Reading session 2: Reader 2 (inter)');
    expect(wrapper.find('[data-testid="mask-table"]').exists()).toBe(false); // hidden while reading
    await wrapper.get('[data-testid="reading-next"]').trigger('click');
    await flushPromises();
    expect(useNavigationStore().patientId).toBe('PT-0004'); // the only patient not done
    await wrapper.get('[data-testid="reading-leave"]').trigger('click');
    await flushPromises();
    expect(wrapper.find('[data-testid="reading-banner"]').exists()).toBe(false);
    services.closeProject();
  });

  it('bins ICC values for the histogram', () => {
    const h = iccBins([0.95, 1, 0.81, -0.2, null, 0.05], 10);
    expect(h.negative).toBe(1);
    expect(h.undefined).toBe(1);
    expect(h.bins[9].count).toBe(2);
    expect(h.bins[8].count).toBe(1);
    expect(h.bins[0].count).toBe(1);
  });
});
