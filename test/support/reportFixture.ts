/**
 * A realistic study for report tests: the statistics oracle's synthetic cohort (180 patients, centres A/B,
 * 40 radiomic features, ICC ratings of two readers, follow-up) run through the real study pipeline
 * (`services/studyRunner`), giving the same `results.json` a user's run would. Memoised per test process.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseStudyDefinition } from '../../src/main/engine/study/definition';
import type { StudyResults } from '../../src/main/engine/study/resultsSchema';
import { featureTableSource, runStudy } from '../../src/main/services/studyRunner';
import { oraclePath } from './oracle';

/** The study definition of the fixture (the oracle pipeline's conventions plus an ICC filter and a survival analysis). */
export const ORACLE_STUDY_YAML = `
name: Oracle cohort study
description: Synthetic two-centre cohort of the statistics oracle
outcome: { column: outcome, label: MDM }
survival: { time: time, event: event, unit: months }
cohorts: { method: centre, column: centre, training: [A], validation: [B] }
extraction: { parameterFiles: [Params.yaml] }
featureGroups:
  radiomics: ['/^f[0-9]{2}$/']
icc: { threshold: 0.5, inter: [reader1, reader2], appliesTo: [radiomics] }
harmonisation: { method: combat, batchColumn: centre, fit: reference, referenceBatch: A }
selection:
  mrmr: { k: 10 }
  lasso: { foldIdColumn: foldid, thresh: 1.0e-12, maxit: 10000000 }
signatures:
  - { name: dlrs, label: DLRS, groups: [radiomics] }
clinical:
  candidates:
    - { name: age, label: Age }
    - { name: sex, label: Sex }
    - { name: tumor_size_gt10, label: Tumour size > 10 cm }
    - { name: grade, label: Grade }
    - { name: lymph_node_meta, label: Clinical N stage }
dlrn: { signature: dlrs }
evaluation:
  bootstrap: { B: 200, seed: 1 }
  km: { model: dlrn, cut: median, times: [12, 24, 36, 48] }
table1:
  variables:
    - { name: age, label: Age (years) }
    - { name: sex, label: Sex, type: categorical }
    - { name: tumor_size_mm, label: Tumour size (mm) }
    - { name: tumor_size_gt10, label: Tumour size > 10 cm, type: categorical }
    - { name: grade, label: Grade, type: categorical }
    - { name: lymph_node_meta, label: Clinical N stage, type: categorical }
`;

let cached: StudyResults | undefined;

/** Runs the fixture study once (about 5 s) and returns its results. */
export function oracleStudyResults(): StudyResults {
  if (cached) return cached;
  const definition = parseStudyDefinition(ORACLE_STUDY_YAML, 'oracle study');
  const cohort = oraclePath('stats', 'data', 'cohort.csv');
  const icc = oraclePath('stats', 'data', 'icc_readers.csv');
  const out = mkdtempSync(join(tmpdir(), 'dlrn-report-fixture-'));
  try {
    const source = featureTableSource({ features: cohort, clinical: cohort, icc, label: (p) => p.slice(p.lastIndexOf('/') + 1) });
    cached = runStudy({ definition, source, outDir: out, cache: false, software: { name: 'DLRN Studio', version: 'test' } }).results;
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
  return cached;
}
