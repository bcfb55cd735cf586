/**
 * Methods text of the study report, generated from the study definition and the run's results: cohorts,
 * imaging phases, reproducibility (readers/ICC), feature extraction, harmonisation, selection, models and
 * statistics. Every setting quoted is the one the run used (the definition is stored in results.json with its
 * defaults filled in), so the text cannot drift from what was computed.
 */
import type { StudyDefinition, SignatureDefinition } from '../study/definition';
import { signatureSelection } from '../study/definition';
import type { StudyResults } from '../study/resultsSchema';
import type { Block } from './document';
import { formatNumber } from './format';
import { modelLabel, outcomeGroupNames } from './reportTables';

const list = (items: readonly string[]): string => (items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`);
const percent = (p: number): string => `${formatNumber(p * 100, 0)}%`;

function cohortsText(r: StudyResults, d: StudyDefinition): string {
  const [, pos] = outcomeGroupNames(d);
  const c = d.cohorts;
  const how =
    c.method === 'random'
      ? `Patients were split at random (seed ${c.seed}${c.stratify ? ', stratified by outcome' : ''}) into a training cohort and a validation cohort holding ${percent(c.validationFraction)} of the patients.`
      : `Patients were assigned by the clinical column "${c.column}": ${c.column} ${list(c.training)} formed the training cohort and ${c.column} ${list(c.validation)} the ${c.method === 'centre' ? 'external ' : ''}validation cohort.`;
  const t = r.cohorts.training;
  const v = r.cohorts.validation;
  const excluded = r.cohorts.excluded.length ? ` ${r.cohorts.excluded.length} patient(s) of the clinical table belonged to neither cohort and were not analysed.` : '';
  return (
    `${how} The training cohort comprised ${t.n} patients (${pos}: ${t.events}) and the validation cohort ${v.n} patients (${pos}: ${v.events}).${excluded} ` +
    `The outcome was the binary variable "${d.outcome.column}"${d.outcome.label ? ` (${d.outcome.label})` : ''}. Every quantity fitted from data (harmonisation reference, ` +
    'feature scaling, feature selection, model coefficients, classification thresholds and risk-group cut-offs) was estimated on the training cohort only and applied unchanged to the validation cohort.'
  );
}

function imagingText(r: StudyResults, d: StudyDefinition): string {
  const phases = d.phases.length ? `Features were computed on ${d.phases.length} contrast phase(s): ${list(d.phases.map((p) => `${p.name} (feature prefix "${p.prefix}")`))}.` : 'Features were analysed as one image set (no contrast-phase prefixes).';
  const params = d.extraction.parameterFiles.length
    ? ` Hand-crafted radiomic features were extracted with the pyradiomics-compatible extractor of ${r.software.name} ${r.software.version} (IBSI-aligned, checked against pyradiomics 3 baselines) using the parameter file(s) ${list(d.extraction.parameterFiles.map((f) => `"${f}"`))} (SHA-256 in the provenance appendix).`
    : ` Hand-crafted features were read from the feature table (pyradiomics batch layout); the analysis ran in ${r.software.name} ${r.software.version}.`;
  const deep = d.deepModel
    ? ` Deep-learning features were the penultimate-layer activations of the convolutional network "${d.deepModel.modelId}" on the ROI's slices (HU window ${d.deepModel.preprocessing.window.width}/${d.deepModel.preprocessing.window.level}, margin ${d.deepModel.preprocessing.margin.value} ${d.deepModel.preprocessing.margin.unit}, ${d.deepModel.preprocessing.neighbourSlices} neighbouring slice(s) per side).`
    : '';
  const groups = ` Feature groups: ${list(Object.entries(d.featureGroups).map(([g, p]) => `${g} (${p.join(', ')})`))}.`;
  return phases + params + deep + groups;
}

function iccText(r: StudyResults, d: StudyDefinition): string | null {
  const icc = d.icc;
  if (!icc) return null;
  const form = `ICC (${icc.form.model === 'twoway' ? 'two-way' : 'one-way'} model, ${icc.form.type}, ${icc.form.unit} measures; McGraw & Wong 1996)`;
  const comps = [icc.inter ? `inter-observer agreement between ratings "${icc.inter[0]}" and "${icc.inter[1]}"` : '', icc.intra ? `intra-observer agreement between ratings "${icc.intra[0]}" and "${icc.intra[1]}"` : ''].filter(Boolean);
  return (
    `Reproducibility was assessed by repeated delineation: the ${form} quantified ${list(comps)} on ${r.icc.nSubject} patients. ` +
    `Features with ICC ${icc.comparison} ${icc.threshold} in every comparison were retained (${r.icc.nKept} of ${r.icc.features.length} assessed features; ${r.features.afterIcc} features entered the analysis).`
  );
}

function harmonisationText(r: StudyResults, d: StudyDefinition): string {
  const h = d.harmonisation;
  const scaling = ' Features were then standardised to z-scores with the mean and SD of the training cohort.';
  if (h.method === 'none') return `No batch harmonisation was applied.${scaling}`;
  const fit =
    h.fit === 'reference'
      ? `with batch "${h.referenceBatch}" as the reference batch, which is left unchanged (sva ref.batch)`
      : 'fitted on the training cohort and applied to validation patients';
  return (
    `Batch effects of "${h.batchColumn}" were removed with ComBat (${h.parametric ? 'parametric' : 'non-parametric'} empirical Bayes${h.meanOnly ? ', location only' : ''}; Johnson et al. 2007), ${fit}` +
    `${h.covariates.length ? `, preserving ${list(h.covariates)}` : ''}. ${r.harmonisation.features.length} feature(s) were harmonised${r.harmonisation.unadjusted.length ? ` (${r.harmonisation.unadjusted.length} left unadjusted for zero within-batch variance)` : ''}.${scaling}`
  );
}

function signatureText(r: StudyResults, d: StudyDefinition, s: SignatureDefinition): string {
  const sel = signatureSelection(d, s);
  const res = r.signatures.find((x) => x.name === s.name);
  const candidates = res ? `${res.candidates} candidate features (${list(s.groups.length ? s.groups : s.patterns)})` : list(s.groups);
  const mrmr = sel.mrmr ? `minimum redundancy maximum relevance (mRMR, ${sel.mrmr.scheme}) kept the top ${sel.mrmr.k}; then ` : '';
  const l = sel.lasso;
  const folds = l.foldIdColumn ? `folds from the column "${l.foldIdColumn}"` : `${l.folds} random folds (seed ${l.seed})`;
  const lasso = `${l.alpha === 1 ? 'LASSO' : `elastic-net (α = ${l.alpha})`} logistic regression (glmnet algorithm) chose λ by cross-validated ${l.measure} over ${folds} with the ${l.lambdaRule === 'min' ? 'minimum' : 'one-standard-error'} rule`;
  const kept = res ? ` It retained ${res.coefficients.features.length} feature(s).` : '';
  const clf = s.classifier.type === 'knn' ? ` The ${s.label ?? s.name} classifies with k-nearest neighbours (k = ${s.classifier.k}) on the selected features.` : ` The ${s.label ?? s.name} score is the linear combination of the selected z-scored features weighted by their LASSO coefficients.`;
  return `${s.label ?? s.name}: from ${candidates}, ${mrmr}${lasso}.${kept}${clf}`;
}

function clinicalText(r: StudyResults, d: StudyDefinition): string {
  const c = d.clinical;
  const names = c.candidates.map((x) => x.label ?? x.name);
  const kept = r.clinicalModel.kept.map((k) => c.candidates.find((x) => x.name === k)?.label ?? k);
  const how = r.clinicalModel.keptBy === 'fallback-smallest-p' ? `none reached P < ${c.univariateP}, so the candidate with the smallest P was kept` : `candidates with univariable Wald P < ${c.univariateP} were kept${c.multivariableP !== null ? ` and then those with multivariable P < ${c.multivariableP}` : ''}`;
  return `Clinical model: the candidates ${list(names)} were tested in univariable logistic regression on the training cohort; ${how} (${list(kept)}), and the clinical model is the multivariable logistic regression on them (${r.clinicalModel.formula}).`;
}

function dlrnText(r: StudyResults, d: StudyDefinition): string {
  const sig = d.signatures.find((s) => s.name === d.dlrn.signature);
  return (
    `The deep learning radiomics nomogram (DLRN) combines the ${sig?.label ?? d.dlrn.signature} score with the clinical predictors in a logistic regression fitted on the training cohort (${r.dlrn.formula}); ` +
    `it is presented as a nomogram with rms scales (points 0–100 per predictor; risk axis at ${list(d.dlrn.nomogram.riskTicks.map(String))}).`
  );
}

function statisticsText(r: StudyResults, d: StudyDefinition): string {
  const e = d.evaluation;
  const conf = `${formatNumber(e.confLevel * 100, 0)}%`;
  const parts = [
    `Discrimination: area under the ROC curve (AUC) with DeLong ${conf} CIs; paired AUC comparisons with the DeLong test.`,
    `Classification: sensitivity, specificity, PPV, NPV and accuracy (exact binomial CIs) at the threshold maximising the Youden index on the training cohort, applied unchanged to validation (signatures on the ${e.signatureScale} scale).`,
    `Calibration: Hosmer–Lemeshow test over ${e.calibration.groups} risk groups, logistic calibration intercept and slope, Brier score; calibration curves by lowess, with the optimism-corrected curve from ${e.bootstrap.B} bootstrap resamples (seed ${e.bootstrap.seed}; Harrell's method, rms calibrate).`,
    `Clinical usefulness: decision-curve analysis (net benefit) over threshold probabilities ${e.dca.from}–${e.dca.to} in steps of ${e.dca.by}.`,
  ];
  if (e.km && r.evaluation.km) {
    parts.push(
      `Survival: patients were divided into high- and low-risk groups at the training ${e.km.cut} of the ${modelLabel(r, e.km.model)} linear predictor (${formatNumber(r.evaluation.km.cut, 4)}); Kaplan–Meier curves (log-transformed 95% CIs) were compared with the log-rank test.`,
    );
  }
  if (e.nestedCv) parts.push(`Internal validation of the selection procedure: nested ${e.nestedCv.folds}-fold cross-validation (seed ${e.nestedCv.seed}).`);
  if (e.sensitivityNoHarmonisation) parts.push('Sensitivity analysis: validation AUCs without harmonising the validation features.');
  parts.push(
    `All statistics were computed by ${r.software.name} ${r.software.version}, whose implementations are checked against R 4.2 reference values (pROC 1.18, glmnet 4.1-6, rms 6.5, survival 3.5-3, sva 3.46, psych/irr ICC). Two-sided P < 0.05 was considered significant.`,
  );
  return parts.join(' ');
}

/** The methods section: one paragraph per topic under level-2 headings. */
export function methodsBlocks(r: StudyResults, d: StudyDefinition): Block[] {
  const blocks: Block[] = [{ kind: 'heading', level: 1, text: 'Methods' }];
  const add = (title: string, text: string | null): void => {
    if (!text) return;
    blocks.push({ kind: 'heading', level: 2, text: title }, { kind: 'paragraph', text });
  };
  add('Patients and cohorts', cohortsText(r, d));
  add('Imaging and feature extraction', imagingText(r, d));
  add('Reproducibility (readers and ICC)', iccText(r, d));
  add('Harmonisation and scaling', harmonisationText(r, d));
  blocks.push({ kind: 'heading', level: 2, text: 'Feature selection and signatures' });
  for (const s of d.signatures) blocks.push({ kind: 'paragraph', text: signatureText(r, d, s) });
  add('Clinical model and nomogram', `${clinicalText(r, d)} ${dlrnText(r, d)}`);
  add('Statistical analysis', statisticsText(r, d));
  return blocks;
}

/** TRIPOD (Collins et al. 2015) items this report covers, with where. */
export function tripodRows(r: StudyResults, d: StudyDefinition): [string, string][] {
  const rows: [string, string][] = [
    ['4a/4b Source of data, dates', 'Methods: Patients and cohorts (dates are not part of the study definition; add them to the description)'],
    ['5a/5b Participants, eligibility', 'Methods: Patients and cohorts; Fig. Patient flow'],
    ['6a Outcome', `Methods: outcome "${d.outcome.column}"${d.survival ? `; survival endpoint ${d.survival.time}/${d.survival.event}` : ''}`],
    ['7a Predictors', 'Methods: Imaging and feature extraction; Table 2'],
    ['8 Sample size', `Results: Table 1 (n = ${r.cohorts.training.n} training, ${r.cohorts.validation.n} validation)`],
    ['9 Missing data', 'Input checks refuse missing outcomes and predictors; Table 1 reports missing counts'],
    ['10a Predictor handling', 'Methods: Harmonisation and scaling'],
    ['10b Model type, predictor selection', 'Methods: Feature selection and signatures; Clinical model and nomogram'],
    ['10c Validation', d.cohorts.method === 'random' ? 'Random split validation' : 'External validation (separate cohort by centre/column)'],
    ['10d Performance measures', 'Methods: Statistical analysis'],
    ['13a Flow of participants', 'Fig. Patient flow'],
    ['13b Participant characteristics', 'Table 1'],
    ['14a/14b Model development', 'Table 2; LASSO figures'],
    ['15a Full model', 'DLR-score formula; DLRN coefficients; nomogram'],
    ['16 Model performance', 'Table 3, Table 4; ROC, calibration and decision curves'],
    ['Provenance', 'Appendix: software version, parameter files, data and model hashes, seeds'],
  ];
  return rows;
}
