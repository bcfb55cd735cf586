import { flushPromises, mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import ResultsView from '../../../../src/renderer/src/views/ResultsView.vue';
import { useJobsStore } from '../../../../src/renderer/src/stores/jobs';
import { useProjectsStore } from '../../../../src/renderer/src/stores/projects';
import { useResultsStore } from '../../../../src/renderer/src/stores/results';
import { useStudyStore } from '../../../../src/renderer/src/stores/study';
import { installInProcessApi, newProjectDir, type InProcessApi } from '../support/inProcessApi';

// The web project (happy-dom) gives import.meta.url an http: URL, so paths start from the repository root
// vitest runs in; the oracle is its sibling, as in test/support/oracle.ts.
const root = process.cwd();
const oraclePath = (...parts: string[]) => resolve(root, '..', 'shared', 'oracle', ...parts);
const studyFile = join(root, 'studies', 'oracle-pipeline.yaml');
const cohort = oraclePath('stats', 'data', 'cohort.csv');

interface OracleRoc {
  auc: number;
  ci_delong: { lower: number; upper: number };
}
interface Pipeline {
  evaluation: { roc: Record<string, Record<'train' | 'validation', OracleRoc>> };
  dlrn: { predictions: Record<'train' | 'validation', { id: string[]; prob: number[] }> };
  lasso: { score: Record<'train' | 'validation', { id: string[]; score: number[] }> };
}
const pipeline = JSON.parse(readFileSync(oraclePath('stats', 'expected', 'pipeline.json'), 'utf8')) as Pipeline;

function sexOf(id: string): number {
  const lines = readFileSync(cohort, 'utf8').trim().split('\n');
  const header = lines[0].split(',').map((h) => h.replace(/"/g, ''));
  const row = lines.find((l) => l.split(',')[header.indexOf('id')].replace(/"/g, '') === id)!.split(',');
  return Number(row[header.indexOf('sex')]);
}

// The statistics oracle's cohort (R 4.2.2 pipeline.json) run as a study through the feature-table route of the
// 'study.run' job, then read back through the results channels.
describe('study run and results stores (oracle statistics cohort)', () => {
  let api: InProcessApi;

  beforeAll(async () => {
    setActivePinia(createPinia());
    api = installInProcessApi();
    api.dialogs.queue(newProjectDir());
    await useProjectsStore().create('Oracle study');
    await useJobsStore().connect();
  });
  afterAll(() => api.services.shutdown());

  it('runs the study as a job with stage progress and lists its results', async () => {
    const study = useStudyStore();
    await study.load();
    api.dialogs.queue(studyFile);
    await study.choose('study');
    study.route = 'tables';
    api.dialogs.queue(cohort);
    await study.choose('features');
    api.dialogs.queue(cohort);
    await study.choose('clinical');
    expect(study.canRun).toBe(true);
    await study.run();
    await vi.waitFor(() => expect(study.finishedStudy).toBe('oracle-pipeline'), { timeout: 120_000, interval: 100 });
    expect(study.job?.status).toBe('done');
    expect(study.stages.length).toBeGreaterThan(5);
    expect(study.studies.map((s) => s.study)).toEqual(['oracle-pipeline']);
  }, 150_000);

  it('shows the AUC table of every model equal to pROC (DeLong CI) in both cohorts', async () => {
    const results = useResultsStore();
    await results.loadStudies();
    await vi.waitFor(() => expect(results.summary).not.toBeNull());
    const s = results.summary!;
    expect(s.cohorts.map((c) => c.n)).toEqual([110, 70]);
    for (const model of ['signature', 'clinical', 'dlrn']) {
      for (const [cohortName, key] of [['training', 'train'], ['validation', 'validation']] as const) {
        const row = s.performance.find((p) => p.model === model && p.cohort === cohortName)!;
        const want = pipeline.evaluation.roc[model][key];
        expect(row.auc.estimate).toBeCloseTo(want.auc, 12);
        expect(row.auc.lower!).toBeCloseTo(want.ci_delong.lower, 10);
        expect(row.auc.upper!).toBeCloseTo(want.ci_delong.upper, 10);
      }
    }
    expect(s.predictors.map((p) => p.name)).toEqual(['score', 'sex']);
  });

  it('draws the figures in the main process and shows them as images (data: URL), per cohort on request', async () => {
    const results = useResultsStore();
    expect(results.figure?.kind).toBe('roc');
    expect(results.figure?.svg).toMatch(/^<svg [^>]*xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    await results.show('km');
    expect(results.figure?.svg).toContain('<svg');
    await results.show('roc', 'validation');
    expect(results.figure?.caption).toBe('ROC curves, validation cohort.');
    expect(results.figures['roc:both']?.svg).not.toBe(results.figure?.svg);
    expect(results.outline.some((o) => o.kind === 'figure' && o.text.includes('ROC'))).toBe(true);
    expect(results.outline.some((o) => o.kind === 'table' && o.text.startsWith('Table 1'))).toBe(true);

    const wrapper = mount(ResultsView);
    await flushPromises();
    const img = wrapper.get('[data-testid="figure-roc"] img');
    expect(img.attributes('src')).toMatch(/^data:image\/svg\+xml;charset=utf-8,%3Csvg/);
    expect(wrapper.find('[data-testid="figure-roc"] svg').exists()).toBe(false);
    expect(wrapper.get('[data-testid="auc-dlrn-validation"]').text()).toContain(pipeline.evaluation.roc.dlrn.validation.auc.toFixed(3));
    wrapper.unmount();
  });

  it('scores a validation patient with the nomogram calculator: the probability R predicted', async () => {
    const results = useResultsStore();
    const v = pipeline.dlrn.predictions.validation;
    const scores = pipeline.lasso.score.validation;
    for (const k of [0, 1, 2]) {
      const id = v.id[k];
      results.values = { score: scores.score[scores.id.indexOf(id)], sex: sexOf(id) };
      await results.predict();
      expect(results.predictError).toBeNull();
      const p = results.prediction!;
      expect(Math.abs(p.probability - v.prob[k]) / v.prob[k]).toBeLessThan(1e-9);
      expect(p.lower).toBeLessThan(p.probability);
      expect(p.upper).toBeGreaterThan(p.probability);
      expect(p.totalPoints).toBeCloseTo(p.predictors.reduce((a, b) => a + b.points, 0), 12);
      expect(p.svg).toContain('<svg');
    }
    results.values = { score: 0.1, sex: null };
    await results.predict();
    expect(results.prediction).toBeNull();
    expect(results.predictError).toBe('sex');
  });

  it('exports the report PDF through a save dialog and a report job', async () => {
    const results = useResultsStore();
    const out = join(mkdtempSync(join(tmpdir(), 'dlrn-web-')), 'report.pdf');
    api.dialogs.queue(out);
    await results.exportPdf();
    expect(results.exportPath).toBe(out);
    await vi.waitFor(() => expect(results.exportJob?.status).toBe('done'), { timeout: 120_000, interval: 100 });
    expect(existsSync(out)).toBe(true);
    expect(readFileSync(out).subarray(0, 5).toString()).toBe('%PDF-');
  }, 150_000);
});
