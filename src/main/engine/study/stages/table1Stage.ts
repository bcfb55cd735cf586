/**
 * Stage `table1`: baseline characteristics by outcome within each cohort and training vs validation, as a
 * radiomics paper's Table 1. Continuous variables: median [Q1, Q3] (type-7 quantiles) with the Mann–Whitney
 * test (`wilcox.test(x, y)`, continuity correction), or mean ± SD with Welch's t test. Categorical variables:
 * n (%) per level with the chi-square test (`chisq.test`, Yates for 2 × 2) or, when an expected count is < 5
 * (`auto`), Fisher's exact test (`fisher.test`). Missing values are left out per variable and counted.
 */
import { medianIqr, meanSd } from '../../stats/descriptive';
import { wilcoxonRankSum } from '../../stats/tests/wilcoxon';
import { tTestTwoSample } from '../../stats/tests/ttest';
import { chiSquareTest } from '../../stats/tests/chisq';
import { fisherExactTest } from '../../stats/tests/fisher';
import { clinicalText, type ClinicalData } from '../studyData';
import type { StudyDefinition, Table1VariableDefinition } from '../definition';
import type { StageSpec } from '../stageGraph';
import type { SplitOutput } from '../stageTypes';
import type { Table1Result, Table1RowResult } from '../resultsSchema';

type Group = Table1Result['groups'][number];
type Summary = Table1RowResult['summaries'][string];
type Test = { p: number | null; test: string; reason?: string };

/** Distinct numeric values up to which an unlabelled numeric variable is treated as categorical. */
const CATEGORICAL_MAX_LEVELS = 5;

interface Resolved {
  name: string;
  label: string;
  type: 'continuous' | 'categorical';
  summary: 'median-iqr' | 'mean-sd';
  levels: string[];
}

function resolveVariable(v: Table1VariableDefinition, values: (string | null)[], numeric: boolean): Resolved {
  const distinct = [...new Set(values.filter((x): x is string => x !== null))];
  const sortLevels = (xs: string[]): string[] => (numeric ? xs.sort((a, b) => Number(a) - Number(b)) : xs.sort());
  const type = v.type ?? (v.levels ? 'categorical' : !numeric || distinct.length <= CATEGORICAL_MAX_LEVELS ? 'categorical' : 'continuous');
  const levels = v.levels ? v.levels.map(String) : sortLevels(distinct);
  return { name: v.name, label: v.label ?? v.name, type, summary: v.summary ?? 'median-iqr', levels };
}

function continuousTest(a: number[], b: number[], summary: Resolved['summary']): Test {
  try {
    if (summary === 'mean-sd') return { p: tTestTwoSample(a, b).pValue, test: 'Welch t test' };
    const r = wilcoxonRankSum(a, b, true);
    return { p: r.pValue, test: r.exact ? 'Mann–Whitney (exact)' : 'Mann–Whitney' };
  } catch (err) {
    return { p: null, test: 'none', reason: (err as Error).message };
  }
}

function categoricalTest(table: number[][], rule: 'auto' | 'chisq' | 'fisher'): Test {
  const rows = table.filter((r) => r.some((c) => c > 0));
  if (rows.length < 2) return { p: null, test: 'none', reason: 'a single observed level: nothing to test' };
  try {
    const chi = chiSquareTest(rows, true);
    if (rule === 'chisq' || (rule === 'auto' && chi.minExpected >= 5)) return { p: chi.pValue, test: chi.yates ? 'chi-square (Yates)' : 'chi-square' };
    try {
      return { p: fisherExactTest(rows).pValue, test: "Fisher's exact" };
    } catch (err) {
      return { p: chi.pValue, test: `chi-square (Fisher not feasible: ${(err as Error).message})` };
    }
  } catch (err) {
    return { p: null, test: 'none', reason: (err as Error).message };
  }
}

function summarise(values: (string | null)[], r: Resolved): Summary {
  const present = values.filter((v): v is string => v !== null);
  const missing = values.length - present.length;
  if (r.type === 'categorical') return { n: present.length, missing };
  const x = present.map(Number);
  const reasons: Record<string, string> = {};
  if (r.summary === 'mean-sd') {
    if (x.length < 2) {
      const why = 'fewer than two values';
      return { n: x.length, missing, mean: null, sd: null, reasons: { mean: why, sd: why } };
    }
    const m = meanSd(x);
    return { n: x.length, missing, mean: m.mean, sd: m.sd };
  }
  if (x.length === 0) {
    const why = 'no values';
    for (const k of ['median', 'q1', 'q3']) reasons[k] = why;
    return { n: 0, missing, median: null, q1: null, q3: null, reasons };
  }
  const m = medianIqr(x);
  return { n: x.length, missing, median: m.median, q1: m.q1, q3: m.q3 };
}

