/**
 * A small deterministic synthetic study for the study-pipeline unit tests: 80 patients (centre A = 50
 * training, centre B = 30 validation, with a batch shift), 12 hand-crafted features f01…f12, 4 deep features
 * deep_1…deep_4, clinical age/sex/size, a 0/1 outcome driven by f01, f02, deep_1 and size, follow-up with
 * events, CV fold ids, and two readers' ICC ratings (f12 unreliable). Not an oracle: used for behaviour
 * (errors, cache, leakage, layouts), never for numeric expectations.
 */
import { Rng } from '../../src/main/engine/stats/rng';
import { parseStudyDefinition, type StudyDefinition } from '../../src/main/engine/study/definition';
import type { ClinicalColumn, StudyInput } from '../../src/main/engine/study/studyData';

function normal(rng: Rng): number {
  return Math.sqrt(-2 * Math.log(rng.uniform())) * Math.cos(2 * Math.PI * rng.uniform());
}

export const FIXTURE_FEATURES = [...Array.from({ length: 12 }, (_, k) => `f${String(k + 1).padStart(2, '0')}`), 'deep_1', 'deep_2', 'deep_3', 'deep_4'];

/** The synthetic study input (fresh copy on every call). */
export function fixtureInput(seed = 7): StudyInput {
  const rng = new Rng(seed);
  const n = 80;
  const ids = Array.from({ length: n }, (_, i) => `S${String(i + 1).padStart(3, '0')}`);
  const centre = ids.map((_, i) => (i < 50 ? 'A' : 'B'));
  const columns = FIXTURE_FEATURES.map(() => new Float64Array(n));
  const age = new Float64Array(n);
  const sex = new Float64Array(n);
  const size = new Float64Array(n);
  const y = new Float64Array(n);
  const time = new Float64Array(n);
  const event = new Float64Array(n);
  const foldid = new Float64Array(n).fill(NaN);
  for (let i = 0; i < n; i++) {
    for (const c of columns) c[i] = normal(rng);
    age[i] = Math.round(60 + 10 * normal(rng));
    sex[i] = rng.uniform() < 0.5 ? 1 : 0;
    size[i] = rng.uniform() < 0.5 ? 1 : 0;
    const eta = -0.3 + 1.4 * columns[0][i] - 1.1 * columns[1][i] + 0.9 * columns[12][i] + 0.8 * size[i] + 0.6 * normal(rng);
    y[i] = rng.uniform() < 1 / (1 + Math.exp(-eta)) ? 1 : 0;
    if (centre[i] === 'B') for (const c of columns) c[i] = 1.3 * c[i] + 0.5;
    const hazard = 0.02 * Math.exp(1.2 * y[i]);
    time[i] = Math.min(60, Math.max(0.5, Math.round((-Math.log(rng.uniform()) / hazard) * 2) / 2));
    event[i] = time[i] < 60 ? 1 : 0;
    if (i < 50) foldid[i] = (i % 5) + 1;
  }
  const num = (values: Float64Array): ClinicalColumn => ({ kind: 'number', values });
  const clinical = new Map<string, ClinicalColumn>([
    ['centre', { kind: 'text', values: centre }],
    ['age', num(age)],
    ['sex', num(sex)],
    ['size_gt10', num(size)],
    ['outcome', num(y)],
    ['time', num(time)],
    ['event', num(event)],
    ['foldid', num(foldid)],
  ]);
  // ICC ratings: 20 patients, two readers; f12 is read very differently by reader 2
  const feature: string[] = [];
  const patient: string[] = [];
  const r1: number[] = [];
  const r2: number[] = [];
  FIXTURE_FEATURES.slice(0, 12).forEach((f, k) => {
    for (let i = 0; i < 20; i++) {
      feature.push(f);
      patient.push(ids[i]);
      r1.push(columns[k][i]);
      r2.push(k === 11 ? normal(rng) : columns[k][i] + 0.05 * normal(rng));
    }
  });
  return {
    features: { ids: [...ids], names: [...FIXTURE_FEATURES], columns, ignoredColumns: [], extractionErrors: [] },
    clinical: { ids, columns: clinical },
    icc: { feature, patient, ratings: new Map([['reader1', Float64Array.from(r1)], ['reader2', Float64Array.from(r2)]]) },
  };
}

/** The fixture's study definition as YAML (edit with `yamlWith`). */
export const FIXTURE_YAML = `
name: synthetic fixture
outcome: { column: outcome }
survival: { time: time, event: event }
cohorts: { method: centre, column: centre, training: [A], validation: [B] }
featureGroups:
  handcrafted: ['f*']
  deep: ['deep_*']
icc:
  threshold: 0.8
  inter: [reader1, reader2]
  appliesTo: [handcrafted]
harmonisation: { method: combat, batchColumn: centre, fit: reference, referenceBatch: A }
selection:
  mrmr: { k: 6 }
  lasso: { foldIdColumn: foldid, thresh: 1.0e-10 }
signatures:
  - { name: RS, groups: [handcrafted] }
  - { name: DLRS, groups: [handcrafted, deep] }
clinical:
  candidates: [age, sex, size_gt10]
dlrn: { signature: DLRS }
evaluation:
  bootstrap: { B: 10, seed: 3 }
  dca: { from: 0.05, to: 0.95, by: 0.05 }
  km: { model: dlrn, cut: median, times: [12, 24] }
`;

/** The fixture definition, optionally with a patch applied to the parsed YAML object before validation. */
export function fixtureDefinition(patch: (d: Record<string, any>) => void = () => {}, yaml = FIXTURE_YAML): StudyDefinition {
  const parsed = parseStudyDefinition(yaml);
  const raw = JSON.parse(JSON.stringify(parsed)) as Record<string, any>;
  patch(raw);
  return parseStudyDefinition(JSON.stringify(raw));
}
