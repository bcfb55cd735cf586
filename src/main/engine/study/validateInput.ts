/**
 * Input checks run before any pipeline work: every problem that would make a stage fail (or silently drop
 * patients) is collected and reported at once, naming the patients, columns or features concerned.
 */
import { clinicalNumber, clinicalText, type ClinicalColumn, type StudyInput } from './studyData';
import { signatureSelection, type StudyDefinition } from './definition';
import { assignCohorts, type CohortAssignment, type CohortName } from './split';
import { groupMembers, namesFor, signatureCandidates, usedFeatures } from './featureSets';
import { assertNoLeakage, dataLeakageProblems } from './leakage';
import { listNames } from './tableReaders';
import { StudyInputError, problemMessage } from './studyErrors';

/** Smallest number of cases and of controls per cohort (DeLong variance, calibration, ROC need both). */
export const MIN_PER_CLASS = 2;

/** Result of a successful check. */
export interface CheckedInput {
  assignment: CohortAssignment;
  usedFeatures: string[];
  /** Notes that do not stop the study (excluded patients, unused feature rows, ...). */
  warnings: string[];
}

function column(input: StudyInput, name: string, what: string, problems: string[]): ClinicalColumn | undefined {
  const c = input.clinical.columns.get(name);
  if (!c) problems.push(`${what}: the clinical table has no column "${name}"`);
  return c;
}

/** Study patients (by index) whose numeric value is missing or outside `allowed`. */
function badNumeric(c: ClinicalColumn, a: CohortAssignment, ok: (v: number) => boolean, only?: CohortName): { missing: string[]; invalid: string[] } {
  const missing: string[] = [];
  const invalid: string[] = [];
  a.rows.forEach((row, i) => {
    if (only && a.cohort[i] !== only) return;
    const v = clinicalNumber(c, row);
    if (Number.isNaN(v)) (c.kind === 'text' && clinicalText(c, row) !== null ? invalid : missing).push(a.ids[i]);
    else if (!ok(v)) invalid.push(a.ids[i]);
  });
  return { missing, invalid };
}

/**
 * Checks a study's data against its definition, then its data-dependent leakage rules.
 * @throws StudyInputError listing every data problem (missing outcomes/follow-up, a single-class cohort, too few
 *   patients or events for the CV folds, missing features, unknown columns, ...)
 * @throws StudyLeakageError when the batch composition would leak validation data
 */
export function checkStudyInput(d: StudyDefinition, input: StudyInput): CheckedInput {
  const problems: string[] = [];
  const warnings: string[] = [];
  const outcome = column(input, d.outcome.column, 'outcome.column', problems);
  if (d.cohorts.method !== 'random') column(input, d.cohorts.column, 'cohorts.column', problems);
  if (problems.length) throw new StudyInputError(problemMessage('the study data cannot be used:', problems), problems);

  const a = assignCohorts(d, input.clinical);
  if (a.excluded.length) warnings.push(`${a.excluded.length} patient(s) belong to no cohort and are left out: ${listNames(a.excluded)}`);
  const counts = { training: [0, 0], validation: [0, 0] };
  if (outcome) {
    const { missing, invalid } = badNumeric(outcome, a, (v) => v === 0 || v === 1);
    if (missing.length) problems.push(`outcome "${d.outcome.column}" is missing for patient(s) ${listNames(missing)}`);
    if (invalid.length) problems.push(`outcome "${d.outcome.column}" must be 0 or 1; not for patient(s) ${listNames(invalid)}`);
    a.rows.forEach((row, i) => {
      const v = clinicalNumber(outcome, row);
      if (v === 0 || v === 1) counts[a.cohort[i]][v]++;
    });
  }
  for (const k of ['training', 'validation'] as const) {
    const [n0, n1] = counts[k];
    if (n0 + n1 === 0) problems.push(`the ${k} cohort has no patients`);
    else if (n0 === 0 || n1 === 0) problems.push(`the ${k} cohort has a single outcome class (${n0} without, ${n1} with the outcome)`);
    else if (Math.min(n0, n1) < MIN_PER_CLASS) {
      problems.push(`the ${k} cohort has only ${Math.min(n0, n1)} patient(s) in one outcome class; at least ${MIN_PER_CLASS} are needed`);
    }
  }

  if (d.survival) {
    const needed = d.evaluation.km !== null;
    const time = column(input, d.survival.time, 'survival.time', problems);
    const event = column(input, d.survival.event, 'survival.event', problems);
    if (time && event && needed) {
      const t = badNumeric(time, a, (v) => Number.isFinite(v) && v >= 0);
      const e = badNumeric(event, a, (v) => v === 0 || v === 1);
      if (t.missing.length) problems.push(`follow-up "${d.survival.time}" is missing for patient(s) ${listNames(t.missing)}`);
      if (t.invalid.length) problems.push(`follow-up "${d.survival.time}" must be a time ≥ 0; not for patient(s) ${listNames(t.invalid)}`);
      if (e.missing.length) problems.push(`event "${d.survival.event}" is missing for patient(s) ${listNames(e.missing)}`);
      if (e.invalid.length) problems.push(`event "${d.survival.event}" must be 0 or 1; not for patient(s) ${listNames(e.invalid)}`);
      for (const k of ['training', 'validation'] as const) {
        const events = a.rows.filter((row, i) => a.cohort[i] === k && clinicalNumber(event, row) === 1).length;
        if (events === 0) problems.push(`the ${k} cohort has no ${d.survival.event} events for the Kaplan–Meier analysis`);
      }
    }
  }

  checkFeatures(d, input, a, problems, warnings);
  const used = usedFeatures(d, input.features.names);
  checkClinical(d, input, a, problems);
  checkFolds(d, input, a, counts.training, problems);
  checkIcc(d, input, used, problems);
  if (problems.length) throw new StudyInputError(problemMessage('the study data cannot be used:', problems), problems);
  assertNoLeakage(dataLeakageProblems(d, input.clinical, a, used));
  return { assignment: a, usedFeatures: used, warnings };
}

