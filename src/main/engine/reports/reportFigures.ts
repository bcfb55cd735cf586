/**
 * The study report's figures, drawn from `results.json`: patient flow, ICC distribution, ComBat check, LASSO
 * selection, signature coefficients, the DLRN nomogram, ROC, calibration, decision and Kaplan–Meier curves.
 * Each builder returns null (with the reason) when the results hold nothing to draw.
 */
import type { StudyDefinition } from '../study/definition';
import type { StudyResults } from '../study/resultsSchema';
import { clopperPearson } from '../stats/binomialCi';
import type { Nomogram } from '../models/nomogram';
import { calibrationFigure, type CalibrationPanelInput } from './figures/calibration';
import { coefficientFigure } from './figures/coefficients';
import { combatFigure, type CombatFeatureInput } from './figures/combat';
import type { BoxStats } from './figures/boxplot';
import { decisionCurveFigure } from './figures/decisionCurve';
import { iccFigure, type IccGroup } from './figures/iccDistribution';
import { kaplanMeierFigure, type KmPanelInput } from './figures/kaplanMeier';
import { lassoFigure } from './figures/lasso';
import { nomogramFigure, type NomogramPatient } from './figures/nomogram';
import { patientFlowFigure } from './figures/patientFlow';
import { rocFigure } from './figures/roc';
import type { Figure } from './figures/svg';
import { formatNumber, pStatement } from './format';
import { cohortTitle, modelLabel, outcomeGroupNames } from './reportTables';

export type Cohort = 'training' | 'validation';
const COHORTS: readonly Cohort[] = ['training', 'validation'];

/** A figure with its caption, or the reason it is left out. */
export type ReportFigure = { figure: Figure; caption: string } | { skipped: string };

/** Patient flow: patients in the data, those left out of both cohorts, and the two cohorts with outcome counts. */
export function flowFigure(r: StudyResults, d: StudyDefinition): ReportFigure {
  const [neg, pos] = outcomeGroupNames(d);
  const total = r.cohorts.training.n + r.cohorts.validation.n + r.cohorts.excluded.length;
  const how = r.cohorts.method === 'random' ? 'seeded random split' : `by ${d.cohorts.method === 'random' ? '' : d.cohorts.column}`;
  const values = (c: Cohort): string => (d.cohorts.method === 'random' ? '' : ` (${d.cohorts.column} ${(c === 'training' ? d.cohorts.training : d.cohorts.validation).join(', ')})`);
  const figure = patientFlowFigure({
    assessed: { label: 'Patients in the clinical table', n: total },
    exclusions: r.cohorts.excluded.length ? [{ reason: `Not assigned to a cohort (${how})`, n: r.cohorts.excluded.length }] : [],
    included: { label: 'Patients in the study', n: r.cohorts.training.n + r.cohorts.validation.n },
    cohorts: COHORTS.map((c) => ({
      label: `${c === 'training' ? 'Training cohort' : 'Validation cohort'}${values(c)}`,
      n: r.cohorts[c].n,
      lines: [`${pos}: ${r.cohorts[c].events}; ${neg}: ${r.cohorts[c].nonEvents}`],
    })),
  });
  return { figure, caption: `Fig. {n} Patient flow. ${pos}: patients with the outcome (${d.outcome.column} = 1).` };
}

const IMAGE_TYPE = /^(original|log-sigma-[0-9-]+mm-3D|wavelet-[HL]+|square|squareroot|logarithm|exponential|gradient|lbp-2D|lbp-3D-[mk][0-9]*)_(firstorder|shape|shape2D|glcm|glrlm|glszm|gldm|ngtdm)_/;

