/**
 * The demo cohort's tables: `clinical.csv` (the paper's Table 1 variables, outcome and follow-up,
 * under the canonical names of `io/clinicalTable.ts`, reader 1's semantic ratings) and
 * `semantic_ratings.csv` (both readers, for inter-reader agreement).
 */
import { toCsv } from '../io/csvWrite';
import type { DemoCohort } from './cohort';

export const CLINICAL_COLUMNS = [
  'patient_id',
  'centre',
  'cohort',
  'age',
  'sex',
  'ki67',
  'tumour_size_mm',
  'n_stage',
  'necrosis',
  'enhancement_degree',
  'enhancement_pattern',
  'contours',
  'adjacent_organ_involvement',
  'mdm',
  'followup_months',
  'event',
] as const;

/** clinical.csv text: one row per patient, binary variables as 0/1, sex M/F, N stage N0/N1. */
export function clinicalCsv(cohort: DemoCohort): string {
  const rows = cohort.patients.map((p) => {
    const r = p.ratings[0];
    return [
      p.id,
      p.centre,
      p.cohort,
      p.age,
      p.sex,
      p.ki67,
      r.tumourSizeMm,
      p.nStage ? 'N1' : 'N0',
      r.necrosis,
      r.enhancementDegree,
      r.enhancementPattern,
      r.contours,
      r.adjacentOrganInvolvement,
      p.mdm,
      p.followupMonths,
      p.event,
    ];
  });
  return toCsv([...CLINICAL_COLUMNS], rows);
}

/** semantic_ratings.csv text: one row per patient and reader. */
export function semanticRatingsCsv(cohort: DemoCohort): string {
  const header = ['patient_id', 'reader', 'tumour_size_mm', 'necrosis', 'enhancement_degree', 'enhancement_pattern', 'contours', 'adjacent_organ_involvement'];
  const rows = cohort.patients.flatMap((p) =>
    p.ratings.map((r) => [p.id, r.reader, r.tumourSizeMm, r.necrosis, r.enhancementDegree, r.enhancementPattern, r.contours, r.adjacentOrganInvolvement]),
  );
  return toCsv(header, rows);
}
