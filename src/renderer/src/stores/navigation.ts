import { defineStore } from 'pinia';
import { ref } from 'vue';

/** The app's screens, in tab order (Alt+1 … Alt+9). */
export const APP_VIEWS = ['projects', 'patients', 'viewer', 'import', 'extraction', 'study', 'results', 'jobs', 'readers'] as const;
export type AppView = (typeof APP_VIEWS)[number];

/** Which screen is shown; the viewer needs a patient. */
export const useNavigationStore = defineStore('navigation', () => {
  const view = ref<AppView>('projects');
  const patientId = ref<string | null>(null);

  function show(v: AppView): void {
    if (v === 'viewer' && !patientId.value) return;
    view.value = v;
  }

  function openViewer(id: string): void {
    patientId.value = id;
    view.value = 'viewer';
  }

  return { view, patientId, show, openViewer };
});
