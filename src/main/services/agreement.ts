/**
 * The agreement study of a project: reader 1's first reading (the reference) against reader 2
 * (inter-observer) and against reader 1's repeat after the wash-out (intra-observer).
 *
 * - Feature reproducibility: radiomics features extracted on each reading's masks (runFeatureExtraction
 *   with that reader's masks of that session), per-feature ICC in the configured form with 95 % CI, and
 *   the paper's filter "ICC > 0.8 in every required comparison".
 * - Mask agreement per patient and phase (Dice, Jaccard, HD95, volume difference) with outliers flagged
 *   for adjudication (src/main/engine/reading/adjudication.ts).
 * - Semantic agreement (Table S1): kappa for categorical, weighted kappa for ordinal, ICC for continuous.
 *
 * A patient missing one reading is reported and excluded from that comparison, never dropped silently.
 */
import { adjudicationFlags, DEFAULT_OUTLIER_RULE, type OutlierRule } from '../engine/reading/adjudication';
import {
  DEFAULT_ICC_FORM,
  featureIccTable,
  iccFormLabel,
  keepReproducible,
  passSummaries,
  PAPER_RULE,
  type Comparison,
  type FeatureIccRow,
  type IccForm,
  type PairCoverage,
  type PassCount,
  type ReproducibilityRule,
  type WideTable,
} from '../engine/reading/featureIcc';
import { PAPER_SEMANTIC_VARIABLES, semanticAgreement, type SemanticAgreement, type SemanticVariable } from '../engine/reading/semanticAgreement';
import { maskAgreement, type MaskAgreement } from '../engine/segmentation/agreement';
import type { IccRatings } from '../engine/study/studyData';
import type { ComputePool } from '../workers/computePool';
import type { Project } from '../storage/project';
import { featureTable, paramsHash, runFeatureExtraction, type MaskSelection } from './featureExtraction';
import { findReader } from './readers';
import { getSession, listSessions, patientsReadIn, READING_PHASES, type ReadingPhase } from './readingSessions';
import { ServiceError } from './serviceError';

/** One reading: a reader's masks and ratings in one session, or (null) outside any session. */
export interface ReadingSource {
  reader: string;
  sessionId: number | null;
}

/** Reference reading and the readings compared with it. */
export interface AgreementDesign {
  reference: ReadingSource;
  inter?: ReadingSource;
  intra?: ReadingSource;
}

/** "reader1 (session 3)" / "reader1 (outside sessions)". */
export function describeSource(s: ReadingSource): string {
  return `${s.reader} (${s.sessionId === null ? 'outside sessions' : `session ${s.sessionId}`})`;
}

function only<T>(list: T[], what: string): T | undefined {
  if (list.length > 1) throw new ServiceError('conflict', `${list.length} ${what} sessions: name the one to use`);
  return list[0];
}

/**
 * The design the project's sessions describe: the intra session (a reader's repeat) with the session it
 * repeats as the reference, and the inter session (a second reader). Without an intra session the
 * reference is the single primary session, or the reads outside sessions of the one other reader.
 */
export function defaultDesign(project: Project): AgreementDesign {
  const sessions = listSessions(project);
  const intra = only(sessions.filter((s) => s.kind === 'intra'), 'intra-observer');
  const inter = only(sessions.filter((s) => s.kind === 'inter'), 'inter-observer');
  if (!intra && !inter) throw new ServiceError('not_found', 'no inter- or intra-observer reading session in this project: create them first');
  let reference: ReadingSource | undefined;
  if (intra) reference = { reader: intra.readerName, sessionId: intra.repeatOf };
  else {
    const primary = sessions.filter((s) => s.kind === 'primary' && s.readerId !== inter!.readerId);
    if (primary.length === 1) reference = { reader: primary[0].readerName, sessionId: primary[0].id };
    else if (primary.length > 1) throw new ServiceError('conflict', `${primary.length} primary sessions: name the reference reading`);
    else {
      const others = project.db
        .prepare('SELECT DISTINCT r.name FROM segmentations s JOIN readers r ON r.id = s.reader_id WHERE s.session_id IS NULL AND s.reader_id != ? AND s.content_hash IS NOT NULL')
        .all(inter!.readerId) as { name: string }[];
      if (others.length !== 1) throw new ServiceError('conflict', `cannot tell the reference reading (${others.length} readers with masks outside sessions): name it`);
      reference = { reader: others[0].name, sessionId: null };
    }
  }
  return {
    reference,
    ...(inter ? { inter: { reader: inter.readerName, sessionId: inter.id } } : {}),
    ...(intra ? { intra: { reader: intra.readerName, sessionId: intra.id } } : {}),
  };
}

