import { describe, expect, it } from 'vitest';
import { loadCohort, whereStr } from '../support/statsOracle';

describe('stats oracle loader', () => {
  it('reads the 180-patient cohort with NA fold ids for the 70 test rows', () => {
    const c = loadCohort();
    expect(c.rows).toBe(180);
    expect(whereStr(c, 'cohort', 'train')).toHaveLength(110);
    expect(c.num('foldid').filter((v) => v === null)).toHaveLength(70);
    expect(c.str('id')[0]).toBe('P001');
  });
});
