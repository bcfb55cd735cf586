import { describe, expect, it } from 'vitest';
import { rocFigure, rocLegendLabel } from '../../../../../../src/main/engine/reports/figures/roc';
import { calibrationFigure } from '../../../../../../src/main/engine/reports/figures/calibration';
import { decisionCurveFigure } from '../../../../../../src/main/engine/reports/figures/decisionCurve';
import { kaplanMeierFigure } from '../../../../../../src/main/engine/reports/figures/kaplanMeier';
import { lassoFigure } from '../../../../../../src/main/engine/reports/figures/lasso';
import { coefficientFigure } from '../../../../../../src/main/engine/reports/figures/coefficients';
import { nomogramFigure } from '../../../../../../src/main/engine/reports/figures/nomogram';
import { patientFlowFigure } from '../../../../../../src/main/engine/reports/figures/patientFlow';
import { iccFigure } from '../../../../../../src/main/engine/reports/figures/iccDistribution';
import { combatFigure } from '../../../../../../src/main/engine/reports/figures/combat';
import { FigureInputError } from '../../../../../../src/main/engine/reports/figures/svg';
import { buildNomogram, scorePatient, type NomogramTerm } from '../../../../../../src/main/engine/models/nomogram';
import { byClass, checkFigureSvg, texts, type SvgNode } from '../../../../../support/svgTree';

const allText = (root: SvgNode): string => texts(root).join('\n');

const roc = {
  title: 'Training cohort (n = 10)',
  series: [
    { label: 'DLRN', fpr: [1, 0.5, 0.2, 0], tpr: [1, 0.9, 0.6, 0], auc: 0.8123, lower: 0.7011, upper: 0.9236 },
    { label: 'Clinical', fpr: [1, 0.6, 0.4, 0], tpr: [1, 0.6, 0.3, 0], auc: 0.5544, lower: 0.4, upper: 0.7 },
  ],
};

describe('ROC figure', () => {
  it('has both axes with titles, a chance diagonal, one path per model and AUC (95% CI) legend entries', () => {
    const fig = rocFigure([roc, { ...roc, title: 'Validation cohort (n = 10)' }]);
    const root = checkFigureSvg(fig.svg);
    expect(byClass(root, 'axis-x')).toHaveLength(2);
    expect(byClass(root, 'axis-y')).toHaveLength(2);
    expect(byClass(root, 'reference')).toHaveLength(2);
    expect(byClass(root, 'series')).toHaveLength(4);
    const t = allText(root);
    expect(t).toContain('1 − Specificity (false-positive rate)');
    expect(t).toContain('Sensitivity (true-positive rate)');
    expect(t).toContain('Training cohort (n = 10)');
    expect(t).toContain('Validation cohort (n = 10)');
    expect(byClass(root, 'legend-entry')).toHaveLength(4);
    expect(t).toContain('DLRN, AUC 0.812 (0.701–0.924)');
    expect(texts(root)).toEqual(expect.arrayContaining(['a', 'b']));
  });

  it('formats the legend label with three decimals and an en dash', () => {
    expect(rocLegendLabel(roc.series[1])).toBe('Clinical, AUC 0.554 (0.400–0.700)');
  });

  it('refuses NaN coordinates instead of writing them', () => {
    expect(() => rocFigure([{ title: 'x', series: [{ ...roc.series[0], tpr: [1, NaN, 0.5, 0] }] }])).toThrow(FigureInputError);
  });

  it('keeps the legend off the curves: a curve hugging the bottom-right corner pushes it elsewhere', () => {
    const hug = { title: 't', series: [{ label: 'B', fpr: [1, 0.9, 0.85, 0], tpr: [1, 0.12, 0.1, 0], auc: 0.1, lower: 0, upper: 0.2 }] };
    const root = checkFigureSvg(rocFigure([hug]).svg);
    const box = byClass(root, 'legend')[0].children[0];
    const x = Number(box.attrs.x);
    const y = Number(box.attrs.y);
    // the curve runs along the bottom and right edges; the legend must sit in the top-left corner instead
    expect(x).toBeLessThan(100);
    expect(y).toBeLessThan(60);
  });
});

