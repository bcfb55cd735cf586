/**
 * Client of the crash-isolated inference host (`workers/inference.host.ts`). It starts the host as a
 * separate process, loads one model into it, sends batches of preprocessed images (Float32Array) and
 * collects the outputs. If the host dies — a native crash in ONNX Runtime, the kernel's out-of-memory
 * killer, an abnormal exit — every pending and later call rejects with an {@link InferenceHostError}
 * that says what happened; the calling process, its open project and its database are untouched, and
 * a job that used the client simply fails with that message.
 *
 * No Electron here: the default spawner is `child_process.fork` with 'advanced' serialization (CLI,
 * tests, loopback bridge); the Electron app passes a `utilityProcess` spawner
 * (`src/main/app/inferenceUtilityProcess.ts`).
 */
import { fork } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { ExecutionProvider, HostOptions, HostReply, HostRequest, LoadedModelInfo, ModelLoadSpec, RunOutput, RunResult } from '../workers/inferenceProtocol';
import { WorkerTaskError } from '../workers/rpc';

/** How the host process ended. `reason` follows Electron's child-process-gone reasons where known. */
export interface HostExit {
  code: number | null;
  signal: string | null;
  reason?: 'clean-exit' | 'abnormal-exit' | 'killed' | 'crashed' | 'oom' | 'launch-failed';
  /** Last lines the host wrote to stderr. */
  stderrTail?: string;
}

/** A running host process, whatever started it. */
export interface HostChannel {
  send(msg: HostRequest): void;
  onMessage(listener: (msg: HostReply) => void): void;
  onExit(listener: (exit: HostExit) => void): void;
  kill(): void;
}

/** Starts a host process with extra environment variables. */
export type HostSpawner = (env: Record<string, string>) => HostChannel;

const STDERR_TAIL = 4000;

/**
 * Fork the host as a Node child process: the compiled `inference.host.js` next to this module when it
 * exists (bundled build), otherwise the TypeScript source through `tsxProcessBootstrap.mjs`.
 */
export const forkInferenceHost: HostSpawner = (env) => {
  const built = new URL('./inference.host.js', import.meta.url);
  const options = { serialization: 'advanced' as const, stdio: ['ignore', 'inherit', 'pipe', 'ipc'] as ('ignore' | 'inherit' | 'pipe' | 'ipc')[], env: { ...process.env, ...env } };
  const child = existsSync(fileURLToPath(built))
    ? fork(fileURLToPath(built), [], options)
    : fork(fileURLToPath(new URL('../workers/tsxProcessBootstrap.mjs', import.meta.url)), [new URL('../workers/inference.host.ts', import.meta.url).href], options);
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => {
    stderr = (stderr + d.toString()).slice(-STDERR_TAIL);
  });
  const exitListeners: ((e: HostExit) => void)[] = [];
  let exited = false;
  const finish = (e: HostExit): void => {
    if (exited) return;
    exited = true;
    for (const l of exitListeners) l({ ...e, stderrTail: stderr.trim() || undefined });
  };
  child.on('error', (err) => finish({ code: null, signal: null, reason: 'launch-failed', stderrTail: err.message }));
  // 'close' (not 'exit') so the stderr tail is complete.
  child.on('close', (code, signal) => finish({ code, signal }));
  return {
    send: (msg) => child.send(msg),
    onMessage: (l) => child.on('message', (m) => l(m as HostReply)),
    onExit: (l) => exitListeners.push(l),
    kill: () => child.kill('SIGKILL'),
  };
};

/** The host process is gone; the message says how, in words for the user. */
export class InferenceHostError extends Error {
  override name = 'InferenceHostError';
  constructor(
    readonly exit: HostExit,
    readonly reason: NonNullable<HostExit['reason']>,
  ) {
    super(describeExit(exit, reason));
  }
}

function classify(e: HostExit): NonNullable<HostExit['reason']> {
  if (e.reason) return e.reason;
  if (e.stderrTail && /heap out of memory|Allocation failed|std::bad_alloc|out of memory/i.test(e.stderrTail)) return 'oom';
  if (e.signal === 'SIGKILL') return 'killed';
  if (e.signal) return 'crashed';
  return e.code === 0 ? 'clean-exit' : 'abnormal-exit';
}

