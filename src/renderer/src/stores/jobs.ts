import { defineStore } from 'pinia';
import { computed, ref, watch, type Ref } from 'vue';
import type { JobEvent, JobSummary } from '../../../shared/jobs/events';
import type { JobResult, JobStart } from '../../../shared/ipc/workflow';
import { call, onJobEvent } from '../api/client';

const FINISHED = new Set(['done', 'failed', 'cancelled']);

export function isFinished(job: JobSummary | undefined): boolean {
  return !!job && FINISHED.has(job.status);
}

/** The project's jobs, kept current by the main process's job events (progress, ETA, done, failed, cancelled). */
const RANK: Record<JobSummary['status'], number> = { queued: 0, running: 1, done: 2, failed: 2, cancelled: 2 };

type Live = Pick<JobSummary, 'status' | 'progress' | 'message' | 'etaSeconds' | 'error' | 'finishedAt'>;

/** Whether state `a` is later than `b` (status only moves forward; within a status, progress grows). */
function ahead(a: Live, b: Live): boolean {
  return RANK[a.status] > RANK[b.status] || (RANK[a.status] === RANK[b.status] && a.progress > b.progress);
}

/** The project's jobs, kept current by the main process's job events (progress, ETA, done, failed, cancelled). */
export const useJobsStore = defineStore('jobs', () => {
  const jobs = ref<JobSummary[]>([]);
  const error = ref<string | null>(null);
  /** Every distinct progress message of each job seen since connecting, in order (a job's stage log). */
  const messages = ref<Record<number, string[]>>({});
  // The latest state each job's events gave. A list fetched while events flow can be older than the events
  // (or not know a job yet), so it is merged with this rather than replacing it.
  const live = new Map<number, Live>();
  let unsubscribe: (() => void) | null = null;
  let refreshing: Promise<void> | null = null;

  const active = computed(() => jobs.value.filter((j) => j.status === 'running' || j.status === 'queued'));
  const failed = computed(() => jobs.value.filter((j) => j.status === 'failed'));

  function byId(id: number | null): JobSummary | undefined {
    return id === null ? undefined : jobs.value.find((j) => j.id === id);
  }

  async function refresh(): Promise<void> {
    // Concurrent callers share one request: events arrive in bursts.
    refreshing ??= call('jobs.list', {})
      .then((list) => {
        jobs.value = list.map((j) => {
          const l = live.get(j.id);
          return l && ahead(l, j) ? { ...j, ...l } : j;
        });
        error.value = null;
      })
      .catch((err: unknown) => {
        error.value = err instanceof Error ? err.message : String(err);
      })
      .finally(() => {
        refreshing = null;
      });
    return refreshing;
  }

  function apply(e: JobEvent): void {
    if (e.type === 'progress' && e.message) {
      const log = (messages.value[e.jobId] ??= []);
      if (log[log.length - 1] !== e.message) log.push(e.message);
    }
    const job = jobs.value.find((j) => j.id === e.jobId);
    const prev: Live = live.get(e.jobId) ?? job ?? { status: 'queued', progress: 0, message: null, etaSeconds: null, error: null, finishedAt: null };
    const now = new Date().toISOString();
    let next: Live;
    if (e.type === 'progress') next = { ...prev, status: 'running', progress: e.progress, message: e.message, etaSeconds: e.etaSeconds };
    else if (e.type === 'started') next = { ...prev, status: 'running', error: null };
    else if (e.type === 'done') next = { ...prev, status: 'done', progress: 1, etaSeconds: null, finishedAt: now };
    else if (e.type === 'failed') next = { ...prev, status: 'failed', error: e.error, etaSeconds: null, finishedAt: now };
    else next = { ...prev, status: 'cancelled', etaSeconds: null, finishedAt: now };
    live.set(e.jobId, next);
    if (job) Object.assign(job, next);
    else void refresh();
  }

  /** Listen to job events (once) and load the list. */
  async function connect(): Promise<void> {
    unsubscribe ??= onJobEvent(apply);
    await refresh();
  }

  function disconnect(): void {
    unsubscribe?.();
    unsubscribe = null;
    jobs.value = [];
    messages.value = {};
    live.clear();
  }

  async function start(req: JobStart): Promise<number> {
    unsubscribe ??= onJobEvent(apply);
    const { jobId } = await call('jobs.start', req);
    await refresh();
    // The shared request may have left before this job existed.
    if (!byId(jobId)) await refresh();
    return jobId;
  }

  async function cancel(id: number): Promise<void> {
    try {
      await call('jobs.cancel', { jobId: id });
    } catch (err) {
      error.value = err instanceof Error ? err.message : String(err);
    }
    await refresh();
  }

  async function result(id: number): Promise<JobResult | null> {
    const r = await call('jobs.result', { jobId: id });
    const job = jobs.value.find((j) => j.id === id);
    if (job && !ahead(job, r.job)) Object.assign(job, r.job);
    return r.result;
  }

  return { jobs, error, messages, active, failed, byId, refresh, connect, disconnect, start, cancel, result };
});

/**
 * When the job `jobId` points at finishes (done, failed or cancelled), run `onFinished` with its result (null
 * unless done); an error thrown there, or while fetching the result, goes to `onError` as its message.
 */
export function onJobFinished(jobId: Ref<number | null>, onFinished: (result: JobResult | null) => Promise<void>, onError: (message: string) => void): void {
  const jobs = useJobsStore();
  watch(
    () => jobs.byId(jobId.value)?.status,
    async (status) => {
      const id = jobId.value;
      if (id === null || !isFinished(jobs.byId(id))) return;
      try {
        await onFinished(status === 'done' ? await jobs.result(id) : null);
      } catch (err) {
        onError(err instanceof Error ? err.message : String(err));
      }
    },
  );
}