describe('calibration figure', () => {
  it('draws the ideal line, apparent and corrected curves, the band and the risk groups with a legend', () => {
    const grid = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6];
    const fig = calibrationFigure([
      {
        title: 'Training',
        predicted: grid,
        apparent: [0.12, 0.18, 0.33, NaN, 0.52, 0.58],
        corrected: [0.14, 0.2, 0.31, 0.38, 0.5, 0.55],
        band: { lower: grid.map((v) => v - 0.05), upper: grid.map((v) => v + 0.05), label: 'Bootstrap 95% band' },
        groups: { predicted: [0.15, 0.45], observed: [0.2, 0.4], lower: [0.05, 0.2], upper: [0.4, 0.6] },
        notes: ['Hosmer–Lemeshow p = 0.570'],
      },
    ]);
    const root = checkFigureSvg(fig.svg);
    expect(byClass(root, 'reference')).toHaveLength(1);
    expect(byClass(root, 'apparent').length).toBeGreaterThanOrEqual(1);
    expect(byClass(root, 'corrected')).toHaveLength(1);
    expect(byClass(root, 'band')).toHaveLength(1);
    expect(byClass(root, 'group')).toHaveLength(2);
    const t = allText(root);
    for (const s of ['Ideal', 'Apparent', 'Bias-corrected', 'Bootstrap 95% band', 'Risk groups (95% CI)', 'Predicted probability', 'Observed proportion', 'Hosmer–Lemeshow p = 0.570']) expect(t).toContain(s);
  });
});

describe('decision-curve figure', () => {
  it('shows every model plus treat-all and treat-none, clipping treat-all where it leaves the range', () => {
    const thresholds = Array.from({ length: 99 }, (_, k) => (k + 1) / 100);
    const prev = 0.3;
    const treatAll = thresholds.map((t) => prev - (1 - prev) * (t / (1 - t)));
    const fig = decisionCurveFigure([
      { title: 'Validation', thresholds, treatAll, prevalence: prev, models: [{ label: 'DLRN', netBenefit: thresholds.map((t) => Math.max(0, 0.3 - t / 2)) }, { label: 'RS', netBenefit: thresholds.map((t) => Math.max(0, 0.28 - t / 2)) }] },
    ]);
    const root = checkFigureSvg(fig.svg);
    expect(byClass(root, 'series')).toHaveLength(2);
    expect(byClass(root, 'treat-all')).toHaveLength(1);
    expect(byClass(root, 'treat-none')).toHaveLength(1);
    const t = allText(root);
    for (const s of ['DLRN', 'RS', 'Treat all', 'Treat none', 'Threshold probability', 'Net benefit']) expect(t).toContain(s);
  });

  it('rejects a model whose curve length differs from the thresholds', () => {
    expect(() => decisionCurveFigure([{ title: 'x', thresholds: [0.1, 0.2], treatAll: [0.1, 0], prevalence: 0.2, models: [{ label: 'm', netBenefit: [0.1] }] }])).toThrow(FigureInputError);
  });
});

describe('Kaplan–Meier figure', () => {
  const group = (label: string, s: number[]) => ({
    label,
    time: [2, 5, 9, 14],
    surv: s,
    lower: s.map((v) => v * 0.8),
    upper: s.map((v) => Math.min(1, v * 1.1)),
    nCensor: [0, 1, 0, 2],
    atRisk: [20, 12, 5],
  });
  it('has steps, bands, censor marks, the log-rank p and a number-at-risk table', () => {
    const fig = kaplanMeierFigure([
      { title: 'Training', timeLabel: 'Time since surgery (months)', survivalLabel: 'Metastasis-free survival', pValue: 0.0004, riskTimes: [0, 10, 20], groups: [group('High risk', [0.9, 0.7, 0.5, 0.3]), group('Low risk', [0.95, 0.9, 0.85, 0.8])] },
    ]);
    const root = checkFigureSvg(fig.svg);
    expect(byClass(root, 'series')).toHaveLength(2);
    expect(byClass(root, 'band')).toHaveLength(2);
    expect(byClass(root, 'censor')).toHaveLength(4);
    const t = allText(root);
    for (const s of ['Log-rank p < 0.001', 'Number at risk', 'High risk', 'Low risk', 'Time since surgery (months)', 'Metastasis-free survival']) expect(t).toContain(s);
    const table = byClass(root, 'risk-table')[0];
    expect(texts(table)).toEqual(['Number at risk', 'High risk', '20', '12', '5', 'Low risk', '20', '12', '5']);
  });

  it('needs one at-risk count per risk time', () => {
    expect(() =>
      kaplanMeierFigure([{ title: 't', timeLabel: 'x', survivalLabel: 'y', pValue: 0.5, riskTimes: [0, 10], groups: [group('g', [0.9, 0.8, 0.7, 0.6])] }]),
    ).toThrow(FigureInputError);
  });
});