function describeExit(e: HostExit, reason: NonNullable<HostExit['reason']>): string {
  const how = e.signal ? `signal ${e.signal}` : `exit code ${e.code}`;
  const what = {
    crashed: `the inference process crashed (${how})`,
    oom: `the inference process ran out of memory (${how}); try a smaller batch size`,
    killed: `the inference process was killed (${how}), usually by the system's out-of-memory killer; try a smaller batch size`,
    'abnormal-exit': `the inference process exited unexpectedly (${how})`,
    'clean-exit': 'the inference process exited before answering',
    'launch-failed': 'the inference process could not be started',
  }[reason];
  const tail = e.stderrTail ? ` Last output: ${e.stderrTail.split('\n').slice(-3).join(' | ')}` : '';
  return `${what}. Deep-feature inference stopped; the project and its data are unchanged.${tail}`;
}

export interface InferenceClientOptions {
  spawn?: HostSpawner;
  /** Receives the host's log lines (provider fallbacks are 'warn'); default: warnings to console.warn. */
  log?: (level: 'info' | 'warn', message: string) => void;
  /** Allow the test-only crash request. */
  testHooks?: boolean;
  /** How long to wait for the host to start, ms. */
  startTimeoutMs?: number;
}

export interface EmbedOptions {
  batchSize: number;
  outputs: RunOutput[];
  /** Called after each batch with the number of images done. */
  onProgress?: (done: number) => void;
  signal?: AbortSignal;
}

export interface EmbedResult {
  /** count × featureCount, when requested. */
  features?: Float32Array;
  /** count × C × h × w, when requested. */
  cam?: Float32Array;
  /** Sum of the host's session.run times, ms. */
  inferenceMs: number;
  batches: number;
}

/** A request before it gets its sequence number (distributes over the union). */
type Unsent<T> = T extends unknown ? Omit<T, 'seq'> : never;

interface Pending {
  resolve(v: unknown): void;
  reject(e: Error): void;
}

export class InferenceClient {
  private seq = 0;
  private readonly pending = new Map<number, Pending>();
  private dead: Error | undefined;
  private model: { spec: ModelLoadSpec; info: LoadedModelInfo } | undefined;
  private readonly exited: Promise<void>;

  private constructor(
    private readonly channel: HostChannel,
    private readonly log: (level: 'info' | 'warn', message: string) => void,
    ready: { resolve(): void; reject(e: Error): void },
  ) {
    let markExited: () => void = () => {};
    this.exited = new Promise((r) => (markExited = r));
    channel.onMessage((msg) => {
      if (msg.type === 'ready') return ready.resolve();
      if (msg.type === 'log') return this.log(msg.level, msg.message);
      const p = this.pending.get(msg.seq);
      if (!p) return;
      this.pending.delete(msg.seq);
      if (msg.type === 'error') p.reject(new WorkerTaskError(msg.error));
      else p.resolve(msg.type === 'loaded' ? msg.info : msg.result);
    });
    channel.onExit((exit) => {
      const err = new InferenceHostError(exit, classify(exit));
      this.dead ??= err;
      for (const p of this.pending.values()) p.reject(this.dead);
      this.pending.clear();
      ready.reject(this.dead);
      markExited();
    });
  }

