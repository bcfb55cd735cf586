/**
 * Empirical ROC curve, Youden-optimal thresholds and classification metrics at a fixed threshold,
 * as pROC 1.18 `roc(response, predictor, levels = c(0, 1), direction = "<")`, `coords(r, "all")`,
 * `coords(r, "best", best.method = "youden")` and `coords(r, x = thr, input = "threshold")`.
 */
import { StatsInputError } from './errors';
import { splitByOutcome } from './binaryOutcome';
import { delongPlacements } from './delong';
import { clopperPearson, type Proportion } from './binomialCi';

export interface RocCurve {
  /** −Inf, midpoints (u_i + u_{i+1})/2 of the sorted unique scores, +Inf (ascending). */
  thresholds: Float64Array;
  /** True positives (cases with score ≥ threshold) per threshold. */
  tp: Int32Array;
  /** True negatives (controls with score < threshold) per threshold. */
  tn: Int32Array;
  sensitivity: Float64Array;
  specificity: Float64Array;
  nCases: number;
  nControls: number;
  /** Mann–Whitney AUC (equals the trapezoidal area under the curve). */
  auc: number;
}

/**
 * ROC curve with cases (y = 1) scoring higher (direction "<"). A subject is called positive
 * when score ≥ threshold; at the midpoint thresholds this equals score > threshold.
 * se = tp/n₁, sp = tn/n₀; one point per threshold (number of unique scores + 1).
 */
export function rocCurve(y: ArrayLike<number>, score: ArrayLike<number>): RocCurve {
  const cc = splitByOutcome(y, score, 'rocCurve');
  const unique = Float64Array.from(new Set(Array.from(score))).sort();
  const m = unique.length;
  const caseCount = new Int32Array(m);
  const controlCount = new Int32Array(m);
  const indexOf = new Map<number, number>();
  unique.forEach((u, i) => indexOf.set(u, i));
  for (const v of cc.cases) caseCount[indexOf.get(v) as number]++;
  for (const v of cc.controls) controlCount[indexOf.get(v) as number]++;
  const thresholds = new Float64Array(m + 1);
  thresholds[0] = -Infinity;
  thresholds[m] = Infinity;
  for (let i = 1; i < m; i++) thresholds[i] = (unique[i - 1] + unique[i]) / 2;
  const n1 = cc.cases.length;
  const n0 = cc.controls.length;
  const tp = new Int32Array(m + 1);
  const tn = new Int32Array(m + 1);
  // Threshold j calls unique[j..m−1] positive.
  tp[m] = 0;
  tn[m] = n0;
  for (let j = m - 1; j >= 0; j--) {
    tp[j] = tp[j + 1] + caseCount[j];
    tn[j] = tn[j + 1] - controlCount[j];
  }
  return {
    thresholds,
    tp,
    tn,
    sensitivity: Float64Array.from(tp, (v) => v / n1),
    specificity: Float64Array.from(tn, (v) => v / n0),
    nCases: n1,
    nControls: n0,
    auc: delongPlacements(cc).auc,
  };
}

/** One Youden-optimal operating point, with pROC's `coords` columns. */
export interface YoudenPoint {
  threshold: number;
  sensitivity: number;
  specificity: number;
  accuracy: number;
  tp: number;
  tn: number;
  fp: number;
  fn: number;
  /** null when no subject is called negative (tn + fn = 0; pROC reports NaN). */
  npv: number | null;
  /** null when no subject is called positive (tp + fp = 0; pROC reports NaN). */
  ppv: number | null;
  /** pROC's `youden` column: sensitivity + specificity (not minus 1). */
  youden: number;
}

/**
 * All thresholds maximising sensitivity + specificity (pROC `best.method = "youden"`, default
 * weights). Ties are decided exactly on the integer tp·n₀ + tn·n₁, and every tied optimum is
 * returned in ascending threshold order.
 */
export function youdenOptimal(curve: RocCurve): YoudenPoint[] {
  const { tp, tn, nCases: n1, nControls: n0 } = curve;
  let best = -1;
  for (let j = 0; j < tp.length; j++) best = Math.max(best, tp[j] * n0 + tn[j] * n1);
  const out: YoudenPoint[] = [];
  for (let j = 0; j < tp.length; j++) {
    if (tp[j] * n0 + tn[j] * n1 !== best) continue;
    const fp = n0 - tn[j];
    const fn = n1 - tp[j];
    out.push({
      threshold: curve.thresholds[j],
      sensitivity: curve.sensitivity[j],
      specificity: curve.specificity[j],
      accuracy: (tp[j] + tn[j]) / (n1 + n0),
      tp: tp[j],
      tn: tn[j],
      fp,
      fn,
      npv: tn[j] + fn > 0 ? tn[j] / (tn[j] + fn) : null,
      ppv: tp[j] + fp > 0 ? tp[j] / (tp[j] + fp) : null,
      youden: curve.sensitivity[j] + curve.specificity[j],
    });
  }
  return out;
}

/** Confusion counts and diagnostic metrics (with exact binomial CIs) at one threshold. */
export interface ThresholdMetrics {
  threshold: number;
  tp: number;
  tn: number;
  fp: number;
  fn: number;
  sensitivity: Proportion;
  specificity: Proportion;
  accuracy: Proportion;
  /** null when no subject is called positive (PPV undefined). */
  ppv: Proportion | null;
  /** null when no subject is called negative (NPV undefined). */
  npv: Proportion | null;
}

/**
 * Applies a fixed threshold (e.g. the training Youden threshold to a validation set) with the
 * rule score ≥ threshold ⇒ positive. Sensitivity tp/(tp+fn), specificity tn/(tn+fp),
 * accuracy (tp+tn)/n, PPV tp/(tp+fp), NPV tn/(tn+fn), each with a Clopper–Pearson CI
 * (R `binom.test`). Matches pROC `coords(r, x = threshold, input = "threshold")`.
 */
export function metricsAtThreshold(
  y: ArrayLike<number>,
  score: ArrayLike<number>,
  threshold: number,
  confLevel = 0.95,
): ThresholdMetrics {
  if (Number.isNaN(threshold)) throw new StatsInputError('metricsAtThreshold: threshold is NaN');
  const { cases, controls } = splitByOutcome(y, score, 'metricsAtThreshold');
  let tp = 0;
  for (const v of cases) if (v >= threshold) tp++;
  let fp = 0;
  for (const v of controls) if (v >= threshold) fp++;
  const fn = cases.length - tp;
  const tn = controls.length - fp;
  return {
    threshold,
    tp,
    tn,
    fp,
    fn,
    sensitivity: clopperPearson(tp, tp + fn, confLevel),
    specificity: clopperPearson(tn, tn + fp, confLevel),
    accuracy: clopperPearson(tp + tn, tp + tn + fp + fn, confLevel),
    ppv: tp + fp > 0 ? clopperPearson(tp, tp + fp, confLevel) : null,
    npv: tn + fn > 0 ? clopperPearson(tn, tn + fn, confLevel) : null,
  };
}
