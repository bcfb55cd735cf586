/**
 * Runs phase tasks on N worker threads (or inline for N = 1). Workers are TypeScript modules started
 * through the tsx bootstrap (`src/main/workers/tsxWorkerBootstrap.mjs`: tsx `register()` then import),
 * so the CLI needs no build step. A worker that dies fails its task and is replaced.
 */
import { Worker } from 'node:worker_threads';
import { ImageTypePool } from './parallelCase';
import { runPhase, type PhaseResult, type PhaseTask } from './runPhase';

const BOOTSTRAP = new URL('../../main/workers/tsxWorkerBootstrap.mjs', import.meta.url);
const ENTRY = new URL('./worker.ts', import.meta.url).href;

/**
 * Run every task; `onResult` sees results as they complete (any order). One task with several jobs
 * spreads that phase's image types over the threads instead (`ImageTypePool`).
 */
export async function runTasks(tasks: readonly PhaseTask[], jobs: number, onResult: (r: PhaseResult) => void): Promise<void> {
  if (jobs > 1 && tasks.length === 1) {
    const pool = new ImageTypePool(jobs);
    try {
      onResult(await runPhase(tasks[0]!, pool));
    } finally {
      await pool.close();
    }
    return;
  }
  if (jobs <= 1 || tasks.length <= 1) {
    for (const t of tasks) onResult(await runPhase(t));
    return;
  }
  const queue = [...tasks];
  const n = Math.min(jobs, tasks.length);
  await new Promise<void>((resolveAll) => {
    let active = 0;
    const start = (): void => {
      const worker = new Worker(BOOTSTRAP, { workerData: { __tsEntry: ENTRY } });
      active++;
      let current: PhaseTask | undefined;
      const next = (): void => {
        current = queue.shift();
        if (current) worker.postMessage(current);
        else void worker.terminate();
      };
      worker.on('message', (r: PhaseResult) => {
        onResult(r);
        next();
      });
      worker.on('error', (err) => {
        if (current) onResult({ id: current.id, ok: false, error: `worker failed: ${err.message}` });
        current = undefined;
      });
      worker.on('exit', () => {
        active--;
        if (current) onResult({ id: current.id, ok: false, error: 'worker exited unexpectedly' });
        current = undefined;
        if (queue.length) start();
        else if (active === 0) resolveAll();
      });
      next();
    };
    for (let i = 0; i < n; i++) start();
  });
}