  /** Start a host process and wait until it is ready. */
  static async start(options: InferenceClientOptions = {}): Promise<InferenceClient> {
    const spawn = options.spawn ?? forkInferenceHost;
    const log = options.log ?? ((level, message) => level === 'warn' && console.warn(`inference: ${message}`));
    let ready!: { resolve(): void; reject(e: Error): void };
    const started = new Promise<void>((resolve, reject) => (ready = { resolve, reject }));
    const client = new InferenceClient(spawn(options.testHooks ? { DLRN_INFERENCE_TEST_HOOKS: '1' } : {}), log, ready);
    const timeoutMs = options.startTimeoutMs ?? 60_000;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`the inference process did not start within ${timeoutMs / 1000} s`)), timeoutMs);
    });
    try {
      await Promise.race([started, timeout]);
    } catch (err) {
      client.channel.kill();
      throw err;
    } finally {
      clearTimeout(timer);
    }
    return client;
  }

  private request<T>(msg: Unsent<HostRequest>): Promise<T> {
    if (this.dead) return Promise.reject(this.dead);
    const seq = ++this.seq;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(seq, { resolve: resolve as (v: unknown) => void, reject });
      this.channel.send({ ...msg, seq } as HostRequest);
    });
  }

  /**
   * Load a model (replacing any loaded one). Rejects with the host's ModelNotFoundError,
   * ModelChecksumError, ModelFormatError or ModelShapeError (by `name`) when the file is wrong.
   */
  async load(spec: ModelLoadSpec, options: Partial<HostOptions> = {}): Promise<LoadedModelInfo> {
    const hostOptions: HostOptions = { providers: options.providers ?? ['cpu'], intraOpNumThreads: options.intraOpNumThreads ?? 0 };
    const info = await this.request<LoadedModelInfo>({ type: 'load', spec, options: hostOptions });
    this.model = { spec, info };
    return info;
  }

  /** The loaded model's info (after {@link load}). */
  get loaded(): LoadedModelInfo | undefined {
    return this.model?.info;
  }

  /** Run one batch; `input` is batch × C × H × W and is copied to the host. */
  runBatch(input: Float32Array, batch: number, outputs: RunOutput[]): Promise<RunResult> {
    return this.request<RunResult>({ type: 'run', input, batch, outputs });
  }

  /**
   * Run `count` images (`images` = count × C × H × W) in batches of at most `batchSize` (and never above
   * a model's fixed batch; a short last batch is zero-padded to it). Two batches are kept in flight so
   * the copy of the next overlaps the current run.
   */
  async embed(images: Float32Array, count: number, options: EmbedOptions): Promise<EmbedResult> {
    if (!this.model) throw new Error('no model loaded: call load() first');
    const { spec, info } = this.model;
    const per = spec.inputSize[0] * spec.inputSize[1] * spec.inputSize[2];
    if (images.length !== count * per) throw new RangeError(`${images.length} values for ${count} images of ${per}`);
    const size = info.fixedBatch ?? Math.max(1, Math.floor(options.batchSize));
    const step = Math.min(size, Math.max(1, Math.floor(options.batchSize)));
    const featureWidth = spec.featureCount;
    const camWidth = spec.featureCount * spec.camGrid[0] * spec.camGrid[1];
    const result: EmbedResult = { inferenceMs: 0, batches: 0 };
    if (options.outputs.includes('features')) result.features = new Float32Array(count * featureWidth);
    if (options.outputs.includes('cam')) result.cam = new Float32Array(count * camWidth);
    const starts: number[] = [];
    for (let s = 0; s < count; s += step) starts.push(s);
    const send = (start: number): Promise<RunResult> => {
      const n = Math.min(step, count - start);
      const batch = info.fixedBatch ?? n;
      const input = new Float32Array(batch * per);
      input.set(images.subarray(start * per, (start + n) * per));
      return this.runBatch(input, batch, options.outputs);
    };
    let next = starts.length ? send(starts[0]) : undefined;
    for (let k = 0; k < starts.length; k++) {
      if (options.signal?.aborted) throw new Error('deep-feature inference cancelled');
      const current = next!;
      next = k + 1 < starts.length ? send(starts[k + 1]) : undefined;
      // Keep the in-flight request from reporting an unhandled rejection while we await the current one.
      next?.catch(() => {});
      const r = await current;
      const start = starts[k];
      const n = Math.min(step, count - start);
      if (result.features && r.features) result.features.set(r.features.subarray(0, n * featureWidth), start * featureWidth);
      if (result.cam && r.cam) result.cam.set(r.cam.subarray(0, n * camWidth), start * camWidth);
      result.inferenceMs += r.inferenceMs;
      result.batches++;
      options.onProgress?.(start + n);
    }
    return result;
  }

  /** Test hook: make the host crash (only honoured when started with `testHooks`). */
  crashForTest(how: 'abort' | 'exit' | 'kill'): void {
    this.channel.send({ type: 'crash', seq: ++this.seq, how });
  }

  /** Whether the host is gone (crashed or closed). */
  get closed(): boolean {
    return this.dead !== undefined;
  }

  /** Stop the host and wait for it to exit. */
  async close(): Promise<void> {
    if (!this.dead) {
      this.dead = new Error('the inference client is closed');
      this.channel.kill();
    }
    await this.exited;
  }
}

export type { ExecutionProvider, LoadedModelInfo, ModelLoadSpec, RunOutput };
