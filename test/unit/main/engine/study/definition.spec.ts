import { describe, expect, it } from 'vitest';
import { definitionHash, parseStudyDefinition } from '../../../../../src/main/engine/study/definition';
import { StudyDefinitionError } from '../../../../../src/main/engine/study/studyErrors';
import { canonicalJson } from '../../../../../src/main/engine/study/canonicalJson';
import { FIXTURE_YAML } from '../../../../support/studyFixture';

function problems(yaml: string): string[] {
  try {
    parseStudyDefinition(yaml, 'test.yaml');
  } catch (err) {
    expect(err).toBeInstanceOf(StudyDefinitionError);
    return [...(err as StudyDefinitionError).problems];
  }
  throw new Error('expected a StudyDefinitionError');
}

describe('study definition', () => {
  it('parses the fixture and fills in defaults', () => {
    const d = parseStudyDefinition(FIXTURE_YAML);
    expect(d.format).toBe('dlrn-study/1');
    expect(d.selection.lasso.folds).toBe(10);
    expect(d.selection.lasso.thresh).toBe(1e-10);
    expect(d.clinical.candidates).toEqual([{ name: 'age' }, { name: 'sex' }, { name: 'size_gt10' }]);
    expect(d.evaluation.signatureScale).toBe('score');
    expect(d.icc?.form).toEqual({ model: 'twoway', type: 'agreement', unit: 'single' });
  });

  it('rejects unknown keys naming their full key path', () => {
    const p = problems(
      FIXTURE_YAML.replace('- { name: RS, groups: [handcrafted] }', '- { name: RS, groups: [handcrafted], clasifier: knn }').replace(
        'bootstrap: { B: 10, seed: 3 }',
        'bootstrap: { B: 10, seed: 3, iterations: 5 }',
      ) + 'extraKey: 1\n',
    );
    expect(p).toContain('signatures[0].clasifier: unknown key');
    expect(p).toContain('evaluation.bootstrap.iterations: unknown key');
    expect(p).toContain('extraKey: unknown key');
  });

  it('names the path of a wrongly typed or out-of-range value', () => {
    const p = problems(FIXTURE_YAML.replace('mrmr: { k: 6 }', "mrmr: { k: 'six' }").replace('threshold: 0.8', 'threshold: 1.5'));
    expect(p.some((x) => x.startsWith('selection.mrmr.k:'))).toBe(true);
    expect(p.some((x) => x.startsWith('icc.threshold:'))).toBe(true);
  });

  it('checks cross references', () => {
    const p = problems(
      FIXTURE_YAML.replace('dlrn: { signature: DLRS }', 'dlrn: { signature: XYZ }')
        .replace('groups: [handcrafted, deep]', 'groups: [handcrafted, radiology]')
        .replace('survival: { time: time, event: event }', ''),
    );
    expect(p).toContain('dlrn.signature: no signature named "XYZ"');
    expect(p).toContain('signatures[1].groups[1]: unknown feature group "radiology"');
    expect(p).toContain('evaluation.km: needs survival.time and survival.event');
  });

  it('refuses a k-NN signature as the DLRN score, duplicate names and overlapping cohorts', () => {
    const p = problems(
      FIXTURE_YAML.replace('- { name: DLRS, groups: [handcrafted, deep] }', '- { name: DLRS, groups: [handcrafted, deep], classifier: { type: knn, k: 5 } }\n  - { name: RS, groups: [deep] }').replace(
        'validation: [B]',
        'validation: [B, A]',
      ),
    );
    expect(p.some((x) => x.includes('the DLRN needs a LASSO-logistic score'))).toBe(true);
    expect(p).toContain('signatures[2].name: "RS" is used twice');
    expect(p).toContain('cohorts: value(s) A are both training and validation');
  });

  it('reports YAML syntax errors and duplicate keys', () => {
    expect(problems('name: a\nname: b\n')[0]).toMatch(/unique/);
    expect(problems('name: [unclosed\n')[0]).toBeTruthy();
  });

  it('hash = SHA-256 of the canonical JSON: key order and defaults do not matter, settings do', () => {
    const a = parseStudyDefinition(FIXTURE_YAML);
    const reordered = parseStudyDefinition(
      FIXTURE_YAML.replace('outcome: { column: outcome }', '').replace('name: synthetic fixture', 'outcome: { column: outcome }\nname: synthetic fixture') +
        'scaling: { fitOn: training, method: zscore }\n',
    );
    expect(definitionHash(reordered)).toBe(definitionHash(a));
    expect(definitionHash(a)).toMatch(/^[0-9a-f]{64}$/);
    const changed = parseStudyDefinition(FIXTURE_YAML.replace('mrmr: { k: 6 }', 'mrmr: { k: 7 }'));
    expect(definitionHash(changed)).not.toBe(definitionHash(a));
    expect(canonicalJson({ b: 1, a: [2, { d: 3, c: -0 }] })).toBe('{"a":[2,{"c":0,"d":3}],"b":1}');
  });
});