function checkFeatures(d: StudyDefinition, input: StudyInput, a: CohortAssignment, problems: string[], warnings: string[]): void {
  const f = input.features;
  const rowOf = new Map(f.ids.map((id, i) => [id, i]));
  const absent = a.ids.filter((id) => !rowOf.has(id));
  if (absent.length) problems.push(`features are missing for patient(s) ${listNames(absent)} (not in the feature table)`);
  const study = new Set(a.ids);
  const extra = f.ids.filter((id) => !study.has(id));
  if (extra.length) warnings.push(`${extra.length} feature-table row(s) are not study patients and are ignored: ${listNames(extra)}`);
  for (const e of f.extractionErrors) if (study.has(e.id)) problems.push(`feature extraction failed for patient ${e.id}: ${e.message}`);

  const members = groupMembers(d, f.names);
  for (const [g, m] of Object.entries(members)) if (m.length === 0) problems.push(`featureGroups.${g}: matches no column of the feature table`);
  const used = usedFeatures(d, f.names);
  const missingBy = new Map<string, string[]>();
  const index = new Map(f.names.map((n, j) => [n, j]));
  for (const name of used) {
    const col = f.columns[index.get(name) as number];
    for (const id of a.ids) {
      const r = rowOf.get(id);
      if (r !== undefined && Number.isNaN(col[r])) {
        const list = missingBy.get(id) ?? [];
        list.push(name);
        missingBy.set(id, list);
      }
    }
  }
  for (const [id, names] of [...missingBy].slice(0, 20)) problems.push(`patient ${id} has missing feature value(s): ${listNames(names, 5)}`);
  if (missingBy.size > 20) problems.push(`… and ${missingBy.size - 20} more patient(s) with missing feature values`);

  d.signatures.forEach((s, k) => {
    const cands = signatureCandidates(s, members, f.names);
    const sel = signatureSelection(d, s);
    if (cands.length === 0) problems.push(`signatures[${k}] (${s.name}): no candidate features`);
    else if (sel.mrmr && sel.mrmr.k > cands.length) {
      problems.push(`signatures[${k}] (${s.name}): mRMR k = ${sel.mrmr.k} exceeds its ${cands.length} candidate feature(s)`);
    }
    if (s.classifier.type === 'knn') {
      const nTrain = a.cohort.filter((c) => c === 'training').length;
      if (s.classifier.k > nTrain) problems.push(`signatures[${k}].classifier.k = ${s.classifier.k} exceeds the ${nTrain} training patients`);
    }
  });
}

