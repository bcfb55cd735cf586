/**
 * The models a study evaluates — each signature, the clinical model and the DLRN — with the stage that
 * produces their predictions and the scale their thresholds use.
 */
import type { StudyDefinition } from './definition';
import type { ModelPredictions } from './stageTypes';
import type { StageContext } from './stageGraph';

export interface StudyModel {
  id: string;
  label: string;
  kind: 'signature' | 'clinical' | 'dlrn';
  /** Stage whose output holds `lp`/`prob`. */
  stage: string;
  /** Threshold scale: the signature score (linear predictor) or the probability. */
  scale: 'score' | 'probability';
}

/** Models in evaluation order: DLRN, signatures, clinical (so pairs read "dlrn_vs_…", "…_vs_clinical"). */
export function studyModels(d: StudyDefinition): StudyModel[] {
  return [
    { id: 'dlrn', label: 'DLRN', kind: 'dlrn', stage: 'dlrn', scale: 'probability' },
    ...d.signatures.map(
      (s): StudyModel => ({
        id: s.name,
        label: s.label ?? s.name,
        kind: 'signature',
        stage: `signature:${s.name}`,
        scale: s.classifier.type === 'knn' ? 'probability' : d.evaluation.signatureScale,
      }),
    ),
    { id: 'clinical', label: 'Clinical', kind: 'clinical', stage: 'clinical', scale: 'probability' },
  ];
}

/** Stage names of every model. */
export function modelStages(d: StudyDefinition): string[] {
  return studyModels(d).map((m) => m.stage);
}

/** The predictor a model's thresholds use (score or probability), over all study patients. */
export function thresholdPredictor(m: StudyModel, p: ModelPredictions): Float64Array {
  return m.scale === 'score' && p.lp ? p.lp : p.prob;
}

/** Predictions of a model inside a running stage. */
export function predictionsOf(ctx: StageContext, m: StudyModel): ModelPredictions {
  return ctx.input<ModelPredictions>(m.stage);
}
