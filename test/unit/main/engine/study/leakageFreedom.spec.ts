/**
 * Fit-on-training / apply-to-validation, checked as a property: changing everything about the validation
 * patients (outcomes, follow-up, clinical values, feature values) must leave every quantity fitted for the
 * training cohort unchanged — scaling, ComBat's training values, selections, coefficients, the clinical model,
 * the DLRN, nomogram, Youden thresholds and the KM cut.
 */
import { describe, expect, it } from 'vitest';
import { analysisStages, prepareStudy } from '../../../../../src/main/engine/study/pipeline';
import { executeStages, memoryCache } from '../../../../../src/main/engine/study/stageGraph';
import { resultsStage, metaHashes } from '../../../../../src/main/engine/study/results';
import { hashStudyInput } from '../../../../../src/main/engine/study/stageGraph';
import type { StudyResults } from '../../../../../src/main/engine/study/resultsSchema';
import type { StudyInput } from '../../../../../src/main/engine/study/studyData';
import { fixtureDefinition, fixtureInput } from '../../../../support/studyFixture';

function results(input: StudyInput): StudyResults {
  const d = fixtureDefinition();
  prepareStudy(d, input);
  const h = hashStudyInput(input);
  const analysis = analysisStages(d);
  const meta = { software: { name: 'x', version: 'y' }, source: 's', hashes: metaHashes(h), featureColumns: 0, ignoredColumns: [], warnings: [] };
  const { outputs } = executeStages([...analysis, resultsStage(d, meta, analysis)], input, memoryCache(), () => {}, h);
  return outputs.get('results') as StudyResults;
}

/** Every validation patient (rows 50…79) changed. */
function perturbValidation(input: StudyInput): void {
  const num = (c: string): Float64Array => (input.clinical.columns.get(c) as { values: Float64Array }).values;
  for (let i = 50; i < 80; i++) {
    num('outcome')[i] = i % 3 === 0 ? 1 : 0;
    num('time')[i] = 1 + (i % 7);
    num('event')[i] = i % 2;
    num('age')[i] = 20 + i;
    num('sex')[i] = 1 - num('sex')[i];
    input.features.columns.forEach((c, j) => (c[i] = c[i] * (1.5 + j / 10) - 2));
  }
}

describe('no validation data reaches a training fit', () => {
  it('training-fitted quantities are identical after changing every validation patient', () => {
    const a = results(fixtureInput());
    const input = fixtureInput();
    perturbValidation(input);
    const b = results(input);
    expect(b.scaling).toEqual(a.scaling);
    // the reference batch's training values are returned bit-identical (what every later fit reads); sva's
    // grand mean itself comes out of one least-squares solve over all patients, so it moves by round-off only
    const ga = a.harmonisation.perFeature?.grandMean as number[];
    (b.harmonisation.perFeature?.grandMean as number[]).forEach((v, j) => expect(Math.abs(v - ga[j])).toBeLessThan(1e-13 * Math.abs(ga[j]) + 1e-15));
    expect(b.harmonisation.perFeature?.gammaStar.B).not.toEqual(a.harmonisation.perFeature?.gammaStar.B);
    expect(b.icc).toEqual(a.icc);
    for (let s = 0; s < a.signatures.length; s++) {
      const [x, y] = [a.signatures[s], b.signatures[s]];
      expect(y.mrmr).toEqual(x.mrmr);
      expect(y.lasso).toEqual(x.lasso);
      expect(y.coefficients).toEqual(x.coefficients);
      expect(y.scores.training).toEqual(x.scores.training);
      expect(y.scores.validation).not.toEqual(x.scores.validation);
    }
    expect(b.clinicalModel.model).toEqual(a.clinicalModel.model);
    expect(b.clinicalModel.univariate).toEqual(a.clinicalModel.univariate);
    expect(b.dlrn.model).toEqual(a.dlrn.model);
    expect(b.dlrn.nomogram).toEqual(a.dlrn.nomogram);
    for (const m of a.evaluation.models) {
      expect(b.evaluation.roc[m.id].youden).toEqual(a.evaluation.roc[m.id].youden);
      expect(b.evaluation.roc[m.id].training).toEqual(a.evaluation.roc[m.id].training);
      expect(b.evaluation.calibration[m.id].training).toEqual(a.evaluation.calibration[m.id].training);
    }
    expect(b.evaluation.km?.cut).toBe(a.evaluation.km?.cut);
    expect(b.evaluation.km?.training).toEqual(a.evaluation.km?.training);
    expect(b.evaluation.roc.dlrn.validation).not.toEqual(a.evaluation.roc.dlrn.validation);
  });
});
