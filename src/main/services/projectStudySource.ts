import type { ClinicalColumn, ClinicalData, FeatureMatrix, IccRatings } from '../engine/study/studyData';
import type { Project } from '../storage/project';
import { featureTable } from './featureExtraction';
import type { StudyDataSource } from './studyRunner';

/** The feature runs a study reads from a project. */
export interface ProjectStudyRuns {
  /** Hand-crafted features (reader 1, primary reading). */
  radiomics: number;
  /** Deep features, when the study uses them. */
  deep?: number;
  /** ICC ratings: the run of each rating column, e.g. { reader1: 3, reader2: 4, reader1_repeat: 5 }. */
  icc?: Record<string, number>;
}

function featureMatrix(project: Project, runIds: number[]): FeatureMatrix {
  const tables = runIds.map((id) => featureTable(project, id));
  // The paper drops "null" deep features (a ReLU channel that is zero for every patient) before
  // selection; they are listed among the ignored columns.
  const deepRuns = new Set(
    (project.db.prepare(`SELECT id FROM feature_runs WHERE kind = 'deep' AND id IN (${runIds.map(() => '?').join(',')})`).all(...runIds) as { id: number }[]).map((r) => r.id),
  );
  const ignoredColumns: string[] = [];
  const ids = [...new Set(tables.flatMap((t) => t.patients))].sort();
  const names: string[] = [];
  const columns: Float64Array[] = [];
  tables.forEach((t, r) => {
    const row = new Map(t.patients.map((p, i) => [p, i]));
    t.columns.forEach((name, j) => {
      if (deepRuns.has(runIds[r]) && t.values.every((v) => v[j] === 0 || v[j] === null)) {
        ignoredColumns.push(`${name} (null deep feature: zero for every patient)`);
        return;
      }
      names.push(name);
      columns.push(
        Float64Array.from(ids, (id) => {
          const i = row.get(id);
          const v = i === undefined ? null : t.values[i][j];
          return v === null ? NaN : v;
        }),
      );
    });
  });
  const failures = project.db
    .prepare(`SELECT patient_id AS id, phase FROM feature_run_inputs WHERE run_id IN (${runIds.map(() => '?').join(',')})`)
    .all(...runIds) as { id: string; phase: string }[];
  const present = new Set(failures.map((f) => f.id));
  const extractionErrors = ids.filter((id) => !present.has(id)).map((id) => ({ id, message: 'no features stored for this patient' }));
  return { ids, names, columns, ignoredColumns, extractionErrors };
}

/** The clinical table of a project: patients (centre, cohort), clinical variables and outcomes. */
export function projectClinicalData(project: Project): ClinicalData {
  const db = project.db;
  const patients = db
    .prepare('SELECT p.id, c.code AS centre, p.cohort FROM patients p LEFT JOIN centres c ON c.id = p.centre_id ORDER BY p.id')
    .all() as { id: string; centre: string | null; cohort: string | null }[];
  const ids = patients.map((p) => p.id);
  const index = new Map(ids.map((id, i) => [id, i]));
  const columns = new Map<string, ClinicalColumn>();
  columns.set('patient_id', { kind: 'text', values: ids });
  columns.set('centre', { kind: 'text', values: patients.map((p) => p.centre) });
  columns.set('cohort', { kind: 'text', values: patients.map((p) => p.cohort) });
  const vars = db
    .prepare('SELECT patient_id AS id, name, value_num AS num, value_text AS text FROM clinical_variables WHERE reader_id IS NULL')
    .all() as { id: string; name: string; num: number | null; text: string | null }[];
  const byName = new Map<string, typeof vars>();
  for (const v of vars) byName.set(v.name, [...(byName.get(v.name) ?? []), v]);
  for (const [name, rows] of byName) {
    if (rows.every((r) => r.text === null)) {
      const values = new Float64Array(ids.length).fill(NaN);
      for (const r of rows) if (index.has(r.id) && r.num !== null) values[index.get(r.id)!] = r.num;
      columns.set(name, { kind: 'number', values });
    } else {
      const values: (string | null)[] = ids.map(() => null);
      for (const r of rows) if (index.has(r.id)) values[index.get(r.id)!] = r.text ?? (r.num === null ? null : String(r.num));
      columns.set(name, { kind: 'text', values });
    }
  }
  const outcomes = db.prepare('SELECT patient_id AS id, mdm, followup_months AS t, event FROM outcomes').all() as {
    id: string;
    mdm: number | null;
    t: number | null;
    event: number | null;
  }[];
  const outcome = (key: 'mdm' | 't' | 'event'): Float64Array => {
    const values = new Float64Array(ids.length).fill(NaN);
    for (const o of outcomes) if (index.has(o.id) && o[key] !== null) values[index.get(o.id)!] = o[key] as number;
    return values;
  };
  columns.set('mdm', { kind: 'number', values: outcome('mdm') });
  columns.set('followup_months', { kind: 'number', values: outcome('t') });
  columns.set('event', { kind: 'number', values: outcome('event') });
  return { ids, columns };
}