/** Phase, filter and feature class of a feature name (`<phase prefix><imageType>_<class>_<feature>`). */
export function featureFacets(name: string, phases: readonly { name: string; prefix: string }[]): { phase: string; filter: string; featureClass: string } {
  const phase = phases.find((p) => p.prefix && name.startsWith(p.prefix));
  const rest = phase ? name.slice(phase.prefix.length) : name;
  const m = IMAGE_TYPE.exec(rest);
  const filter = !m ? 'other' : m[1].startsWith('log-') ? 'LoG' : m[1].startsWith('wavelet') ? 'wavelet' : m[1].startsWith('lbp-3D') ? 'LBP 3D' : m[1];
  return { phase: phase?.name ?? (phases.length ? 'no phase prefix' : 'all'), filter, featureClass: m ? m[2] : 'other (e.g. deep)' };
}

function groupBy(names: readonly string[], values: readonly number[], key: (n: string) => string): IccGroup[] {
  const groups = new Map<string, number[]>();
  names.forEach((n, k) => {
    const g = key(n);
    if (!groups.has(g)) groups.set(g, []);
    (groups.get(g) as number[]).push(values[k]);
  });
  return [...groups].map(([label, v]) => ({ label, values: v }));
}

/** ICC distribution by feature class, filter and phase (the binding ICC: the smallest of the comparisons). */
export function iccReportFigure(r: StudyResults, d: StudyDefinition): ReportFigure {
  const icc = r.icc;
  if (!icc.applied || icc.threshold === null) return { skipped: 'the study has no ICC filter' };
  const names: string[] = [];
  const values: number[] = [];
  for (const f of icc.features) {
    const v = [f.inter, f.intra].filter((x): x is number => x !== null);
    if (!v.length) continue;
    names.push(f.feature);
    values.push(Math.min(...v));
  }
  if (!names.length) return { skipped: 'no feature has a defined ICC' };
  const facets = (n: string): ReturnType<typeof featureFacets> => featureFacets(n, d.phases);
  const panels = [
    { title: 'By feature class', groups: groupBy(names, values, (n) => facets(n).featureClass) },
    { title: 'By filter', groups: groupBy(names, values, (n) => facets(n).filter) },
    ...(d.phases.length ? [{ title: 'By phase', groups: groupBy(names, values, (n) => facets(n).phase) }] : []),
  ];
  // McGraw & Wong's short names keep the axis title within the panel; the methods text spells the form out
  const unit = icc.form?.unit === 'average' ? 'k' : '1';
  const form = !icc.form ? 'ICC' : icc.form.model === 'twoway' ? `ICC(${icc.form.type === 'agreement' ? 'A' : 'C'},${unit})` : `ICC(${unit})`;
  const observer = (c: string): string => (c === 'inter' || c === 'intra' ? `${c}-observer` : c);
  const which = icc.comparisons.length > 1 ? `${form}, smallest of ${icc.comparisons.join('/')}-observer` : `${form}, ${icc.comparisons.map(observer).join('')}`;
  const comparison = icc.comparison === '>=' ? '>=' : '>';
  const figure = iccFigure({ threshold: icc.threshold, comparison, axisLabel: which, panels });
  return {
    figure,
    caption: `Fig. {n} Reproducibility of the features: ICC distribution per group; features with ICC ${comparison === '>' ? '>' : '≥'} ${icc.threshold} were kept (${icc.nKept} of ${icc.features.length}; ${icc.nSubject} rated patients).`,
  };
}

/**
 * ComBat before/after for the signature's features with the largest coefficients. Harmonised values come from
 * the signature's z-scored feature values (harmonised = z·SD + mean, training scaling); the raw values are
 * recovered by inverting each batch's location/scale adjustment of ComBat's model without covariates
 * (s = (x − m)/√v, harmonised = m + √v·(s − γ*)/√(δ*)), i.e. s = (harmonised − m)·√(δ*)/√v + γ* and x = m + √v·s,
 * with m, v the grand mean and pooled variance and γ*, δ* the batch's EB estimates (all in results.json).
 * Needs one batch per cohort (the batch of each patient is not in results.json) and no covariates.
 */
