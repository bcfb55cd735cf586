/**
 * Cohort assignment (training / validation) of the patients of the clinical table: by the values of a
 * column (e.g. centre), or a seeded, optionally outcome-stratified random split. Patients whose column value
 * is in neither list are excluded from the study (reported, never silently analysed).
 */
import { Rng } from '../stats/rng';
import { clinicalNumber, clinicalText, type ClinicalData } from './studyData';
import type { StudyDefinition } from './definition';

export type CohortName = 'training' | 'validation';

/** Cohort of every study patient, in clinical-table order. */
export interface CohortAssignment {
  /** Study patients (clinical rows assigned to a cohort), file order. */
  ids: string[];
  /** Row of each study patient in the clinical table. */
  rows: number[];
  cohort: CohortName[];
  /** Clinical ids left out because their cohort value is in neither list (or missing). */
  excluded: string[];
}

/**
 * Assigns cohorts.
 * - `centre`/`column`: training = rows whose `column` value (as text) is in `training`, validation likewise.
 * - `random`: among rows with a known 0/1 outcome; with `stratify`, per class (0 then 1) the members' file-order
 *   positions are permuted by `Rng(seed).permutation` (R: `set.seed(seed); sample(n)`, one stream for both
 *   classes) and the first round(fraction·n_class) (half away from zero) become validation; without
 *   stratification the same over all rows. Rows with a missing outcome are excluded (and reported by the input
 *   check).
 */
export function assignCohorts(definition: StudyDefinition, clinical: ClinicalData): CohortAssignment {
  const n = clinical.ids.length;
  const c = definition.cohorts;
  const cohortOf: (CohortName | null)[] = new Array<CohortName | null>(n).fill(null);
  if (c.method === 'random') {
    const outcome = clinical.columns.get(definition.outcome.column);
    const y = Float64Array.from({ length: n }, (_, i) => (outcome ? clinicalNumber(outcome, i) : NaN));
    const known = Array.from({ length: n }, (_, i) => i).filter((i) => y[i] === 0 || y[i] === 1);
    const strata = c.stratify ? [known.filter((i) => y[i] === 0), known.filter((i) => y[i] === 1)] : [known];
    const rng = new Rng(c.seed);
    for (const members of strata) {
      const perm = rng.permutation(members.length);
      const nVal = Math.round(c.validationFraction * members.length);
      perm.forEach((p, k) => (cohortOf[members[p]] = k < nVal ? 'validation' : 'training'));
    }
  } else {
    const column = clinical.columns.get(c.column);
    for (let i = 0; i < n; i++) {
      const v = column ? clinicalText(column, i) : null;
      if (v === null) continue;
      if (c.training.includes(v)) cohortOf[i] = 'training';
      else if (c.validation.includes(v)) cohortOf[i] = 'validation';
    }
  }
  const rows = cohortOf.flatMap((k, i) => (k === null ? [] : [i]));
  return {
    ids: rows.map((i) => clinical.ids[i]),
    rows,
    cohort: rows.map((i) => cohortOf[i] as CohortName),
    excluded: clinical.ids.filter((_, i) => cohortOf[i] === null),
  };
}

/** Indices (into the study patients) of one cohort, in file order. */
export function cohortIndices(assignment: { cohort: readonly CohortName[] }, which: CohortName): Int32Array {
  return Int32Array.from(assignment.cohort.flatMap((k, i) => (k === which ? [i] : [])));
}

/** Values of `x` at `rows`. */
export function take(x: ArrayLike<number>, rows: ArrayLike<number>): Float64Array {
  return Float64Array.from({ length: rows.length }, (_, k) => x[rows[k]]);
}
