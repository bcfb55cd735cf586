import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { PatientRow } from '../../../shared/ipc/imaging';
import { call } from '../api/client';

export const usePatientsStore = defineStore('patients', () => {
  const rows = ref<PatientRow[]>([]);
  const error = ref<string | null>(null);
  const loading = ref(false);

  async function load(): Promise<void> {
    loading.value = true;
    error.value = null;
    try {
      rows.value = await call('patients.list', {});
    } catch (err) {
      error.value = err instanceof Error ? err.message : String(err);
    } finally {
      loading.value = false;
    }
  }

  return { rows, error, loading, load };
});
