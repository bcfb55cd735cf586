/**
 * The activation-map overlay of one study patient for the patient report: the project's deep feature run that
 * the study read (named in results.json's `input.source`) is re-run for this patient — same network (checksum
 * verified by the inference host), same reader's masks, same preprocessing — with the last conv block returned,
 * and the block is weighted by the DLRN signature's deep-feature coefficients (`engine/deepFeatures/cam`).
 *
 * Weights: the signature scores the harmonised features x* with β_raw = β/s (results `coefficientRaw`); for a
 * feature ComBat adjusted, x* is affine in the extracted value x with slope 1/√δ*_b of the patient's batch b
 * (no slope for the reference batch), so the CAM weight of channel k is w_k = β_raw,k / √δ*_b,k — the map is
 * the spatial distribution of the deep features' contribution to this patient's signature score.
 * Phases: each phase with a deep feature in the signature, on the axial slice with the largest ROI area.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { camWeightsFromCoefficients, renderActivationOverlay, type CamWeight } from '../engine/deepFeatures/cam';
import { loadManifest } from '../engine/deepFeatures/manifest';
import type { DeepPreprocessSettings } from '../engine/deepFeatures/preprocess';
import { buildResNet18 } from '../engine/deepFeatures/testNetwork';
import { encodePng } from '../engine/image/png';
import { cropAroundBox } from '../engine/reports/activationView';
import { activationMapFigure, type ActivationPanelInput } from '../engine/reports/figures/activationMap';
import type { Figure } from '../engine/reports/figures/svg';
import type { StudyResults } from '../engine/study/resultsSchema';
import { clinicalText } from '../engine/study/studyData';
import type { Project } from '../storage/project';
import { TEST_NETWORK_LABEL } from './deepFeatureRun';
import { extractDeepFeatures, modelLoadSpec } from './deepFeatureService';
import { InferenceClient } from './inferenceClient';
import { bundledManifestDir, defaultModelsDir, ModelStore, resolveModel } from './modelStore';
import { projectClinicalData } from './projectStudySource';

/** The overlay figure with its caption, or why there is none. */
export type PatientActivationMap = { figure: Figure; caption: string } | { unavailable: string };

const PHASES: readonly { prefix: string; phase: string; label: string }[] = [
  { prefix: 'A', phase: 'arterial', label: 'Arterial phase' },
  { prefix: 'V', phase: 'venous', label: 'Venous phase' },
  { prefix: 'D', phase: 'delayed', label: 'Delayed phase' },
];

interface DeepRunParams {
  model?: string;
  modelId?: string;
  reader?: string;
  sessionId?: number | null;
  preprocessing?: DeepPreprocessSettings;
}

