import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { Reader } from '../../../shared/ipc/imaging';
import type { DeepRunReport, ExtractionReport, FeatureRun, FeatureTablePage } from '../../../shared/ipc/workflow';
import { call } from '../api/client';
import { isFinished, onJobFinished, useJobsStore } from './jobs';

export const EXTRACTION_PHASES = ['arterial', 'venous', 'delayed'] as const;
export type ExtractionPhase = (typeof EXTRACTION_PHASES)[number];

function message(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** Radiomics extraction (parameter file + reader's masks → a feature run) and the paged per-patient feature table. */
export const useExtractionStore = defineStore('extraction', () => {
  const jobs = useJobsStore();
  const paramsFile = ref<string | null>(null);
  const readers = ref<Reader[]>([]);
  const reader = ref<string | null>(null);
  const phases = ref<ExtractionPhase[]>([...EXTRACTION_PHASES]);
  const jobId = ref<number | null>(null);
  const report = ref<ExtractionReport | null>(null);
  const runs = ref<FeatureRun[]>([]);
  const runId = ref<number | null>(null);
  const page = ref<FeatureTablePage | null>(null);
  const offset = ref(0);
  const columnOffset = ref(0);
  const filter = ref('');
  const pageSize = 20;
  const columnPageSize = 8;
  const error = ref<string | null>(null);
  const tableError = ref<string | null>(null);

  const deepJobId = ref<number | null>(null);
  const deepReport = ref<DeepRunReport | null>(null);
  /** Without a registered pretrained ResNet-18, run the random-init test network (its runs say so). */
  const allowTestNetwork = ref(false);

  const job = computed(() => jobs.byId(jobId.value));
  const running = computed(() => !!job.value && !isFinished(job.value));
  const deepJob = computed(() => jobs.byId(deepJobId.value));
  const deepRunning = computed(() => !!deepJob.value && !isFinished(deepJob.value));
  const canStartDeep = computed(() => !!reader.value && !deepRunning.value);
  const canStart = computed(() => !!paramsFile.value && !!reader.value && phases.value.length > 0 && !running.value);

  async function load(): Promise<void> {
    error.value = null;
    try {
      readers.value = await call('readers.list', {});
      if (!reader.value || !readers.value.some((r) => r.name === reader.value)) reader.value = readers.value[0]?.name ?? null;
      await loadRuns();
    } catch (err) {
      error.value = message(err);
    }
  }

  async function loadRuns(): Promise<void> {
    runs.value = await call('features.runs', {});
    if (runId.value === null || !runs.value.some((r) => r.id === runId.value)) {
      const latest = runs.value.find((r) => r.status === 'done') ?? runs.value[0];
      if (latest) await selectRun(latest.id);
    }
  }

  async function chooseParams(): Promise<void> {
    error.value = null;
    try {
      const file = await call('dialogs.openFile', { purpose: 'extractionParams' });
      if (file) paramsFile.value = file;
    } catch (err) {
      error.value = message(err);
    }
  }

  async function start(): Promise<void> {
    if (!canStart.value) return;
    error.value = null;
    report.value = null;
    try {
      jobId.value = await jobs.start({ kind: 'features.extract', params: { paramsFile: paramsFile.value!, reader: reader.value!, phases: [...phases.value] } });
    } catch (err) {
      error.value = message(err);
    }
  }

  async function startDeep(): Promise<void> {
    if (!canStartDeep.value) return;
    error.value = null;
    deepReport.value = null;
    try {
      deepJobId.value = await jobs.start({ kind: 'features.deep', params: { reader: reader.value!, allowTestNetwork: allowTestNetwork.value } });
    } catch (err) {
      error.value = message(err);
    }
  }

  async function loadPage(): Promise<void> {
    if (runId.value === null) return;
    tableError.value = null;
    try {
      page.value = await call('features.table', {
        runId: runId.value,
        offset: offset.value,
        limit: pageSize,
        columnOffset: columnOffset.value,
        columnLimit: columnPageSize,
        ...(filter.value.trim() ? { filter: filter.value.trim() } : {}),
      });
    } catch (err) {
      tableError.value = message(err);
    }
  }

  async function selectRun(id: number): Promise<void> {
    runId.value = id;
    offset.value = 0;
    columnOffset.value = 0;
    await loadPage();
  }

  async function pageRows(delta: number): Promise<void> {
    const total = page.value?.totalPatients ?? 0;
    const next = offset.value + delta * pageSize;
    if (next < 0 || next >= total) return;
    offset.value = next;
    await loadPage();
  }

  async function pageColumns(delta: number): Promise<void> {
    const total = page.value?.totalColumns ?? 0;
    const next = columnOffset.value + delta * columnPageSize;
    if (next < 0 || next >= total) return;
    columnOffset.value = next;
    await loadPage();
  }

  async function applyFilter(): Promise<void> {
    columnOffset.value = 0;
    await loadPage();
  }

  // A finished run shows up in the run list and its table opens.
  const showError = (m: string) => (error.value = m);
  onJobFinished(
    jobId,
    async (r) => {
      if (r?.kind === 'features.extract') {
        report.value = r.value;
        runId.value = r.value.runId;
      }
      await loadRuns();
      if (runId.value !== null) await selectRun(runId.value);
    },
    showError,
  );
  onJobFinished(
    deepJobId,
    async (r) => {
      if (r?.kind === 'features.deep') deepReport.value = r.value;
      await loadRuns();
    },
    showError,
  );

  return {
    paramsFile,
    readers,
    reader,
    phases,
    jobId,
    deepJobId,
    deepJob,
    deepReport,
    allowTestNetwork,
    canStartDeep,
    startDeep,
    job,
    running,
    canStart,
    report,
    runs,
    runId,
    page,
    offset,
    columnOffset,
    filter,
    pageSize,
    columnPageSize,
    error,
    tableError,
    load,
    loadRuns,
    chooseParams,
    start,
    selectRun,
    pageRows,
    pageColumns,
    applyFilter,
  };
});
