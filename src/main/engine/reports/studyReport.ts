/**
 * The study report model (see `document.ts`) built from a run's `results.json`: summary, methods generated from
 * the stored study definition, the paper's Tables 1–3 plus calibration and signature tables, the DLR-score
 * formula, every figure, and a provenance appendix. Pure: the PDF writer in `main/export/pdf` lays it out.
 */
import { validateStudyDefinition, type StudyDefinition } from '../study/definition';
import { canonicalHash } from '../study/canonicalJson';
import type { StudyResults } from '../study/resultsSchema';
import { RESEARCH_USE_NOTICE, type Block, type ReportDocument, type ReportTable } from './document';
import { formatInterval, formatNumber } from './format';
import { methodsBlocks, tripodRows } from './methods';
import {
  calibrationReportFigure,
  coefficientReportFigure,
  combatReportFigure,
  dcaReportFigure,
  flowFigure,
  iccReportFigure,
  kmReportFigure,
  lassoReportFigure,
  nomogramReportFigure,
  rocReportFigure,
  type ReportFigure,
} from './reportFigures';
import { calibrationTable, formatSignificant, modelLabel, signatureTable, table1, table2, table3 } from './reportTables';
import { cell } from './tableFormat';

/** Facts the caller knows about the files (the engine does not read files). */
export interface StudyReportOptions {
  /** Time the report is generated (title page, PDF metadata). */
  generatedAt: Date;
  /** SHA-256 of the results.json file the report was made from. */
  resultsSha256?: string;
  /** The parameter files named by the definition with their SHA-256 (null when the file was not found). */
  parameterFiles?: { path: string; sha256: string | null }[];
  /** Version of the software writing the report (may differ from the one that ran the study). */
  reporterVersion?: string;
}

/** Parsed study definition stored in the results (defaults filled in). */
export function studyDefinitionOf(r: StudyResults): StudyDefinition {
  return validateStudyDefinition(r.study.definition, 'results.json study.definition');
}

/** "score = a + b × z(f) …" terms of a LASSO signature, six significant digits. */
export function scoreFormulaTerms(r: StudyResults, name: string): string[] {
  const s = r.signatures.find((x) => x.name === name);
  if (!s) throw new Error(`no signature ${name}`);
  const terms = [formatSignificant(s.coefficients.intercept, 6)];
  for (const f of s.coefficients.features) {
    const sign = f.coefficient < 0 ? '−' : '+';
    terms.push(`${sign} ${formatSignificant(Math.abs(f.coefficient), 6)} × z(${f.feature})`);
  }
  return terms;
}

/** "β0 + β1 × score + …" terms of the DLRN's logistic model. */
export function dlrnFormulaTerms(r: StudyResults): string[] {
  return r.dlrn.model.terms.map((t, k) => {
    const value = formatSignificant(Math.abs(t.estimate), 6);
    const sign = t.estimate < 0 ? '−' : k === 0 ? '' : '+';
    return k === 0 ? `${sign}${value}` : `${sign} ${value} × ${t.term}`;
  });
}

function figureBlocks(f: ReportFigure, skipped: string[], name: string, number: () => number): Block[] {
  if ('skipped' in f) {
    skipped.push(`${name}: not drawn (${f.skipped}).`);
    return [];
  }
  return [{ kind: 'figure', figure: f.figure, caption: f.caption.replace('{n}', String(number())) }];
}

