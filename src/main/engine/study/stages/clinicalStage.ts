/**
 * Stage `clinical`: the clinical model. On the training cohort, each candidate alone
 * (`glm(outcome ~ candidate, binomial)`); candidates with univariate Wald p < `univariateP` go into one
 * multivariable model (if none does, the candidate with the smallest p); optionally only the terms with
 * multivariable Wald p < `multivariableP` are kept and refitted ("independent predictors"; if none is, the one
 * with the smallest multivariable p). Predictions
 * (linear predictor and probability, R `predict(type = "link" / "response")`) for every patient.
 * Leakage guard: every fit uses training rows only.
 */
import { fitLogistic, logisticLinearPredictor, logitLinkInverse, type LogisticModel } from '../../models/logistic';
import { designColumns, logisticTable, type TablePredictor } from '../../models/logisticTable';
import { clinicalNumber, type ClinicalData } from '../studyData';
import type { ClinicalCandidate, StudyDefinition } from '../definition';
import type { StageSpec } from '../stageGraph';
import type { GlmSummary, ModelPredictions, SplitOutput } from '../stageTypes';
import { take } from '../split';
import { StatsConvergenceError } from '../../stats/errors';

export interface ClinicalOutput extends ModelPredictions {
  candidates: string[];
  univariate: { variable: string; model: GlmSummary }[];
  /** Smallest univariate Wald p of each candidate's terms. */
  univariateP: Record<string, number>;
  /** Multivariable model of the univariate survivors (before any multivariable filter). */
  multivariable: GlmSummary;
  kept: string[];
  keptBy: 'univariate-p' | 'fallback-smallest-p' | 'multivariable-p';
  formula: string;
  /** The final clinical model (terms of `kept`). */
  model: GlmSummary;
  /** Candidate p-value closest to the univariate threshold (how near a selection is to flipping). */
  closestP: number;
  /** Candidates left out because their univariate model cannot be fitted on training (separation), with the reason. */
  excluded: { variable: string; reason: string }[];
}

/** Reported summary of a fitted model. */
export function glmSummary(m: LogisticModel): GlmSummary {
  const q = m.terms.length;
  return {
    terms: m.terms.map((t) => ({ ...t })),
    vcov: Array.from({ length: q }, (_, r) => Array.from({ length: q }, (_, c) => m.vcov[c * q + r])),
    deviance: m.deviance,
    nullDeviance: m.nullDeviance,
    dfResidual: m.dfResidual,
    dfNull: m.dfNull,
    aic: m.aic,
    iterations: m.iterations,
    converged: m.converged,
  };
}

/** Candidate values of the study patients. */
export function candidateValues(c: ClinicalCandidate, clinical: ClinicalData, ids: readonly string[]): Float64Array {
  const col = clinical.columns.get(c.name);
  if (!col) throw new Error(`clinical column ${c.name} is missing`);
  const rowOf = new Map(clinical.ids.map((id, i) => [id, i]));
  return Float64Array.from(ids, (id) => clinicalNumber(col, rowOf.get(id) as number));
}

/** A candidate as a Table-2 predictor over the given rows. */
export function tablePredictor(c: ClinicalCandidate, values: Float64Array, rows: Int32Array): TablePredictor {
  return { name: c.name, values: take(values, rows), ...(c.levels ? { levels: c.levels } : {}) };
}