export function combatBeforeAfter(r: StudyResults, d: StudyDefinition, maxFeatures = 6): CombatFeatureInput<PatientValues>[] | { skipped: string } {
  const h = r.harmonisation;
  if (h.method !== 'combat' || !h.perFeature) return { skipped: 'features were not ComBat-harmonised' };
  if (h.covariates.length) return { skipped: 'ComBat used covariates; the raw values cannot be recovered from results.json' };
  if (d.cohorts.method === 'random' || d.cohorts.column !== h.batchColumn || d.cohorts.training.length !== 1 || d.cohorts.validation.length !== 1) {
    return { skipped: 'the batch of each patient is not in results.json (batches are not one per cohort)' };
  }
  const batchOf: Record<Cohort, string> = { training: d.cohorts.training[0], validation: d.cohorts.validation[0] };
  const sig = r.signatures.find((s) => s.name === r.dlrn.signature) ?? r.signatures[0];
  const pf = h.perFeature;
  const chosen = sig.coefficients.features
    .filter((f) => h.features.includes(f.feature) && !h.unadjusted.includes(f.feature))
    .sort((a, b) => Math.abs(b.coefficient) - Math.abs(a.coefficient))
    .slice(0, maxFeatures);
  const panels: CombatFeatureInput<PatientValues>[] = [];
  for (const f of chosen) {
    const j = h.features.indexOf(f.feature);
    const s = r.scaling.features.indexOf(f.feature);
    const m = pf.grandMean[j];
    const v = pf.varPooled[j];
    const z = sig.featureValues.values[f.feature];
    if (m === null || v === null || s < 0 || !z) continue;
    const before: { centre: string; values: number[] }[] = [];
    const after: { centre: string; values: number[] }[] = [];
    let ok = true;
    for (const c of COHORTS) {
      const batch = batchOf[c];
      const g = pf.gammaStar[batch]?.[j];
      const dl = pf.deltaStar[batch]?.[j];
      if (g === null || g === undefined || dl === null || dl === undefined) {
        ok = false;
        break;
      }
      const ids = new Set(r.cohorts[c].ids);
      const harmonised = sig.featureValues.ids.flatMap((id, i) => (ids.has(id) ? [z[i] * r.scaling.sd[s] + r.scaling.mean[s]] : []));
      const raw = harmonised.map((x) => m + Math.sqrt(v) * (((x - m) / Math.sqrt(v)) * Math.sqrt(dl) + g));
      before.push({ centre: batch, values: raw });
      after.push({ centre: batch, values: harmonised });
    }
    if (ok) panels.push({ feature: f.feature, axisLabel: 'Feature value', before, after });
  }
  return panels.length ? panels : { skipped: 'no signature feature was harmonised' };
}

type PatientValues = { centre: string; values: number[] };

/**
 * ComBat before/after from the per-centre summaries of results.json (`harmonisation.perCentre`): box plots
 * (type-7 quartiles, Tukey whiskers, min/max beyond them) of the first `maxFeatures` features, which are the
 * DLRN signature's harmonised features by decreasing |coefficient|. Works for any batch layout and covariates.
 */
export function combatSummaryPanels(r: StudyResults, maxFeatures = 6): CombatFeatureInput[] | { skipped: string } {
  const pc = r.harmonisation.perCentre;
  if (r.harmonisation.method !== 'combat' || !pc) return { skipped: 'features were not ComBat-harmonised' };
  const box = (s: NonNullable<(typeof pc.features)[number]['batches'][number]['before']>): BoxStats => ({
    n: s.n,
    q1: s.q1,
    median: s.median,
    q3: s.q3,
    lowerWhisker: s.lowerWhisker,
    upperWhisker: s.upperWhisker,
    outliers: [...(s.min < s.lowerWhisker ? [s.min] : []), ...(s.max > s.upperWhisker ? [s.max] : [])],
  });
  const panels: CombatFeatureInput[] = [];
  for (const f of pc.features) {
    const batches = f.batches.filter((b) => b.before && b.after);
    if (!batches.length) continue;
    panels.push({
      feature: f.feature,
      axisLabel: 'Feature value',
      before: batches.map((b) => ({ centre: b.batch, box: box(b.before as NonNullable<typeof b.before>) })),
      after: batches.map((b) => ({ centre: b.batch, box: box(b.after as NonNullable<typeof b.after>) })),
    });
    if (panels.length === maxFeatures) break;
  }
  return panels.length ? panels : { skipped: 'no feature selected by a signature was adjusted by ComBat' };
}

