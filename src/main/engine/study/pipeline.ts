/**
 * The study pipeline as an ordered list of stages (each after its inputs):
 *
 *   split → features → icc → harmonise → zscore → per signature: mrmr → lasso → signature
 *         → clinical → dlrn → roc, calibration, dca, km, table1, table2, sensitivity, nestedCv, combatCheck → results
 *
 * Every fitted quantity is estimated on the training cohort and applied unchanged to validation (see each
 * stage's module); {@link prepareStudy} refuses leaking settings and bad input before anything runs.
 */
import type { StudyDefinition } from './definition';
import type { StageSpec } from './stageGraph';
import type { StudyInput } from './studyData';
import { assertNoLeakage, definitionLeakageProblems } from './leakage';
import { checkStudyInput, type CheckedInput } from './validateInput';
import { splitStage } from './stages/splitStage';
import { featuresStage } from './stages/featuresStage';
import { iccStage } from './stages/iccStage';
import { harmoniseStage } from './stages/harmoniseStage';
import { zscoreStage } from './stages/zscoreStage';
import { mrmrStage } from './stages/mrmrStage';
import { lassoStage } from './stages/lassoStage';
import { signatureStage } from './stages/signatureStage';
import { clinicalStage } from './stages/clinicalStage';
import { dlrnStage } from './stages/dlrnStage';
import { rocStage } from './stages/rocStage';
import { calibrationStage } from './stages/calibrationStage';
import { dcaStage } from './stages/dcaStage';
import { kmStage } from './stages/kmStage';
import { table1Stage } from './stages/table1Stage';
import { table2Stage } from './stages/table2Stage';
import { sensitivityStage } from './stages/sensitivityStage';
import { nestedCvStage } from './stages/nestedCvStage';
import { combatCheckStage } from './stages/combatCheckStage';

/** The analysis stages of a study, in execution order (the results stage is added by the assembler). */
export function analysisStages(d: StudyDefinition): StageSpec[] {
  const optional = [kmStage(d), sensitivityStage(d), nestedCvStage(d), combatCheckStage(d)].filter((s): s is StageSpec => s !== null);
  return [
    splitStage(d),
    featuresStage(d),
    iccStage(d),
    harmoniseStage(d),
    zscoreStage(d),
    ...d.signatures.flatMap((s) => [mrmrStage(d, s), lassoStage(d, s), signatureStage(s)]),
    clinicalStage(d),
    dlrnStage(d),
    rocStage(d),
    calibrationStage(d),
    dcaStage(d),
    table1Stage(d),
    table2Stage(d),
    ...optional,
  ];
}

/**
 * Everything that must hold before work starts: no leaking setting, then usable data.
 * @throws StudyLeakageError, StudyInputError
 */
export function prepareStudy(d: StudyDefinition, input: StudyInput): CheckedInput {
  assertNoLeakage(definitionLeakageProblems(d));
  return checkStudyInput(d, input);
}
