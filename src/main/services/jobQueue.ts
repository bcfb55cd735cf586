import type { Db } from '../storage/database';
import type { JobEvent, JobStatus, JobSummary } from '../../shared/jobs/events';

/** What a running job sees. */
export interface JobContext<P = unknown, C = unknown> {
  jobId: number;
  params: P;
  /** Fires when the job is cancelled; long loops must check it. */
  signal: AbortSignal;
  /** Checkpoint saved by an earlier, interrupted run of the same job (undefined on a first run). */
  checkpoint: C | undefined;
  /** Report progress in [0, 1]; the ETA is derived from the elapsed time. */
  progress(fraction: number, message?: string): void;
  /**
   * Atomically apply a unit of work's database writes together with the checkpoint that says
   * it is done: after a crash either both are in the database or neither is.
   */
  commit(checkpoint: C, writes?: (db: Db) => void): void;
}

export type JobRunner<P = unknown, R = unknown, C = unknown> = (ctx: JobContext<P, C>) => Promise<R>;

export class JobCancelledError extends Error {
  constructor() {
    super('job cancelled');
    this.name = 'JobCancelledError';
  }
}

interface JobRow {
  id: number;
  kind: string;
  params_json: string;
  status: JobStatus;
  progress: number;
  message: string | null;
  eta_seconds: number | null;
  checkpoint_json: string | null;
  error: string | null;
  created_at: string;
  finished_at: string | null;
}

function toSummary(r: JobRow): JobSummary {
  return {
    id: r.id,
    kind: r.kind,
    status: r.status,
    progress: r.progress,
    message: r.message,
    etaSeconds: r.eta_seconds,
    error: r.error,
    createdAt: r.created_at,
    finishedAt: r.finished_at,
  };
}

const NOW = "strftime('%Y-%m-%dT%H:%M:%fZ', 'now')";

/**
 * Persistent job queue over the project's `jobs` table. Jobs run one at a time in submission
 * order (each job parallelises internally through the compute pool). A job left 'running' by a
 * crash is put back in the queue on start-up and resumes from its last committed checkpoint.
 */
export class JobQueue {
  private readonly controllers = new Map<number, AbortController>();
  private draining: Promise<void> | undefined;

  constructor(
    private readonly db: Db,
    private readonly runners: Record<string, JobRunner<never, unknown, never>>,
    private readonly emit: (event: JobEvent) => void = () => {},
  ) {}

  /** Re-queue jobs interrupted by a crash or restart; returns their ids. */
  recover(): number[] {
    const rows = this.db.prepare("SELECT id FROM jobs WHERE status = 'running'").all() as { id: number }[];
    this.db.prepare("UPDATE jobs SET status = 'queued', message = 'resumed after interruption' WHERE status = 'running'").run();
    return rows.map((r) => r.id);
  }

  enqueue(kind: string, params: unknown): number {
    if (!(kind in this.runners)) throw new Error(`unknown job kind '${kind}'`);
    const info = this.db.prepare('INSERT INTO jobs (kind, params_json) VALUES (?, ?)').run(kind, JSON.stringify(params ?? null));
    return Number(info.lastInsertRowid);
  }

  get(id: number): JobSummary {
    const row = this.db.prepare('SELECT * FROM jobs WHERE id = ?').get(id) as JobRow | undefined;
    if (!row) throw new Error(`job ${id} not found`);
    return toSummary(row);
  }

  list(limit = 100): JobSummary[] {
    return (this.db.prepare('SELECT * FROM jobs ORDER BY id DESC LIMIT ?').all(limit) as JobRow[]).map(toSummary);
  }

  result(id: number): unknown {
    const row = this.db.prepare('SELECT result_json FROM jobs WHERE id = ?').get(id) as { result_json: string | null } | undefined;
    return row?.result_json ? JSON.parse(row.result_json) : undefined;
  }

