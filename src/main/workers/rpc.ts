/** Envelopes between the main thread and a compute worker (method-typed dispatch, seq ids). */
export interface RpcRequest {
  seq: number;
  method: string;
  args: unknown[];
}

/** Errors cross the boundary as plain data and are rebuilt with their kind. */
export interface SerializedError {
  name: string;
  message: string;
  stack?: string;
}

/** A task's final answer, or (`progress`) an intermediate report the task sends while it runs. */
export type RpcResponse =
  | { seq: number; ok: true; value: unknown }
  | { seq: number; ok: false; error: SerializedError }
  | { seq: number; progress: unknown };

/**
 * What a compute method sees as `this`: a way to report progress to the caller while it runs (the caller's
 * `onProgress` receives each value, in order, before the task's result).
 */
export interface WorkerTask<P = unknown> {
  progress(value: P): void;
}

export function serializeError(err: unknown): SerializedError {
  if (err instanceof Error) return { name: err.name, message: err.message, stack: err.stack };
  return { name: 'Error', message: String(err) };
}

export class WorkerTaskError extends Error {
  constructor(e: SerializedError) {
    super(e.message);
    this.name = e.name;
    if (e.stack) this.stack = e.stack;
  }
}

/**
 * Collect the ArrayBuffers of typed arrays in a result so they are transferred, not copied.
 * Only top-level typed arrays and those one level inside plain objects/arrays are considered.
 */
export function transferablesOf(value: unknown): ArrayBuffer[] {
  const out = new Set<ArrayBuffer>();
  const visit = (v: unknown, depth: number): void => {
    if (ArrayBuffer.isView(v) && v.buffer instanceof ArrayBuffer) out.add(v.buffer);
    else if (depth < 2 && v && typeof v === 'object') for (const x of Object.values(v)) visit(x, depth + 1);
  };
  visit(value, 0);
  return [...out];
}
