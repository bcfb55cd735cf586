import type { FeatureRun, FeatureTablePage } from '../../shared/ipc/workflow';
import type { Project } from '../storage/project';
import { PHASE_PREFIX } from './featureExtraction';
import { ServiceError } from './serviceError';

const PHASE_ORDER = ['arterial', 'venous', 'delayed', 'non-contrast'];

interface RunRow {
  id: number;
  kind: 'radiomics' | 'deep';
  status: 'running' | 'done' | 'failed';
  createdAt: string;
  softwareVersion: string;
  params: string;
}

function maskSelection(paramsJson: string): { reader: string | null; sessionId: number | null } {
  try {
    const masks = (JSON.parse(paramsJson) as { masks?: { reader?: unknown; sessionId?: unknown } }).masks;
    return { reader: typeof masks?.reader === 'string' ? masks.reader : null, sessionId: typeof masks?.sessionId === 'number' ? masks.sessionId : null };
  } catch {
    return { reader: null, sessionId: null };
  }
}

/** The project's feature runs, newest first, with the patients and phases stored and the features per case. */
export function listFeatureRuns(project: Project): FeatureRun[] {
  const db = project.db;
  const runs = db
    .prepare('SELECT id, kind, status, created_at AS createdAt, software_version AS softwareVersion, params_json AS params FROM feature_runs ORDER BY id DESC')
    .all() as RunRow[];
  const inputs = db.prepare('SELECT count(DISTINCT patient_id) AS patients FROM feature_run_inputs WHERE run_id = ?');
  const phases = db.prepare('SELECT DISTINCT phase FROM feature_run_inputs WHERE run_id = ?');
  const firstCase = db.prepare('SELECT patient_id AS p, phase FROM feature_run_inputs WHERE run_id = ? LIMIT 1');
  const perCase = db.prepare('SELECT count(*) AS n FROM feature_values WHERE run_id = ? AND patient_id = ? AND phase = ?');
  return runs.map((r) => {
    const first = firstCase.get(r.id) as { p: string; phase: string } | undefined;
    const stored = (phases.all(r.id) as { phase: string }[]).map((x) => x.phase).sort((a, b) => PHASE_ORDER.indexOf(a) - PHASE_ORDER.indexOf(b));
    return {
      id: r.id,
      kind: r.kind,
      status: r.status,
      createdAt: r.createdAt,
      softwareVersion: r.softwareVersion,
      ...maskSelection(r.params),
      patients: (inputs.get(r.id) as { patients: number }).patients,
      phases: stored,
      features: first ? (perCase.get(r.id, first.p, first.phase) as { n: number }).n : 0,
    };
  });
}

interface Column {
  phase: string;
  feature: string;
  name: string;
}

// A finished run never changes, so its column list (a scan of every stored value) is computed once.
const columnCache = new Map<string, Column[]>();

function runColumns(project: Project, runId: number, status: string): Column[] {
  const key = `${project.manifest.id}:${runId}`;
  const cached = columnCache.get(key);
  if (cached) return cached;
  const rows = project.db.prepare('SELECT DISTINCT phase, feature FROM feature_values WHERE run_id = ?').all(runId) as { phase: string; feature: string }[];
  const rank = (p: string): number => (PHASE_ORDER.includes(p) ? PHASE_ORDER.indexOf(p) : PHASE_ORDER.length);
  const columns = rows
    .sort((a, b) => rank(a.phase) - rank(b.phase) || a.phase.localeCompare(b.phase) || (a.feature < b.feature ? -1 : a.feature > b.feature ? 1 : 0))
    .map((r) => ({ ...r, name: `${PHASE_PREFIX[r.phase] ?? r.phase}_${r.feature}` }));
  if (status === 'done') {
    if (columnCache.size > 8) columnCache.delete(columnCache.keys().next().value as string);
    columnCache.set(key, columns);
  }
  return columns;
}

/**
 * One page of a run's wide feature table (patients × `<phase prefix>_<feature>` columns, as the study reads it):
 * `limit` patients from `offset` and `columnLimit` columns from `columnOffset`, optionally only columns whose
 * name contains `filter`. Values are read by primary key, so a page costs rows × columns look-ups, never the
 * whole matrix.
 */
export function featureTablePage(
  project: Project,
  q: { runId: number; offset: number; limit: number; columnOffset: number; columnLimit: number; filter?: string },
): FeatureTablePage {
  const db = project.db;
  const run = db.prepare('SELECT status FROM feature_runs WHERE id = ?').get(q.runId) as { status: string } | undefined;
  if (!run) throw new ServiceError('not_found', `feature run ${q.runId} is not in this project`);
  const needle = q.filter?.trim().toLowerCase();
  const all = runColumns(project, q.runId, run.status);
  const columns = needle ? all.filter((c) => c.name.toLowerCase().includes(needle)) : all;
  const pageColumns = columns.slice(q.columnOffset, q.columnOffset + q.columnLimit);
  const totalPatients = (db.prepare('SELECT count(DISTINCT patient_id) AS n FROM feature_run_inputs WHERE run_id = ?').get(q.runId) as { n: number }).n;
  const patients = (
    db.prepare('SELECT DISTINCT patient_id AS p FROM feature_run_inputs WHERE run_id = ? ORDER BY patient_id LIMIT ? OFFSET ?').all(q.runId, q.limit, q.offset) as { p: string }[]
  ).map((r) => r.p);
  const value = db.prepare('SELECT value FROM feature_values WHERE run_id = ? AND patient_id = ? AND phase = ? AND feature = ?');
  const rows = patients.map((patientId) => ({
    patientId,
    values: pageColumns.map((c) => (value.get(q.runId, patientId, c.phase, c.feature) as { value: number | null } | undefined)?.value ?? null),
  }));
  return { runId: q.runId, totalPatients, totalColumns: columns.length, offset: q.offset, columnOffset: q.columnOffset, columns: pageColumns.map((c) => c.name), rows };
}