describe('LASSO figures', () => {
  const lambda = [0.3, 0.2, 0.1, 0.05, 0.02];
  const beta = [0, 0, 0.1, 0, 0.3, -0.1, 0.5, -0.2, 0.6, -0.3];
  it('path and CV panels with λmin/λ1se lines, log(λ) axes and the df axis on top', () => {
    const fig = lassoFigure(
      { lambda, cvm: [1.3, 1.2, 1.1, 1.15, 1.25], cvlo: [1.2, 1.1, 1.0, 1.05, 1.1], cvup: [1.4, 1.3, 1.2, 1.25, 1.4], nzero: [0, 1, 2, 2, 2], lambdaMin: 0.1, lambda1se: 0.2, measure: 'Binomial deviance', folds: 10 },
      { lambda, beta, featureNames: ['A_original_firstorder_Mean', 'X12'], df: [0, 1, 2, 2, 2], lambdaMin: 0.1, lambda1se: 0.2 },
    );
    const root = checkFigureSvg(fig.svg);
    expect(byClass(root, 'lambda-line')).toHaveLength(4);
    expect(byClass(root, 'cv-point')).toHaveLength(5);
    expect(byClass(root, 'error-bar')).toHaveLength(5);
    expect(byClass(root, 'series')).toHaveLength(2);
    expect(byClass(root, 'axis-top')).toHaveLength(2);
    const t = allText(root);
    for (const s of ['log(λ)', 'Binomial deviance', 'Coefficient (original scale)', 'Non-zero coefficients', 'λmin', 'λ1se', '10-fold cross-validation', 'A_original_firstorder_Mean', 'X12']) expect(t).toContain(s);
  });

  it('refuses λ ≤ 0 (no logarithm)', () => {
    expect(() => lassoFigure({ lambda: [1, 0], cvm: [1, 1], cvlo: [1, 1], cvup: [1, 1], nzero: [0, 1], lambdaMin: 1, lambda1se: 1, measure: 'd', folds: 5 }, { lambda: [1, 0], beta: [0, 1], featureNames: ['a'], df: [0, 1], lambdaMin: 1, lambda1se: 1 })).toThrow(
      FigureInputError,
    );
  });
});

describe('coefficient bars', () => {
  it('one bar per feature, sorted from the largest to the smallest coefficient, with names', () => {
    const fig = coefficientFigure({ title: 'DLRS features', axisLabel: 'Coefficient', terms: [{ name: 'b', coefficient: -0.2 }, { name: 'a', coefficient: 0.5 }, { name: 'c', coefficient: 0.1 }] });
    const root = checkFigureSvg(fig.svg);
    expect(byClass(root, 'bar')).toHaveLength(3);
    const names = texts(root).filter((s) => ['a', 'b', 'c'].includes(s));
    expect(names).toEqual(['a', 'c', 'b']);
  });
});

