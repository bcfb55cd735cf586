/**
 * The demo cohort's tables: `clinical.csv` (the paper's Table 1 variables, outcome and follow-up,
 * under the canonical names of `io/clinicalTable.ts`, reader 1's semantic ratings),
 * `semantic_ratings.csv` (both readers, for inter-reader agreement), and the batch case lists of
 * `dlrn extract` (paths relative to the cohort folder, phase prefixes A_/V_/D_ as
 * `studies/paper-dlrn.yaml` expects).
 */
import { toCsv } from '../io/csvWrite';
import type { PhaseName } from './centres';
import type { DemoCohort } from './cohort';
import type { ManifestPatient } from './manifest';

/** Feature-name prefix of each phase in the extraction case lists. */
export const PHASE_PREFIX: Record<PhaseName, string> = { ART: 'A_', PV: 'V_', DELAY: 'D_' };

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

/**
 * extraction_cases.csv: `ID, Prefix, Image, Mask` — reader 1's mask of every phase of every patient
 * (one ID groups a patient's three phases into one feature row).
 */
export function extractionCasesCsv(patients: readonly ManifestPatient[]): string {
  const rows = patients.flatMap((p) =>
    Object.entries(p.phases ?? {}).map(([phase, ph]) => [p.id, PHASE_PREFIX[phase as PhaseName], ph.dir, ph.masks[0].path]),
  );
  return toCsv(['ID', 'Prefix', 'Image', 'Mask'], rows);
}

/**
 * reliability_cases.csv: `ID, Patient, Reader, Prefix, Image, Mask` — every reading (reader1,
 * reader2, reader1_repeat) of every phase of the repeat-delineation subset; ID = "patient/reader".
 */
export function reliabilityCasesCsv(patients: readonly ManifestPatient[]): string {
  const rows = patients
    .filter((p) => p.repeatDelineation)
    .flatMap((p) =>
      Object.entries(p.phases ?? {}).flatMap(([phase, ph]) => ph.masks.map((m) => [`${p.id}/${m.reader}`, p.id, m.reader, PHASE_PREFIX[phase as PhaseName], ph.dir, m.path])),
    );
  return toCsv(['ID', 'Patient', 'Reader', 'Prefix', 'Image', 'Mask'], rows);
}
