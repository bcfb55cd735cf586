import { defineStore } from 'pinia';
import { computed, ref, watch } from 'vue';
import type { Cohort, FigureKind, NomogramPrediction, RenderedFigure, ReportOutlineItem, StudyListEntry, StudySummary } from '../../../shared/ipc/workflow';
import { call } from '../api/client';
import { isFinished, useJobsStore } from './jobs';

export const FIGURE_KINDS: FigureKind[] = ['roc', 'calibration', 'dca', 'km', 'nomogram'];
export type CohortChoice = 'both' | Cohort;

function message(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** One study's results: summary and AUC table, figures drawn by the main process, report outline and export, nomogram calculator. */
export const useResultsStore = defineStore('results', () => {
  const jobs = useJobsStore();
  const studies = ref<StudyListEntry[]>([]);
  const study = ref<string | null>(null);
  const summary = ref<StudySummary | null>(null);
  const figureKind = ref<FigureKind>('roc');
  const cohort = ref<CohortChoice>('both');
  const figures = ref<Partial<Record<string, RenderedFigure>>>({});
  const outline = ref<ReportOutlineItem[]>([]);
  const exportJobId = ref<number | null>(null);
  const exportPath = ref<string | null>(null);
  /** Calculator inputs per predictor (null = not entered). */
  const values = ref<Record<string, number | null>>({});
  const prediction = ref<NomogramPrediction | null>(null);
  const predictError = ref<string | null>(null);
  const error = ref<string | null>(null);
  const loading = ref(false);

  const exportJob = computed(() => jobs.byId(exportJobId.value));
  const exporting = computed(() => !!exportJob.value && !isFinished(exportJob.value));
  const figureKey = (kind: FigureKind, c: CohortChoice) => `${kind}:${kind === 'nomogram' ? 'both' : c}`;
  const figure = computed(() => figures.value[figureKey(figureKind.value, cohort.value)] ?? null);

  async function loadStudies(): Promise<void> {
    error.value = null;
    try {
      studies.value = await call('study.list', {});
      if (!study.value && studies.value[0]) await select(studies.value[0].study);
    } catch (err) {
      error.value = message(err);
    }
  }

  async function loadFigure(): Promise<void> {
    if (!study.value) return;
    const key = figureKey(figureKind.value, cohort.value);
    if (figures.value[key]) return;
    const kind = figureKind.value;
    const c = cohort.value;
    const f = await call('results.figure', { study: study.value, kind, ...(c !== 'both' && kind !== 'nomogram' ? { cohort: c } : {}) });
    figures.value = { ...figures.value, [key]: f };
  }

  async function select(name: string): Promise<void> {
    study.value = name;
    summary.value = null;
    figures.value = {};
    outline.value = [];
    prediction.value = null;
    predictError.value = null;
    error.value = null;
    loading.value = true;
    try {
      summary.value = await call('study.results', { study: name });
      values.value = Object.fromEntries(summary.value.predictors.map((p) => [p.name, p.levels ? p.levels[0] : null]));
      await loadFigure();
      outline.value = await call('report.preview', { study: name });
    } catch (err) {
      error.value = message(err);
    } finally {
      loading.value = false;
    }
  }

  async function show(kind: FigureKind, c: CohortChoice = cohort.value): Promise<void> {
    figureKind.value = kind;
    cohort.value = c;
    error.value = null;
    try {
      await loadFigure();
    } catch (err) {
      error.value = message(err);
    }
  }

  async function predict(): Promise<void> {
    if (!study.value || !summary.value) return;
    predictError.value = null;
    const missing = summary.value.predictors.filter((p) => values.value[p.name] === null || values.value[p.name] === undefined || Number.isNaN(values.value[p.name]));
    if (missing.length) {
      prediction.value = null;
      predictError.value = missing.map((p) => p.label).join(', ');
      return;
    }
    try {
      prediction.value = await call('nomogram.predict', { study: study.value, values: values.value as Record<string, number> });
    } catch (err) {
      prediction.value = null;
      predictError.value = message(err);
    }
  }

  async function exportPdf(): Promise<void> {
    if (!study.value) return;
    error.value = null;
    try {
      const out = await call('dialogs.saveFile', { purpose: 'reportPdf', defaultName: `${study.value}-report.pdf` });
      if (!out) return;
      exportPath.value = out;
      exportJobId.value = (await call('report.export', { study: study.value, out })).jobId;
      await jobs.refresh();
    } catch (err) {
      error.value = message(err);
    }
  }

  // A study run that finishes while this view is open shows up in the list.
  watch(
    () => jobs.jobs.filter((j) => j.kind === 'study.run' && j.status === 'done').length,
    () => void loadStudies(),
  );

  return {
    studies,
    study,
    summary,
    figureKind,
    cohort,
    figures,
    figure,
    outline,
    exportJobId,
    exportJob,
    exporting,
    exportPath,
    values,
    prediction,
    predictError,
    error,
    loading,
    loadStudies,
    select,
    show,
    predict,
    exportPdf,
  };
});
