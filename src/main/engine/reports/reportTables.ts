/**
 * The study report's tables, built from `results.json` (engine/study/resultsSchema) in the layout of the study
 * paper: Table 1 (clinical characteristics by cohort and outcome), Table 2 (univariable and multivariable
 * logistic regression), Table 3 (model performance and DeLong comparisons), plus calibration statistics and
 * the signature coefficients. Every number is taken from the results as is and only formatted here.
 */
import type { StudyDefinition } from '../study/definition';
import type { StudyResults, Table1RowResult } from '../study/resultsSchema';
import { qnorm } from '../stats/distributions';
import type { ReportTable, TableCell } from './document';
import { formatNumber } from './format';
import { cell, ci3, dash, formatCompact, num3, orCell, pCell } from './tableFormat';

type Cohort = 'training' | 'validation';
const COHORTS: readonly Cohort[] = ['training', 'validation'];

/** "Non-MDM"/"MDM" style outcome group names from the outcome label. */
export function outcomeGroupNames(d: StudyDefinition): [string, string] {
  const label = d.outcome.label ?? d.outcome.column;
  const acronym = /^[A-Z0-9-]+$/.test(label);
  return [`Non-${acronym ? label : label.charAt(0).toLowerCase() + label.slice(1)}`, label];
}

/** "Training cohort (n = 110)" / "Validation cohort (n = 70)". */
export function cohortTitle(r: StudyResults, c: Cohort): string {
  return `${c === 'training' ? 'Training cohort' : 'Validation cohort'} (n = ${r.cohorts[c].n})`;
}

/** Label of a study model (evaluation.models), e.g. "DLRN". */
export function modelLabel(r: StudyResults, id: string): string {
  return r.evaluation.models.find((m) => m.id === id)?.label ?? id;
}

function summaryText(row: Table1RowResult, key: string): string {
  const s = row.summaries[key];
  if (!s) return '–';
  if (row.type === 'categorical') return row.level === null ? '' : s.count === undefined ? '–' : `${s.count} (${s.percent == null ? '–' : formatNumber(s.percent, 1)})`;
  if (s.median != null && s.q1 != null && s.q3 != null) return `${formatCompact(s.median, 1)} [${formatCompact(s.q1, 1)}, ${formatCompact(s.q3, 1)}]`;
  if (s.mean != null && s.sd != null) return `${formatCompact(s.mean, 1)} ± ${formatCompact(s.sd, 1)}`;
  return '–';
}

const TEST_NOTES: Record<string, string> = {
  'Mann–Whitney': 'Mann–Whitney U test (Wilcoxon rank-sum, continuity-corrected normal approximation with ties)',
  't-test': 'Welch two-sample t test',
  'chi-square': 'Pearson χ² test',
  'chi-square (Yates)': 'Pearson χ² test with Yates continuity correction (2 × 2 tables)',
  "Fisher's exact": "Fisher's exact test (an expected count below 5)",
};

/** Table 1: clinical characteristics of the training and validation cohorts by outcome. */
export function table1(r: StudyResults, d: StudyDefinition): ReportTable {
  const t = r.tables.table1;
  const [neg, pos] = outcomeGroupNames(d);
  const groupN = (c: Cohort, o: number): number => t.groups.find((g) => g.cohort === c && g.outcome === o)?.n ?? 0;
  const header: TableCell[][] = [
    [cell('Variable', { bold: true }), ...COHORTS.map((c) => cell(cohortTitle(r, c), { span: 3, align: 'center', bold: true })), cell('Training vs. validation', { align: 'center', bold: true })],
    [
      cell(''),
      ...COHORTS.flatMap((c) => [cell(`${neg} (N\u00a0=\u00a0${groupN(c, 0)})`, { align: 'right' }), cell(`${pos} (N\u00a0=\u00a0${groupN(c, 1)})`, { align: 'right' }), cell('P value', { align: 'right' })]),
      cell('P value', { align: 'right' }),
    ],
  ];
  const rows: TableCell[][] = [];
  const tests = new Set<string>();
  let missing = 0;
  for (const row of t.rows) {
    for (const k of ['training', 'validation', 'cohorts'] as const) if (row.tests[k] !== 'none') tests.add(row.tests[k]);
    const isLevel = row.type === 'categorical' && row.level !== null;
    const continuousSuffix = row.type === 'continuous' ? (Object.values(row.summaries).some((s) => s.median != null) ? ', median [IQR]' : ', mean ± SD') : ' (n, %)';
    const label = isLevel ? cell(row.level as string, { indent: 1 }) : cell(`${row.label}${continuousSuffix}`);
    const ps = (c: 'training' | 'validation' | 'cohorts'): TableCell => (isLevel ? cell('') : pCell(row.p[c]));
    rows.push([
      label,
      ...COHORTS.flatMap((c) => [cell(summaryText(row, `${c}_0`), { align: 'right' }), cell(summaryText(row, `${c}_1`), { align: 'right' }), ps(c)]),
      ps('cohorts'),
    ]);
    if (!isLevel) missing += Object.values(row.summaries).reduce((s, x) => s + (x.missing ?? 0), 0);
  }
  const notes = [
    'Continuous variables: median [interquartile range, type-7 quartiles] or mean ± SD; categorical variables: n (%).',
    `P values: ${[...tests].map((x) => TEST_NOTES[x] ?? x).join('; ')}.`,
  ];
  if (missing > 0) notes.push('Percentages are of the patients with a recorded value; missing values are left out of each summary.');
  return { id: 'table1', caption: 'Table 1 Clinical characteristics of patients in the training and validation cohorts', header, rows, notes };
}

