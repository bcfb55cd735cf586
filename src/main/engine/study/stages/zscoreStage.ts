/**
 * Stage `zscore`: z = (x − mean_train)/sd_train for every patient (R `scale()` with the training mean and
 * `sd()`, n − 1). Leakage guard: the fit sees the training rows only.
 */
import { applyZScore, fitZScore, type ZScoreFit } from '../../harmonisation/scaling';
import { take } from '../split';
import type { StudyDefinition } from '../definition';
import type { StageSpec } from '../stageGraph';
import type { HarmoniseOutput } from './harmoniseStage';
import type { SplitOutput } from '../stageTypes';

export interface ZScoreOutput {
  names: string[];
  mean: Float64Array;
  sd: Float64Array;
  /** Features constant on the training data (centred only). */
  constant: string[];
  /** z-scored columns over all study patients. */
  z: Float64Array[];
  warnings: string[];
}

/** Fits on the training rows, applies to all rows. */
export function zScoreFitOnTraining(columns: readonly Float64Array[], training: Int32Array): { fit: ZScoreFit; z: Float64Array[] } {
  const fit = fitZScore(columns.map((c) => take(c, training)));
  return { fit, z: applyZScore(fit, columns) };
}

export function zscoreStage(d: StudyDefinition): StageSpec {
  return {
    name: 'zscore',
    settings: d.scaling,
    inputs: ['split', 'harmonise'],
    data: [],
    run(ctx): ZScoreOutput {
      const split = ctx.input<SplitOutput>('split');
      const h = ctx.input<HarmoniseOutput>('harmonise');
      const { fit, z } = zScoreFitOnTraining(h.columns, split.training);
      return { names: h.names, mean: fit.mean, sd: fit.sd, constant: fit.constantFeatures.map((g) => h.names[g]), z, warnings: fit.warnings };
    },
  };
}