function comparisons(design: AgreementDesign): [Comparison, ReadingSource][] {
  return (['inter', 'intra'] as const).flatMap((c) => (design[c] ? [[c, design[c]!] as [Comparison, ReadingSource]] : []));
}

/** The patients a reading covers: its session's list, or those with the reader's reads outside sessions. */
export function sourcePatients(project: Project, s: ReadingSource): string[] {
  if (s.sessionId !== null) return getSession(project, s.sessionId).patients;
  return patientsReadIn(project, findReader(project, s.reader).id, null);
}

function sourcePhases(project: Project, s: ReadingSource): readonly ReadingPhase[] {
  return s.sessionId === null ? READING_PHASES : getSession(project, s.sessionId).phases;
}

/** The latest stored mask of a reading on a volume (any label), as feature extraction selects it. */
function latestMask(project: Project, volumeId: number, readerId: number, sessionId: number | null): { id: number; hash: string } | undefined {
  return project.db
    .prepare(
      'SELECT id, content_hash AS hash FROM segmentations WHERE volume_id = ? AND reader_id = ? AND session_id IS ? AND content_hash IS NOT NULL ORDER BY version DESC, id DESC LIMIT 1',
    )
    .get(volumeId, readerId, sessionId) as { id: number; hash: string } | undefined;
}

export interface MissingRead {
  comparison: Comparison;
  patientId: string;
  phase: string;
  /** Which reading has no mask: 'reference', 'other' or 'both'. */
  missing: 'reference' | 'other' | 'both';
}

export interface MaskAgreementRow extends MaskAgreement {
  comparison: Comparison;
  patientId: string;
  phase: string;
  reference: string;
  other: string;
  /** Why the pair goes to adjudication (empty: agreement acceptable). */
  flags: string[];
}

export interface MaskAgreementReport {
  design: AgreementDesign;
  rule: OutlierRule;
  rows: MaskAgreementRow[];
  /** Patients/phases excluded from a comparison because a mask is missing. */
  missing: MissingRead[];
}

/**
 * Mask agreement of every compared reading with the reference, per patient and phase of the compared
 * reading, with adjudication flags computed within each comparison and phase.
 */
export function maskAgreementReport(project: Project, design: AgreementDesign = defaultDesign(project), rule: OutlierRule = DEFAULT_OUTLIER_RULE): MaskAgreementReport {
  const ref = findReader(project, design.reference.reader);
  const rows: MaskAgreementRow[] = [];
  const missing: MissingRead[] = [];
  const volumes = project.db.prepare('SELECT id, phase FROM volumes WHERE patient_id = ? ORDER BY id');
  for (const [comparison, source] of comparisons(design)) {
    const other = findReader(project, source.reader);
    const phases = sourcePhases(project, source);
    for (const patientId of sourcePatients(project, source)) {
      const vols = volumes.all(patientId) as { id: number; phase: string }[];
      for (const phase of phases) {
        const v = vols.find((x) => x.phase === phase);
        if (!v) continue;
        const a = latestMask(project, v.id, ref.id, design.reference.sessionId);
        const b = latestMask(project, v.id, other.id, source.sessionId);
        if (!a || !b) {
          missing.push({ comparison, patientId, phase, missing: !a && !b ? 'both' : !a ? 'reference' : 'other' });
          continue;
        }
        const m = maskAgreement(project.store.getVolume(a.hash), project.store.getVolume(b.hash));
        rows.push({ ...m, comparison, patientId, phase, reference: describeSource(design.reference), other: describeSource(source), flags: [] });
      }
    }
  }
  const groups = new Map<string, MaskAgreementRow[]>();
  for (const r of rows) {
    const key = `${r.comparison}|${r.phase}`;
    (groups.get(key) ?? groups.set(key, []).get(key)!).push(r);
  }
  for (const group of groups.values()) adjudicationFlags(group, rule).forEach((f, i) => (group[i].flags = f));
  return { design, rule, rows, missing };
}

