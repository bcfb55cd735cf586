/**
 * Stage `signature:<name>`: the signature's score for every patient.
 * - LASSO-logistic: the DLR-score / Rad-score, a linear predictor
 *     $$\text{score} = \beta_0 + \sum_j \beta_j z_j = \beta_0^{raw} + \sum_j \frac{\beta_j}{s_j} x^*_j,\qquad
 *       \beta_0^{raw} = \beta_0 - \sum_j \beta_j \frac{\bar x_j}{s_j}$$
 *   with z the training z-scores (x̄, s: training mean and SD of the harmonised features x*); probability
 *   plogis(score). Features with a zero coefficient drop out. R: `predict(cv.glmnet fit, newx, s, type = "link")`.
 * - k-NN: the share of positive outcomes among the k nearest training patients (z-scored LASSO-selected
 *   features, Euclidean; R `class::knn(prob = TRUE)` for the positive class); no linear predictor.
 * Leakage guard: coefficients, scaling and neighbours come from the training cohort only.
 */
import { fitKnn, predictKnnProbability } from '../../models/knn';
import type { SignatureDefinition } from '../definition';
import type { StageSpec } from '../stageGraph';
import type { ModelPredictions, SplitOutput } from '../stageTypes';
import { columnMajor, type LassoOutput } from './lassoStage';
import type { ZScoreOutput } from './zscoreStage';
import { take } from '../split';

export interface SignatureOutput extends ModelPredictions {
  name: string;
  label: string;
  classifier: 'lasso-logistic' | 'knn';
  knnK: number | null;
  /** Features with a non-zero LASSO coefficient, mRMR order. */
  features: string[];
  /** LASSO intercept and coefficients on the z scale, and on the harmonised-feature scale. */
  intercept: number;
  coefficients: Float64Array;
  interceptRaw: number;
  coefficientsRaw: Float64Array;
  /** Training mean/SD of each feature (the z-score fit). */
  mean: Float64Array;
  sd: Float64Array;
  /** The score formula (15 significant digits, as R prints): z scale and harmonised scale. */
  formula: string;
  formulaRaw: string;
}

/** A number with 15 significant digits, trailing zeros dropped (R `format(x, digits = 15)` for plain values). */
export function format15(x: number): string {
  return String(Number(x.toPrecision(15)));
}

/** "b0 + (b1)*name1 + (b2)*name2 …" with 15 significant digits. */
export function scoreFormula(intercept: number, coefficients: ArrayLike<number>, names: readonly string[]): string {
  return [format15(intercept), ...names.map((n, j) => `(${format15(coefficients[j])})*${n}`)].join(' + ');
}

/** Logistic function 1/(1 + e^{−x}) (R `plogis`). */
export function plogis(x: number): number {
  return 1 / (1 + Math.exp(-x));
}

/** Linear predictor β₀ + Σ β_j z_j over n patients (β₀ alone when no column is given). */
export function linearScore(intercept: number, coefficients: ArrayLike<number>, columns: readonly Float64Array[], n = columns[0]?.length ?? 0): Float64Array {
  const out = new Float64Array(n).fill(intercept);
  columns.forEach((c, j) => {
    const b = coefficients[j];
    for (let i = 0; i < n; i++) out[i] += b * c[i];
  });
  return out;
}

export function signatureStage(s: SignatureDefinition): StageSpec {
  return {
    name: `signature:${s.name}`,
    settings: { classifier: s.classifier, label: s.label ?? null },
    inputs: ['split', 'zscore', `lasso:${s.name}`],
    data: [],
    run(ctx): SignatureOutput {
      const split = ctx.input<SplitOutput>('split');
      const zs = ctx.input<ZScoreOutput>('zscore');
      const lasso = ctx.input<LassoOutput>(`lasso:${s.name}`);
      const keep = lasso.features.flatMap((_, j) => (lasso.beta[j] !== 0 ? [j] : []));
      if (keep.length === 0) {
        throw new Error(`signature ${s.name}: LASSO kept no feature at λ.${lasso.lambdaRule} = ${lasso.chosenLambda}; the signature would be constant`);
      }
      const features = keep.map((j) => lasso.features[j]);
      const zIndex = new Map(zs.names.map((n, j) => [n, j]));
      const idx = features.map((n) => zIndex.get(n) as number);
      const cols = idx.map((j) => zs.z[j]);
      const coefficients = Float64Array.from(keep, (j) => lasso.beta[j]);
      const mean = Float64Array.from(idx, (j) => zs.mean[j]);
      const sd = Float64Array.from(idx, (j) => (zs.sd[j] === 0 ? 1 : zs.sd[j]));
      const coefficientsRaw = coefficients.map((b, k) => b / sd[k]);
      let interceptRaw = lasso.a0;
      coefficients.forEach((b, k) => (interceptRaw -= (b * mean[k]) / sd[k]));
      const base = {
        name: s.name,
        label: s.label ?? s.name,
        features,
        intercept: lasso.a0,
        coefficients,
        interceptRaw,
        coefficientsRaw,
        mean,
        sd,
        formula: scoreFormula(lasso.a0, coefficients, features.map((n) => `z_${n}`)),
        formulaRaw: scoreFormula(interceptRaw, coefficientsRaw, features),
      };
      if (s.classifier.type === 'knn') {
        const model = fitKnn(columnMajor(cols, split.training), split.training.length, cols.length, take(split.y, split.training), s.classifier.k);
        const all = Int32Array.from({ length: split.ids.length }, (_, i) => i);
        const prob = predictKnnProbability(model, columnMajor(cols, all), all.length);
        return { ...base, classifier: 'knn', knnK: s.classifier.k, lp: null, prob };
      }
      const lp = linearScore(lasso.a0, coefficients, cols);
      return { ...base, classifier: 'lasso-logistic', knnK: null, lp, prob: lp.map(plogis) };
    },
  };
}
