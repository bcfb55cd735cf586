/**
 * The patient report model: one patient scored with the study's DLRN — the nomogram with their points marked,
 * the predicted probability with its interval, the risk group and the Kaplan–Meier curve of that group in the
 * training cohort, the activation-map overlay (or why there is none), and the research-use notice.
 */
import type { StudyResults } from '../study/resultsSchema';
import { RESEARCH_USE_NOTICE, type Block, type ReportDocument } from './document';
import { kaplanMeierFigure } from './figures/kaplanMeier';
import type { Figure } from './figures/svg';
import { formatInterval, formatNumber } from './format';
import { predictPatient, type PatientPrediction } from './patientPrediction';
import { nomogramAxisLabels, nomogramReportFigure } from './reportFigures';
import { studyDefinitionOf } from './studyReport';
import { cell } from './tableFormat';

export interface PatientDetails {
  /** Name as entered (any script; CJK is drawn with the CJK font). */
  name?: string;
  id?: string;
  /** Free text, e.g. the examination date. */
  note?: string;
}

export interface PatientReportOptions {
  generatedAt: Date;
  patient: PatientDetails;
  /** Predictor values (see {@link predictPatient}). */
  values: Record<string, number>;
  /**
   * Activation-map overlay: a PNG file's bytes with an optional caption, the overlay figure computed from the
   * project (services/patientActivationMap), or why it could not be computed (printed in its place).
   */
  activationMap?: { png: Uint8Array; caption?: string } | { figure: Figure; caption: string } | { unavailable: string };
  resultsSha256?: string;
  reporterVersion?: string;
}

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** Why a report scored from predictor values alone has no activation map. */
const NO_ACTIVATION_MAP =
  'no activation map was supplied; it is computed when the patient is scored from a project whose study used deep features (dlrn predict --patient ID --study S --project P)';

