/**
 * Descriptive statistics of a sample, in the IBSI-1 definitions (reference manual arXiv:1612.07003,
 * §3.3 "Intensity-based statistical features" and §3.4 "Intensity histogram features", which use
 * the same formulas on raw and on discretised intensities). Float64, population moments.
 */
import { npPercentile } from '../../families/firstorder';

/** A sorted copy of the values with cached mean, for the statistics below. */
export interface Sample {
  sorted: Float64Array;
  mean: number;
}

/** Sort the values and compute their mean. */
export function sampleOf(values: ArrayLike<number>): Sample {
  const sorted = Float64Array.from(values).sort();
  let sum = 0;
  for (let i = 0; i < sorted.length; i++) sum += sorted[i]!;
  return { sorted, mean: sum / sorted.length };
}

/** Percentile with linear interpolation between order statistics (numpy's default method). */
export const percentile = (s: Sample, q: number): number => npPercentile(s.sorted, q);

/** Median. */
export const median = (s: Sample): number => percentile(s, 50);

/** Population variance σ² = (1/N) Σ (x − μ)². */
export function variance(s: Sample): number {
  let ss = 0;
  for (const v of s.sorted) ss += (v - s.mean) ** 2;
  return ss / s.sorted.length;
}

/** Central moment m_k = (1/N) Σ (x − μ)^k. */
function moment(s: Sample, k: number): number {
  let m = 0;
  for (const v of s.sorted) m += (v - s.mean) ** k;
  return m / s.sorted.length;
}

/** Skewness m₃/m₂^{3/2} (0 for a flat sample). */
export function skewness(s: Sample): number {
  const m2 = moment(s, 2);
  return m2 === 0 ? 0 : moment(s, 3) / m2 ** 1.5;
}

/** Excess kurtosis m₄/m₂² − 3 (0 for a flat sample). */
export function excessKurtosis(s: Sample): number {
  const m2 = moment(s, 2);
  return m2 === 0 ? 0 : moment(s, 4) / (m2 * m2) - 3;
}

/** Mean absolute deviation from c: (1/N) Σ |x − c| over the values in [lo, hi] (all by default). */
export function meanAbsoluteDeviation(s: Sample, c: number, lo = -Infinity, hi = Infinity): number {
  let sum = 0;
  let n = 0;
  for (const v of s.sorted) {
    if (v < lo || v > hi) continue;
    sum += Math.abs(v - c);
    n++;
  }
  return sum / n;
}

/** Robust mean absolute deviation: MAD about their own mean of the values within [P10, P90]. */
export function robustMeanAbsoluteDeviation(s: Sample): number {
  const lo = percentile(s, 10);
  const hi = percentile(s, 90);
  let sum = 0;
  let n = 0;
  for (const v of s.sorted) {
    if (v >= lo && v <= hi) {
      sum += v;
      n++;
    }
  }
  return meanAbsoluteDeviation(s, sum / n, lo, hi);
}

/** Coefficient of variation σ/μ. */
export const coefficientOfVariation = (s: Sample): number => Math.sqrt(variance(s)) / s.mean;

/** Quartile coefficient of dispersion (P75 − P25)/(P75 + P25). */
export function quartileCoefficientOfDispersion(s: Sample): number {
  const p25 = percentile(s, 25);
  const p75 = percentile(s, 75);
  return (p75 - p25) / (p75 + p25);
}