/** Display name of a Table 2 variable. */
function variableLabel(r: StudyResults, d: StudyDefinition, variable: string): string {
  if (variable === 'score') {
    const sig = r.signatures.find((s) => s.name === r.dlrn.signature);
    return `${sig?.label ?? r.dlrn.signature} score`;
  }
  return d.clinical.candidates.find((c) => c.name === variable)?.label ?? variable;
}

/** Table 2: univariable and multivariable logistic regression (odds ratios, 95 % CI, Wald p). */
export function table2(r: StudyResults, d: StudyDefinition): ReportTable {
  const t = r.tables.table2;
  const header: TableCell[][] = [
    [cell('Variable', { bold: true }), cell('Univariable logistic analysis', { span: 2, align: 'center', bold: true }), cell('Multivariable logistic analysis', { span: 2, align: 'center', bold: true })],
    [cell(''), cell('OR (95% CI)', { align: 'right' }), cell('P value', { align: 'right' }), cell('OR (95% CI)', { align: 'right' }), cell('P value', { align: 'right' })],
  ];
  const rows = t.rows.map((row) => {
    const name = variableLabel(r, d, row.variable);
    const label = row.term === row.variable ? name : `${name}: ${row.term.slice(row.variable.length)}`;
    const m = row.multivariable;
    return [cell(label), orCell(row.univariate.oddsRatio, row.univariate.lower, row.univariate.upper), pCell(row.univariate.p), ...(m ? [orCell(m.oddsRatio, m.lower, m.upper), pCell(m.p)] : [dash(), dash()])];
  });
  const interval = t.interval === 'wald' ? 'Wald' : 'profile-likelihood';
  return {
    id: 'table2',
    caption: 'Table 2 Univariable and multivariable logistic regression analysis of the candidate predictors (training cohort)',
    header,
    rows,
    notes: [
      `OR, odds ratio per unit of the predictor; 95% CI, ${interval} confidence interval; P, Wald test.`,
      `Multivariable model: ${t.multivariableFormula}. "–": not in the multivariable model.`,
    ],
  };
}

/** SE of a paired AUC difference from its CI: (upper − lower)/(2 z_{1−α/2}). */
export function delongSe(lower: number, upper: number, confLevel: number): number {
  return (upper - lower) / (2 * qnorm(1 - (1 - confLevel) / 2));
}

/** Table 3: performance of each model (threshold from the training Youden index) and the DeLong comparisons. */
export function table3(r: StudyResults, d: StudyDefinition): ReportTable {
  const measures = ['SEN', 'SPE', 'PPV', 'NPV', 'ACC', 'AUC', '95% CI'];
  const header: TableCell[][] = [
    [cell('Model', { bold: true }), ...COHORTS.map((c) => cell(cohortTitle(r, c), { span: measures.length, align: 'center', bold: true }))],
    [cell(''), ...COHORTS.flatMap(() => measures.map((m) => cell(m, { align: 'right' })))],
  ];
  const rows: TableCell[][] = [];
  const prop = (p: { estimate: number } | null): TableCell => (p ? num3(p.estimate) : dash());
  for (const m of r.evaluation.models) {
    const roc = r.evaluation.roc[m.id];
    rows.push([
      cell(m.label),
      ...COHORTS.flatMap((c) => {
        const x = roc[c];
        const a = x.atThreshold;
        return [prop(a.sensitivity), prop(a.specificity), prop(a.ppv), prop(a.npv), prop(a.accuracy), num3(x.auc), ci3(x.lower, x.upper)];
      }),
    ]);
  }
  const groupStart = rows.length;
  const conf = d.evaluation.confLevel;
  rows.push([cell('DeLong test', { bold: true }), ...COHORTS.flatMap(() => [cell('ΔAUC', { align: 'right', bold: true }), cell('SE', { align: 'right', bold: true }), cell(`${Math.round(conf * 100)}% CI`, { align: 'right', bold: true, span: 4 }), cell('P value', { align: 'right', bold: true })])]);
  const pairs = r.evaluation.delong.training.map((p) => p.pair);
  for (const pair of pairs) {
    const parts: TableCell[] = [];
    let label = pair;
    for (const c of COHORTS) {
      const p = r.evaluation.delong[c].find((x) => x.pair === pair);
      if (!p) {
        parts.push(dash(), dash(), cell('–', { span: 4, align: 'right' }), dash());
        continue;
      }
      label = `${modelLabel(r, p.model1)} vs. ${modelLabel(r, p.model2)}`;
      if (p.diffLower === null || p.diffUpper === null || p.p === null) {
        parts.push(num3(p.auc1 - p.auc2), dash(), cell('–', { span: 4, align: 'right' }), dash());
        continue;
      }
      parts.push(num3(p.auc1 - p.auc2), num3(delongSe(p.diffLower, p.diffUpper, conf)), cell(`${formatNumber(p.diffLower, 3)} to ${formatNumber(p.diffUpper, 3)}`, { span: 4, align: 'right' }), pCell(p.p));
    }
    rows.push([cell(label), ...parts]);
  }
  const scales = r.evaluation.models.map((m) => `${m.label}: ${r.evaluation.roc[m.id].scale === 'score' ? 'score' : 'probability'} ≥ ${formatNumber(r.evaluation.roc[m.id].youden.threshold, 3)}`);
  return {
    id: 'table3',
    caption: 'Table 3 Model performance in the training and validation cohorts',
    header,
    rows,
    groupStarts: [groupStart],
    notes: [
      `SEN, sensitivity; SPE, specificity; PPV/NPV, positive/negative predictive value; ACC, accuracy; AUC, area under the ROC curve with its DeLong ${Math.round(conf * 100)}% CI.`,
      `Classification thresholds were fixed on the training cohort (maximal Youden index) and applied unchanged to validation: ${scales.join('; ')}.`,
      'DeLong test: paired comparison of two AUCs in the same patients; ΔAUC = AUC(first) − AUC(second); SE from the CI of ΔAUC.',
    ],
  };
}

