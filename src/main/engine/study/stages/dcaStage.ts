/**
 * Stage `dca`: decision curves (Vickers & Elkin 2006) of every model's predicted probability on both cohorts,
 * with treat-all and treat-none: NB(p_t) = TP/n − FP/n · p_t/(1 − p_t), treated when p ≥ p_t (or p > p_t),
 * over thresholds `seq(from, to, by)` computed as R does.
 */
import { decisionCurve } from '../../stats/decisionCurve';
import { seqBy } from '../../stats/binning';
import type { StudyDefinition } from '../definition';
import type { StageSpec } from '../stageGraph';
import type { SplitOutput } from '../stageTypes';
import { modelStages, predictionsOf, studyModels } from '../models';
import { take } from '../split';
import type { DcaCohortResult } from '../resultsSchema';

export interface DcaOutput {
  thresholds: number[];
  rule: '>=' | '>';
  training: DcaCohortResult;
  validation: DcaCohortResult;
}

export function dcaStage(d: StudyDefinition): StageSpec {
  const models = studyModels(d);
  const dca = d.evaluation.dca;
  return {
    name: 'dca',
    settings: dca,
    inputs: ['split', ...modelStages(d)],
    data: [],
    run(ctx): DcaOutput {
      const split = ctx.input<SplitOutput>('split');
      const thresholds = seqBy(dca.from, dca.to, dca.by);
      const cohort = (rows: Int32Array): DcaCohortResult => {
        const y = take(split.y, rows);
        const out: DcaCohortResult = { n: rows.length, prevalence: 0, treatAll: [], treatNone: [], models: {}, thresholdMinDistance: {} };
        for (const m of models) {
          const p = take(predictionsOf(ctx, m).prob, rows);
          const c = decisionCurve(y, p, thresholds, dca.rule);
          out.prevalence = c.prevalence;
          out.treatAll = Array.from(c.treatAll);
          out.treatNone = Array.from(c.treatNone);
          out.models[m.id] = Array.from(c.model);
          let dist = Infinity;
          for (const t of thresholds) for (const v of p) dist = Math.min(dist, Math.abs(v - t));
          out.thresholdMinDistance[m.id] = dist;
        }
        return out;
      };
      return { thresholds: Array.from(thresholds), rule: dca.rule, training: cohort(split.training), validation: cohort(split.validation) };
    },
  };
}
