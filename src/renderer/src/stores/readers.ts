import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { Reader } from '../../../shared/ipc/imaging';
import { call } from '../api/client';

const LAST_READER = 'dlrn.lastReader';

/** The project's readers and the one drawing now (remembered per project in local storage). */
export const useReadersStore = defineStore('readers', () => {
  const readers = ref<Reader[]>([]);
  const currentId = ref<number | null>(null);
  const error = ref<string | null>(null);
  let projectKey = '';

  async function load(projectId: string): Promise<void> {
    projectKey = `${LAST_READER}.${projectId}`;
    readers.value = await call('readers.list', {});
    const remembered = Number(localStorage.getItem(projectKey));
    currentId.value = readers.value.find((r) => r.id === remembered)?.id ?? readers.value[0]?.id ?? null;
  }

  function choose(id: number): void {
    currentId.value = id;
    if (projectKey) localStorage.setItem(projectKey, String(id));
  }

  async function create(name: string): Promise<void> {
    error.value = null;
    try {
      const r = await call('readers.create', { name });
      readers.value = [...readers.value, r].sort((a, b) => a.name.localeCompare(b.name));
      choose(r.id);
    } catch (err) {
      error.value = err instanceof Error ? err.message : String(err);
    }
  }

  return { readers, currentId, error, load, choose, create };
});
