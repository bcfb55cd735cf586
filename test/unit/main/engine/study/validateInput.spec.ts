import { describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { prepareStudy } from '../../../../../src/main/engine/study/pipeline';
import { StudyInputError } from '../../../../../src/main/engine/study/studyErrors';
import { runStudy } from '../../../../../src/main/services/studyRunner';
import type { StudyInput } from '../../../../../src/main/engine/study/studyData';
import { fixtureDefinition, fixtureInput } from '../../../../support/studyFixture';
import { tempDir } from '../../../../support/tmp';

type Patch = (d: Record<string, any>) => void;

function inputProblems(mutate: (input: StudyInput) => void, patch: Patch = () => {}): string[] {
  const input = fixtureInput();
  mutate(input);
  try {
    prepareStudy(fixtureDefinition(patch), input);
  } catch (err) {
    expect(err).toBeInstanceOf(StudyInputError);
    return [...(err as StudyInputError).problems];
  }
  throw new Error('expected a StudyInputError');
}

const numbers = (input: StudyInput, column: string): Float64Array => (input.clinical.columns.get(column) as { values: Float64Array }).values;

describe('bad input is refused before any work, naming patients, columns or keys', () => {
  it('missing or non-binary outcomes name the patients', () => {
    const p = inputProblems((input) => {
      numbers(input, 'outcome')[3] = NaN;
      numbers(input, 'outcome')[55] = NaN;
      numbers(input, 'outcome')[7] = 2;
    });
    expect(p).toContain('outcome "outcome" is missing for patient(s) S004, S056');
    expect(p).toContain('outcome "outcome" must be 0 or 1; not for patient(s) S008');
  });

  it('missing follow-up or event names the patients (Kaplan–Meier requested)', () => {
    const p = inputProblems((input) => {
      numbers(input, 'time')[10] = NaN;
      numbers(input, 'event')[70] = NaN;
      numbers(input, 'time')[11] = -1;
    });
    expect(p).toContain('follow-up "time" is missing for patient(s) S011');
    expect(p).toContain('follow-up "time" must be a time ≥ 0; not for patient(s) S012');
    expect(p).toContain('event "event" is missing for patient(s) S071');
  });

  it('a cohort with a single outcome class', () => {
    const p = inputProblems((input) => numbers(input, 'outcome').fill(0, 50));
    expect(p.some((x) => /^the validation cohort has a single outcome class \(30 without, 0 with the outcome\)$/.test(x))).toBe(true);
  });

  it('too few events (or patients) for the number of CV folds', () => {
    const y = (input: StudyInput): Float64Array => numbers(input, 'outcome');
    const p = inputProblems(
      (input) => {
        const v = y(input);
        let kept = 0;
        for (let i = 0; i < 50; i++) if (v[i] === 1 && ++kept > 3) v[i] = 0;
      },
      (d) => (d.selection.lasso = { folds: 5 }),
    );
    expect(p).toContain('too few events for 5-fold cross-validation: the smaller outcome class of the training cohort has 3 patient(s); use at most 3 folds');
    const q = inputProblems(
      () => {},
      (d) => (d.selection.lasso = { folds: 60 }),
    );
    expect(q).toContain('too few training patients (50) for 60 cross-validation folds');
  });

  it('features missing for some patients (absent rows, NaN values, failed extraction)', () => {
    const p = inputProblems((input) => {
      const f = input.features;
      const drop = [5, 62];
      f.ids = f.ids.filter((_, i) => !drop.includes(i));
      f.columns = f.columns.map((c) => c.filter((_, i) => !drop.includes(i)));
      f.columns[2][0] = NaN; // S001 f03
      f.columns[13][0] = NaN; // S001 deep_2
      f.extractionErrors.push({ id: 'S010', message: 'mask is empty' });
    });
    expect(p).toContain('features are missing for patient(s) S006, S063 (not in the feature table)');
    expect(p).toContain('patient S001 has missing feature value(s): f03, deep_2');
    expect(p).toContain('feature extraction failed for patient S010: mask is empty');
  });

  it('unknown columns and clinical candidates with missing values', () => {
    const p = inputProblems(
      (input) => (numbers(input, 'age')[20] = NaN),
      (d) => {
        d.clinical.candidates.push({ name: 'ki67' });
        d.harmonisation.batchColumn = 'scanner';
      },
    );
    expect(p).toContain('clinical.candidates[3]: the clinical table has no column "ki67"');
    expect(p).toContain('clinical candidate "age" is missing for patient(s) S021');
    expect(p).toContain('harmonisation.batchColumn: the clinical table has no column "scanner"');
  });

  it('ICC filter without ratings, or a feature group matching nothing', () => {
    const p = inputProblems(
      (input) => delete input.icc,
      (d) => (d.featureGroups.deep = ['dl_*']),
    );
    expect(p).toContain('icc: the study has an ICC filter but no ICC ratings table was given');
    expect(p).toContain('featureGroups.deep: matches no column of the feature table');
  });

  it('the runner stops before any stage and writes nothing', () => {
    const out = tempDir();
    const input = fixtureInput();
    numbers(input, 'outcome')[0] = NaN;
    const stages: string[] = [];
    expect(() =>
      runStudy({ definition: fixtureDefinition(), source: { describe: () => 'fixture', load: () => input }, outDir: out, onStage: (e) => stages.push(e.stage) }),
    ).toThrow(/outcome "outcome" is missing for patient\(s\) S001/);
    expect(stages).toEqual([]);
    expect(existsSync(join(out, 'results.json'))).toBe(false);
  });
});