export interface SemanticAgreementRow extends SemanticAgreement {
  comparison: Comparison;
}

/**
 * Rating values of a reading: patient → variable → value (a session's latest versions, or outside sessions
 * the reader's rows of `clinical_variables`).
 */
function ratingsOf(project: Project, s: ReadingSource): Map<string, Map<string, number | null>> {
  const r = findReader(project, s.reader);
  const rows = (
    s.sessionId === null
      ? project.db.prepare('SELECT patient_id AS p, name, value_num AS v FROM clinical_variables WHERE reader_id = ?').all(r.id)
      : project.db
          .prepare(
            `SELECT r.patient_id AS p, r.name, r.value_num AS v FROM semantic_ratings r WHERE r.reader_id = ? AND r.session_id = ?
               AND r.version = (SELECT max(version) FROM semantic_ratings t WHERE t.session_id = r.session_id AND t.reader_id = r.reader_id AND t.patient_id = r.patient_id AND t.name = r.name)`,
          )
          .all(r.id, s.sessionId)
  ) as { p: string; name: string; v: number | null }[];
  const out = new Map<string, Map<string, number | null>>();
  for (const x of rows) (out.get(x.p) ?? out.set(x.p, new Map()).get(x.p)!).set(x.name, x.v);
  return out;
}

/**
 * Semantic agreement of every compared reading with the reference over the compared reading's patients
 * (Table S1): a patient not rated by both readers is counted in `missing` of that variable.
 */
export function semanticAgreementReport(
  project: Project,
  design: AgreementDesign = defaultDesign(project),
  opts: { variables?: SemanticVariable[]; form?: IccForm } = {},
): SemanticAgreementRow[] {
  const variables = opts.variables ?? PAPER_SEMANTIC_VARIABLES;
  const ref = ratingsOf(project, design.reference);
  const out: SemanticAgreementRow[] = [];
  for (const [comparison, source] of comparisons(design)) {
    const other = ratingsOf(project, source);
    const patients = sourcePatients(project, source);
    for (const v of variables) {
      const a = patients.map((p) => ref.get(p)?.get(v.name) ?? null);
      const b = patients.map((p) => other.get(p)?.get(v.name) ?? null);
      out.push({ comparison, ...semanticAgreement(v, a, b, opts.form ?? DEFAULT_ICC_FORM) });
    }
  }
  return out;
}

export interface IccOptions {
  form?: IccForm;
  confLevel?: number;
  rule?: ReproducibilityRule;
}

export interface IccAnalysisOptions extends IccOptions {
  /** pyradiomics parameter file text. */
  paramsText: string;
  appVersion: string;
  signal?: AbortSignal;
  onProgress?(message: string): void;
}

export interface ExtractionFailure {
  reading: string;
  patientId: string;
  phase: string;
  reason: string;
}

