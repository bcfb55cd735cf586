import { flushPromises, mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { generateDemoCohort } from '../../../../src/main/engine/demo/generate';
import JobsView from '../../../../src/renderer/src/views/JobsView.vue';
import { formatEta } from '../../../../src/renderer/src/components/workflow/labels';
import { useJobsStore } from '../../../../src/renderer/src/stores/jobs';
import { useProjectsStore } from '../../../../src/renderer/src/stores/projects';
import { call } from '../../../../src/renderer/src/api/client';
import { installInProcessApi, newProjectDir, type InProcessApi } from '../support/inProcessApi';

describe('jobs panel (real job queue and its events)', () => {
  let api: InProcessApi;
  const demo = join(mkdtempSync(join(tmpdir(), 'dlrn-web-demo-')), 'cohort');

  beforeAll(async () => {
    generateDemoCohort(demo, { patients: 2, seed: 3 });
    setActivePinia(createPinia());
    api = installInProcessApi();
    api.dialogs.queue(newProjectDir());
    await useProjectsStore().create('Jobs test');
    await useJobsStore().connect();
  }, 60_000);
  afterAll(() => api.services.shutdown());

  it('cancels a queued job, runs the next one to the end, and lists a failed job with its message', async () => {
    const jobs = useJobsStore();
    api.dialogs.queue(join(demo, 'dicom'));
    await call('dialogs.chooseFolder', { purpose: 'importFolder' });
    // In-process the queue drains within the request, so a job waiting in the queue is put there directly.
    const second = api.services.jobs()!.enqueue('import.dicom', { dir: join(demo, 'dicom') });
    await jobs.refresh();
    const wrapper = mount(JobsView);
    await flushPromises();
    expect(wrapper.get(`[data-testid="job-${second}"]`).attributes('data-status')).toBe('queued');
    await flushPromises();
    await wrapper.get(`[data-testid="job-cancel-${second}"]`).trigger('click');
    await flushPromises();
    expect(jobs.byId(second)?.status).toBe('cancelled');
    const first = await jobs.start({ kind: 'import.dicom', params: { dir: join(demo, 'dicom') } });
    await vi.waitFor(() => expect(jobs.byId(first)?.status).toBe('done'), { timeout: 60_000, interval: 50 });
    expect((await jobs.result(first))?.value).toMatchObject({ patients: 2, seriesImported: 6 });

    const studyFile = join(mkdtempSync(join(tmpdir(), 'dlrn-web-')), 'broken.yaml');
    writeFileSync(studyFile, 'format: dlrn-study/1\nname: Broken\n');
    api.dialogs.queue(studyFile);
    await call('dialogs.openFile', { purpose: 'studyDefinition' });
    api.dialogs.queue(studyFile);
    await call('dialogs.openFile', { purpose: 'featureTable' });
    const failing = await jobs.start({ kind: 'study.run', params: { studyFile, tables: { features: studyFile, clinical: studyFile } } });
    await vi.waitFor(() => expect(jobs.byId(failing)?.status).toBe('failed'), { timeout: 60_000, interval: 50 });
    await flushPromises();
    expect(wrapper.get(`[data-testid="job-${failing}"] [data-testid="job-error"]`).text()).toMatch(/broken\.yaml.*outcome/s);
    expect(wrapper.get('[data-testid="jobs-failed"]').text()).toContain(`#${failing}`);
    expect(wrapper.get(`[data-testid="job-${second}"]`).attributes('data-status')).toBe('cancelled');
    wrapper.unmount();
  }, 90_000);

  it('words the ETA for people', () => {
    expect(formatEta(0.2)).toBe('about 1 s left');
    expect(formatEta(125)).toBe('about 2 min 5 s left');
    expect(formatEta(7260)).toBe('about 2 h 1 min left');
  });
});
