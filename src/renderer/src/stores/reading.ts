import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { Reader } from '../../../shared/ipc/imaging';
import type { ActiveReading, IccDashboard, SessionSummary } from '../../../shared/ipc/reading';
import type { ChannelOutput } from '../../../shared/ipc/contract';
import { call } from '../api/client';

type Runs = ChannelOutput<'agreement.runs'>;
type Masks = ChannelOutput<'agreement.masks'>;

/** Reading sessions (coordinator list, the active reading) and the agreement dashboard. */
export const useReadingStore = defineStore('reading', () => {
  const sessions = ref<SessionSummary[]>([]);
  const readers = ref<Reader[]>([]);
  const current = ref<ActiveReading | null>(null);
  const runs = ref<Runs>([]);
  const masks = ref<Masks | null>(null);
  const dashboard = ref<IccDashboard | null>(null);
  const error = ref<string | null>(null);
  const notice = ref<string | null>(null);

  async function attempt<T>(fn: () => Promise<T>): Promise<T | undefined> {
    error.value = null;
    try {
      return await fn();
    } catch (err) {
      error.value = err instanceof Error ? err.message : String(err);
      return undefined;
    }
  }

  async function load(): Promise<void> {
    await attempt(async () => {
      current.value = await call('readingSessions.current', {});
      sessions.value = await call('readingSessions.list', {});
      readers.value = await call('readers.list', {});
      if (!current.value) {
        runs.value = await call('agreement.runs', {});
        // No inter/intra session yet is a normal state of a new project, not an error.
        masks.value = await call('agreement.masks', {}).catch(() => null);
      }
    });
  }

  async function enter(sessionId: number, readerId: number): Promise<void> {
    if (await attempt(() => call('readingSessions.enter', { sessionId, readerId }))) await load();
  }

  async function leave(): Promise<void> {
    await attempt(() => call('readingSessions.leave', {}));
    await load();
  }

  /** The next patient of the active session to read, or null when every patient is done. */
  async function next(): Promise<string | null> {
    const r = await attempt(() => call('readingSessions.next', {}));
    notice.value = r && r.patientId === null ? 'done' : null;
    return r?.patientId ?? null;
  }

  async function submit(incompleteReason?: string): Promise<void> {
    if (await attempt(() => call('readingSessions.submit', incompleteReason ? { incompleteReason } : {}))) await load();
  }

  async function computeIcc(selection: { reference: number; inter?: number; intra?: number }, form: 'A1' | 'Ak' | 'C1' | 'Ck' | '1' | 'k', threshold: number): Promise<void> {
    const d = await attempt(() => call('agreement.icc', { runs: selection, form, threshold }));
    if (d) dashboard.value = d;
  }

  return { sessions, readers, current, runs, masks, dashboard, error, notice, load, enter, leave, next, submit, computeIcc };
});
