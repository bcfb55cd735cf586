/**
 * Execution of the pipeline's stages with a content-addressed cache. Each stage declares its settings, the
 * stages it reads and the raw data slices it reads; its cache key is
 *   key = SHA-256(canonical JSON {stage, settings, inputs: [SHA-256 of each input stage's encoded output],
 *                                 data: [SHA-256 of each declared data slice], salt}),
 * where `salt` names the code that computes the stages (the software version), so an upgrade never reuses
 * outputs of older code,
 * so an identical re-run reuses every stage, and changing one setting re-runs that stage and only those
 * downstream stages whose inputs actually changed. A stage sees only the data slices it declared.
 */
import { canonicalHash, sha256Hex } from './canonicalJson';
import { decodeStageOutput, encodeStageOutput } from './stageCodec';
import type { ClinicalColumn, ClinicalData, StudyInput } from './studyData';

/** A stage failed; the message names the stage, `cause` is the original error. */
export class StageError extends Error {
  override name = 'StageError';
  constructor(
    readonly stage: string,
    cause: Error,
  ) {
    super(`stage ${stage} failed: ${cause.message}`, { cause });
  }
}

/** Raw data a stage reads: named clinical columns, the feature matrix, or the ICC ratings. */
export type DataRef = { kind: 'clinical'; columns: readonly string[] } | { kind: 'features' } | { kind: 'icc' };

/** What a running stage can read. */
export interface StageContext {
  /** Output of an upstream stage listed in `inputs`. */
  input<T>(name: string): T;
  /** The data slices the stage declared (other clinical columns are absent). */
  data: StudyInput;
}

/** One pipeline stage. `settings` must be plain JSON; `run` must be deterministic and return an encodable value. */
export interface StageSpec {
  name: string;
  settings: unknown;
  inputs: readonly string[];
  data: readonly DataRef[];
  run(ctx: StageContext): unknown;
}

/** Key → encoded output store (the runner backs it with files under OUT_DIR/.cache). */
export interface StageCache {
  get(key: string): string | undefined;
  set(key: string, text: string): void;
}

/** Reported once per stage. */
export interface StageEvent {
  stage: string;
  key: string;
  status: 'ran' | 'cached';
  ms: number;
}

function bytes(a: Float64Array): Uint8Array {
  return new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
}

function columnHash(ids: readonly string[], name: string, c: ClinicalColumn): string {
  const h = sha256Hex(JSON.stringify([ids, name, c.kind]));
  return sha256Hex(h + (c.kind === 'number' ? sha256Hex(bytes(c.values)) : sha256Hex(JSON.stringify(c.values))));
}

/** Content hashes of the input's parts (features, each clinical column, ICC ratings). */
export interface InputHashes {
  features: string;
  clinical: Map<string, string>;
  icc: string | null;
}

/** Hashes every part of a study input once. */
export function hashStudyInput(input: StudyInput): InputHashes {
  const f = input.features;
  const parts = [sha256Hex(JSON.stringify([f.ids, f.names, f.ignoredColumns, f.extractionErrors])), ...f.columns.map((c) => sha256Hex(bytes(c)))];
  const clinical = new Map<string, string>();
  for (const [name, c] of input.clinical.columns) clinical.set(name, columnHash(input.clinical.ids, name, c));
  let icc: string | null = null;
  if (input.icc) {
    const r = input.icc;
    icc = sha256Hex(
      [sha256Hex(JSON.stringify([r.feature, r.patient, [...r.ratings.keys()]])), ...[...r.ratings.values()].map((v) => sha256Hex(bytes(v)))].join(''),
    );
  }
  return { features: sha256Hex(parts.join('')), clinical, icc };
}

function dataView(input: StudyInput, refs: readonly DataRef[]): StudyInput {
  const columns = new Map<string, ClinicalColumn>();
  let features = false;
  let icc = false;
  for (const r of refs) {
    if (r.kind === 'clinical') for (const c of r.columns) {
      const col = input.clinical.columns.get(c);
      if (col) columns.set(c, col);
    }
    else if (r.kind === 'features') features = true;
    else icc = true;
  }
  const clinical: ClinicalData = { ids: input.clinical.ids, columns };
  return {
    clinical,
    features: features ? input.features : { ids: [], names: [], columns: [], ignoredColumns: [], extractionErrors: [] },
    ...(icc && input.icc ? { icc: input.icc } : {}),
  };
}

function dataHashes(refs: readonly DataRef[], h: InputHashes): string[] {
  return refs.map((r) => {
    if (r.kind === 'features') return `features:${h.features}`;
    if (r.kind === 'icc') return `icc:${h.icc ?? 'none'}`;
    return `clinical:${r.columns.map((c) => `${c}=${h.clinical.get(c) ?? 'absent'}`).join(',')}`;
  });
}

/** Outputs of every stage, by name, and the SHA-256 of each encoded output. */
export interface StageResults {
  outputs: Map<string, unknown>;
  hashes: Map<string, string>;
}

/**
 * Runs `stages` (in the given order, which must list every stage after its inputs), reusing cached outputs.
 * @throws Error when a stage names an input that has not run before it
 */
export function executeStages(
  stages: readonly StageSpec[],
  input: StudyInput,
  cache: StageCache,
  onEvent: (e: StageEvent) => void = () => {},
  inputHashes: InputHashes = hashStudyInput(input),
  salt = '',
): StageResults {
  const outputs = new Map<string, unknown>();
  const hashes = new Map<string, string>();
  for (const stage of stages) {
    const inputs = stage.inputs.map((name) => {
      const h = hashes.get(name);
      if (h === undefined) throw new Error(`stage ${stage.name} reads ${name}, which has not run before it`);
      return `${name}:${h}`;
    });
    const key = canonicalHash({ stage: stage.name, settings: stage.settings ?? null, inputs, data: dataHashes(stage.data, inputHashes), salt });
    const t0 = performance.now();
    const cached = cache.get(key);
    let text: string;
    if (cached !== undefined) {
      text = cached;
      outputs.set(stage.name, decodeStageOutput(text));
    } else {
      const ctx: StageContext = {
        input: <T>(name: string): T => {
          if (!stage.inputs.includes(name)) throw new Error(`stage ${stage.name} reads ${name} without declaring it`);
          return outputs.get(name) as T;
        },
        data: dataView(input, stage.data),
      };
      let value: unknown;
      try {
        value = stage.run(ctx);
      } catch (err) {
        throw new StageError(stage.name, err as Error);
      }
      text = encodeStageOutput(value);
      cache.set(key, text);
      // successors always receive the decoded form, so a cached and a fresh run feed them the same values
      outputs.set(stage.name, decodeStageOutput(text));
    }
    hashes.set(stage.name, sha256Hex(text));
    onEvent({ stage: stage.name, key, status: cached !== undefined ? 'cached' : 'ran', ms: performance.now() - t0 });
  }
  return { outputs, hashes };
}

/** An in-memory cache (tests, one-off runs). */
export function memoryCache(): StageCache & { size(): number } {
  const m = new Map<string, string>();
  return { get: (k) => m.get(k), set: (k, t) => void m.set(k, t), size: () => m.size };
}
