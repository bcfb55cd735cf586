/// <reference path="../export/pdf/svg-to-pdfkit.d.ts" />
/**
 * A project's study results for the app: the studies under `<project>/studies/<name>/results.json`, a summary
 * of one (cohorts, AUC table, nomogram predictors), its figures drawn by the report figure builders, the outline
 * of its report, and one patient scored with its DLRN. Parsed results are cached per file and modification time.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Cohort, FigureKind, NomogramPrediction, RenderedFigure, ReportOutlineItem, StudyListEntry, StudySummary } from '../../shared/ipc/workflow';
import { formatNumber } from '../engine/reports/format';
import { PatientInputError, predictPatient } from '../engine/reports/patientPrediction';
import {
  calibrationReportFigure,
  dcaReportFigure,
  kmReportFigure,
  nomogramAxisLabels,
  nomogramReportFigure,
  rocReportFigure,
  type ReportFigure,
} from '../engine/reports/reportFigures';
import { buildStudyReport, studyDefinitionOf } from '../engine/reports/studyReport';
import type { StudyDefinition } from '../engine/study/definition';
import type { StudyResults } from '../engine/study/resultsSchema';
import { readResultsFile, ResultsFileError } from '../export/pdf/studyReport';
import type { Project } from '../storage/project';
import { ServiceError } from './serviceError';

export const STUDIES_DIR = 'studies';
const RESULTS_FILE = 'results.json';
const COHORTS: Cohort[] = ['training', 'validation'];

/** `<project>/studies/<study>/results.json`. */
export function resultsPath(project: Project, study: string): string {
  return join(project.dir, STUDIES_DIR, study, RESULTS_FILE);
}

interface Loaded {
  mtimeMs: number;
  results: StudyResults;
  definition: StudyDefinition;
}

const cache = new Map<string, Loaded>();

function load(project: Project, study: string): Loaded {
  const path = resultsPath(project, study);
  if (!existsSync(path)) throw new ServiceError('not_found', `study '${study}' has no results in this project (run it first)`);
  const mtimeMs = statSync(path).mtimeMs;
  const hit = cache.get(path);
  if (hit && hit.mtimeMs === mtimeMs) return hit;
  let results: StudyResults;
  try {
    results = readResultsFile(path).results;
  } catch (err) {
    if (err instanceof ResultsFileError) throw new ServiceError('conflict', err.message);
    throw err;
  }
  const loaded = { mtimeMs, results, definition: studyDefinitionOf(results) };
  if (cache.size > 4) cache.delete(cache.keys().next().value as string);
  cache.set(path, loaded);
  return loaded;
}

/** Studies of the project that have results, most recently run first. */
export function listStudies(project: Project): StudyListEntry[] {
  const root = join(project.dir, STUDIES_DIR);
  if (!existsSync(root)) return [];
  const out: StudyListEntry[] = [];
  for (const entry of readdirSync(root, { withFileTypes: true })) {
    if (!entry.isDirectory()) continue;
    const path = join(root, entry.name, RESULTS_FILE);
    if (!existsSync(path)) continue;
    let name = entry.name;
    try {
      name = load(project, entry.name).results.study.name;
    } catch {
      // An unreadable results file is still listed; opening it reports why.
    }
    out.push({ study: entry.name, name, modifiedAt: statSync(path).mtime.toISOString() });
  }
  return out.sort((a, b) => b.modifiedAt.localeCompare(a.modifiedAt));
}

function predictorLevels(d: StudyDefinition, name: string): number[] | null {
  return d.clinical.candidates.find((c) => c.name === name)?.levels ?? null;
}

/** The summary the results view shows: cohorts, AUC (DeLong CI) with sensitivity/specificity, the DLRN and its predictors. */
export function studySummary(project: Project, study: string): StudySummary {
  const { results: r, definition: d } = load(project, study);
  const labels = nomogramAxisLabels(r, d);
  const interval = (x: { estimate: number; lower: number | null; upper: number | null } | undefined) => (x ? { estimate: x.estimate, lower: x.lower, upper: x.upper } : null);
  return {
    study,
    name: r.study.name,
    software: `${r.software.name} ${r.software.version}`,
    outcome: d.outcome.label ?? d.outcome.column,
    cohorts: COHORTS.map((c) => ({ cohort: c, n: r.cohorts[c].n, events: r.cohorts[c].events, nonEvents: r.cohorts[c].nonEvents })),
    performance: r.evaluation.models.flatMap((m) =>
      COHORTS.map((c) => {
        const roc = r.evaluation.roc[m.id][c];
        const at = roc.atThreshold;
        return {
          model: m.id,
          label: m.label,
          cohort: c,
          auc: { estimate: roc.auc, lower: roc.lower, upper: roc.upper },
          sensitivity: interval(at?.sensitivity),
          specificity: interval(at?.specificity),
          accuracy: interval(at?.accuracy),
        };
      }),
    ),
    dlrnFormula: r.dlrn.formula,
    predictors: r.dlrn.nomogram.axes.map((a, k) => ({ name: a.name, label: labels[k], levels: predictorLevels(d, a.name), min: Math.min(...a.x), max: Math.max(...a.x) })),
    hasSurvival: r.evaluation.km !== null && r.evaluation.km !== undefined,
    warnings: r.warnings,
  };
}

