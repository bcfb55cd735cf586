import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { ComputeMethods } from './computeMethods';
import { WorkerTaskError, transferablesOf, type RpcRequest, type RpcResponse, type WorkerTask } from './rpc';

type Method = keyof ComputeMethods;
/** The progress values a method reports through its `this` (never for methods that report none). */
type ProgressOf<M extends Method> = ThisParameterType<ComputeMethods[M]> extends WorkerTask<infer P> ? P : never;

interface Slot {
  worker: Worker;
  busy: number;
  pending: Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void; onProgress?: (p: unknown) => void }>;
}

/**
 * A file next to this module. Under a dev server (vitest's happy-dom project serves modules over http)
 * the URL's path is the file's path from the working directory.
 */
function besideThisModule(name: string): URL {
  const url = new URL(name, import.meta.url);
  return url.protocol === 'file:' ? url : pathToFileURL(resolve(process.cwd(), `.${decodeURIComponent(url.pathname)}`));
}

/** A compiled worker next to the bundle (electron-vite build) or the TS source run through tsx. */
function spawnWorker(): Worker {
  const built = besideThisModule('./compute.worker.js');
  if (existsSync(fileURLToPath(built))) return new Worker(built);
  const entry = besideThisModule('./compute.worker.ts').href;
  return new Worker(besideThisModule('./tsxWorkerBootstrap.mjs'), { workerData: { __tsEntry: entry } });
}

/**
 * A pool of `worker_threads` running the engine, with least-loaded dispatch. Heavy CPU work never
 * runs on the Electron main thread. Cancelling a task terminates its worker (the only way to stop
 * synchronous numeric code) and a fresh worker takes its place.
 */
export class ComputePool {
  private readonly slots: Slot[] = [];
  private seq = 0;
  private closed = false;

  constructor(readonly size = Math.max(1, availableParallelism() - 1)) {
    for (let i = 0; i < size; i++) this.slots.push(this.makeSlot());
  }

  private makeSlot(): Slot {
    const slot: Slot = { worker: spawnWorker(), busy: 0, pending: new Map() };
    slot.worker.on('message', (res: RpcResponse) => {
      const p = slot.pending.get(res.seq);
      if (!p) return;
      if ('progress' in res) {
        p.onProgress?.(res.progress);
        return;
      }
      slot.pending.delete(res.seq);
      slot.busy--;
      if (res.ok) p.resolve(res.value);
      else p.reject(new WorkerTaskError(res.error));
    });
    slot.worker.on('error', (err) => this.failSlot(slot, err));
    slot.worker.on('exit', (code) => {
      if (slot.pending.size) this.failSlot(slot, new Error(`compute worker exited with code ${code}`));
    });
    return slot;
  }

  private failSlot(slot: Slot, err: Error): void {
    for (const p of slot.pending.values()) p.reject(err);
    slot.pending.clear();
    this.replace(slot);
  }

  private replace(slot: Slot): void {
    const i = this.slots.indexOf(slot);
    if (i < 0) return;
    void slot.worker.terminate();
    if (!this.closed) this.slots[i] = this.makeSlot();
    else this.slots.splice(i, 1);
  }

  /**
   * Run `method(...args)` on the least-loaded worker. With `transfer`, the arguments' typed-array
   * buffers move to the worker (zero copy) and become unusable for the caller. `onProgress` receives what
   * the method reports while it runs (see {@link WorkerTask}).
   */
  run<M extends Method>(
    method: M,
    args: Parameters<ComputeMethods[M]>,
    options: { signal?: AbortSignal; transfer?: boolean; onProgress?: (p: ProgressOf<M>) => void } = {},
  ): Promise<Awaited<ReturnType<ComputeMethods[M]>>> {
    const { signal } = options;
    if (this.closed) return Promise.reject(new Error('compute pool is closed'));
    if (signal?.aborted) return Promise.reject(new Error('task cancelled'));
    const slot = this.slots.reduce((a, b) => (b.busy < a.busy ? b : a));
    const seq = ++this.seq;
    return new Promise((resolve, reject) => {
      slot.pending.set(seq, { resolve: resolve as (v: unknown) => void, reject, onProgress: options.onProgress as ((p: unknown) => void) | undefined });
      slot.busy++;
      signal?.addEventListener(
        'abort',
        () => {
          if (!slot.pending.has(seq)) return;
          slot.pending.delete(seq);
          const err = new Error('task cancelled');
          for (const p of slot.pending.values()) p.reject(err);
          slot.pending.clear();
          this.replace(slot);
          reject(err);
        },
        { once: true },
      );
      const req: RpcRequest = { seq, method, args };
      slot.worker.postMessage(req, options.transfer ? transferablesOf(args) : []);
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(this.slots.map((s) => s.worker.terminate()));
    this.slots.length = 0;
  }
}