function provenanceRows(r: StudyResults, d: StudyDefinition, o: StudyReportOptions): [string, string][] {
  const rows: [string, string][] = [
    ['Study', r.study.name],
    ['Study definition SHA-256', r.study.definitionHash],
    ['Results format', r.format],
    ['Computed by', `${r.software.name} ${r.software.version}`],
    ['Report written by', `${r.software.name} ${o.reporterVersion ?? r.software.version}`],
    ['Report generated', o.generatedAt.toISOString()],
  ];
  if (o.resultsSha256) rows.push(['results.json SHA-256', o.resultsSha256]);
  rows.push(['Input data', r.input.source]);
  rows.push(['Feature table SHA-256', r.input.hashes.features]);
  rows.push(['Clinical table SHA-256 (study columns)', r.input.hashes.clinical]);
  rows.push(['ICC ratings SHA-256', r.input.hashes.icc ?? 'none (no ICC table)']);
  const files = o.parameterFiles ?? d.extraction.parameterFiles.map((path) => ({ path, sha256: null }));
  if (files.length) for (const f of files) rows.push([`Parameter file ${f.path}`, f.sha256 ?? 'file not available to the report writer']);
  else rows.push(['Parameter files', 'none named by the study definition']);
  if (d.deepModel) rows.push(['Deep-feature model', d.deepModel.modelId]);
  for (const s of r.signatures) rows.push([`Model ${s.name} (coefficients) SHA-256`, canonicalHash(s.coefficients)]);
  rows.push(['Model clinical (glm) SHA-256', canonicalHash(r.clinicalModel.model.terms)]);
  rows.push(['Model DLRN (glm) SHA-256', canonicalHash(r.dlrn.model.terms)]);
  if (d.cohorts.method === 'random') rows.push(['Seed: cohort split', String(d.cohorts.seed)]);
  for (const s of r.signatures) {
    const sel = d.signatures.find((x) => x.name === s.name)?.selection ?? d.selection;
    rows.push([`Seed: ${s.name} LASSO folds`, s.lasso.foldSource === 'random' ? String(sel.lasso.seed) : `fold column "${sel.lasso.foldIdColumn}"`]);
  }
  rows.push(['Seed: bootstrap calibration', `${d.evaluation.bootstrap.seed} (B = ${d.evaluation.bootstrap.B})`]);
  if (d.evaluation.nestedCv) rows.push(['Seed: nested cross-validation', String(d.evaluation.nestedCv.seed)]);
  return rows;
}

