import { describe, expect, it } from 'vitest';
import { prepareStudy } from '../../../../../src/main/engine/study/pipeline';
import { StudyLeakageError } from '../../../../../src/main/engine/study/studyErrors';
import { fixtureDefinition, fixtureInput } from '../../../../support/studyFixture';
import type { StudyInput } from '../../../../../src/main/engine/study/studyData';

function leaks(patch: (d: Record<string, any>) => void, input: StudyInput = fixtureInput()): string[] {
  try {
    prepareStudy(fixtureDefinition(patch), input);
  } catch (err) {
    expect(err).toBeInstanceOf(StudyLeakageError);
    return [...(err as StudyLeakageError).problems];
  }
  throw new Error('expected a StudyLeakageError');
}

describe('leaking configurations are refused with the reason', () => {
  it('z-scoring or selecting on all patients', () => {
    expect(leaks((d) => (d.scaling.fitOn = 'all'))[0]).toMatch(/^scaling\.fitOn: all — z-score means\/SDs would include validation patients/);
    expect(leaks((d) => (d.selection.fitOn = 'all'))[0]).toMatch(/^selection\.fitOn: all — mRMR\/LASSO would see validation outcomes/);
  });

  it('ComBat on all patients without a reference batch, or with the outcome as covariate', () => {
    expect(leaks((d) => (d.harmonisation.fit = 'all'))[0]).toMatch(/ComBat without a reference batch moves training values/);
    expect(leaks((d) => (d.harmonisation.covariates = ['outcome']))[0]).toMatch(/"outcome" is an outcome column/);
  });

  it('the outcome or follow-up as a clinical candidate', () => {
    expect(leaks((d) => d.clinical.candidates.push({ name: 'time' }))[0]).toMatch(/"time" is the outcome or follow-up itself/);
  });

  it('a reference batch holding validation patients, or a batch mixing cohorts', () => {
    const input = fixtureInput();
    const centre = input.clinical.columns.get('centre') as { kind: 'text'; values: string[] };
    centre.values[60] = 'A'; // a validation-cohort patient scanned at the reference site
    const p = leaks((d) => {
      d.cohorts = { method: 'random', seed: 4, validationFraction: 0.4 };
      d.selection.lasso = { folds: 5 };
    }, input);
    expect(p.some((x) => /batch "A" holds \d+ validation patient/.test(x))).toBe(true);
    expect(p.some((x) => /batch "B" mixes \d+ training and \d+ validation patients/.test(x))).toBe(true);
  });

  it('a feature column that is the outcome (target leakage)', () => {
    const input = fixtureInput();
    input.features.names.push('outcome');
    input.features.columns.push(Float64Array.from((input.clinical.columns.get('outcome') as { values: Float64Array }).values));
    expect(leaks((d) => (d.featureGroups.deep = ['deep_*', 'outcome']), input)).toEqual([
      'feature "outcome" is the outcome/follow-up column (target leakage): exclude it from the feature groups',
    ]);
  });
});