/** Calibration statistics of every model: Hosmer–Lemeshow, calibration intercept and slope, Brier score. */
export function calibrationTable(r: StudyResults): ReportTable {
  const header: TableCell[][] = [
    [cell('Model', { bold: true }), ...COHORTS.map((c) => cell(cohortTitle(r, c), { span: 4, align: 'center', bold: true }))],
    [cell(''), ...COHORTS.flatMap(() => ['HL χ² (df)', 'HL P value', 'Slope', 'Brier'].map((h) => cell(h, { align: 'right' })))],
  ];
  const rows: TableCell[][] = [];
  for (const m of r.evaluation.models) {
    const cal = r.evaluation.calibration[m.id];
    if (!cal) continue;
    rows.push([
      cell(m.label),
      ...COHORTS.flatMap((c) => {
        const x = cal[c];
        const hl = x.hosmerLemeshow;
        const v = x.valProb;
        return [
          hl ? cell(`${formatNumber(hl.statistic, 3)} (${hl.df})`, { align: 'right' }) : dash(),
          hl ? pCell(hl.p) : dash(),
          v ? num3(v.slope) : dash(),
          v ? num3(v.brier) : dash(),
        ];
      }),
    ]);
  }
  return {
    id: 'calibration',
    caption: 'Table 4 Calibration of the models',
    header,
    rows,
    notes: ['HL, Hosmer–Lemeshow goodness-of-fit test over risk deciles (df = groups − 2); slope, logistic calibration slope (1 = ideal); Brier, mean squared error of the predicted probabilities.'],
  };
}

/** Coefficients of a signature: z-scale and raw-scale coefficients with the training mean and SD of each feature. */
export function signatureTable(r: StudyResults, name: string, label: string): ReportTable {
  const s = r.signatures.find((x) => x.name === name);
  if (!s) throw new Error(`no signature ${name} in the results`);
  const header: TableCell[][] = [[cell('Feature', { bold: true }), ...['Coefficient (z)', 'Training mean', 'Training SD', 'Coefficient (raw)'].map((h) => cell(h, { align: 'right', bold: true }))]];
  const sig = (v: number): TableCell => cell(formatSignificant(v, 6), { align: 'right' });
  const rows: TableCell[][] = [
    [cell('(Intercept)'), sig(s.coefficients.intercept), cell(''), cell(''), sig(s.coefficients.interceptRaw)],
    ...s.coefficients.features.map((f) => [cell(f.feature), sig(f.coefficient), sig(f.mean), sig(f.sd), sig(f.coefficientRaw)]),
  ];
  return {
    id: `signature_${s.name}`,
    caption: `${label} Features of the ${s.label} and their LASSO coefficients`,
    header,
    rows,
    notes: ['z = (x − training mean)/training SD; raw coefficient = coefficient (z)/SD, raw intercept = intercept − Σ coefficient (z) × mean/SD.'],
  };
}

/** `v` to `digits` significant digits without exponent for |v| in [1e-6, 1e9), U+2212 minus. */
export function formatSignificant(v: number, digits: number): string {
  if (!Number.isFinite(v)) throw new Error(`cannot format ${v}`);
  if (v === 0) return '0';
  const magnitude = Math.floor(Math.log10(Math.abs(v)));
  const decimals = Math.max(0, digits - 1 - magnitude);
  return magnitude < -6 || magnitude >= 9 ? v.toExponential(digits - 1).replace('-', '−') : formatNumber(v, Math.min(decimals, 20));
}
