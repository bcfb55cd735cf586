/**
 * The app's 'study.run' job off the main thread: the study's stages run in a compute worker (one pool task,
 * each stage reported as progress), and the main side writes results.json and the tables once the worker
 * has finished, so the UI, IPC and the loopback bridge stay responsive during a run and a cancelled run
 * (the worker terminated) leaves no results behind. The worker also reads the data: a project's feature runs
 * (seconds of SQLite reads for the 100-patient demo) through a read-only connection of its own. `dlrn study run` runs the same {@link computeStudy}
 * inline through {@link runStudy}.
 */
import { basename } from 'node:path';
import { parseStudyDefinition, type StudyDefinition } from '../engine/study/definition';
import type { StageEvent } from '../engine/study/stageGraph';
import type { StudyInput } from '../engine/study/studyData';
import { openProjectReadOnly } from '../storage/project';
import type { ComputePool } from '../workers/computePool';
import { projectStudySource, type ProjectStudyRuns } from './projectStudySource';
import { computeStudy, featureTableSource, removePartialCacheFiles, writeStudyOutputs, type StudyComputation } from './studyRunner';

/**
 * Where the worker reads the study's data: table files (feature-table route), or a project's feature runs and
 * clinical table (project route), read through a read-only connection of the worker's own.
 */
export type StudyWorkerData =
  | { kind: 'tables'; features: string; clinical: string; icc?: string }
  | { kind: 'project'; dir: string; runs: ProjectStudyRuns };

/** One study computation, as structured-clonable data (the definition travels as its YAML text). */
export interface StudyWorkerRequest {
  definitionText: string;
  /** The definition's file, for messages and relative parameter-file paths. */
  definitionPath: string;
  data: StudyWorkerData;
  outDir: string;
  software: { name: string; version: string };
}

/**
 * Reads a study's data: the tables of the feature-table route (labelled by file name, as the app shows them), or
 * the project route's runs in one read transaction (a consistent snapshot while the app may write).
 */
function loadStudyData(data: StudyWorkerData, definition: StudyDefinition): { input: StudyInput; describe: string } {
  if (data.kind === 'tables') {
    const source = featureTableSource({ features: data.features, clinical: data.clinical, ...(data.icc ? { icc: data.icc } : {}), label: (path) => basename(path) });
    return { input: source.load(definition), describe: source.describe() };
  }
  const project = openProjectReadOnly(data.dir);
  try {
    const source = projectStudySource(project, data.runs);
    return project.db.transaction(() => ({ input: source.load(definition), describe: source.describe() }))();
  } finally {
    project.close();
  }
}

/**
 * Runs a {@link StudyWorkerRequest} on the calling thread (the compute worker's side): parses the definition,
 * reads the data ({@link StudyWorkerData}) and computes the study, calling `onStage` after each stage.
 */
export function computeStudyRequest(request: StudyWorkerRequest, onStage: (e: StageEvent) => void): StudyComputation {
  const definition = parseStudyDefinition(request.definitionText, request.definitionPath);
  const { input, describe } = loadStudyData(request.data, definition);
  return computeStudy({ definition, input, describe, outDir: request.outDir, software: request.software, onStage });
}

/**
 * Computes a study in the compute pool and writes its outputs from the calling (main) thread.
 * Cancelling (`signal`) terminates the worker: the promise rejects, nothing is written to OUT_DIR except
 * whole stage-cache entries, and any temporary cache file the worker left is removed.
 * @returns the files written, relative to OUT_DIR
 */
export async function runStudyInPool(
  pool: ComputePool,
  request: StudyWorkerRequest,
  options: { signal?: AbortSignal; onStage?: (e: StageEvent) => void } = {},
): Promise<string[]> {
  let computed: StudyComputation;
  try {
    computed = await pool.run('computeStudy', [request], { signal: options.signal, onProgress: options.onStage });
  } catch (err) {
    if (options.signal?.aborted) removePartialCacheFiles(request.outDir);
    throw err;
  }
  if (options.signal?.aborted) throw new Error('task cancelled');
  return writeStudyOutputs(request.outDir, computed);
}