function iccRatings(project: Project, runs: Record<string, number>): IccRatings {
  const raters = Object.keys(runs);
  const tables = raters.map((r) => {
    const t = featureTable(project, runs[r]);
    return { ...t, row: new Map(t.patients.map((p, i) => [p, i])), col: new Map(t.columns.map((c, j) => [c, j])) };
  });
  const common = tables[0].patients.filter((p) => tables.every((t) => t.row.has(p)));
  const feature: string[] = [];
  const patient: string[] = [];
  const ratings = raters.map(() => [] as number[]);
  for (const name of tables[0].columns) {
    if (!tables.every((t) => t.col.has(name))) continue;
    for (const p of common) {
      feature.push(name);
      patient.push(p);
      tables.forEach((t, k) => {
        const v = t.values[t.row.get(p)!][t.col.get(name)!];
        ratings[k].push(v === null ? NaN : v);
      });
    }
  }
  return { feature, patient, ratings: new Map(raters.map((r, k) => [r, Float64Array.from(ratings[k])])) };
}

/**
 * The project route of `dlrn study run`: features from the project's feature runs (hand-crafted and
 * deep, A_/V_/D_ prefixed), the clinical table from the patients, clinical variables and outcomes,
 * and ICC ratings from the feature runs of each reader's masks.
 */
export function projectStudySource(project: Project, runs: ProjectStudyRuns): StudyDataSource {
  // The deep run's model label travels into results.json and the report, so features from the
  // random-init test network can never pass for ImageNet-pretrained ones.
  const deepModel = (): string => {
    const row = project.db.prepare('SELECT params_json, model_sha256, provider FROM feature_runs WHERE id = ?').get(runs.deep) as
      | { params_json: string; model_sha256: string | null; provider: string | null }
      | undefined;
    if (!row) throw new Error(`deep feature run ${runs.deep} is not in the project`);
    const p = JSON.parse(row.params_json) as { model?: string };
    return `${p.model ?? 'unknown model'}, sha256 ${row.model_sha256 ?? '?'}, ${row.provider ?? '?'} provider`;
  };
  return {
    describe: () =>
      `project ${project.manifest.name} (${project.manifest.id}); feature runs: radiomics ${runs.radiomics}` +
      (runs.deep !== undefined ? `, deep ${runs.deep} (${deepModel()})` : '') +
      (runs.icc ? `; icc runs: ${Object.entries(runs.icc).map(([k, v]) => `${k}=${v}`).join(', ')}` : ''),
    load: () => ({
      features: featureMatrix(project, runs.deep !== undefined ? [runs.radiomics, runs.deep] : [runs.radiomics]),
      clinical: projectClinicalData(project),
      ...(runs.icc ? { icc: iccRatings(project, runs.icc) } : {}),
    }),
  };
}