/** The deep feature run a study read from its project, from results.json's data-source line. */
export function studyDeepRun(results: StudyResults): number | null {
  const m = /, deep (\d+) \(/.exec(results.input.source);
  return m ? Number(m[1]) : null;
}

/** Per-feature ComBat slope divisor √δ* of the patient's batch (1 where the feature was not adjusted). */
function combatScale(project: Project, results: StudyResults, patientId: string): (feature: string) => number {
  const h = results.harmonisation;
  if (h.method !== 'combat' || !h.perFeature || !h.batchColumn) return () => 1;
  const clinical = projectClinicalData(project);
  const column = clinical.columns.get(h.batchColumn);
  const row = clinical.ids.indexOf(patientId);
  const batch = column && row >= 0 ? clinicalText(column, row) : null;
  const delta = batch === null ? undefined : h.perFeature.deltaStar[batch];
  return (feature) => {
    const j = h.features.indexOf(feature);
    const d = j >= 0 && !h.unadjusted.includes(feature) ? delta?.[j] : null;
    return d !== null && d !== undefined && d > 0 ? Math.sqrt(d) : 1;
  };
}

/** Computes the overlay (see the module comment); every failure becomes the reason the report prints. */
export async function patientActivationMap(project: Project, results: StudyResults, patientId: string): Promise<PatientActivationMap> {
  const runId = studyDeepRun(results);
  if (runId === null) return { unavailable: 'the study used no deep features (its data source names no deep feature run)' };
  const row = project.db.prepare("SELECT params_json, model_sha256 FROM feature_runs WHERE id = ? AND kind = 'deep'").get(runId) as
    | { params_json: string; model_sha256: string | null }
    | undefined;
  if (!row) return { unavailable: `the study's deep feature run ${runId} is not in this project` };
  const params = JSON.parse(row.params_json) as DeepRunParams;
  if (!params.preprocessing || !params.reader) return { unavailable: `deep feature run ${runId} does not record its reader and preprocessing` };
  const manifest = loadManifest(bundledManifestDir(), params.modelId ?? 'resnet18');
  const signature = results.signatures.find((s) => s.name === results.dlrn.signature);
  if (!signature) return { unavailable: `results have no signature '${results.dlrn.signature}'` };
  const scale = combatScale(project, results, patientId);
  const coefficients: [string, number][] = signature.coefficients.features.map((f) => [f.feature, f.coefficientRaw / scale(f.feature)]);
  const phases = PHASES.map((p) => ({ ...p, weights: camWeightsFromCoefficients(coefficients, p.prefix, manifest.features.nameStem) })).filter((p) => p.weights.length);
  if (!phases.length) return { unavailable: `the ${signature.label} selected no deep feature of ${manifest.id}, so no region of the image enters the score through the network` };

  const reader = project.db.prepare('SELECT id FROM readers WHERE name = ?').get(params.reader) as { id: number } | undefined;
  if (!reader) return { unavailable: `reader '${params.reader}' of deep feature run ${runId} is not in the project` };
  const volumes = project.db
    .prepare(
      `SELECT v.phase, v.content_hash AS image,
              (SELECT s.content_hash FROM segmentations s WHERE s.volume_id = v.id AND s.reader_id = ? AND s.content_hash IS NOT NULL
                 AND (? IS NULL OR s.session_id = ?) ORDER BY s.version DESC, s.id DESC LIMIT 1) AS mask
       FROM volumes v WHERE v.patient_id = ? AND v.phase IN (${phases.map(() => '?').join(', ')})`,
    )
    .all(reader.id, params.sessionId ?? null, params.sessionId ?? null, patientId, ...phases.map((p) => p.phase)) as { phase: string; image: string; mask: string | null }[];
  const inputs: { prefix: string; label: string; weights: CamWeight[]; image: string; mask: string }[] = [];
  for (const p of phases) {
    const v = volumes.find((x) => x.phase === p.phase);
    if (!v?.mask) return { unavailable: `patient ${patientId} has no ${p.phase} image with a mask of reader '${params.reader}'` };
    inputs.push({ prefix: p.prefix, label: p.label, weights: p.weights, image: v.image, mask: v.mask });
  }

  const label = params.model ?? manifest.title;
  let tmp: string | undefined;
  let client: InferenceClient | undefined;
  try {
    let modelPath: string;
    if (label === TEST_NETWORK_LABEL) {
      tmp = mkdtempSync(join(tmpdir(), 'dlrn-cam-'));
      modelPath = join(tmp, 'resnet18-random-init.onnx');
      writeFileSync(modelPath, buildResNet18({ width: 64, logits: false }).bytes);
    } else modelPath = resolveModel(manifest, new ModelStore(defaultModelsDir())).path;
    client = await InferenceClient.start({ log: () => {} });
    await client.load(modelLoadSpec(manifest, modelPath, row.model_sha256));
    const images = inputs.map((x) => project.store.getVolume(x.image));
    const result = await extractDeepFeatures(
      client,
      manifest,
      modelPath,
      inputs.map((x, i) => ({ phase: x.prefix, image: images[i], mask: project.store.getVolume(x.mask), patient: patientId })),
      params.preprocessing,
      { batchSize: inputs.length, withCam: true },
    );
    const [h, w] = manifest.lastConvBlock.grid;
    const panels: ActivationPanelInput[] = result.phases.map((ph, i) => {
      const overlay = renderActivationOverlay(images[i], ph.roi, ph.cam as Float32Array, { channels: manifest.features.count, h, w }, inputs[i].weights, params.preprocessing!.window);
      const view = cropAroundBox(overlay.png, ph.roi.box);
      return {
        title: `${inputs[i].label} (${inputs[i].prefix})`,
        png: encodePng(view.image),
        width: view.image.width,
        height: view.image.height,
        box: view.box,
        note: `slice ${ph.roi.slice + 1} of ${images[i].size[2]}; ${inputs[i].weights.length} weighted feature${inputs[i].weights.length === 1 ? '' : 's'}${overlay.peak === 0 ? '; no region raises the score' : ''}`,
      };
    });
    const win = params.preprocessing.window;
    const legend =
      `Network: ${label}. Colour: ReLU of the last-block activations weighted by the ${signature.label}'s deep-feature coefficients (CAM), ` +
      `scaled to its maximum per phase; grey: CT (window ${win.width}/${win.level} HU) on the axial slice with the largest ROI area; dashed: the ROI box the network saw.`;
    return {
      figure: activationMapFigure(panels, legend),
      caption: `Fig. 3 Activation map of the patient's tumour: where the deep features of the ${signature.label} raise this patient's score (${label}).`,
    };
  } catch (err) {
    return { unavailable: `the activation map could not be computed: ${(err as Error).message}` };
  } finally {
    await client?.close();
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  }
}
