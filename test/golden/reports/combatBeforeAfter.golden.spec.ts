/**
 * The ComBat figure's "before" values are recovered from results.json by inverting ComBat's location/scale
 * adjustment. They must equal the raw feature values of the oracle cohort (data/cohort.csv) patient by
 * patient, and the "after" values of the reference batch must equal them too (ref.batch is left unchanged).
 */
import { describe, expect, it } from 'vitest';
import { combatBeforeAfter } from '../../../src/main/engine/reports/reportFigures';
import { studyDefinitionOf } from '../../../src/main/engine/reports/studyReport';
import { oracleStudyResults } from '../../support/reportFixture';
import { loadCohort } from '../../support/statsOracle';

describe('ComBat before/after reconstruction', () => {
  it('recovers the raw cohort.csv values of every plotted feature (worst relative deviation ≤ 1e-10)', () => {
    const r = oracleStudyResults();
    const panels = combatBeforeAfter(r, studyDefinitionOf(r));
    if ('skipped' in panels) throw new Error(panels.skipped);
    expect(panels.length).toBeGreaterThan(0);
    const cohort = loadCohort();
    const ids = cohort.str('id');
    const centre = cohort.str('centre');
    let worst = 0;
    for (const p of panels) {
      const raw = cohort.f64(p.feature);
      for (const [k, batch] of ['A', 'B'].entries()) {
        const expected = ids.flatMap((_, i) => (centre[i] === batch ? [raw[i]] : []));
        expect(p.before[k].centre).toBe(batch);
        expect(p.before[k].values).toHaveLength(expected.length);
        p.before[k].values.forEach((v, i) => (worst = Math.max(worst, Math.abs(v - expected[i]) / Math.max(1e-12, Math.abs(expected[i])))));
        if (batch === 'A') p.after[k].values.forEach((v, i) => expect(Math.abs(v - expected[i])).toBeLessThanOrEqual(1e-9 * Math.abs(expected[i]) + 1e-12));
      }
    }
    expect(worst).toBeLessThanOrEqual(1e-10);
  });
});