  /** Cancel a queued or running job. */
  cancel(id: number): void {
    const job = this.get(id);
    if (job.status === 'queued') {
      this.db.prepare(`UPDATE jobs SET status = 'cancelled', finished_at = ${NOW} WHERE id = ?`).run(id);
      this.emit({ type: 'cancelled', jobId: id });
    } else if (job.status === 'running') {
      this.controllers.get(id)?.abort();
    }
  }

  /** Run queued jobs until none is left. Concurrent calls share one drain loop. */
  drain(): Promise<void> {
    this.draining ??= this.drainLoop().finally(() => {
      this.draining = undefined;
    });
    return this.draining;
  }

  private async drainLoop(): Promise<void> {
    for (;;) {
      const row = this.db.prepare("SELECT * FROM jobs WHERE status = 'queued' ORDER BY id LIMIT 1").get() as JobRow | undefined;
      if (!row) return;
      await this.runOne(row);
    }
  }

  private async runOne(row: JobRow): Promise<void> {
    const runner = this.runners[row.kind] as JobRunner<unknown, unknown, unknown> | undefined;
    const controller = new AbortController();
    this.controllers.set(row.id, controller);
    this.db
      .prepare(`UPDATE jobs SET status = 'running', attempts = attempts + 1, started_at = ${NOW}, error = NULL WHERE id = ?`)
      .run(row.id);
    this.emit({ type: 'started', jobId: row.id, kind: row.kind });
    const started = Date.now();
    const startProgress = row.progress;
    const setProgress = this.db.prepare('UPDATE jobs SET progress = ?, message = ?, eta_seconds = ? WHERE id = ?');
    const setCheckpoint = this.db.prepare('UPDATE jobs SET checkpoint_json = ? WHERE id = ?');
    const ctx: JobContext<unknown, unknown> = {
      jobId: row.id,
      params: JSON.parse(row.params_json),
      signal: controller.signal,
      checkpoint: row.checkpoint_json ? JSON.parse(row.checkpoint_json) : undefined,
      progress: (fraction, message) => {
        const f = Math.min(1, Math.max(0, fraction));
        const done = f - startProgress;
        const elapsed = (Date.now() - started) / 1000;
        const eta = done > 0 && f < 1 ? (elapsed / done) * (1 - f) : null;
        setProgress.run(f, message ?? null, eta, row.id);
        this.emit({ type: 'progress', jobId: row.id, progress: f, message: message ?? null, etaSeconds: eta });
      },
      commit: (checkpoint, writes) => {
        if (controller.signal.aborted) throw new JobCancelledError();
        this.db.transaction(() => {
          writes?.(this.db);
          setCheckpoint.run(JSON.stringify(checkpoint), row.id);
        })();
      },
    };
    try {
      if (!runner) throw new Error(`no runner for job kind '${row.kind}'`);
      const result = await runner(ctx);
      if (controller.signal.aborted) throw new JobCancelledError();
      this.db
        .prepare(`UPDATE jobs SET status = 'done', progress = 1, eta_seconds = NULL, result_json = ?, finished_at = ${NOW} WHERE id = ?`)
        .run(JSON.stringify(result ?? null), row.id);
      this.emit({ type: 'done', jobId: row.id, result });
    } catch (err) {
      if (controller.signal.aborted || err instanceof JobCancelledError) {
        this.db.prepare(`UPDATE jobs SET status = 'cancelled', eta_seconds = NULL, finished_at = ${NOW} WHERE id = ?`).run(row.id);
        this.emit({ type: 'cancelled', jobId: row.id });
      } else {
        const message = err instanceof Error ? err.message : String(err);
        this.db.prepare(`UPDATE jobs SET status = 'failed', error = ?, eta_seconds = NULL, finished_at = ${NOW} WHERE id = ?`).run(message, row.id);
        this.emit({ type: 'failed', jobId: row.id, error: message });
      }
    } finally {
      this.controllers.delete(row.id);
    }
  }
}
