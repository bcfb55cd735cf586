import { createHash } from 'node:crypto';
import type { FeatureValue } from '../engine/radiomics/extractor';
import { parseParams } from '../engine/radiomics/paramsFile';
import type { ComputePool } from '../workers/computePool';
import type { Project } from '../storage/project';

/** Which masks a run uses: the latest version of one reader's (optionally one session's) masks. */
export interface MaskSelection {
  reader: string;
  /**
   * A reading session id; null = masks drawn outside any reading session; undefined = masks of any
   * session of that reader (latest version).
   */
  sessionId?: number | null;
}

export interface ExtractionRunOptions {
  /** pyradiomics parameter file text (YAML or JSON). */
  paramsText: string;
  masks: MaskSelection;
  phases?: readonly string[];
  patients?: readonly string[];
  appVersion: string;
  signal?: AbortSignal;
  /** (patient, phase) pairs already stored by an interrupted run of the same feature run. */
  resume?: { runId: number };
  onProgress?(fraction: number, message: string): void;
  /** Called once the run row exists (the job's checkpoint, so a resumed job continues this run). */
  onRunCreated?(runId: number): void;
}

export interface ExtractionRunReport {
  runId: number;
  extracted: number;
  skipped: number;
  failed: { patientId: string; phase: string; reason: string }[];
  features: number;
}

interface Unit {
  patientId: string;
  phase: string;
  volumeId: number;
  volumeHash: string;
  segmentationId: number;
  maskHash: string;
  label: number;
}

/** sha256 of the parameter text and the mask selection: identifies what a run computed. */
export function paramsHash(paramsText: string, masks: MaskSelection): string {
  return createHash('sha256').update(JSON.stringify({ params: paramsText, masks })).digest('hex');
}

function units(project: Project, opts: ExtractionRunOptions): { todo: Unit[]; missing: { patientId: string; phase: string; reason: string }[] } {
  const db = project.db;
  const reader = db.prepare('SELECT id FROM readers WHERE name = ?').get(opts.masks.reader) as { id: number } | undefined;
  if (!reader) throw new Error(`reader '${opts.masks.reader}' is not in the project`);
  const volumes = db
    .prepare("SELECT id, patient_id AS patientId, phase, content_hash AS hash FROM volumes WHERE phase != 'unassigned' ORDER BY patient_id, phase")
    .all() as { id: number; patientId: string; phase: string; hash: string }[];
  const latestMask = db.prepare(
    `SELECT id, content_hash AS hash, label FROM segmentations
     WHERE volume_id = ? AND reader_id = ? AND content_hash IS NOT NULL AND (? OR session_id IS ?)
     ORDER BY version DESC, id DESC LIMIT 1`,
  );
  const todo: Unit[] = [];
  const missing: { patientId: string; phase: string; reason: string }[] = [];
  for (const v of volumes) {
    if (opts.phases && !opts.phases.includes(v.phase)) continue;
    if (opts.patients && !opts.patients.includes(v.patientId)) continue;
    const sid = opts.masks.sessionId;
    const m = latestMask.get(v.id, reader.id, sid === undefined ? 1 : 0, sid ?? null) as { id: number; hash: string; label: number } | undefined;
    if (!m) {
      missing.push({ patientId: v.patientId, phase: v.phase, reason: `no mask of reader '${opts.masks.reader}'` });
      continue;
    }
    todo.push({ patientId: v.patientId, phase: v.phase, volumeId: v.id, volumeHash: v.hash, segmentationId: m.id, maskHash: m.hash, label: 1 });
  }
  return { todo, missing };
}

/**
 * Extract radiomics features for every (patient, phase) of a project that has a mask of the
 * selected reader, in the compute pool, storing each case's values (long format) together with its
 * inputs in one transaction. A failing case is reported with its reason and the rest continue; a
 * resumed run skips the cases it already stored.
 */
