import { createPinia, setActivePinia } from 'pinia';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useJobsStore } from '../../../../src/renderer/src/stores/jobs';
import { useProjectsStore } from '../../../../src/renderer/src/stores/projects';
import { useStudyStore } from '../../../../src/renderer/src/stores/study';
import { installInProcessApi, newProjectDir, type InProcessApi } from '../support/inProcessApi';

// The web project (happy-dom) gives import.meta.url an http: URL: paths start from the repository root.
const root = process.cwd();

describe('study store: the project route asks for the runs the definition needs', () => {
  let api: InProcessApi;

  beforeAll(async () => {
    setActivePinia(createPinia());
    api = installInProcessApi();
    api.dialogs.queue(newProjectDir());
    await useProjectsStore().create('Study inputs');
    await useJobsStore().connect();
  });
  afterAll(() => api.services.shutdown());

  it("lists the demo study's ICC rating labels and cannot run until each has a run", async () => {
    const study = useStudyStore();
    await study.load();
    api.dialogs.queue(join(root, 'studies', 'demo-dlrn.yaml'));
    await study.choose('study');
    expect(study.error).toBeNull();
    expect(study.iccRaters).toEqual(['reader1', 'reader2', 'reader1_repeat']);
    expect(study.iccRuns).toEqual({ reader1: null, reader2: null, reader1_repeat: null });
    expect(study.deepRun).toBeNull();
    expect(study.canRun).toBe(false);
    // a radiomics run alone is not enough while ICC ratings are missing
    study.radiomicsRun = 1;
    expect(study.canRun).toBe(false);
    study.iccRuns = { reader1: 1, reader2: 2, reader1_repeat: 3 };
    expect(study.canRun).toBe(true);
  });

  it('a definition without an ICC filter asks for no ratings; a broken one reports why', async () => {
    const study = useStudyStore();
    api.dialogs.queue(join(root, 'studies', 'oracle-pipeline.yaml'));
    await study.choose('study');
    expect(study.iccRaters).toEqual([]);
    api.dialogs.queue(join(root, 'package.json'));
    await study.choose('study');
    expect(study.error).toMatch(/package\.json/);
  });
});