/** Builds the patient report; also returns the prediction it shows. */
export function buildPatientReport(r: StudyResults, o: PatientReportOptions): { report: ReportDocument; prediction: PatientPrediction } {
  const d = studyDefinitionOf(r);
  const p = predictPatient(r, d, o.values);
  const outcome = d.outcome.label ?? d.outcome.column;
  const labels = nomogramAxisLabels(r, d);
  const pct = (v: number): string => `${formatNumber(v * 100, 1)}%`;
  const blocks: Block[] = [
    {
      kind: 'keyValues',
      rows: [
        ['Patient', o.patient.name ?? '(not given)'],
        ['Patient ID', o.patient.id ?? '(not given)'],
        ...(o.patient.note ? ([['Note', o.patient.note]] as [string, string][]) : []),
        ['Model', `DLRN of the study "${r.study.name}" (${r.dlrn.formula})`],
        ['Report generated', o.generatedAt.toISOString()],
      ],
    },
    { kind: 'paragraph', style: 'notice', text: RESEARCH_USE_NOTICE },
    { kind: 'heading', level: 2, text: 'Prediction' },
  ];
  const conf = `${formatNumber(p.confLevel * 100, 0)}%`;
  blocks.push({
    kind: 'table',
    table: {
      id: 'prediction',
      caption: `Predicted risk of ${outcome}`,
      header: [[cell('Quantity', { bold: true }), cell('Value', { bold: true, align: 'right' })]],
      rows: [
        [cell('Predicted probability'), cell(formatNumber(p.risk, 3), { align: 'right', bold: true })],
        [cell(`${conf} confidence interval`), cell(formatInterval(p.riskLower, p.riskUpper, 3), { align: 'right' })],
        [cell('Total points'), cell(formatNumber(p.totalPoints, 1), { align: 'right' })],
        [cell('Linear predictor (log-odds)'), cell(`${formatNumber(p.linearPredictor, 3)} (SE ${formatNumber(p.se, 3)})`, { align: 'right' })],
        [cell('Risk group'), cell(p.riskGroup ? `${p.riskGroup.level} (cut-off ${formatNumber(p.riskGroup.cut, 3)})` : 'not defined by the study', { align: 'right', bold: true })],
      ],
      notes: [
        `Risk = 1/(1 + e^−η) with η the DLRN linear predictor; the ${conf} interval is plogis(η ± z·SE) from the model's covariance and treats the signature score as known.`,
        ...(p.riskGroup ? [`Risk groups: ${p.riskGroup.rule}; high when η ≥ cut-off. (${pct(p.risk)} predicted risk.)`] : []),
      ],
    },
  });
  blocks.push({
    kind: 'table',
    table: {
      id: 'predictors',
      caption: 'Predictor values and nomogram points',
      header: [[cell('Predictor', { bold: true }), cell('Value', { bold: true, align: 'right' }), cell('Points', { bold: true, align: 'right' })]],
      rows: labels.map((l, k) => [cell(l), cell(formatNumber(p.values[k], 3).replace(/\.?0+$/, '') || '0', { align: 'right' }), cell(formatNumber(p.points[k], 1), { align: 'right' })]),
      notes: p.score.source === 'features' ? [`Signature score computed from ${p.score.features.length} feature values (harmonised scale): ${formatNumber(p.score.value, 4)}.`] : [],
    },
  });
  const nomo = nomogramReportFigure(r, d, {
    points: p.points,
    totalPoints: p.totalPoints,
    linearPredictor: p.linearPredictor,
    risk: p.risk,
    valueLabels: p.values.map((v) => formatNumber(v, 2).replace(/\.?0+$/, '') || '0'),
  });
  if ('figure' in nomo) blocks.push({ kind: 'figure', figure: nomo.figure, caption: `Fig. 1 The patient on the DLRN nomogram: points per predictor (dashed drops), total points and predicted risk (${formatNumber(p.risk, 3)}).` });
  const km = r.evaluation.km;
  const stratum = km && p.riskGroup ? km.training.strata.find((s) => s.level === p.riskGroup?.level) : undefined;
  if (km && stratum) {
    const figure = kaplanMeierFigure([
      {
        title: `Training cohort: ${stratum.level}-risk group (n = ${stratum.n})`,
        timeLabel: `Time (${km.timeUnit})`,
        survivalLabel: `${outcome}-free survival probability`,
        riskTimes: [0, ...km.times],
        groups: [
          {
            label: `${stratum.level.charAt(0).toUpperCase()}${stratum.level.slice(1)} risk`,
            time: stratum.steps.time,
            surv: stratum.steps.surv,
            lower: (stratum.steps.lower ?? []).map((v) => (v === null ? NaN : v)),
            upper: (stratum.steps.upper ?? []).map((v) => (v === null ? NaN : v)),
            nCensor: stratum.steps.nCensor,
            atRisk: [stratum.n, ...stratum.atTimes.nRisk],
          },
        ],
      },
    ]);
    const med = stratum.median.median;
    blocks.push({
      kind: 'figure',
      figure,
      caption: `Fig. 2 Kaplan–Meier curve of ${outcome}-free survival of the training patients in the patient's risk group, with 95% CI and number at risk; median ${med === null ? 'not reached' : `${formatNumber(med, 1)} ${km.timeUnit}`}.`,
    });
  }
  const map = o.activationMap ?? { unavailable: NO_ACTIVATION_MAP };
  if ('png' in map) {
    const png = map.png;
    if (png.length < 8 || PNG_SIGNATURE.some((b, k) => png[k] !== b)) throw new Error('the activation map is not a PNG file');
    blocks.push({ kind: 'image', png, caption: map.caption ?? 'Fig. 3 Activation map overlaid on the CT slice (regions weighing most in the deep features).', maxWidth: 260 });
  } else if ('figure' in map) blocks.push({ kind: 'figure', figure: map.figure, caption: map.caption });
  else {
    blocks.push({ kind: 'heading', level: 2, text: 'Activation map' });
    blocks.push({ kind: 'paragraph', style: 'note', text: `Not shown: ${map.unavailable}.` });
  }
  blocks.push({
    kind: 'keyValues',
    rows: [
      ['Study definition SHA-256', r.study.definitionHash],
      ...(o.resultsSha256 ? ([['results.json SHA-256', o.resultsSha256]] as [string, string][]) : []),
      ['Computed by', `${r.software.name} ${r.software.version}; report ${o.reporterVersion ?? r.software.version}`],
    ],
  });
  const report: ReportDocument = {
    title: 'Patient prediction report',
    subtitle: r.study.name,
    titleLines: [],
    titlePage: false,
    notice: RESEARCH_USE_NOTICE,
    runningHead: `${r.study.name}: patient prediction${o.patient.id ? ` (${o.patient.id})` : ''}`,
    blocks,
    info: { title: `Patient prediction report: ${r.study.name}`, subject: 'DLRN patient prediction', keywords: 'nomogram, DLRN, prediction', creationDate: o.generatedAt },
  };
  return { report, prediction: p };
}
