/**
 * One case's extraction spread over worker threads: the main thread runs the case preparation
 * (checks, diagnostics: `prepareCase`), then the enabled image types — LoG split per σ — run as
 * independent jobs on the pool (`imageTypeFeatures`), largest first, while the main thread computes
 * shape (`shapeColumns`); the columns are joined in
 * parameter-file order. The result is the row `extractCase` returns, value for value: every job runs
 * the same engine code on the same prepared data.
 */
import { Worker } from 'node:worker_threads';
import {
  imageTypeFeatures,
  prepareCase,
  shapeColumns,
  type CaseImages,
  type ExtractOptions,
  type FeatureRow,
  type FeatureValue,
  type PreparedCase,
} from '../../main/engine/radiomics/extractor';
import type { ExtractionParams, ImageTypeSpec } from '../../main/engine/radiomics/paramsFile';

const BOOTSTRAP = new URL('../../main/workers/tsxWorkerBootstrap.mjs', import.meta.url);
const ENTRY = new URL('./imageTypeWorker.ts', import.meta.url).href;

/** Messages to an image-type worker. */
export type ImageTypeRequest =
  | { kind: 'case'; caseId: number; prepared: PreparedCase; params: ExtractionParams }
  | { kind: 'job'; caseId: number; jobId: number; spec: ImageTypeSpec }
  | { kind: 'drop'; caseId: number };

/** A worker's answer to a job: the columns, or the error message; `ms` = the job's wall time. */
export type ImageTypeResponse =
  | { jobId: number; ok: true; columns: [string, FeatureValue][]; ms: number }
  | { jobId: number; ok: false; error: string };

/**
 * The image-type jobs of a parameter set in output order: every enabled image type, LoG split into
 * one job per σ (each σ is filtered independently, so the columns are the same).
 */
export function imageTypeJobs(params: ExtractionParams): ImageTypeSpec[] {
  const jobs: ImageTypeSpec[] = [];
  for (const spec of params.imageTypes) {
    if (spec.key !== 'LoG' || spec.filter.sigma.length < 2) {
      jobs.push(spec);
      continue;
    }
    spec.filter.sigma.forEach((sigma, i) => {
      const text = spec.filter.sigmaText[i] ?? String(sigma);
      jobs.push({ ...spec, filter: { ...spec.filter, sigma: [sigma], sigmaText: [text] } });
    });
  }
  return jobs;
}

/** Relative cost of a job (number of derived images, the filter counted as part of it): dispatch order. */
function jobCost(spec: ImageTypeSpec): number {
  switch (spec.key) {
    case 'Wavelet':
      return 10 * spec.filter.level;
    case 'LBP3D':
      return 3 + 2 * spec.filter.lbp3DLevels;
    case 'LoG':
      return 1.3 * spec.filter.sigma.length;
    default:
      return 1;
  }
}

interface Slot {
  worker: Worker;
  /** Resolves the job in flight. */
  settle?: (r: ImageTypeResponse) => void;
  online: Promise<void>;
  /** Why the worker stopped (it takes no more jobs), once it has. */
  stopped?: string;
}

/** Worker threads computing image-type jobs (`imageTypeWorker.ts`), started through the tsx bootstrap. */
export class ImageTypePool {
  private readonly slots: Slot[] = [];
  private nextCase = 0;

  constructor(readonly size: number) {
    for (let i = 0; i < Math.max(1, size); i++) this.slots.push(this.spawn());
  }

  private spawn(): Slot {
    const worker = new Worker(BOOTSTRAP, { workerData: { __tsEntry: ENTRY } });
    const slot: Slot = { worker, online: new Promise((resolve) => worker.once('online', () => resolve())) };
    const fail = (error: string): void => {
      slot.stopped ??= error;
      const settle = slot.settle;
      slot.settle = undefined;
      settle?.({ jobId: -1, ok: false, error });
    };
    worker.on('message', (r: ImageTypeResponse) => {
      const settle = slot.settle;
      slot.settle = undefined;
      settle?.(r);
    });
    worker.on('error', (err) => fail(`worker failed: ${err.message}`));
    worker.on('exit', () => fail('worker exited unexpectedly'));
    return slot;
  }

  /** Resolves once every worker thread runs (their module loading is then off the timed path). */
  async ready(): Promise<void> {
    await Promise.all(this.slots.map((s) => s.online));
  }

  /**
   * Run `jobs` of one prepared case on the pool, largest first (`jobCost`); resolves with each job's
   * columns in job order. Rejects with the first failure.
   */
  async run(prepared: PreparedCase, params: ExtractionParams, jobs: readonly ImageTypeSpec[], onJob?: (spec: ImageTypeSpec, ms: number) => void): Promise<[string, FeatureValue][][]> {
    const caseId = this.nextCase++;
    const order = jobs.map((_, i) => i).sort((a, b) => jobCost(jobs[b]!) - jobCost(jobs[a]!));
    const results = new Array<[string, FeatureValue][]>(jobs.length);
    const used = this.slots.slice(0, Math.min(this.slots.length, jobs.length));
    for (const slot of used) slot.worker.postMessage({ kind: 'case', caseId, prepared, params } satisfies ImageTypeRequest);
    let failure: string | undefined;
    const drain = async (slot: Slot): Promise<void> => {
      for (let next = order.shift(); next !== undefined && failure === undefined; next = order.shift()) {
        if (slot.stopped !== undefined) {
          failure ??= slot.stopped;
          return;
        }
        const jobId = next;
        const r = await new Promise<ImageTypeResponse>((resolve) => {
          slot.settle = resolve;
          slot.worker.postMessage({ kind: 'job', caseId, jobId, spec: jobs[jobId]! } satisfies ImageTypeRequest);
        });
        if (!r.ok) {
          failure ??= r.error;
          return;
        }
        results[jobId] = r.columns;
        onJob?.(jobs[jobId]!, r.ms);
      }
    };
    await Promise.all(used.map(drain));
    for (const slot of used) slot.worker.postMessage({ kind: 'drop', caseId } satisfies ImageTypeRequest);
    if (failure !== undefined) throw new Error(failure);
    return results;
  }

  /** Stop every worker. */
  async close(): Promise<void> {
    await Promise.all(this.slots.map((s) => s.worker.terminate()));
  }
}

/**
 * {@link extractCase} with the image types computed on `pool`: same keys, order and values. The
 * preparation runs on the calling thread, then shape there too while the workers start on the image types; `options.onStage` sees 'prepare', 'shape' and one
 * 'job <image type>' stage per job (its wall time inside the worker).
 */
export async function parallelExtractCase(images: CaseImages, params: ExtractionParams, options: ExtractOptions, pool: ImageTypePool): Promise<FeatureRow> {
  const jobs = imageTypeJobs(params);
  const parallel = jobs.length > 1 && pool.size > 1;
  const prepared = prepareCase(images, params, options, { deferShape: parallel });
  const onJob = options.onStage ? (spec: ImageTypeSpec, ms: number) => options.onStage!(`job ${spec.key}`, ms) : undefined;
  let results: [string, FeatureValue][][];
  if (parallel) {
    // run() hands each worker its first job before returning; shape then runs here meanwhile
    const pending = pool.run(prepared, params, jobs, onJob);
    prepared.head.push(...shapeColumns(prepared, params, options.onStage));
    results = await pending;
  } else {
    results = jobs.map((spec) => imageTypeFeatures(prepared, spec, params, options.onStage));
  }
  const row: FeatureRow = new Map(prepared.head);
  for (const columns of results) for (const [k, v] of columns) row.set(k, v);
  return row;
}
