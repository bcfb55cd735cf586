import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { FeatureRun, StudyListEntry } from '../../../shared/ipc/workflow';
import { call } from '../api/client';
import { isFinished, onJobFinished, useJobsStore } from './jobs';

export type StudyRoute = 'project' | 'tables';

function message(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/**
 * Running a study definition: on the project's feature runs (project route) or on a feature table and a clinical
 * table (feature-table route, as `dlrn study run --features --clinical`), with the stages shown as they finish.
 */
export const useStudyStore = defineStore('study', () => {
  const jobs = useJobsStore();
  const studyFile = ref<string | null>(null);
  const route = ref<StudyRoute>('project');
  const runs = ref<FeatureRun[]>([]);
  const radiomicsRun = ref<number | null>(null);
  const deepRuns = ref<FeatureRun[]>([]);
  /** Deep-feature run joined to the hand-crafted one (null: none). */
  const deepRun = ref<number | null>(null);
  /** Rating labels the study's ICC filter compares (e.g. reader1, reader2, reader1_repeat), each to be given a run. */
  const iccRaters = ref<string[]>([]);
  const iccRuns = ref<Record<string, number | null>>({});
  const featuresFile = ref<string | null>(null);
  const clinicalFile = ref<string | null>(null);
  const jobId = ref<number | null>(null);
  const studies = ref<StudyListEntry[]>([]);
  /** Folder name of the study the last run wrote. */
  const finishedStudy = ref<string | null>(null);
  const error = ref<string | null>(null);

  const job = computed(() => jobs.byId(jobId.value));
  /** Stages the running job has reported, in order. */
  const stages = computed(() => [...new Set((jobId.value === null ? [] : (jobs.messages[jobId.value] ?? [])).filter((m) => m.startsWith('stage ')).map((m) => m.slice(6)))]);
  const running = computed(() => !!job.value && !isFinished(job.value));
  const canRun = computed(
    () =>
      !!studyFile.value &&
      !running.value &&
      (route.value === 'project'
        ? radiomicsRun.value !== null && iccRaters.value.every((r) => iccRuns.value[r] != null)
        : !!featuresFile.value && !!clinicalFile.value),
  );

  async function load(): Promise<void> {
    error.value = null;
    try {
      const done = (await call('features.runs', {})).filter((r) => r.status === 'done');
      runs.value = done.filter((r) => r.kind === 'radiomics');
      deepRuns.value = done.filter((r) => r.kind === 'deep');
      if (radiomicsRun.value === null || !runs.value.some((r) => r.id === radiomicsRun.value)) radiomicsRun.value = runs.value[0]?.id ?? null;
      if (deepRun.value !== null && !deepRuns.value.some((r) => r.id === deepRun.value)) deepRun.value = null;
      deepRun.value ??= deepRuns.value[0]?.id ?? null;
      studies.value = await call('study.list', {});
    } catch (err) {
      error.value = message(err);
    }
  }

  async function choose(what: 'study' | 'features' | 'clinical'): Promise<void> {
    error.value = null;
    try {
      const file = await call('dialogs.openFile', { purpose: what === 'study' ? 'studyDefinition' : what === 'features' ? 'featureTable' : 'clinicalTable' });
      if (!file) return;
      if (what === 'study') {
        studyFile.value = file;
        iccRaters.value = [];
        iccRaters.value = (await call('study.inputs', { studyFile: file })).iccRaters;
        iccRuns.value = Object.fromEntries(iccRaters.value.map((r) => [r, iccRuns.value[r] ?? null]));
      } else if (what === 'features') featuresFile.value = file;
      else clinicalFile.value = file;
    } catch (err) {
      error.value = message(err);
    }
  }

  function projectRuns(): { radiomics: number; deep?: number; icc?: Record<string, number> } {
    const icc = Object.fromEntries(iccRaters.value.map((r) => [r, iccRuns.value[r]!]));
    return {
      radiomics: radiomicsRun.value!,
      ...(deepRun.value !== null ? { deep: deepRun.value } : {}),
      ...(iccRaters.value.length ? { icc } : {}),
    };
  }

  async function run(): Promise<void> {
    if (!canRun.value) return;
    error.value = null;
    finishedStudy.value = null;
    try {
      jobId.value = await jobs.start({
        kind: 'study.run',
        params:
          route.value === 'project'
            ? { studyFile: studyFile.value!, runs: projectRuns() }
            : { studyFile: studyFile.value!, tables: { features: featuresFile.value!, clinical: clinicalFile.value! } },
      });
    } catch (err) {
      error.value = message(err);
    }
  }

  onJobFinished(
    jobId,
    async (r) => {
      if (r?.kind === 'study.run') finishedStudy.value = r.value.outDir.split(/[\\/]/).filter(Boolean).pop() ?? null;
      studies.value = await call('study.list', {});
    },
    (m) => (error.value = m),
  );

  return {
    studyFile,
    route,
    runs,
    radiomicsRun,
    deepRuns,
    deepRun,
    iccRaters,
    iccRuns,
    featuresFile,
    clinicalFile,
    jobId,
    job,
    running,
    canRun,
    stages,
    studies,
    finishedStudy,
    error,
    load,
    choose,
    run,
  };
});