/**
 * The ComBat figure: each patient's value with the box plots ({@link combatBeforeAfter}) when the batches are
 * the cohorts and ComBat used no covariates, otherwise the box plots of the per-centre summaries
 * ({@link combatSummaryPanels}).
 */
export function combatReportFigure(r: StudyResults, d: StudyDefinition): ReportFigure {
  const withPatients = combatBeforeAfter(r, d);
  const panels = 'skipped' in withPatients ? combatSummaryPanels(r) : withPatients;
  if ('skipped' in panels) return panels;
  const h = r.harmonisation;
  const sig = r.signatures.find((s) => s.name === r.dlrn.signature) ?? r.signatures[0];
  const drawn = 'skipped' in withPatients ? 'box plots of all study patients per centre (quartiles, whiskers to the most extreme value within 1.5 IQR, open circles: minimum/maximum beyond them)' : 'box plots with each patient as a point';
  return {
    figure: combatFigure(panels),
    caption: `Fig. {n} ComBat harmonisation by ${h.batchColumn}: the ${sig.label}'s features with the largest coefficients before and after harmonisation${h.referenceBatch ? ` (reference batch ${h.referenceBatch}, left unchanged)` : ''}; ${drawn}.`,
  };
}

/** LASSO cross-validation curve and coefficient paths of a signature. */
export function lassoReportFigure(r: StudyResults, name: string): ReportFigure {
  const s = r.signatures.find((x) => x.name === name);
  if (!s) return { skipped: `no signature ${name}` };
  const l = s.lasso;
  const p = l.features.length;
  const L = l.path.lambda.length;
  const beta = new Float64Array(p * L);
  l.features.forEach((f, j) => l.path.beta[f].forEach((b, k) => (beta[k * p + j] = b)));
  const measure = l.measure === 'deviance' ? 'Binomial deviance' : l.measure === 'auc' ? 'AUC' : 'Misclassification error';
  const folds = new Set(l.foldId).size;
  const figure = lassoFigure(
    { lambda: l.cv.lambda, cvm: l.cv.cvm, cvlo: l.cv.cvlo, cvup: l.cv.cvup, nzero: l.cv.nzero, lambdaMin: l.cv.lambdaMin, lambda1se: l.cv.lambda1se, measure, folds },
    { lambda: l.path.lambda, beta, featureNames: l.features, df: l.path.df, lambdaMin: l.cv.lambdaMin, lambda1se: l.cv.lambda1se },
  );
  return {
    figure,
    caption: `Fig. {n} LASSO selection for the ${s.label}: (a) ${folds}-fold cross-validated ${measure.toLowerCase()} (mean ± 1 SE) against log(λ), dashed lines at λmin and λ1se; (b) coefficient paths (z-scored features). λ chosen by the ${l.lambdaRule === 'min' ? 'minimum' : 'one-standard-error'} rule: ${formatNumber(l.chosenLambda, 5)}.`,
  };
}

/** Coefficients of the selected features of a signature. */
export function coefficientReportFigure(r: StudyResults, name: string): ReportFigure {
  const s = r.signatures.find((x) => x.name === name);
  if (!s || !s.coefficients.features.length) return { skipped: `signature ${name} has no selected features` };
  const figure = coefficientFigure({ title: `${s.label}: selected features`, axisLabel: 'Coefficient (per SD of the feature)', terms: s.coefficients.features.map((f) => ({ name: f.feature, coefficient: f.coefficient })) });
  return { figure, caption: `Fig. {n} The ${s.coefficients.features.length} features of the ${s.label} and their LASSO coefficients (z-scored features).` };
}

