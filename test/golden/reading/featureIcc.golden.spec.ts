/**
 * The agreement service's ICC table against R: the oracle's 40 features × 50 patients × 2 readers
 * (oracle/stats/data/icc_readers.csv) put through featureIccTable as an inter-observer comparison equal
 * irr::icc (twoway agreement/consistency, single/average) in oracle/stats/expected/icc_kappa.json, and the
 * semantic-agreement kappa equals irr::kappa2 on the oracle's spiculation ratings.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { featureIccTable, parseIccForm, type WideTable } from '../../../src/main/engine/reading/featureIcc';
import { semanticAgreement } from '../../../src/main/engine/reading/semanticAgreement';
import { oraclePath } from '../../support/oracle';
import { readCsvTable } from '../../support/statsOracle';

interface IccForm { icc: number; lower: number; upper: number }
interface Expected {
  icc: { feature: string; agreement_single: IccForm; consistency_single: IccForm; agreement_average: IccForm; consistency_average: IccForm }[];
  kappa_spiculation: { kappa: number; psych_cohen_kappa: { confid_lower: number; confid_upper: number } };
}

const expected = JSON.parse(readFileSync(oraclePath('stats', 'expected', 'icc_kappa.json'), 'utf8')) as Expected;
const long = readCsvTable(oraclePath('stats', 'data', 'icc_readers.csv'));

function wide(column: 'reader1' | 'reader2'): WideTable {
  const features = long.str('feature');
  const patients = long.str('patient');
  const values = long.num(column);
  const columns = [...new Set(features)];
  const rows = [...new Set(patients)];
  const table = rows.map(() => new Array<number | null>(columns.length).fill(null));
  features.forEach((f, i) => (table[rows.indexOf(patients[i])][columns.indexOf(f)] = values[i]));
  return { patients: rows, columns, values: table };
}

const rel = (a: number, b: number): number => Math.abs(a - b) / Math.abs(b);

describe('feature ICC table = irr::icc on the oracle ratings', () => {
  const reference = wide('reader1');
  const other = wide('reader2');
  it.each([
    ['A1', 'agreement_single'],
    ['C1', 'consistency_single'],
    ['Ak', 'agreement_average'],
    ['Ck', 'consistency_average'],
  ] as const)('form %s = %s for all 40 features', (code, key) => {
    const { rows, coverage } = featureIccTable([{ comparison: 'inter', reference, other }], parseIccForm(code));
    expect(coverage[0].paired).toHaveLength(50);
    expect(rows).toHaveLength(40);
    let worst = 0;
    for (const e of expected.icc) {
      const r = rows.find((x) => x.feature === e.feature)!.comparisons.inter!;
      expect(r.n).toBe(50);
      for (const k of ['icc', 'lower', 'upper'] as const) worst = Math.max(worst, rel(r[k === 'icc' ? 'icc' : k]!, e[key][k]));
    }
    // irr prints 15 significant digits; the CI bounds go through F quantiles.
    expect(worst).toBeLessThan(1e-12); // measured 1.7e-13 (ICC(A,k) lower bound)
  });
});

describe("semantic kappa = irr::kappa2 on the oracle's spiculation ratings", () => {
  it('unweighted kappa and its CI (psych::cohen.kappa); R prints p = 0 here, so the p-value is not compared', () => {
    const cohort = readCsvTable(oraclePath('stats', 'data', 'cohort.csv'));
    const k = semanticAgreement({ name: 'spiculation', scale: 'categorical' }, cohort.num('spiculation_r1'), cohort.num('spiculation_r2'), parseIccForm('A1'));
    expect(k.n).toBe(180);
    expect(rel(k.value!, expected.kappa_spiculation.kappa)).toBeLessThan(1e-13);
    expect(rel(k.lower!, expected.kappa_spiculation.psych_cohen_kappa.confid_lower)).toBeLessThan(1e-12);
    expect(rel(k.upper!, expected.kappa_spiculation.psych_cohen_kappa.confid_upper)).toBeLessThan(1e-12);
    expect(k.p!).toBeLessThan(1e-15);
  });
});
