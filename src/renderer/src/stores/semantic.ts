import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { SemanticValues } from '../../../shared/ipc/workflow';
import { call } from '../api/client';

function empty(): SemanticValues {
  return { necrosis: null, enhancement_degree: null, enhancement_pattern: null, contours: null, adjacent_organ_involvement: null, tumour_size_mm: null };
}

/** One reader's semantic ratings of the patient in the viewer (the paper's Table 1 CECT features). */
export const useSemanticStore = defineStore('semantic', () => {
  const patientId = ref<string | null>(null);
  const readerId = ref<number | null>(null);
  const saved = ref<SemanticValues>(empty());
  const draft = ref<SemanticValues>(empty());
  const error = ref<string | null>(null);
  const saving = ref(false);

  const dirty = computed(() => (Object.keys(draft.value) as (keyof SemanticValues)[]).some((k) => draft.value[k] !== saved.value[k]));

  async function load(patient: string, reader: number): Promise<void> {
    patientId.value = patient;
    readerId.value = reader;
    error.value = null;
    try {
      const v = await call('semantic.get', { patientId: patient, readerId: reader });
      // A later load (another patient or reader) wins.
      if (patientId.value !== patient || readerId.value !== reader) return;
      saved.value = v;
      draft.value = { ...v };
    } catch (err) {
      saved.value = empty();
      draft.value = empty();
      error.value = err instanceof Error ? err.message : String(err);
    }
  }

  async function save(): Promise<void> {
    if (patientId.value === null || readerId.value === null) return;
    saving.value = true;
    error.value = null;
    try {
      saved.value = await call('semantic.save', { patientId: patientId.value, readerId: readerId.value, values: { ...draft.value } });
      draft.value = { ...saved.value };
    } catch (err) {
      error.value = err instanceof Error ? err.message : String(err);
    } finally {
      saving.value = false;
    }
  }

  return { patientId, readerId, saved, draft, dirty, error, saving, load, save };
});