describe('nomogram figure', () => {
  const terms: NomogramTerm[] = [
    { kind: 'linear', name: 'score', beta: 1.2, ticks: [-2, -1, 0, 1, 2, 3] },
    { kind: 'categorical', name: 'size', levels: [0, 1], effects: [0, 0.9] },
  ];
  const nom = buildNomogram(-0.5, terms, [-3, -1, 0, 2, 4], { riskAt: [0.1, 0.3, 0.5, 0.7, 0.9] });
  it('has the rms rows: Points, each predictor, Total Points, Linear Predictor and the risk axis', () => {
    const root = checkFigureSvg(nomogramFigure({ nomogram: nom, axisLabels: ['DLR-score', 'Tumour size > 10 cm'], levelLabels: [undefined, ['No', 'Yes']], riskLabel: 'Risk of MDM' }).svg);
    const t = texts(root);
    for (const s of ['Points', 'DLR-score', 'Tumour size > 10 cm', 'Total Points', 'Linear Predictor', 'Risk of MDM', 'No', 'Yes', '100', '0.5']) expect(t).toContain(s);
    expect(byClass(root, 'axis-predictor')).toHaveLength(2);
    expect(byClass(root, 'patient')).toHaveLength(0);
  });

  it('marks a patient: points per predictor, total points and risk', () => {
    const s = scorePatient(nom, terms, [1.5, 1]);
    const root = checkFigureSvg(nomogramFigure({ nomogram: nom, axisLabels: ['DLR-score', 'Size'], riskLabel: 'Risk', patient: { ...s, valueLabels: ['1.50', 'Yes'] } }).svg);
    const patient = byClass(root, 'patient');
    expect(patient).toHaveLength(1);
    const t = texts(patient[0]).join('|');
    expect(t).toContain(`risk ${s.risk.toFixed(3)}`);
    expect(t).toContain(`${s.totalPoints.toFixed(1)} total points`);
  });
});

describe('patient flow, ICC and ComBat figures', () => {
  it('flow: assessed, excluded with reasons and total, included, one box per cohort', () => {
    const root = checkFigureSvg(
      patientFlowFigure({
        assessed: { label: 'Assessed', n: 200 },
        exclusions: [{ reason: 'Poor image quality', n: 5 }, { reason: 'Missing follow-up', n: 16 }],
        included: { label: 'Included', n: 179 },
        cohorts: [{ label: 'Training cohort', n: 121, lines: ['MDM 48'] }, { label: 'Validation cohort', n: 58, lines: ['MDM 15'] }],
      }).svg,
    );
    expect(byClass(root, 'flow-box')).toHaveLength(5);
    expect(byClass(root, 'flow-arrow').length).toBeGreaterThanOrEqual(4);
    const t = allText(root);
    for (const s of ['Excluded (n = 21)', 'Poor image quality (n = 5)', 'n = 179', 'n = 121', 'n = 58', 'Training cohort']) expect(t).toContain(s);
  });

  it('ICC: a box per group, the threshold line and kept counts', () => {
    const root = checkFigureSvg(
      iccFigure({ threshold: 0.8, comparison: '>', axisLabel: 'ICC', panels: [{ title: 'By phase', groups: [{ label: 'Arterial', values: [0.9, 0.85, 0.4, 0.8] }, { label: 'Venous', values: [0.95, 0.99] }] }] }).svg,
    );
    expect(byClass(root, 'box')).toHaveLength(2);
    expect(byClass(root, 'threshold')).toHaveLength(1);
    const t = texts(root);
    expect(t).toContain('2/4');
    expect(t).toContain('2/2');
    expect(t).toContain('ICC > 0.8');
  });

  it('ComBat: before and after boxes per centre for each feature', () => {
    const v = (m: number) => Array.from({ length: 12 }, (_, i) => m + ((i * 7) % 5));
    const root = checkFigureSvg(
      combatFigure([{ feature: 'f01', axisLabel: 'Value (HU)', before: [{ centre: 'A', values: v(10) }, { centre: 'B', values: v(20) }], after: [{ centre: 'A', values: v(10) }, { centre: 'B', values: v(11) }] }]).svg,
    );
    expect(byClass(root, 'box')).toHaveLength(4);
    const t = texts(root);
    for (const s of ['Before', 'After', 'A', 'B', 'f01', 'Value (HU)']) expect(t).toContain(s);
  });
});