/** The DLRN nomogram as stored in results.json (rms scales). */
export function nomogramOf(r: StudyResults): Nomogram {
  const n = r.dlrn.nomogram;
  return { intercept: n.intercept, axes: n.axes, pointsPerUnitLp: n.pointsPerUnitLp, lpAtZeroPoints: n.lpAtZeroPoints, totalPoints: n.totalPoints, lpAxis: n.lpAxis, riskAxis: n.riskAxis };
}

/** Display names of the DLRN's predictors. */
export function nomogramAxisLabels(r: StudyResults, d: StudyDefinition): string[] {
  const sig = r.signatures.find((s) => s.name === r.dlrn.signature);
  return r.dlrn.nomogram.axes.map((a) => (a.name === 'score' ? `${sig?.label ?? 'Signature'} score` : (d.clinical.candidates.find((c) => c.name === a.name)?.label ?? a.name)));
}

/** The DLRN nomogram, optionally with a patient marked. */
export function nomogramReportFigure(r: StudyResults, d: StudyDefinition, patient?: NomogramPatient): ReportFigure {
  const label = d.outcome.label ?? d.outcome.column;
  const figure = nomogramFigure({ nomogram: nomogramOf(r), axisLabels: nomogramAxisLabels(r, d), riskLabel: `Risk of ${label}`, patient }, 'DLRN nomogram');
  return { figure, caption: `Fig. {n} Nomogram of the DLRN (${r.dlrn.formula}): each predictor's value gives points on the top axis; their sum (total points) maps to the linear predictor and the predicted risk of ${label}.` };
}

/** ROC curves of every model, one panel per cohort (both cohorts unless `cohorts` names fewer). */
export function rocReportFigure(r: StudyResults, cohorts: readonly Cohort[] = COHORTS): ReportFigure {
  const panels = cohorts.map((c) => ({
    title: cohortTitle(r, c),
    series: r.evaluation.models.map((m) => {
      const x = r.evaluation.roc[m.id][c];
      return { label: m.label, fpr: x.curve.specificity.map((s) => 1 - s), tpr: x.curve.sensitivity, auc: x.auc, lower: x.lower, upper: x.upper };
    }),
  }));
  return { figure: rocFigure(panels), caption: 'Fig. {n} ROC curves of the models in the (a) training and (b) validation cohorts; legend: AUC (DeLong 95% CI).' };
}