export interface IccAnalysis {
  design: AgreementDesign;
  form: IccForm & { label: string };
  confLevel: number;
  rule: ReproducibilityRule;
  /** Feature run of each reading (`feature_runs.id`). */
  runs: Partial<Record<'reference' | Comparison, number>>;
  rows: FeatureIccRow[];
  coverage: PairCoverage[];
  /** Features passing the rule (the paper's ICC > 0.8 in inter and intra). */
  kept: string[];
  summaries: Record<'phase' | 'imageType' | 'featureClass', PassCount[]>;
  extractionFailures: ExtractionFailure[];
  /** The same values as the study pipeline's ICC ratings table (reader1, reader2, reader1_repeat). */
  ratings: IccRatings;
  /** Patients dropped from `ratings` because a reading or value is missing for them. */
  ratingsExcluded: { feature: string; patients: number }[];
}

/** Mask ids the current latest masks of a reading on the patients' phase volumes (patient|phase → id). */
function currentMasks(project: Project, s: ReadingSource, patients: readonly string[]): Map<string, number> {
  const r = findReader(project, s.reader);
  const out = new Map<string, number>();
  const volumes = project.db.prepare("SELECT id, phase FROM volumes WHERE patient_id = ? AND phase != 'unassigned'");
  for (const p of patients) {
    for (const v of volumes.all(p) as { id: number; phase: string }[]) {
      const m = latestMask(project, v.id, r.id, s.sessionId);
      if (m) out.set(`${p}|${v.phase}`, m.id);
    }
  }
  return out;
}

/**
 * The newest run of the same parameters and masks whose stored inputs all still are the reading's
 * latest masks (so resuming it only adds the cases it lacks); undefined when none is reusable.
 */
function reusableRun(project: Project, hash: string, current: Map<string, number>): number | undefined {
  const runs = project.db.prepare("SELECT id FROM feature_runs WHERE kind = 'radiomics' AND params_hash = ? ORDER BY id DESC").all(hash) as { id: number }[];
  const inputs = project.db.prepare('SELECT patient_id AS p, phase, segmentation_id AS s FROM feature_run_inputs WHERE run_id = ?');
  for (const run of runs) {
    const rows = inputs.all(run.id) as { p: string; phase: string; s: number | null }[];
    if (rows.every((x) => !current.has(`${x.p}|${x.phase}`) || current.get(`${x.p}|${x.phase}`) === x.s)) return run.id;
  }
  return undefined;
}

function restrict(t: WideTable, patients: readonly string[]): WideTable {
  const keep = new Set(patients);
  const idx = t.patients.flatMap((p, i) => (keep.has(p) ? [i] : []));
  return { patients: idx.map((i) => t.patients[i]), columns: t.columns, values: idx.map((i) => t.values[i]) };
}

/** Rating-column names of the study's ICC table (studies/paper-dlrn.yaml: inter [reader1, reader2], intra [reader1, reader1_repeat]). */
export const RATING_COLUMNS: Record<'reference' | Comparison, string> = { reference: 'reader1', inter: 'reader2', intra: 'reader1_repeat' };

function ratingsTable(rows: FeatureIccRow[], tables: Partial<Record<'reference' | Comparison, WideTable>>): { ratings: IccRatings; excluded: { feature: string; patients: number }[] } {
  const keys = (['reference', 'inter', 'intra'] as const).filter((k) => tables[k]);
  const index = keys.map((k) => {
    const t = tables[k]!;
    return { k, t, row: new Map(t.patients.map((p, i) => [p, i])), col: new Map(t.columns.map((c, j) => [c, j])) };
  });
  const everyone = [...new Set(keys.flatMap((k) => tables[k]!.patients))].sort();
  const feature: string[] = [];
  const patient: string[] = [];
  const values = keys.map(() => [] as number[]);
  const excluded: { feature: string; patients: number }[] = [];
  for (const r of rows) {
    let dropped = 0;
    for (const p of everyone) {
      const vals = index.map(({ t, row, col }) => {
        const i = row.get(p);
        const j = col.get(r.feature);
        return i === undefined || j === undefined ? null : t.values[i][j];
      });
      if (vals.some((v) => v === null || !Number.isFinite(v))) {
        dropped++;
        continue;
      }
      feature.push(r.feature);
      patient.push(p);
      vals.forEach((v, k) => values[k].push(v as number));
    }
    if (dropped) excluded.push({ feature: r.feature, patients: dropped });
  }
  return { ratings: { feature, patient, ratings: new Map(keys.map((k, i) => [RATING_COLUMNS[k], Float64Array.from(values[i])])) }, excluded };
}