const TITLES: Record<FigureKind, string> = {
  roc: 'ROC curves',
  calibration: 'Calibration curves',
  dca: 'Decision curves',
  km: 'Kaplan–Meier curves',
  nomogram: 'DLRN nomogram',
};

/** One figure of a study as a standalone SVG document (null with the reason when there is nothing to draw). */
export function studyFigure(project: Project, study: string, kind: FigureKind, opts: { cohort?: Cohort; model?: string } = {}): RenderedFigure {
  const { results: r, definition: d } = load(project, study);
  const cohorts = opts.cohort ? [opts.cohort] : COHORTS;
  if (opts.model && !r.evaluation.models.some((m) => m.id === opts.model)) throw new ServiceError('invalid_input', `study '${study}' has no model '${opts.model}'`);
  let f: ReportFigure;
  if (kind === 'roc') f = rocReportFigure(r, cohorts);
  else if (kind === 'calibration') f = calibrationReportFigure(r, opts.model ?? 'dlrn', cohorts);
  else if (kind === 'dca') f = dcaReportFigure(r, cohorts);
  else if (kind === 'km') f = kmReportFigure(r, d, cohorts);
  else f = nomogramReportFigure(r, d);
  if ('skipped' in f) return { kind, svg: null, title: TITLES[kind], caption: '', skipped: f.skipped };
  // Report captions number figures and name both panels; a one-cohort panel gets a plain caption instead.
  const caption = opts.cohort && kind !== 'nomogram' ? `${TITLES[kind]}, ${opts.cohort} cohort.` : f.caption.replace(/^Fig\. \{n\} /, '');
  return { kind, svg: f.figure.svg, title: f.figure.title, caption, skipped: null };
}

/** Headings, figures and tables of the study report, in order (what Export PDF will contain). */
export function reportOutline(project: Project, study: string): ReportOutlineItem[] {
  const { results: r } = load(project, study);
  const doc = buildStudyReport(r, { generatedAt: new Date() });
  const out: ReportOutlineItem[] = [];
  let figure = 0;
  for (const b of doc.blocks) {
    if (b.kind === 'heading') out.push({ kind: 'heading', text: b.text, level: b.level });
    else if (b.kind === 'figure') out.push({ kind: 'figure', text: b.caption.replace('{n}', String(++figure)), level: null });
    else if (b.kind === 'table') out.push({ kind: 'table', text: b.table.caption, level: null });
  }
  return out;
}

/**
 * One patient scored with the study's DLRN (engine/reports/patientPrediction: points per predictor, total
 * points, risk with its Wald interval, risk group) and the nomogram with the patient marked.
 */
export function predictWithNomogram(project: Project, study: string, values: Record<string, number>): NomogramPrediction {
  const { results: r, definition: d } = load(project, study);
  let p: ReturnType<typeof predictPatient>;
  try {
    p = predictPatient(r, d, values);
  } catch (err) {
    if (err instanceof PatientInputError) throw new ServiceError('invalid_input', err.message);
    throw err;
  }
  const labels = nomogramAxisLabels(r, d);
  const axes = r.dlrn.nomogram.axes;
  const fig = nomogramReportFigure(r, d, {
    points: p.points,
    totalPoints: p.totalPoints,
    linearPredictor: p.linearPredictor,
    risk: p.risk,
    valueLabels: p.values.map((v) => formatNumber(v, 2).replace(/\.?0+$/, '') || '0'),
  });
  if ('skipped' in fig) throw new ServiceError('conflict', fig.skipped);
  return {
    predictors: axes.map((a, k) => ({ name: a.name, label: labels[k], value: p.values[k], points: p.points[k] })),
    totalPoints: p.totalPoints,
    linearPredictor: p.linearPredictor,
    probability: p.risk,
    lower: p.riskLower,
    upper: p.riskUpper,
    confLevel: p.confLevel,
    riskGroup: p.riskGroup,
    svg: fig.figure.svg,
  };
}