export async function runFeatureExtraction(project: Project, pool: ComputePool, opts: ExtractionRunOptions): Promise<ExtractionRunReport> {
  parseParams(opts.paramsText); // a bad parameter file fails before any work, naming the key
  const db = project.db;
  const hash = paramsHash(opts.paramsText, opts.masks);
  const runId =
    opts.resume?.runId ??
    Number(
      db
        .prepare("INSERT INTO feature_runs (kind, params_hash, params_json, software_version) VALUES ('radiomics', ?, ?, ?)")
        .run(hash, JSON.stringify({ params: opts.paramsText, masks: opts.masks }), opts.appVersion).lastInsertRowid,
    );
  if (!opts.resume) opts.onRunCreated?.(runId);
  const { todo, missing } = units(project, opts);
  const stored = new Set(
    (db.prepare('SELECT patient_id || \'|\' || phase AS k FROM feature_run_inputs WHERE run_id = ?').all(runId) as { k: string }[]).map((r) => r.k),
  );
  const report: ExtractionRunReport = { runId, extracted: 0, skipped: 0, failed: [...missing], features: 0 };
  const insertInput = db.prepare(
    'INSERT INTO feature_run_inputs (run_id, patient_id, phase, volume_id, segmentation_id, diagnostics_json) VALUES (?, ?, ?, ?, ?, ?)',
  );
  const insertValue = db.prepare('INSERT INTO feature_values (run_id, patient_id, phase, feature, value) VALUES (?, ?, ?, ?, ?)');
  const versions = { DLRNStudio: opts.appVersion };
  let done = 0;
  const one = async (u: Unit): Promise<void> => {
    if (stored.has(`${u.patientId}|${u.phase}`)) {
      report.skipped++;
      return;
    }
    let row: [string, FeatureValue][];
    try {
      const image = project.store.getVolume(u.volumeHash);
      const mask = project.store.getVolume(u.maskHash);
      row = await pool.run('extractRadiomics', [image, mask, opts.paramsText, { label: u.label, versions }], { signal: opts.signal, transfer: true });
    } catch (err) {
      if (opts.signal?.aborted) throw err;
      report.failed.push({ patientId: u.patientId, phase: u.phase, reason: (err as Error).message });
      return;
    }
    const diagnostics: Record<string, FeatureValue> = {};
    db.transaction(() => {
      let n = 0;
      for (const [key, value] of row) {
        if (key.startsWith('diagnostics_')) diagnostics[key] = value;
        else {
          insertValue.run(runId, u.patientId, u.phase, key, typeof value === 'number' && Number.isFinite(value) ? value : null);
          n++;
        }
      }
      insertInput.run(runId, u.patientId, u.phase, u.volumeId, u.segmentationId, JSON.stringify(diagnostics));
      report.features = Math.max(report.features, n);
    })();
    report.extracted++;
    opts.onProgress?.(++done / todo.length, `${u.patientId} ${u.phase}`);
  };
  // Keep every worker busy: one case in flight per worker.
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.max(1, pool.size) }, async () => {
      while (next < todo.length) {
        if (opts.signal?.aborted) throw new Error('extraction cancelled');
        await one(todo[next++]);
      }
    }),
  );
  db.prepare("UPDATE feature_runs SET status = 'done' WHERE id = ?").run(runId);
  return report;
}

/** Phase prefixes of the paper's feature names (A_/V_/D_). */
export const PHASE_PREFIX: Record<string, string> = { arterial: 'A', venous: 'V', delayed: 'D', 'non-contrast': 'N' };

/**
 * A run's values as a wide table: one row per patient, one column per `<phase prefix>_<feature>`
 * (e.g. `A_original_gldm_LargeDependenceHighGrayLevelEmphasis`), null where a value is missing.
 */
export function featureTable(project: Project, runId: number): { patients: string[]; columns: string[]; values: (number | null)[][] } {
  const rows = project.db
    .prepare('SELECT patient_id AS p, phase, feature, value FROM feature_values WHERE run_id = ? ORDER BY patient_id')
    .all(runId) as { p: string; phase: string; feature: string; value: number | null }[];
  const patients = [...new Set(rows.map((r) => r.p))];
  const columnIndex = new Map<string, number>();
  for (const r of rows) {
    const c = `${PHASE_PREFIX[r.phase] ?? r.phase}_${r.feature}`;
    if (!columnIndex.has(c)) columnIndex.set(c, columnIndex.size);
  }
  const rowIndex = new Map(patients.map((p, i) => [p, i]));
  const values = patients.map(() => new Array<number | null>(columnIndex.size).fill(null));
  for (const r of rows) values[rowIndex.get(r.p)!][columnIndex.get(`${PHASE_PREFIX[r.phase] ?? r.phase}_${r.feature}`)!] = r.value;
  return { patients, columns: [...columnIndex.keys()], values };
}
