/**
 * Per-batch distribution summaries of a feature before and after harmonisation, for the report's ComBat
 * figure: compact (no per-patient values) and enough to draw Tukey box plots (R `boxplot.stats(x, coef = 1.5)`
 * up to its use of hinges instead of type-7 quartiles):
 * mean, SD (n − 1 denominator; null for n < 2), min, type-7 quartiles q1/median/q3, max, and the whisker ends
 * = the most extreme values inside the fences q1 − 1.5·IQR and q3 + 1.5·IQR.
 */
import { quantileSorted } from '../stats/descriptive';

export interface DistributionSummary {
  n: number;
  mean: number;
  /** Sample SD (n − 1); null when n < 2. */
  sd: number | null;
  min: number;
  q1: number;
  median: number;
  q3: number;
  max: number;
  lowerWhisker: number;
  upperWhisker: number;
}

/** Summary of the finite values (NaN are left out); null when none is finite. */
export function distributionSummary(values: ArrayLike<number>): DistributionSummary | null {
  const s = Float64Array.from(Array.from(values).filter(Number.isFinite)).sort();
  const n = s.length;
  if (n === 0) return null;
  let sum = 0;
  for (const v of s) sum += v;
  const mean = sum / n;
  let ss = 0;
  for (const v of s) ss += (v - mean) ** 2;
  const q1 = quantileSorted(s, 0.25);
  const q3 = quantileSorted(s, 0.75);
  const lo = q1 - 1.5 * (q3 - q1);
  const hi = q3 + 1.5 * (q3 - q1);
  let lowerWhisker = q1;
  let upperWhisker = q3;
  for (let i = 0; i < n; i++) {
    if (s[i] >= lo) {
      lowerWhisker = s[i];
      break;
    }
  }
  for (let i = n - 1; i >= 0; i--) {
    if (s[i] <= hi) {
      upperWhisker = s[i];
      break;
    }
  }
  return { n, mean, sd: n > 1 ? Math.sqrt(ss / (n - 1)) : null, min: s[0], q1, median: quantileSorted(s, 0.5), q3, max: s[n - 1], lowerWhisker, upperWhisker };
}
