/**
 * Stage `dlrn`: the deep-learning radiomics nomogram, `glm(outcome ~ score + <kept clinical>, binomial)` on the
 * training cohort (score = the chosen signature's linear predictor), its predictions for every patient, the
 * `rms::lrm` statistics, `datadist` limits and the nomogram scales (`rms::nomogram(fit, fun = plogis,
 * fun.at = riskTicks, lp = TRUE)`). Leakage guard: fitted on training rows only.
 */
import { fitLogistic, logisticLinearPredictor, logitLinkInverse, type DesignColumn, type LogisticModel } from '../../models/logistic';
import { lrmStatistics, type LrmStatistics } from '../../models/logisticPerformance';
import { valProb } from '../../stats/calibration';
import { aucDelong } from '../../stats/delong';
import { StatsConvergenceError } from '../../stats/errors';
import { datadistLimits, type DatadistLimits } from '../../models/datadist';
import { buildNomogram, defaultTicks, type Nomogram, type NomogramTerm } from '../../models/nomogram';
import { designColumns } from '../../models/logisticTable';
import type { StudyDefinition } from '../definition';
import type { StageSpec } from '../stageGraph';
import type { GlmSummary, ModelPredictions, SplitOutput } from '../stageTypes';
import { take } from '../split';
import { candidateValues, glmSummary, tablePredictor, type ClinicalOutput } from './clinicalStage';
import type { SignatureOutput } from './signatureStage';

export interface DlrnOutput extends ModelPredictions {
  signature: string;
  /** Predictor names: `score` then the kept clinical variables. */
  predictors: string[];
  formula: string;
  model: GlmSummary;
  /** rms 6.5 `lrm` statistics; `c`/`dxy` binned as rms 6.5 reports them, `cExact` the Mann–Whitney C. */
  lrm: LrmStatistics & { cExact: number };
  datadist: { variable: string; limits: DatadistLimits }[];
  nomogram: Nomogram;
}

/**
 * `rms::lrm` statistics as rms 6.5 prints them: its C (and Dxy = 2C − 1) is computed after truncating the fitted
 * probabilities to 5001 bins of width 1/5000 (lrm.fit's Fortran), which ties patients whose probabilities share
 * a bin; that binned value is taken from `valProb` on the fitted probabilities (whose recalibration is the
 * identity on the fitting data). The exact Mann–Whitney C is kept as `cExact` (rms ≥ 7 reports it).
 */
export function rmsLrmStatistics(model: LogisticModel): LrmStatistics & { cExact: number } {
  const stats = lrmStatistics(model);
  try {
    const binned = valProb(model.y, model.fitted);
    return { ...stats, c: binned.c, dxy: binned.dxy, cExact: stats.c };
  } catch {
    return { ...stats, cExact: stats.c };
  }
}

/**
 * The DLRN logistic fit; a refused (quasi-)separated fit is reported with the study context: a signature score
 * that (nearly) separates the training cohort leaves the DLRN without maximum-likelihood estimates.
 */
function fitDlrn(columns: DesignColumn[], y: Float64Array): LogisticModel {
  try {
    return fitLogistic(columns, y);
  } catch (err) {
    if (!(err instanceof StatsConvergenceError)) throw err;
    const auc = aucDelong(y, columns[0].values).auc;
    throw new StatsConvergenceError(
      `the DLRN glm(outcome ~ ${columns.map((c) => c.name).join(' + ')}) cannot be fitted: ${err.message}. ` +
        `The signature score alone has a training AUC of ${auc.toFixed(4)}; a score this close to separating the training ` +
        'cohort usually means an overfitted signature (try lambdaRule: 1se, a smaller mRMR k, or fewer candidate features).',
    );
  }
}

export function dlrnStage(d: StudyDefinition): StageSpec {
  const cands = d.clinical.candidates;
  return {
    name: 'dlrn',
    settings: { signature: d.dlrn.signature, nomogram: d.dlrn.nomogram, outcome: d.outcome.column },
    inputs: ['split', `signature:${d.dlrn.signature}`, 'clinical'],
    data: [{ kind: 'clinical', columns: cands.map((c) => c.name) }],
    run(ctx): DlrnOutput {
      const split = ctx.input<SplitOutput>('split');
      const sig = ctx.input<SignatureOutput>(`signature:${d.dlrn.signature}`);
      const clinical = ctx.input<ClinicalOutput>('clinical');
      const score = sig.lp as Float64Array;
      const all = Int32Array.from({ length: split.ids.length }, (_, i) => i);
      const kept = cands.filter((c) => clinical.kept.includes(c.name));
      const keptValues = kept.map((c) => candidateValues(c, ctx.data.clinical, split.ids));
      const designAll: DesignColumn[] = [
        { name: 'score', values: score },
        ...kept.flatMap((c, k) => designColumns(tablePredictor(c, keptValues[k], all))),
      ];
      const tr = split.training;
      const model = fitDlrn(
        designAll.map((dc) => ({ name: dc.name, values: take(dc.values, tr) })),
        take(split.y, tr),
      );
      const lp = logisticLinearPredictor(model, designAll.map((dc) => dc.values));
      const beta = (term: string): number => model.terms.find((t) => t.term === term)?.estimate ?? 0;
      const nomogramTerms: NomogramTerm[] = [
        { kind: 'linear', name: 'score', beta: beta('score'), ticks: defaultTicks(take(score, tr)) },
        ...kept.map((c, k): NomogramTerm => {
          if (c.levels) {
            const levels = c.levels;
            return { kind: 'categorical', name: c.name, levels, effects: levels.map((lv, j) => (j === 0 ? 0 : beta(`${c.name}${lv}`))) };
          }
          return { kind: 'linear', name: c.name, beta: beta(c.name), ticks: defaultTicks(take(keptValues[k], tr)) };
        }),
      ];
      const predictors = ['score', ...kept.map((c) => c.name)];
      return {
        signature: d.dlrn.signature,
        predictors,
        formula: `${d.outcome.column} ~ ${predictors.join(' + ')}`,
        model: glmSummary(model),
        lrm: rmsLrmStatistics(model),
        datadist: [
          { variable: 'score', limits: datadistLimits(take(score, tr)) },
          ...kept.map((c, k) => ({ variable: c.name, limits: datadistLimits(take(keptValues[k], tr)) })),
        ],
        nomogram: buildNomogram(model.terms[0].estimate, nomogramTerms, model.linearPredictor, { riskAt: d.dlrn.nomogram.riskTicks }),
        lp,
        prob: lp.map(logitLinkInverse),
      };
    },
  };
}
