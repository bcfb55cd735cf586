/**
 * Outputs of the pipeline stages (what the stage cache stores). Arrays over "all patients" follow the study
 * patient order of {@link SplitOutput.ids}; `training`/`validation` index into it.
 */
import type { CohortName } from './split';
import type { LogisticTerm } from '../models/logistic';

export interface SplitOutput {
  ids: string[];
  cohort: CohortName[];
  training: Int32Array;
  validation: Int32Array;
  /** Outcome 0/1 of every study patient. */
  y: Float64Array;
  /** Follow-up and event (null without a survival section). */
  time: Float64Array | null;
  event: Float64Array | null;
  excluded: string[];
  method: string;
}

export interface FeaturesOutput {
  /** Used features (matched by some signature), feature-table order. */
  names: string[];
  /** One column per feature over all study patients. */
  columns: Float64Array[];
  /** Members of each feature group among the used features. */
  groups: Record<string, string[]>;
}

/** One fitted logistic model, as reported (R `summary(glm)` + `confint.default`). */
export interface GlmSummary {
  terms: LogisticTerm[];
  /** Covariance of the estimates, rows in term order. */
  vcov: number[][];
  deviance: number;
  nullDeviance: number;
  dfResidual: number;
  dfNull: number;
  aic: number;
  iterations: number;
  converged: boolean;
}

/** Predictions of one model for every study patient. */
export interface ModelPredictions {
  /** Linear predictor (log-odds; the signature score), null for a k-NN signature. */
  lp: Float64Array | null;
  /** Predicted probability. */
  prob: Float64Array;
}
