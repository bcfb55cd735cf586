/**
 * Stage `roc`: discrimination of every model on both cohorts — empirical ROC curve, AUC with DeLong CI
 * (pROC `roc(levels = c(0,1), direction = "<")`, `ci.auc(method = "delong")`), the Youden-optimal threshold
 * of the TRAINING curve (pROC `coords(best.method = "youden")`; among ties the smallest threshold) applied
 * unchanged to both cohorts with sensitivity, specificity, accuracy, PPV, NPV and Clopper–Pearson CIs, and
 * pairwise paired DeLong tests within each cohort on the predicted probabilities
 * (`roc.test(method = "delong", paired = TRUE)`).
 */
import { metricsAtThreshold, rocCurve, youdenOptimal } from '../../stats/roc';
import { aucDelong, delongPairedTest } from '../../stats/delong';
import type { Proportion } from '../../stats/binomialCi';
import type { StudyDefinition } from '../definition';
import type { StageSpec } from '../stageGraph';
import type { SplitOutput } from '../stageTypes';
import { modelStages, predictionsOf, studyModels, thresholdPredictor } from '../models';
import { take } from '../split';
import type { DelongPairResult, RocModelResult } from '../resultsSchema';

export interface RocOutput {
  roc: Record<string, RocModelResult>;
  delong: { training: DelongPairResult[]; validation: DelongPairResult[] };
}

function proportion(p: Proportion): { x: number; n: number; estimate: number; lower: number; upper: number } {
  return { x: p.x, n: p.n, estimate: p.estimate, lower: p.lower, upper: p.upper };
}

function minDistance(x: ArrayLike<number>, t: number): number {
  let m = Infinity;
  for (let i = 0; i < x.length; i++) m = Math.min(m, Math.abs(x[i] - t));
  return m;
}

/** ROC summary of one cohort at a threshold fixed on training. */
export function rocCohort(y: Float64Array, s: Float64Array, threshold: number, confLevel: number): RocModelResult['training'] {
  const curve = rocCurve(y, s);
  const auc = aucDelong(y, s, confLevel);
  const m = metricsAtThreshold(y, s, threshold, confLevel);
  const reasons: Record<string, string> = {};
  if (m.ppv === null) reasons.ppv = 'no patient is called positive at the threshold';
  if (m.npv === null) reasons.npv = 'no patient is called negative at the threshold';
  return {
    n: y.length,
    nCases: auc.nCases,
    nControls: auc.nControls,
    auc: auc.auc,
    variance: auc.variance,
    se: auc.se,
    lower: auc.lower,
    upper: auc.upper,
    confLevel,
    curve: {
      thresholds: Array.from(curve.thresholds, (t) => (Number.isFinite(t) ? t : null)),
      sensitivity: Array.from(curve.sensitivity),
      specificity: Array.from(curve.specificity),
      reasons: { thresholds: 'the first threshold is −Inf (all called positive) and the last +Inf (none)' },
    },
    atThreshold: {
      threshold,
      tp: m.tp,
      tn: m.tn,
      fp: m.fp,
      fn: m.fn,
      sensitivity: proportion(m.sensitivity),
      specificity: proportion(m.specificity),
      accuracy: proportion(m.accuracy),
      ppv: m.ppv ? proportion(m.ppv) : null,
      npv: m.npv ? proportion(m.npv) : null,
      ...(Object.keys(reasons).length ? { reasons } : {}),
    },
    thresholdMinDistance: minDistance(s, threshold),
  };
}

export function rocStage(d: StudyDefinition): StageSpec {
  const models = studyModels(d);
  return {
    name: 'roc',
    settings: { confLevel: d.evaluation.confLevel, models: models.map((m) => [m.id, m.scale]) },
    inputs: ['split', ...modelStages(d)],
    data: [],
    run(ctx): RocOutput {
      const split = ctx.input<SplitOutput>('split');
      const conf = d.evaluation.confLevel;
      const cohorts = { training: split.training, validation: split.validation };
      const roc: Record<string, RocModelResult> = {};
      for (const m of models) {
        const s = thresholdPredictor(m, predictionsOf(ctx, m));
        const yt = take(split.y, split.training);
        const st = take(s, split.training);
        const ties = youdenOptimal(rocCurve(yt, st)).map((p) => ({ threshold: p.threshold, sensitivity: p.sensitivity, specificity: p.specificity, youden: p.youden }));
        const best = ties[0];
        roc[m.id] = {
          scale: m.scale,
          youden: { ...best, ties },
          training: rocCohort(yt, st, best.threshold, conf),
          validation: rocCohort(take(split.y, split.validation), take(s, split.validation), best.threshold, conf),
        };
      }
      const delong = { training: [] as DelongPairResult[], validation: [] as DelongPairResult[] };
      for (const [key, rows] of Object.entries(cohorts) as [keyof typeof cohorts, Int32Array][]) {
        const y = take(split.y, rows);
        for (let a = 0; a < models.length; a++) {
          for (let b = a + 1; b < models.length; b++) {
            const pa = take(predictionsOf(ctx, models[a]).prob, rows);
            const pb = take(predictionsOf(ctx, models[b]).prob, rows);
            const head = { pair: `${models[a].id}_vs_${models[b].id}`, model1: models[a].id, model2: models[b].id };
            try {
              const t = delongPairedTest(y, pa, pb, conf);
              delong[key].push({ ...head, auc1: t.auc1, auc2: t.auc2, z: t.z, p: t.pValue, diffLower: t.diffCi[0], diffUpper: t.diffCi[1] });
            } catch (err) {
              const why = `DeLong test undefined: ${(err as Error).message}`;
              delong[key].push({
                ...head,
                auc1: aucDelong(y, pa, conf).auc,
                auc2: aucDelong(y, pb, conf).auc,
                z: null,
                p: null,
                diffLower: null,
                diffUpper: null,
                reasons: { z: why, p: why, diffLower: why, diffUpper: why },
              });
            }
          }
        }
      }
      return { roc, delong };
    },
  };
}