/** Fits the clinical model on the training rows (see the module comment). */
export function fitClinicalOnTraining(
  candidates: readonly ClinicalCandidate[],
  values: readonly Float64Array[],
  y: Float64Array,
  training: Int32Array,
  rule: { univariateP: number; multivariableP: number | null },
): { table: ReturnType<typeof logisticTable>; kept: string[]; keptBy: ClinicalOutput['keptBy']; model: LogisticModel } {
  const predictors = candidates.map((c, k) => tablePredictor(c, values[k], training));
  const yt = take(y, training);
  const table = logisticTable(predictors, yt, { entryP: rule.univariateP, interval: 'wald' });
  const passed = candidates.some((c) => Math.min(...table.univariateModels[c.name].terms.slice(1).map((t) => t.p)) < rule.univariateP);
  let kept = table.selected;
  let keptBy: ClinicalOutput['keptBy'] = passed ? 'univariate-p' : 'fallback-smallest-p';
  if (rule.multivariableP !== null && passed) {
    const mp = rule.multivariableP;
    const terms = table.multivariableModel.terms;
    const multiP = (name: string): number => {
      const p = predictors.find((q) => q.name === name) as TablePredictor;
      return Math.min(...designColumns(p).map((dc) => terms.find((t) => t.term === dc.name)?.p ?? 1));
    };
    let survivors = kept.filter((name) => multiP(name) < mp);
    if (survivors.length === 0) survivors = [kept.reduce((a, b) => (multiP(b) < multiP(a) ? b : a))];
    if (survivors.length < kept.length) {
      kept = survivors;
      keptBy = 'multivariable-p';
    }
  }
  const model = fitLogistic(
    predictors.filter((p) => kept.includes(p.name)).flatMap(designColumns),
    yt,
  );
  return { table, kept, keptBy, model };
}

/** Design columns of `kept` candidates over all patients, in candidate order. */
export function keptDesign(candidates: readonly ClinicalCandidate[], values: readonly Float64Array[], kept: readonly string[]): Float64Array[] {
  const all = Int32Array.from({ length: values[0]?.length ?? 0 }, (_, i) => i);
  return candidates
    .flatMap((c, k) => (kept.includes(c.name) ? designColumns(tablePredictor(c, values[k], all)) : []))
    .map((dc) => Float64Array.from(dc.values));
}

export function clinicalStage(d: StudyDefinition): StageSpec {
  const c = d.clinical;
  return {
    name: 'clinical',
    settings: { candidates: c.candidates, univariateP: c.univariateP, multivariableP: c.multivariableP, fallback: c.fallback },
    inputs: ['split'],
    data: [{ kind: 'clinical', columns: c.candidates.map((x) => x.name) }],
    run(ctx): ClinicalOutput {
      const split = ctx.input<SplitOutput>('split');
      const allValues = c.candidates.map((x) => candidateValues(x, ctx.data.clinical, split.ids));
      // A candidate whose univariate model has no maximum-likelihood estimate on the training cohort
      // (complete or quasi-complete separation, e.g. an empty cell of a rare binary variable) cannot
      // enter Table 2 or the model: it is left out with a warning, as a statistician would.
      const excluded: { variable: string; reason: string }[] = [];
      const usable = c.candidates.filter((x, k) => {
        try {
          fitLogistic(designColumns(tablePredictor(x, allValues[k], split.training)), take(split.y, split.training));
          return true;
        } catch (err) {
          if (!(err instanceof StatsConvergenceError)) throw err;
          excluded.push({ variable: x.name, reason: err.message });
          return false;
        }
      });
      if (usable.length === 0) throw new Error(`no clinical candidate can be fitted on the training cohort: ${excluded.map((e) => `${e.variable}: ${e.reason}`).join('; ')}`);
      const values = usable.map((x) => allValues[c.candidates.indexOf(x)]);
      const fit = fitClinicalOnTraining(usable, values, split.y, split.training, c);
      const lp = logisticLinearPredictor(fit.model, keptDesign(usable, values, fit.kept));
      const pValues = Object.fromEntries(
        usable.map((x) => [x.name, Math.min(...fit.table.univariateModels[x.name].terms.slice(1).map((t) => t.p))]),
      );
      const closestP = Object.values(pValues).reduce((a, b) => (Math.abs(b - c.univariateP) < Math.abs(a - c.univariateP) ? b : a));
      return {
        candidates: usable.map((x) => x.name),
        univariate: usable.map((x) => ({ variable: x.name, model: glmSummary(fit.table.univariateModels[x.name]) })),
        univariateP: pValues,
        multivariable: glmSummary(fit.table.multivariableModel),
        kept: fit.kept,
        keptBy: fit.keptBy,
        formula: `${d.outcome.column} ~ ${fit.kept.join(' + ')}`,
        model: glmSummary(fit.model),
        closestP,
        excluded,
        lp,
        prob: lp.map(logitLinkInverse),
      };
    },
  };
}
