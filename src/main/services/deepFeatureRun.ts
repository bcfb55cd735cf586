import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadManifest } from '../engine/deepFeatures/manifest';
import { resolvePreprocessSettings } from '../engine/deepFeatures/preprocess';
import { buildResNet18 } from '../engine/deepFeatures/testNetwork';
import type { Project } from '../storage/project';
import { extractDeepFeatures, modelLoadSpec } from './deepFeatureService';
import { InferenceClient } from './inferenceClient';
import { JobCancelledError } from './jobQueue';
import { bundledManifestDir, defaultModelsDir, ModelStore, resolveModel } from './modelStore';

/** Label of results computed with the random-init test network: never clinical. */
export const TEST_NETWORK_LABEL = 'random-init ResNet-18 test network (NOT ImageNet-pretrained; results are not clinical)';

const PREFIX: Record<string, string> = { arterial: 'A', venous: 'V', delayed: 'D' };

export interface DeepRunOptions {
  /** Masks of this reader (latest version; optionally one session). */
  reader: string;
  sessionId?: number;
  /** Use the test network when no pretrained ResNet-18 is registered (default false: error). */
  allowTestNetwork?: boolean;
  appVersion: string;
  /** Checked between patients; a cancelled (or failed) run is removed with its values. */
  signal?: AbortSignal;
  onProgress?(fraction: number, message: string): void;
}

export interface DeepRunReport {
  runId: number;
  model: string;
  provider: string;
  patients: number;
  failed: { patientId: string; reason: string }[];
}

/**
 * ResNet-18 penultimate-layer features of every patient's arterial, venous and delayed phases, in
 * the crash-isolated inference host, stored as a `deep` feature run (model checksum, provider and
 * preprocessing recorded). Without a registered pretrained model it uses the deterministic
 * random-init test network when allowed, and says so in the run's parameters.
 */
export async function runDeepFeatures(project: Project, opts: DeepRunOptions): Promise<DeepRunReport> {
  const db = project.db;
  const manifest = loadManifest(bundledManifestDir(), 'resnet18');
  const store = new ModelStore(defaultModelsDir());
  let modelPath: string;
  let expected: string | null;
  let label: string = manifest.title;
  let tmp: string | undefined;
  if (store.registration('resnet18')) {
    const resolved = resolveModel(manifest, store);
    modelPath = resolved.path;
    expected = resolved.expectedSha256;
  } else if (opts.allowTestNetwork) {
    tmp = mkdtempSync(join(tmpdir(), 'dlrn-testnet-'));
    modelPath = join(tmp, 'resnet18-random-init.onnx');
    writeFileSync(modelPath, buildResNet18({ width: 64, logits: false }).bytes);
    expected = null;
    label = TEST_NETWORK_LABEL;
  } else {
    resolveModel(manifest, store); // throws the "not installed" message naming how to install it
    throw new Error('unreachable');
  }
  const reader = db.prepare('SELECT id FROM readers WHERE name = ?').get(opts.reader) as { id: number } | undefined;
  if (!reader) throw new Error(`reader '${opts.reader}' is not in the project`);
  const rows = db
    .prepare(
      `SELECT v.patient_id AS patientId, v.phase, v.content_hash AS image,
              (SELECT s.content_hash FROM segmentations s WHERE s.volume_id = v.id AND s.reader_id = ? AND s.content_hash IS NOT NULL
                 AND (? IS NULL OR s.session_id = ?) ORDER BY s.version DESC, s.id DESC LIMIT 1) AS mask
       FROM volumes v WHERE v.phase IN ('arterial', 'venous', 'delayed') ORDER BY v.patient_id, v.phase`,
    )
    .all(reader.id, opts.sessionId ?? null, opts.sessionId ?? null) as { patientId: string; phase: string; image: string; mask: string | null }[];
  const byPatient = new Map<string, typeof rows>();
  for (const r of rows) byPatient.set(r.patientId, [...(byPatient.get(r.patientId) ?? []), r]);

  const settings = resolvePreprocessSettings();
  const client = await InferenceClient.start({ log: () => {} });
  const report: DeepRunReport = { runId: 0, model: label, provider: '', patients: 0, failed: [] };
  try {
    const info = await client.load(modelLoadSpec(manifest, modelPath, expected));
    report.provider = info.provider;
    report.runId = Number(
      db
        .prepare("INSERT INTO feature_runs (kind, params_hash, params_json, software_version, model_sha256, provider) VALUES ('deep', ?, ?, ?, ?, ?)")
        .run(info.sha256, JSON.stringify({ model: label, modelId: manifest.id, reader: opts.reader, sessionId: opts.sessionId ?? null, preprocessing: settings }), opts.appVersion, info.sha256, info.provider)
        .lastInsertRowid,
    );
    const insertValue = db.prepare('INSERT INTO feature_values (run_id, patient_id, phase, feature, value) VALUES (?, ?, ?, ?, ?)');
    const insertInput = db.prepare('INSERT INTO feature_run_inputs (run_id, patient_id, phase, diagnostics_json) VALUES (?, ?, ?, ?)');
    let done = 0;
    for (const [patientId, phases] of byPatient) {
      if (opts.signal?.aborted) throw new JobCancelledError();
      opts.onProgress?.(done++ / byPatient.size, `deep features ${patientId}`);
      const missing = phases.filter((p) => !p.mask);
      if (missing.length) {
        report.failed.push({ patientId, reason: `no mask of reader '${opts.reader}' for ${missing.map((m) => m.phase).join(', ')}` });
        continue;
      }
      let result;
      try {
        result = await extractDeepFeatures(
          client,
          manifest,
          modelPath,
          phases.map((p) => ({ phase: PREFIX[p.phase], image: project.store.getVolume(p.image), mask: project.store.getVolume(p.mask!), patient: patientId })),
          settings,
          { batchSize: 3 },
        );
      } catch (err) {
        report.failed.push({ patientId, reason: (err as Error).message });
        continue;
      }
      db.transaction(() => {
        result.phases.forEach((ph, i) => {
          const phase = phases[i].phase;
          ph.names.forEach((name, k) => insertValue.run(report.runId, patientId, phase, name.slice(ph.phase.length + 1), ph.values[k]));
          insertInput.run(report.runId, patientId, phase, JSON.stringify(result.provenance.rois[i]));
        });
      })();
      report.patients++;
    }
    db.prepare("UPDATE feature_runs SET status = 'done' WHERE id = ?").run(report.runId);
  } catch (err) {
    if (report.runId) removeRun(project, report.runId);
    throw err;
  } finally {
    await client.close();
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  }
  return report;
}

/** Delete a deep run that did not finish; its values and inputs go with it (ON DELETE CASCADE). */
function removeRun(project: Project, runId: number): void {
  project.db.prepare('DELETE FROM feature_runs WHERE id = ?').run(runId);
}
