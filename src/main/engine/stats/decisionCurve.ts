/**
 * Decision-curve analysis (Vickers & Elkin 2006, Med Decis Making 26:565-574): net benefit of treating the
 * patients whose predicted risk reaches a threshold probability \(p_t\), against treat-all and treat-none.
 *
 * \(\mathrm{NB}(p_t) = \frac{TP}{n} - \frac{FP}{n}\cdot\frac{p_t}{1-p_t}\), treated = \(p \ge p_t\) (or \(p > p_t\));
 * treat-all \(= \pi - (1-\pi)\frac{p_t}{1-p_t}\) with prevalence π; treat-none = 0. Net benefit is in units of
 * true positives per patient. Matches the oracle README §5.6 formula (rmda/dcurves compute the same quantity).
 */
import { seqBy } from './binning';
import { StatsInputError } from './errors';
import { validateOutcomeAndProbability } from './predictedProbability';

export interface DecisionCurve {
  thresholds: Float64Array;
  /** Net benefit of the model at each threshold. */
  model: Float64Array;
  treatAll: Float64Array;
  treatNone: Float64Array;
  n: number;
  prevalence: number;
}

/** The default threshold grid `seq(0.01, 0.99, by = 0.01)`, computed as R does (0.01 + k·0.01). */
export function defaultThresholds(): Float64Array {
  return seqBy(0.01, 0.99, 0.01);
}

/**
 * Net-benefit curves of predicted risks `p` for 0/1 outcomes `y`.
 * @param thresholds threshold probabilities in (0, 1); default {@link defaultThresholds}
 * @param rule treat when p ≥ pt (`'>='`, default) or p > pt (`'>'`)
 */
export function decisionCurve(
  y: ArrayLike<number>,
  p: ArrayLike<number>,
  thresholds: ArrayLike<number> = defaultThresholds(),
  rule: '>=' | '>' = '>=',
): DecisionCurve {
  validateOutcomeAndProbability(y, p);
  const n = y.length;
  let events = 0;
  for (let i = 0; i < n; i++) events += y[i];
  const prevalence = events / n;
  const t = Float64Array.from(thresholds);
  const model = new Float64Array(t.length);
  const treatAll = new Float64Array(t.length);
  t.forEach((pt, k) => {
    if (!(pt > 0 && pt < 1)) throw new StatsInputError(`decision curve: threshold ${pt} outside (0, 1)`);
    const odds = pt / (1 - pt);
    let tp = 0;
    let fp = 0;
    for (let i = 0; i < n; i++) {
      const treated = rule === '>=' ? p[i] >= pt : p[i] > pt;
      if (treated) {
        if (y[i] === 1) tp++;
        else fp++;
      }
    }
    model[k] = tp / n - (fp / n) * odds;
    treatAll[k] = prevalence - (1 - prevalence) * odds;
  });
  return { thresholds: t, model, treatAll, treatNone: new Float64Array(t.length), n, prevalence };
}