/** Calibration of a model: training with the bootstrap optimism-corrected curve, validation with risk groups. */
export function calibrationReportFigure(r: StudyResults, model = 'dlrn', cohorts: readonly Cohort[] = COHORTS): ReportFigure {
  const cal = r.evaluation.calibration[model];
  if (!cal) return { skipped: `no calibration results for ${model}` };
  const panels: CalibrationPanelInput[] = [];
  for (const c of cohorts) {
    const x = cal[c];
    const nan = (a: readonly (number | null)[]): number[] => a.map((v) => (v === null ? NaN : v));
    const notes: string[] = [];
    if (x.hosmerLemeshow) notes.push(`Hosmer–Lemeshow ${pStatement(x.hosmerLemeshow.p)}`);
    if (x.bootstrap) notes.push(`B = ${x.bootstrap.B} bootstrap resamples`);
    const groups = x.binned
      ? {
          predicted: x.binned.meanPredicted,
          observed: x.binned.observedRate,
          lower: x.binned.n.map((n, k) => clopperPearson(Math.round((x.binned as { observedRate: number[] }).observedRate[k] * n), n).lower),
          upper: x.binned.n.map((n, k) => clopperPearson(Math.round((x.binned as { observedRate: number[] }).observedRate[k] * n), n).upper),
        }
      : undefined;
    if (x.bootstrap && x.bootstrap.apparent) {
      const b = x.bootstrap;
      const band = { lower: nan(b.band.lower), upper: nan(b.band.upper), label: `${formatNumber(b.band.level * 100, 0)}% bootstrap band` };
      panels.push({ title: cohortTitle(r, c), predicted: b.predicted, apparent: nan(b.apparent), corrected: b.corrected ? nan(b.corrected) : undefined, band, groups, notes });
    } else if (x.smooth) {
      panels.push({ title: cohortTitle(r, c), predicted: x.smooth.predicted, apparent: x.smooth.observed, groups, notes });
    }
  }
  if (!panels.length) return { skipped: `no calibration curve for ${model}` };
  return {
    figure: calibrationFigure(panels),
    caption: `Fig. {n} Calibration of the ${modelLabel(r, model)}: observed proportion against predicted probability. Apparent: lowess smooth; bias-corrected: bootstrap optimism-corrected (training), shaded band: bootstrap percentile interval of the apparent curve shifted by the optimism; points: risk deciles with exact 95% CIs; dashed diagonal: ideal calibration.`,
  };
}

/** Decision curves of every model (probability scale) in both cohorts. */
export function dcaReportFigure(r: StudyResults, cohorts: readonly Cohort[] = COHORTS): ReportFigure {
  const dca = r.evaluation.dca;
  const panels = cohorts.map((c) => ({
    title: cohortTitle(r, c),
    thresholds: dca.thresholds,
    treatAll: dca[c].treatAll,
    prevalence: dca[c].prevalence,
    models: r.evaluation.models.filter((m) => dca[c].models[m.id]).map((m) => ({ label: m.label, netBenefit: dca[c].models[m.id] })),
  }));
  return { figure: decisionCurveFigure(panels), caption: 'Fig. {n} Decision curves: net benefit of treating patients whose predicted risk is at or above the threshold probability, compared with treating all or none.' };
}

/** Kaplan–Meier curves by the risk groups of the KM model, with the number at risk and the log-rank p. */
export function kmReportFigure(r: StudyResults, d: StudyDefinition, cohorts: readonly Cohort[] = COHORTS): ReportFigure {
  const km = r.evaluation.km;
  if (!km) return { skipped: 'the study has no survival analysis' };
  const unit = km.timeUnit;
  const label = d.outcome.label ?? d.outcome.column;
  const panels: KmPanelInput[] = [];
  for (const c of cohorts) {
    const k = km[c];
    if (!k.logRank) continue;
    const riskTimes = [0, ...km.times];
    panels.push({
      title: cohortTitle(r, c),
      timeLabel: `Time (${unit})`,
      survivalLabel: `${label}-free survival probability`,
      pValue: k.logRank.p,
      riskTimes,
      groups: k.strata.map((s) => ({
        label: `${s.level.charAt(0).toUpperCase()}${s.level.slice(1)} risk`,
        time: s.steps.time,
        surv: s.steps.surv,
        lower: (s.steps.lower ?? s.steps.surv.map(() => null)).map((v) => (v === null ? NaN : v)),
        upper: (s.steps.upper ?? s.steps.surv.map(() => null)).map((v) => (v === null ? NaN : v)),
        nCensor: s.steps.nCensor,
        atRisk: [s.n, ...s.atTimes.nRisk],
      })),
    });
  }
  if (!panels.length) return { skipped: 'no log-rank test in either cohort' };
  return {
    figure: kaplanMeierFigure(panels),
    caption: `Fig. {n} Kaplan–Meier curves of ${label}-free survival by ${modelLabel(r, km.model)} risk group (cut-off ${formatNumber(km.cut, 3)} on the linear predictor, the training ${km.cutRule}), with 95% CIs and the number at risk.`,
  };
}
