/**
 * Deep features of a patient's phases: preprocess each phase's ROI (engine, pure TS), run the batch
 * through the crash-isolated inference host, and name the pooled outputs
 * `<phase>_<stem>_<index>` with full provenance (model, checksum, provider, preprocessing settings).
 */
import type { Volume } from '../engine/image/volume';
import type { ModelManifest } from '../engine/deepFeatures/manifest';
import { checkPhasePrefix, deepFeatureNames } from '../engine/deepFeatures/naming';
import { preprocessRoi, type DeepPreprocessSettings, type PreprocessedRoi } from '../engine/deepFeatures/preprocess';
import type { InferenceClient, ModelLoadSpec } from './inferenceClient';

/** The load request for a manifest's model at `path`. */
export function modelLoadSpec(manifest: ModelManifest, path: string, expectedSha256: string | null): ModelLoadSpec {
  return {
    path,
    expectedSha256,
    inputName: manifest.input.name,
    inputSize: manifest.input.size,
    featureTensor: manifest.features.tensor,
    featureCount: manifest.features.count,
    camTensor: manifest.lastConvBlock.tensor,
    camGrid: manifest.lastConvBlock.grid,
  };
}

export interface PhaseInput {
  /** Phase prefix of the feature names (e.g. 'A', 'V', 'D'). */
  phase: string;
  image: Volume;
  mask: Volume;
  patient?: string;
}

export interface DeepFeatureProvenance {
  modelId: string;
  modelTitle: string;
  modelFile: string;
  sha256: string;
  provider: string;
  onnxruntimeVersion: string;
  featureTensor: string;
  input: ModelManifest['input'];
  preprocessing: DeepPreprocessSettings;
  /** Per phase: slice, slab and box the network saw. */
  rois: { phase: string; slice: number; slab: [number, number]; box: PreprocessedRoi['box']; roiPixels: number }[];
}

export interface PhaseFeatures {
  phase: string;
  names: string[];
  values: Float32Array;
  roi: PreprocessedRoi;
  /** Last-conv-block activations (C × h × w) when requested. */
  cam?: Float32Array;
}

export interface DeepFeatureResult {
  phases: PhaseFeatures[];
  provenance: DeepFeatureProvenance;
  timing: { preprocessMs: number; inferenceMs: number };
}

/**
 * Features of every phase. `client` must have loaded `manifest`'s model (see {@link modelLoadSpec}).
 */
export async function extractDeepFeatures(
  client: InferenceClient,
  manifest: ModelManifest,
  modelFile: string,
  phases: PhaseInput[],
  settings: DeepPreprocessSettings,
  options: { batchSize?: number; withCam?: boolean } = {},
): Promise<DeepFeatureResult> {
  const info = client.loaded;
  if (!info) throw new Error('no model loaded in the inference client');
  for (const p of phases) checkPhasePrefix(p.phase);
  const t0 = performance.now();
  const rois = phases.map((p) => preprocessRoi(p.image, p.mask, manifest.input, settings, { patient: p.patient, phase: p.phase }));
  const per = rois[0]?.tensor.length ?? 0;
  const batch = new Float32Array(per * rois.length);
  rois.forEach((r, i) => batch.set(r.tensor, i * per));
  const preprocessMs = performance.now() - t0;
  const outputs: ('features' | 'cam')[] = options.withCam ? ['features', 'cam'] : ['features'];
  const run = await client.embed(batch, rois.length, { batchSize: options.batchSize ?? 16, outputs });
  const c = manifest.features.count;
  const camSize = c * manifest.lastConvBlock.grid[0] * manifest.lastConvBlock.grid[1];
  return {
    phases: phases.map((p, i) => ({
      phase: p.phase,
      names: deepFeatureNames(p.phase, manifest.features.nameStem, c),
      values: run.features!.slice(i * c, (i + 1) * c),
      roi: rois[i],
      cam: run.cam?.slice(i * camSize, (i + 1) * camSize),
    })),
    provenance: {
      modelId: manifest.id,
      modelTitle: manifest.title,
      modelFile,
      sha256: info.sha256,
      provider: info.provider,
      onnxruntimeVersion: info.onnxruntimeVersion,
      featureTensor: manifest.features.tensor,
      input: manifest.input,
      preprocessing: settings,
      rois: phases.map((p, i) => ({ phase: p.phase, slice: rois[i].slice, slab: rois[i].slab, box: rois[i].box, roiPixels: rois[i].roiPixels })),
    },
    timing: { preprocessMs, inferenceMs: run.inferenceMs },
  };
}
