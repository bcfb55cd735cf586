import type { Volume } from '../engine/image/volume';
import { extractCase, type FeatureValue } from '../engine/radiomics/extractor';
import { extractCaseIbsi } from '../engine/radiomics/ibsi/extract';
import { parseParams } from '../engine/radiomics/paramsFile';
import type { StageEvent } from '../engine/study/stageGraph';
import { computeStudyRequest, type StudyWorkerRequest } from '../services/studyJob';
import type { StudyComputation } from '../services/studyRunner';
import type { WorkerTask } from './rpc';

/**
 * The methods a compute worker offers. Each takes structured-clonable arguments and returns a
 * structured-clonable result (typed arrays are transferred). Engine code only: no Electron.
 */
export const computeMethods = {
  /** Liveness check used by the pool's tests. */
  async ping(x: number): Promise<number> {
    return x + 1;
  },
  /** Sum of a Float64Array (exercises typed-array transfer). */
  async sum(data: Float64Array): Promise<number> {
    let s = 0;
    for (let i = 0; i < data.length; i++) s += data[i];
    return s;
  },
  /** Busy loop for `ms` milliseconds (exercises cancellation). */
  async spin(ms: number): Promise<number> {
    const end = Date.now() + ms;
    let n = 0;
    while (Date.now() < end) n++;
    return n;
  },
  /**
   * pyradiomics-equivalent features of one image + mask (label 1 unless given); parameters as
   * YAML/JSON text (a parameter file with an `ibsi` block runs the IBSI compliance mode).
   */
  async extractRadiomics(
    image: Volume,
    mask: Volume,
    paramsText: string,
    options: { label?: number; versions?: Record<string, string> } = {},
  ): Promise<[string, FeatureValue][]> {
    const params = parseParams(paramsText);
    const extract = params.settings.ibsi ? extractCaseIbsi : extractCase;
    return [...extract({ image, maskChannels: [mask] }, params, { label: options.label, versions: options.versions })];
  },
  /**
   * A study's stages (the 'study.run' job): reports each stage's event as it finishes and returns the results
   * and tables for the main side to write.
   */
  async computeStudy(this: WorkerTask<StageEvent>, request: StudyWorkerRequest): Promise<StudyComputation> {
    return computeStudyRequest(request, (e) => this.progress(e));
  },
} satisfies Record<string, (...args: never[]) => Promise<unknown>>;

export type ComputeMethods = typeof computeMethods;