function checkClinical(d: StudyDefinition, input: StudyInput, a: CohortAssignment, problems: string[]): void {
  d.clinical.candidates.forEach((c, k) => {
    const col = column(input, c.name, `clinical.candidates[${k}]`, problems);
    if (!col) return;
    const levels = c.levels;
    const { missing, invalid } = badNumeric(col, a, (v) => (levels ? levels.includes(v) : Number.isFinite(v)));
    if (missing.length) problems.push(`clinical candidate "${c.name}" is missing for patient(s) ${listNames(missing)}`);
    if (invalid.length) {
      problems.push(`clinical candidate "${c.name}" has ${levels ? `a value outside the levels ${levels.join('/')}` : 'a non-numeric value'} for patient(s) ${listNames(invalid)}`);
    }
  });
  const h = d.harmonisation;
  if (h.method === 'combat') {
    const batch = column(input, h.batchColumn, 'harmonisation.batchColumn', problems);
    if (batch) {
      const missing = a.ids.filter((_, i) => clinicalText(batch, a.rows[i]) === null);
      if (missing.length) problems.push(`batch "${h.batchColumn}" is missing for patient(s) ${listNames(missing)}`);
      const batches = (k: CohortName): Set<string> => new Set(a.rows.filter((_, i) => a.cohort[i] === k).map((r) => clinicalText(batch, r) ?? ''));
      const train = batches('training');
      if (h.fit === 'training') {
        const unseen = [...batches('validation')].filter((b) => !train.has(b));
        if (unseen.length) {
          problems.push(`harmonisation.fit: training — validation batch(es) ${unseen.join(', ')} have no training patients, so ComBat cannot map them (use fit: reference)`);
        }
        if (train.size < 2) problems.push('harmonisation.fit: training — the training cohort has a single batch; there is nothing to harmonise');
      }
      if (h.referenceBatch !== undefined && !train.has(h.referenceBatch) && !batches('validation').has(h.referenceBatch)) {
        problems.push(`harmonisation.referenceBatch: no patient is in batch "${h.referenceBatch}"`);
      }
    }
    h.covariates.forEach((c, k) => {
      const col = column(input, c, `harmonisation.covariates[${k}]`, problems);
      if (!col) return;
      const { missing, invalid } = badNumeric(col, a, Number.isFinite);
      if (missing.length || invalid.length) problems.push(`covariate "${c}" is missing or not numeric for patient(s) ${listNames([...missing, ...invalid])}`);
    });
  }
  for (const v of d.table1?.variables ?? []) column(input, v.name, 'table1.variables', problems);
}

function checkFolds(d: StudyDefinition, input: StudyInput, a: CohortAssignment, trainCounts: number[], problems: string[]): void {
  const minority = Math.min(trainCounts[0], trainCounts[1]);
  const nTrain = trainCounts[0] + trainCounts[1];
  const seen = new Set<string>();
  for (const s of d.signatures) {
    const lasso = signatureSelection(d, s).lasso;
    let folds = lasso.folds;
    const key = `${lasso.foldIdColumn ?? ''}/${folds}`;
    if (seen.has(key)) continue;
    seen.add(key);
    if (lasso.foldIdColumn !== undefined) {
      const col = column(input, lasso.foldIdColumn, 'selection.lasso.foldIdColumn', problems);
      if (!col) continue;
      const { missing, invalid } = badNumeric(col, a, (v) => Number.isInteger(v) && v >= 1, 'training');
      if (missing.length) problems.push(`fold id "${lasso.foldIdColumn}" is missing for training patient(s) ${listNames(missing)}`);
      if (invalid.length) problems.push(`fold id "${lasso.foldIdColumn}" must be an integer ≥ 1; not for training patient(s) ${listNames(invalid)}`);
      if (missing.length || invalid.length) continue;
      const ids = new Set(a.rows.filter((_, i) => a.cohort[i] === 'training').map((r) => clinicalNumber(col, r)));
      folds = ids.size;
      const k = Math.max(...ids);
      if (folds !== k) problems.push(`fold id "${lasso.foldIdColumn}": folds must be numbered 1..K without gaps (found ${[...ids].sort((x, y) => x - y).join(', ')})`);
      if (folds < 3) problems.push(`fold id "${lasso.foldIdColumn}": at least 3 folds are needed, found ${folds}`);
    }
    if (nTrain < folds) problems.push(`too few training patients (${nTrain}) for ${folds} cross-validation folds`);
    else if (minority < folds) {
      problems.push(`too few events for ${folds}-fold cross-validation: the smaller outcome class of the training cohort has ${minority} patient(s); use at most ${minority} folds`);
    }
  }
}

function checkIcc(d: StudyDefinition, input: StudyInput, used: readonly string[], problems: string[]): void {
  const icc = d.icc;
  if (!icc) return;
  if (!input.icc) {
    problems.push('icc: the study has an ICC filter but no ICC ratings table was given');
    return;
  }
  const ratings = input.icc;
  for (const col of [...(icc.inter ?? []), ...(icc.intra ?? [])]) {
    if (!ratings.ratings.has(col)) problems.push(`icc: the ratings table has no column "${col}" (has ${[...ratings.ratings.keys()].join(', ')})`);
  }
  const members = groupMembers(d, input.features.names);
  const subject = namesFor(icc.appliesTo, members, input.features.names).filter((n) => used.includes(n));
  const perFeature = new Map<string, number>();
  for (const f of ratings.feature) perFeature.set(f, (perFeature.get(f) ?? 0) + 1);
  const absent = subject.filter((n) => (perFeature.get(n) ?? 0) < 2);
  if (absent.length) problems.push(`icc: feature(s) ${listNames(absent)} have fewer than 2 rated patients in the ICC table`);
}
