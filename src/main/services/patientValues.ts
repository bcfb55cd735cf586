import { validateStudyDefinition } from '../engine/study/definition';
import { withDerivedColumns } from '../engine/study/derivedColumns';
import type { StudyResults } from '../engine/study/resultsSchema';
import { clinicalNumber } from '../engine/study/studyData';
import type { Project } from '../storage/project';
import { projectClinicalData } from './projectStudySource';

/**
 * The DLRN inputs of one study patient: the signature score the study computed for them and the
 * DLRN's clinical predictors from the project's clinical table (with the study's derived columns).
 */
export function studyPatientValues(project: Project, results: StudyResults, patientId: string): Record<string, number> {
  const signature = results.signatures.find((s) => s.name === results.dlrn.signature);
  if (!signature) throw new Error(`results have no signature '${results.dlrn.signature}'`);
  let score: number | undefined;
  for (const cohort of ['training', 'validation'] as const) {
    const p = signature.scores[cohort];
    const i = p.ids.indexOf(patientId);
    if (i >= 0) score = (p.lp ?? p.probability)[i];
  }
  if (score === undefined) throw new Error(`patient ${patientId} is not in this study's cohorts`);
  const definition = validateStudyDefinition(results.study.definition, 'results.json study definition');
  const clinical = withDerivedColumns(definition, projectClinicalData(project));
  const row = clinical.ids.indexOf(patientId);
  const values: Record<string, number> = { score };
  for (const name of results.dlrn.predictors.filter((x) => x !== 'score' && x !== results.dlrn.signature)) {
    const column = clinical.columns.get(name);
    if (!column || row < 0) throw new Error(`patient ${patientId}: no value of '${name}' in the project's clinical table`);
    values[name] = clinicalNumber(column, row);
  }
  return values;
}
