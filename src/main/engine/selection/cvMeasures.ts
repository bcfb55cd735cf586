/**
 * Out-of-fold loss measures of `cv.glmnet` for the binomial family (glmnet 4.1-6 `cv.lognet` + `cvstats`),
 * computed from held-out probabilities.
 */

/** Measures supported by {@link crossValidatedMeasure}. */
export type CvMeasure = 'deviance' | 'auc' | 'class';

/** Held-out probabilities are clamped to [1e-5, 1 − 1e-5] for the deviance (`prob_min` in `cv.lognet`). */
const PROB_MIN = 1e-5;

/**
 * Loss of one held-out observation:
 * - `deviance`: \(-2[y\log p + (1-y)\log(1-p)]\) with p clamped to \([10^{-5}, 1-10^{-5}]\);
 * - `class`: misclassification, 1 when (y = 0 and p > 0.5) or (y = 1 and p ≤ 0.5).
 */
export function observationLoss(measure: 'deviance' | 'class', y: number, prob: number): number {
  if (measure === 'class') return y === 1 ? (prob <= 0.5 ? 1 : 0) : prob > 0.5 ? 1 : 0;
  const pc = Math.min(Math.max(prob, PROB_MIN), 1 - PROB_MIN);
  return -2 * (y * Math.log(pc) + (1 - y) * Math.log(1 - pc));
}

/**
 * Area under the ROC curve of one fold, as glmnet computes it with `survival::concordance(y ~ prob)`:
 * the share of (case, control) pairs where the case has the higher probability, ties counting ½:
 *   $$\text{AUC} = \frac{\sum_{i:y_i=1} R_i - n_1(n_1+1)/2}{n_1 n_0}$$
 * with mid-ranks \(R_i\) of the probabilities. NaN when the fold lacks a class (R: NA, then dropped).
 */
export function foldAuc(y: ArrayLike<number>, prob: ArrayLike<number>): number {
  const n = y.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => prob[a] - prob[b]);
  let n1 = 0;
  let rankSum = 0;
  let i = 0;
  while (i < n) {
    let j = i;
    while (j + 1 < n && prob[order[j + 1]] === prob[order[i]]) j++;
    const midRank = (i + j + 2) / 2;
    for (let k = i; k <= j; k++) {
      if (y[order[k]] === 1) {
        n1++;
        rankSum += midRank;
      }
    }
    i = j + 1;
  }
  const n0 = n - n1;
  if (n1 === 0 || n0 === 0) return NaN;
  return (rankSum - (n1 * (n1 + 1)) / 2) / (n1 * n0);
}

/** Cross-validated mean and its standard error per λ. */
export interface CvCurve {
  cvm: Float64Array;
  cvsd: Float64Array;
}

/**
 * Combines held-out predictions into glmnet's `cvm`/`cvsd` per λ.
 *
 * - deviance/class, grouped (the default): per fold the mean loss \(\bar e_k\); then, with fold sizes \(n_k\),
 *   $$\text{cvm} = \frac{\sum_k n_k\bar e_k}{\sum_k n_k},\qquad
 *     \text{cvsd} = \sqrt{\frac{\sum_k n_k(\bar e_k-\text{cvm})^2/\sum_k n_k}{K-1}};$$
 * - deviance/class, ungrouped (R forces it with fewer than 3 observations per fold): the same formulas over
 *   single observations (weights 1, N − 1 in the denominator);
 * - auc: always per fold (AUC of each fold's held-out set), weighted by fold size as above. A fold whose
 *   AUC is undefined is dropped from both weighted means (R's `na.rm = TRUE`) but still counts in K.
 *
 * @param measure loss measure
 * @param y held-out outcomes (0/1) for all n observations
 * @param foldId fold (1..K) of each observation
 * @param nfolds K
 * @param prob held-out probabilities, column-major n × L (`prob[l * n + i]`)
 * @param nLambda L
 */
export function crossValidatedMeasure(
  measure: CvMeasure,
  y: ArrayLike<number>,
  foldId: ArrayLike<number>,
  nfolds: number,
  prob: Float64Array,
  nLambda: number,
): CvCurve {
  const n = y.length;
  const cvm = new Float64Array(nLambda);
  const cvsd = new Float64Array(nLambda);
  const foldSize = new Float64Array(nfolds);
  for (let i = 0; i < n; i++) foldSize[foldId[i] - 1]++;
  const grouped = measure === 'auc' || n / nfolds >= 3;
  const members: number[][] = Array.from({ length: nfolds }, () => []);
  for (let i = 0; i < n; i++) members[foldId[i] - 1].push(i);

  const values = new Float64Array(grouped ? nfolds : n);
  const weights = grouped ? foldSize : new Float64Array(n).fill(1);
  const denominator = (grouped ? nfolds : n) - 1;
  for (let l = 0; l < nLambda; l++) {
    const off = l * n;
    if (measure === 'auc') {
      for (let k = 0; k < nfolds; k++) {
        const idx = members[k];
        values[k] = foldAuc(
          idx.map((i) => y[i]),
          idx.map((i) => prob[off + i]),
        );
      }
    } else if (grouped) {
      for (let k = 0; k < nfolds; k++) {
        let s = 0;
        for (const i of members[k]) s += observationLoss(measure, y[i], prob[off + i]);
        values[k] = s / members[k].length;
      }
    } else {
      for (let i = 0; i < n; i++) values[i] = observationLoss(measure, y[i], prob[off + i]);
    }
    const m = weightedMean(values, weights, (v) => v);
    cvm[l] = m;
    cvsd[l] = Math.sqrt(weightedMean(values, weights, (v) => (v - m) * (v - m)) / denominator);
  }
  return { cvm, cvsd };
}

/** R's `weighted.mean(f(x), w, na.rm = TRUE)`: \(\sum w f(x) / \sum w\) over the non-NaN entries. */
function weightedMean(x: Float64Array, w: Float64Array, f: (v: number) => number): number {
  let s = 0;
  let sw = 0;
  for (let k = 0; k < x.length; k++) {
    if (Number.isNaN(x[k])) continue;
    s += f(x[k]) * w[k];
    sw += w[k];
  }
  return s / sw;
}
