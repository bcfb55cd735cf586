import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { ProjectDetails, ProjectSummary } from '../../../shared/ipc/contract';
import { call } from '../api/client';

export const useProjectsStore = defineStore('projects', () => {
  const recent = ref<ProjectSummary[]>([]);
  const current = ref<ProjectDetails | null>(null);
  const error = ref<string | null>(null);
  const busy = ref(false);

  async function guarded(fn: () => Promise<void>): Promise<void> {
    busy.value = true;
    error.value = null;
    try {
      await fn();
    } catch (err) {
      error.value = err instanceof Error ? err.message : String(err);
    } finally {
      busy.value = false;
    }
  }

  const loadRecent = () =>
    guarded(async () => {
      recent.value = await call('projects.recent', {});
    });

  const create = (name: string) =>
    guarded(async () => {
      const dir = await call('dialogs.chooseFolder', { purpose: 'newProject' });
      if (!dir) return;
      current.value = await call('projects.create', { dir, name: name || undefined });
      recent.value = await call('projects.recent', {});
    });

  const open = (dir?: string) =>
    guarded(async () => {
      const target = dir ?? (await call('dialogs.chooseFolder', { purpose: 'openProject' }));
      if (!target) return;
      current.value = await call('projects.open', { dir: target });
      recent.value = await call('projects.recent', {});
    });

  return { recent, current, error, busy, loadRecent, create, open };
});
