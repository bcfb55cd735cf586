/**
 * Optional study features on the synthetic fixture: ICC filter, k-NN classifier, nested CV, the
 * no-harmonisation sensitivity analysis, a Youden KM cut, profile-likelihood Table 2, a seeded random split.
 * Checks behaviour and the results contract (schema + every null explained), not oracle numbers.
 */
import { describe, expect, it } from 'vitest';
import { runStudy } from '../../../../../src/main/services/studyRunner';
import { unexplainedNulls, validateResults } from '../../../../../src/main/engine/study/resultsSchema';
import { assignCohorts } from '../../../../../src/main/engine/study/split';
import { fixtureDefinition, fixtureInput } from '../../../../support/studyFixture';
import { tempDir } from '../../../../support/tmp';

const software = { name: 'DLRN Studio', version: 'test' };

describe('study options', () => {
  it('ICC, k-NN, nested CV, sensitivity analysis, Youden KM cut and profile Table 2 produce a valid results.json', () => {
    const definition = fixtureDefinition((d) => {
      d.signatures.push({ name: 'KNN', groups: ['handcrafted', 'deep'], classifier: { type: 'knn', k: 7 } });
      d.evaluation.nestedCv = { folds: 3, seed: 2 };
      d.evaluation.sensitivityNoHarmonisation = true;
      d.evaluation.km.cut = 'youden';
      d.clinical.interval = 'profile';
    });
    const r = runStudy({ definition, source: { describe: () => 'fixture', load: () => fixtureInput() }, outDir: tempDir(), cache: false, software }).results;
    expect(validateResults(JSON.parse(JSON.stringify(r)))).toBeTruthy();
    expect(unexplainedNulls(JSON.parse(JSON.stringify(r)))).toEqual([]);

    expect(r.icc.dropped).toEqual(['f12']);
    expect(r.icc.nKept).toBe(11);
    expect(r.signatures.every((s) => s.mrmr.relevance.feature.every((f) => f !== 'f12'))).toBe(true);

    const knn = r.signatures.find((s) => s.name === 'KNN');
    expect(knn?.scores.validation.lp).toBeNull();
    expect(knn?.scores.validation.reasons?.lp).toMatch(/no linear predictor/);
    expect(knn?.scores.validation.probability.every((p) => p >= 0 && p <= 1)).toBe(true);
    expect(r.evaluation.roc.KNN.scale).toBe('probability');

    const ncv = r.evaluation.nestedCv;
    expect(ncv?.signatures.map((s) => s.folds.length)).toEqual([3, 3, 3]);
    expect(ncv?.signatures.every((s) => s.pooled !== null && s.pooled.auc > 0 && s.pooled.auc < 1)).toBe(true);

    expect(r.evaluation.sensitivityNoHarmonisation?.signatures.map((s) => s.name)).toEqual(['RS', 'DLRS']);
    expect(r.evaluation.km?.cutRule).toBe('youden');
    const km = r.evaluation.km;
    expect(Number.isFinite(km?.cut)).toBe(true);
    expect(Object.values(km?.training.groupSizes ?? {}).every((n) => n > 0)).toBe(true);
    expect(r.tables.table2.interval).toBe('profile');
    expect(r.tables.table2.rows.map((x) => x.variable)).toEqual(['score', 'age', 'sex', 'size_gt10']);
    expect(r.evaluation.delong.validation.map((p) => p.pair)).toEqual([
      'dlrn_vs_RS',
      'dlrn_vs_DLRS',
      'dlrn_vs_KNN',
      'dlrn_vs_clinical',
      'RS_vs_DLRS',
      'RS_vs_KNN',
      'RS_vs_clinical',
      'DLRS_vs_KNN',
      'DLRS_vs_clinical',
      'KNN_vs_clinical',
    ]);
  });

  it('a seeded random split is reproducible and stratified by outcome', () => {
    const d = fixtureDefinition((x) => (x.cohorts = { method: 'random', seed: 11, validationFraction: 0.3 }));
    const input = fixtureInput();
    const a = assignCohorts(d, input.clinical);
    expect(assignCohorts(d, input.clinical)).toEqual(a);
    const y = (input.clinical.columns.get('outcome') as { values: Float64Array }).values;
    for (const cls of [0, 1]) {
      const members = a.rows.filter((r) => y[r] === cls);
      const val = members.filter((r) => a.cohort[a.rows.indexOf(r)] === 'validation').length;
      expect(val).toBe(Math.round(0.3 * members.length));
    }
    const other = assignCohorts(fixtureDefinition((x) => (x.cohorts = { method: 'random', seed: 12, validationFraction: 0.3 })), input.clinical);
    expect(other.cohort).not.toEqual(a.cohort);
  });
});