/** Builds the study report model from results. */
export function buildStudyReport(r: StudyResults, o: StudyReportOptions): ReportDocument {
  const d = studyDefinitionOf(r);
  let figureNumber = 0;
  const next = (): number => ++figureNumber;
  const skipped: string[] = [];
  const blocks: Block[] = [];
  const dlrn = r.evaluation.roc.dlrn;
  const auc = (c: 'training' | 'validation'): string => `${formatNumber(dlrn[c].auc, 3)} (95% CI ${formatInterval(dlrn[c].lower, dlrn[c].upper, 3)})`;
  blocks.push({ kind: 'heading', level: 1, text: 'Summary' });
  blocks.push({
    kind: 'paragraph',
    text:
      `${r.study.description ? `${r.study.description}. ` : ''}${r.cohorts.training.n + r.cohorts.validation.n} patients were analysed (training ${r.cohorts.training.n}, validation ${r.cohorts.validation.n}). ` +
      `The DLRN (${r.dlrn.formula}) reached an AUC of ${auc('training')} in the training cohort and ${auc('validation')} in the validation cohort.`,
  });
  if (r.warnings.length) blocks.push({ kind: 'paragraph', style: 'note', text: `Run warnings: ${r.warnings.join(' ')}` });
  blocks.push(...methodsBlocks(r, d));
  blocks.push({ kind: 'heading', level: 2, text: 'Reporting checklist (TRIPOD)' });
  const tripod: ReportTable = {
    id: 'tripod',
    caption: 'TRIPOD items covered by this report',
    header: [[cell('Item', { bold: true }), cell('Where', { bold: true })]],
    rows: tripodRows(r, d).map(([a, b]) => [cell(a), cell(b)]),
    notes: [],
  };
  blocks.push({ kind: 'table', table: tripod });

  blocks.push({ kind: 'pageBreak' }, { kind: 'heading', level: 1, text: 'Results' });
  blocks.push(...figureBlocks(flowFigure(r, d), skipped, 'Patient flow', next));
  blocks.push({ kind: 'table', table: table1(r, d) });
  blocks.push({ kind: 'heading', level: 2, text: 'Feature reproducibility and harmonisation' });
  blocks.push(...figureBlocks(iccReportFigure(r, d), skipped, 'ICC distribution', next));
  blocks.push(...figureBlocks(combatReportFigure(r, d), skipped, 'ComBat before/after', next));
  blocks.push({ kind: 'heading', level: 2, text: 'Feature selection and signatures' });
  let supplementary = 1;
  for (const s of r.signatures) {
    blocks.push({ kind: 'heading', level: 3, text: s.label });
    blocks.push({
      kind: 'paragraph',
      text: `${s.candidates} candidate features; ${s.mrmr.k !== null ? `mRMR kept ${s.mrmr.selected.length}; ` : ''}LASSO (λ = ${formatNumber(s.lasso.chosenLambda, 5)}) selected ${s.coefficients.features.length}.`,
    });
    blocks.push(...figureBlocks(lassoReportFigure(r, s.name), skipped, `LASSO (${s.name})`, next));
    blocks.push(...figureBlocks(coefficientReportFigure(r, s.name), skipped, `Coefficients (${s.name})`, next));
    blocks.push({ kind: 'table', table: signatureTable(r, s.name, `Table S${supplementary++}`) });
    blocks.push({ kind: 'formula', lhs: `${s.label} score =`, terms: scoreFormulaTerms(r, s.name) });
  }
  blocks.push({ kind: 'heading', level: 2, text: 'Clinical model and DLRN' });
  blocks.push({ kind: 'table', table: table2(r, d) });
  blocks.push({ kind: 'paragraph', text: `DLRN (${r.dlrn.formula}), fitted on the ${r.dlrn.lrm.obs} training patients: likelihood-ratio χ² ${formatNumber(r.dlrn.lrm.modelLR, 2)} on ${r.dlrn.lrm.df} df, C statistic ${formatNumber(r.dlrn.lrm.c, 3)}, Brier ${formatNumber(r.dlrn.lrm.brier, 3)}.` });
  blocks.push({ kind: 'formula', lhs: 'logit(DLRN risk) =', terms: dlrnFormulaTerms(r) });
  blocks.push(...figureBlocks(nomogramReportFigure(r, d), skipped, 'Nomogram', next));
  blocks.push({ kind: 'heading', level: 2, text: 'Model performance' });
  blocks.push({ kind: 'table', table: table3(r, d) });
  blocks.push(...figureBlocks(rocReportFigure(r), skipped, 'ROC curves', next));
  blocks.push({ kind: 'table', table: calibrationTable(r) });
  blocks.push(...figureBlocks(calibrationReportFigure(r, 'dlrn'), skipped, 'Calibration', next));
  blocks.push(...figureBlocks(dcaReportFigure(r), skipped, 'Decision curves', next));
  blocks.push({ kind: 'heading', level: 2, text: 'Survival by risk group' });
  blocks.push(...figureBlocks(kmReportFigure(r, d), skipped, 'Kaplan–Meier curves', next));
  if (r.evaluation.km) {
    const km = r.evaluation.km;
    const lines = (['training', 'validation'] as const).flatMap((c) =>
      km[c].logRank ? [`${c === 'training' ? 'Training' : 'Validation'}: log-rank χ² ${formatNumber(km[c].logRank.chisq, 3)} (df ${km[c].logRank.df}), P ${km[c].logRank.p < 0.001 ? '< 0.001' : `= ${formatNumber(km[c].logRank.p, 3)}`}.`] : [],
    );
    blocks.push({ kind: 'paragraph', text: lines.join(' ') });
  }
  if (skipped.length) blocks.push({ kind: 'paragraph', style: 'note', text: skipped.join(' ') });

  blocks.push({ kind: 'pageBreak' }, { kind: 'heading', level: 1, text: 'Appendix: provenance' });
  blocks.push({ kind: 'keyValues', rows: provenanceRows(r, d, o) });
  blocks.push({ kind: 'paragraph', style: 'notice', text: RESEARCH_USE_NOTICE });

  const models = r.evaluation.models.map((m) => modelLabel(r, m.id));
  return {
    title: r.study.name,
    subtitle: 'Deep learning radiomics nomogram study report',
    titleLines: [
      r.study.description ?? '',
      `Models: ${models.join(', ')}`,
      `Cohorts: training n = ${r.cohorts.training.n}, validation n = ${r.cohorts.validation.n}`,
      `Generated ${o.generatedAt.toISOString().slice(0, 10)} by ${r.software.name} ${o.reporterVersion ?? r.software.version}`,
      `Study definition ${r.study.definitionHash.slice(0, 16)}…`,
    ].filter((l) => l.length > 0),
    titlePage: true,
    notice: RESEARCH_USE_NOTICE,
    runningHead: r.study.name,
    blocks,
    info: { title: `${r.study.name}: study report`, subject: 'DLRN study report', keywords: 'radiomics, nomogram, DLRN, TRIPOD', creationDate: o.generatedAt },
  };
}
