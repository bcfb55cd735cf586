/**
 * Stage `sensitivity`: the validation AUCs without harmonising the validation cohort — its raw features are
 * z-scored with the training mean/SD and scored with the unchanged signature coefficients and DLRN model
 * (the train-only alternative to ComBat with a reference batch; pipeline oracle `sensitivity_no_harmonisation`).
 */
import { aucDelong } from '../../stats/delong';
import type { StudyDefinition } from '../definition';
import type { StageSpec } from '../stageGraph';
import type { FeaturesOutput, SplitOutput } from '../stageTypes';
import { take } from '../split';
import type { SensitivityResult } from '../resultsSchema';
import { linearScore, plogis, type SignatureOutput } from './signatureStage';
import type { DlrnOutput } from './dlrnStage';

export function sensitivityStage(d: StudyDefinition): StageSpec | null {
  if (!d.evaluation.sensitivityNoHarmonisation || d.harmonisation.method === 'none') return null;
  const sigs = d.signatures.filter((s) => s.classifier.type === 'lasso-logistic');
  return {
    name: 'sensitivity',
    settings: { signatures: sigs.map((s) => s.name), dlrn: d.dlrn.signature },
    inputs: ['split', 'features', 'dlrn', ...sigs.map((s) => `signature:${s.name}`)],
    data: [],
    run(ctx): SensitivityResult {
      const split = ctx.input<SplitOutput>('split');
      const features = ctx.input<FeaturesOutput>('features');
      const index = new Map(features.names.map((n, j) => [n, j]));
      const va = split.validation;
      const yv = take(split.y, va);
      const rawScore = (sig: SignatureOutput): Float64Array => {
        const z = sig.features.map((n, k) => take(features.columns[index.get(n) as number], va).map((x) => (x - sig.mean[k]) / sig.sd[k]));
        return linearScore(sig.intercept, sig.coefficients, z);
      };
      const signatures = sigs.map((s) => {
        const sig = ctx.input<SignatureOutput>(`signature:${s.name}`);
        const score = rawScore(sig);
        return {
          name: s.name,
          validationAuc: aucDelong(yv, score).auc,
          validationScore: { ids: Array.from(va, (i) => split.ids[i]), lp: Array.from(score), probability: Array.from(score, plogis) },
        };
      });
      const dlrn = ctx.input<DlrnOutput>('dlrn');
      // DLRN lp = its own lp with the harmonised score replaced by the raw-feature score
      const bScore = dlrn.model.terms.find((t) => t.term === 'score')?.estimate ?? 0;
      const harmonisedScore = take(ctx.input<SignatureOutput>(`signature:${d.dlrn.signature}`).lp as Float64Array, va);
      const raw = rawScore(ctx.input<SignatureOutput>(`signature:${d.dlrn.signature}`));
      const lp = take(dlrn.lp as Float64Array, va).map((v, i) => v + bScore * (raw[i] - harmonisedScore[i]));
      return {
        description: 'validation features not harmonised: raw values z-scored with the training mean/SD; signature coefficients and DLRN model unchanged',
        signatures,
        dlrnValidationAuc: aucDelong(yv, lp).auc,
      };
    },
  };
}
