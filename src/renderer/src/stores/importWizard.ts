import { defineStore } from 'pinia';
import { computed, ref, watch } from 'vue';
import type { Phase } from '../../../shared/ipc/imaging';
import type { ClinicalImportOutcome, ImportReport, PhaseReviewRow } from '../../../shared/ipc/workflow';
import { call } from '../api/client';
import { isFinished, useJobsStore } from './jobs';

function message(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/**
 * The import wizard: a DICOM folder imported by a job (progress, per-file errors), the phase assignment
 * reviewed and corrected volume by volume, then the clinical table (all rows or none, with a row-level report).
 */
export const useImportWizardStore = defineStore('importWizard', () => {
  const jobs = useJobsStore();
  const folder = ref<string | null>(null);
  const centre = ref('');
  const cohort = ref('');
  const jobId = ref<number | null>(null);
  const report = ref<ImportReport | null>(null);
  const phases = ref<PhaseReviewRow[]>([]);
  const phaseError = ref<string | null>(null);
  const clinicalFile = ref<string | null>(null);
  const createMissing = ref(false);
  const clinical = ref<ClinicalImportOutcome | null>(null);
  const error = ref<string | null>(null);
  const busy = ref(false);

  const job = computed(() => jobs.byId(jobId.value));
  const running = computed(() => !!job.value && !isFinished(job.value));
  const unassigned = computed(() => phases.value.filter((r) => r.phase === 'unassigned').length);

  async function guarded(fn: () => Promise<void>): Promise<void> {
    busy.value = true;
    error.value = null;
    try {
      await fn();
    } catch (err) {
      error.value = message(err);
    } finally {
      busy.value = false;
    }
  }

  const chooseFolder = () =>
    guarded(async () => {
      const dir = await call('dialogs.chooseFolder', { purpose: 'importFolder' });
      if (dir) folder.value = dir;
    });

  const startImport = () =>
    guarded(async () => {
      if (!folder.value) return;
      report.value = null;
      jobId.value = await jobs.start({
        kind: 'import.dicom',
        params: { dir: folder.value, ...(centre.value.trim() ? { centre: centre.value.trim() } : {}), ...(cohort.value.trim() ? { cohort: cohort.value.trim() } : {}) },
      });
    });

  async function loadPhases(): Promise<void> {
    phaseError.value = null;
    try {
      phases.value = await call('volumes.phaseReview', {});
    } catch (err) {
      phaseError.value = message(err);
    }
  }

  async function setPhase(volumeId: number, phase: Phase): Promise<void> {
    phaseError.value = null;
    try {
      const row = await call('volumes.setPhase', { volumeId, phase });
      phases.value = phases.value.map((r) => (r.volumeId === volumeId ? row : r));
    } catch (err) {
      phaseError.value = message(err);
    }
  }

  // When the import job ends, fetch its report and the phases it assigned.
  watch(
    () => job.value?.status,
    async (status) => {
      if (status !== 'done' || jobId.value === null) return;
      try {
        const r = await jobs.result(jobId.value);
        if (r?.kind === 'import.dicom') report.value = r.value;
      } catch (err) {
        error.value = message(err);
      }
      await loadPhases();
    },
  );

  const chooseClinical = () =>
    guarded(async () => {
      const file = await call('dialogs.openFile', { purpose: 'clinicalTable' });
      if (file) {
        clinicalFile.value = file;
        clinical.value = null;
      }
    });

  const importClinical = () =>
    guarded(async () => {
      if (!clinicalFile.value) return;
      clinical.value = await call('clinical.import', { file: clinicalFile.value, createMissing: createMissing.value });
    });

  function reset(): void {
    folder.value = null;
    jobId.value = null;
    report.value = null;
    phases.value = [];
    clinicalFile.value = null;
    clinical.value = null;
    error.value = null;
    phaseError.value = null;
  }

  return {
    folder,
    centre,
    cohort,
    jobId,
    job,
    running,
    report,
    phases,
    phaseError,
    unassigned,
    clinicalFile,
    createMissing,
    clinical,
    error,
    busy,
    chooseFolder,
    startImport,
    loadPhases,
    setPhase,
    chooseClinical,
    importClinical,
    reset,
  };
});