function checkDesign(design: AgreementDesign, rule: ReproducibilityRule): [Comparison, ReadingSource][] {
  const compared = comparisons(design);
  if (compared.length === 0) throw new ServiceError('invalid_input', 'the design compares nothing: give an inter- and/or intra-observer reading');
  const missingRequired = rule.required.filter((c) => !design[c]);
  if (missingRequired.length) throw new ServiceError('invalid_input', `the filter requires ${missingRequired.join(' and ')} agreement, but the design has no ${missingRequired.join('/')} reading`);
  return compared;
}

/** The ICC part of an analysis from each reading's feature table (restricted to the expected patients). */
function iccFromTables(
  design: AgreementDesign,
  runs: IccAnalysis['runs'],
  tables: Partial<Record<'reference' | Comparison, WideTable>>,
  expected: Map<Comparison, string[]>,
  extractionFailures: ExtractionFailure[],
  opts: IccOptions,
): IccAnalysis {
  const form = opts.form ?? DEFAULT_ICC_FORM;
  const rule = opts.rule ?? PAPER_RULE;
  const confLevel = opts.confLevel ?? 0.95;
  const compared = checkDesign(design, rule);
  const { rows, coverage } = featureIccTable(
    compared.map(([c]) => ({ comparison: c, reference: tables.reference!, other: tables[c]!, expected: expected.get(c)! })),
    form,
    confLevel,
  );
  const { ratings, excluded } = ratingsTable(rows, tables);
  return {
    design,
    form: { ...form, label: iccFormLabel(form) },
    confLevel,
    rule,
    runs,
    rows,
    coverage,
    kept: keepReproducible(rows, rule),
    summaries: passSummaries(rows, rule),
    extractionFailures,
    ratings,
    ratingsExcluded: excluded,
  };
}

/** The reading and parameters a stored radiomics run used (from its `params_json`). */
export function runReading(project: Project, runId: number): { source: ReadingSource; paramsText: string } {
  const row = project.db.prepare("SELECT params_json FROM feature_runs WHERE id = ? AND kind = 'radiomics'").get(runId) as { params_json: string } | undefined;
  if (!row) throw new ServiceError('not_found', `radiomics feature run ${runId} is not in this project`);
  const { params, masks } = JSON.parse(row.params_json) as { params: string; masks: MaskSelection };
  if (masks.sessionId === undefined) throw new ServiceError('conflict', `feature run ${runId} used reader '${masks.reader}'s masks of any session: an agreement comparison needs one reading`);
  return { source: { reader: masks.reader, sessionId: masks.sessionId }, paramsText: params };
}

/** Radiomics runs extracted on one reading (reader and session known), newest first, with their patient count. */
export function readingRuns(project: Project): { runId: number; reader: string; sessionId: number | null; status: string; createdAt: string; patients: number }[] {
  const rows = project.db
    .prepare(
      `SELECT r.id, r.params_json, r.status, r.created_at, (SELECT count(DISTINCT patient_id) FROM feature_run_inputs i WHERE i.run_id = r.id) AS n
       FROM feature_runs r WHERE r.kind = 'radiomics' ORDER BY r.id DESC`,
    )
    .all() as { id: number; params_json: string; status: string; created_at: string; n: number }[];
  return rows.flatMap((r) => {
    const masks = (JSON.parse(r.params_json) as { masks?: MaskSelection }).masks;
    if (!masks || masks.sessionId === undefined) return [];
    return [{ runId: r.id, reader: masks.reader, sessionId: masks.sessionId, status: r.status, createdAt: r.created_at, patients: r.n }];
  });
}