export function table1Stage(d: StudyDefinition): StageSpec {
  const variables: Table1VariableDefinition[] = d.table1?.variables ?? d.clinical.candidates.map((c) => ({ name: c.name, ...(c.label ? { label: c.label } : {}) }));
  const rule = d.table1?.categoricalTest ?? 'auto';
  return {
    name: 'table1',
    settings: { variables, rule },
    inputs: ['split'],
    data: [{ kind: 'clinical', columns: variables.map((v) => v.name) }],
    run(ctx): Table1Result {
      const split = ctx.input<SplitOutput>('split');
      const clinical: ClinicalData = ctx.data.clinical;
      const rowOf = new Map(clinical.ids.map((id, i) => [id, i]));
      const rows = split.ids.map((id) => rowOf.get(id) as number);
      const member = (g: Group, i: number): boolean => split.cohort[i] === g.cohort && (g.outcome === null || split.y[i] === g.outcome);
      const groupDefs: Omit<Group, 'n'>[] = [
        { key: 'training', cohort: 'training', outcome: null },
        { key: 'training_0', cohort: 'training', outcome: 0 },
        { key: 'training_1', cohort: 'training', outcome: 1 },
        { key: 'validation', cohort: 'validation', outcome: null },
        { key: 'validation_0', cohort: 'validation', outcome: 0 },
        { key: 'validation_1', cohort: 'validation', outcome: 1 },
      ];
      const groups: Group[] = groupDefs.map((g) => ({
        ...g,
        n: split.ids.filter((_, i) => member({ ...g, n: 0 }, i)).length,
        ...(g.outcome === null ? { reasons: { outcome: 'the whole cohort (both outcome groups)' } } : {}),
      }));
      const byKey = new Map(groups.map((g) => [g.key, g]));
      const out: Table1RowResult[] = [];
      for (const v of variables) {
        const col = clinical.columns.get(v.name);
        if (!col) throw new Error(`table1: clinical column ${v.name} is missing`);
        const values = rows.map((r) => clinicalText(col, r));
        const r = resolveVariable(v, values, col.kind === 'number');
        const of = (key: string): (string | null)[] => values.filter((_, i) => member(byKey.get(key) as Group, i));
        const testPair = (a: string, b: string): Test => {
          if (r.type === 'continuous') {
            const num = (k: string): number[] => of(k).filter((x): x is string => x !== null).map(Number);
            return continuousTest(num(a), num(b), r.summary);
          }
          const table = r.levels.map((lv) => [a, b].map((k) => of(k).filter((x) => x === lv).length));
          return categoricalTest(table, rule);
        };
        const tests = { training: testPair('training_0', 'training_1'), validation: testPair('validation_0', 'validation_1'), cohorts: testPair('training', 'validation') };
        const pReasons: Record<string, string> = {};
        for (const [k, t] of Object.entries(tests)) if (t.p === null) pReasons[k] = t.reason ?? 'not testable';
        out.push({
          variable: r.name,
          label: r.label,
          type: r.type,
          level: null,
          summaries: Object.fromEntries(groups.map((g) => [g.key, summarise(of(g.key), r)])),
          p: { training: tests.training.p, validation: tests.validation.p, cohorts: tests.cohorts.p, ...(Object.keys(pReasons).length ? { reasons: pReasons } : {}) },
          tests: { training: tests.training.test, validation: tests.validation.test, cohorts: tests.cohorts.test },
          reasons: { level: r.type === 'categorical' ? 'the variable row (levels follow)' : 'a continuous variable has no levels' },
        });
        if (r.type !== 'categorical') continue;
        const why = 'p-values are on the variable row';
        for (const lv of r.levels) {
          out.push({
            variable: r.name,
            label: r.label,
            type: 'categorical',
            level: lv,
            summaries: Object.fromEntries(
              groups.map((g) => {
                const vals = of(g.key);
                const present = vals.filter((x) => x !== null).length;
                const count = vals.filter((x) => x === lv).length;
                const s: Summary = present > 0 ? { n: present, missing: vals.length - present, count, percent: (100 * count) / present } : { n: 0, missing: vals.length, count, percent: null, reasons: { percent: 'no non-missing values' } };
                return [g.key, s];
              }),
            ),
            p: { training: null, validation: null, cohorts: null, reasons: { training: why, validation: why, cohorts: why } },
            tests: { training: 'none', validation: 'none', cohorts: 'none' },
          });
        }
      }
      return { groups, rows: out };
    },
  };
}