/**
 * ICCs from stored feature runs (e.g. extracted by a job earlier): the reading of each run is the one it
 * was extracted on; the runs must share their parameter text. Expected patients are those of each
 * compared reading (its session list).
 */
export function iccFromRuns(project: Project, runs: { reference: number } & Partial<Record<Comparison, number>>, opts: IccOptions = {}): IccAnalysis {
  const readings = (['reference', 'inter', 'intra'] as const).flatMap((k) => (runs[k] === undefined ? [] : [[k, runReading(project, runs[k]!)] as const]));
  const params = new Set(readings.map(([, r]) => r.paramsText));
  if (params.size > 1) throw new ServiceError('conflict', 'the feature runs used different extraction parameters: compare runs of one parameter file');
  const design: AgreementDesign = { reference: readings[0][1].source };
  for (const [k, r] of readings) if (k !== 'reference') design[k] = r.source;
  const compared = checkDesign(design, opts.rule ?? PAPER_RULE);
  const expected = new Map(compared.map(([c, s]) => [c, sourcePatients(project, s)]));
  const referencePatients = [...new Set([...expected.values()].flat())];
  const tables: Partial<Record<'reference' | Comparison, WideTable>> = {};
  for (const [k] of readings) tables[k] = restrict(featureTable(project, runs[k]!), k === 'reference' ? referencePatients : expected.get(k)!);
  return iccFromTables(design, { ...runs }, tables, expected, [], opts);
}

/**
 * Extract features on every reading's masks (reusing a previous run of the same parameters and masks
 * when its inputs are still current) and compute the per-feature ICCs, the kept list and the summaries.
 * The reference is extracted only on the patients of the compared readings.
 */
export async function iccAnalysis(project: Project, pool: ComputePool, design: AgreementDesign, opts: IccAnalysisOptions): Promise<IccAnalysis> {
  const compared = checkDesign(design, opts.rule ?? PAPER_RULE);
  const expected = new Map(compared.map(([c, s]) => [c, sourcePatients(project, s)]));
  const referencePatients = [...new Set([...expected.values()].flat())].sort();
  const readings: ['reference' | Comparison, ReadingSource, string[]][] = [['reference', design.reference, referencePatients], ...compared.map(([c, s]) => [c, s, expected.get(c)!] as ['reference' | Comparison, ReadingSource, string[]])];
  const runs: IccAnalysis['runs'] = {};
  const tables: Partial<Record<'reference' | Comparison, WideTable>> = {};
  const extractionFailures: ExtractionFailure[] = [];
  for (const [key, source, patients] of readings) {
    const masks: MaskSelection = { reader: source.reader, sessionId: source.sessionId };
    const hash = paramsHash(opts.paramsText, masks);
    const resumeId = reusableRun(project, hash, currentMasks(project, source, patients));
    opts.onProgress?.(`${describeSource(source)}: ${resumeId ? `resuming feature run ${resumeId}` : 'new feature run'} on ${patients.length} patients`);
    const report = await runFeatureExtraction(project, pool, {
      paramsText: opts.paramsText,
      masks,
      phases: sourcePhases(project, source),
      patients,
      appVersion: opts.appVersion,
      signal: opts.signal,
      ...(resumeId ? { resume: { runId: resumeId } } : {}),
      onProgress: (f, m) => opts.onProgress?.(`${describeSource(source)} ${(100 * f).toFixed(0)} % ${m}`),
    });
    runs[key] = report.runId;
    for (const f of report.failed) extractionFailures.push({ reading: describeSource(source), ...f });
    tables[key] = restrict(featureTable(project, report.runId), patients);
  }
  return iccFromTables(design, runs, tables, expected, extractionFailures, opts);
}
