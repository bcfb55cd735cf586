/**
 * IBSI-1 intensity histogram features (reference manual §3.4) on the discretised grey levels
 * X_d (bin numbers 1 … N_g of the texture discretisation, N_g = the largest present):
 * ih_mean, ih_var, ih_skew, ih_kurt (excess), ih_median, ih_min, ih_p10, ih_p90, ih_max,
 * ih_mode (most frequent level, the lowest on ties), ih_iqr, ih_range, ih_mad, ih_rmad, ih_medad,
 * ih_cov, ih_qcod — the statistics of §3.3 on X_d — and the histogram gradient over the levels
 * i = 1 … N_g with counts H(i): H′(1) = H(2) − H(1), H′(i) = (H(i+1) − H(i−1))/2,
 * H′(N_g) = H(N_g) − H(N_g−1); ih_max_grad / ih_min_grad its extremes and ih_max_grad_g /
 * ih_min_grad_g the (lowest) levels where they occur.
 * ih_entropy and ih_uniformity are pyradiomics `firstorder` Entropy and Uniformity.
 */
import type { FamilyInput, FeatureFamily } from '../../family';
import {
  coefficientOfVariation,
  excessKurtosis,
  meanAbsoluteDeviation,
  median,
  percentile,
  quartileCoefficientOfDispersion,
  robustMeanAbsoluteDeviation,
  sampleOf,
  skewness,
  variance,
} from './descriptive';
import { roiGreyLevels } from './roiValues';

const TAGS = [
  'ih_mean', 'ih_var', 'ih_skew', 'ih_kurt', 'ih_median', 'ih_min', 'ih_p10', 'ih_p90', 'ih_max', 'ih_mode',
  'ih_iqr', 'ih_range', 'ih_mad', 'ih_rmad', 'ih_medad', 'ih_cov', 'ih_qcod',
  'ih_max_grad', 'ih_max_grad_g', 'ih_min_grad', 'ih_min_grad_g',
] as const;

/** Histogram gradient H′ over levels 1 … N_g (index i − 1). */
export function histogramGradient(counts: Float64Array): Float64Array {
  const n = counts.length;
  const g = new Float64Array(n);
  if (n === 1) return g;
  g[0] = counts[1]! - counts[0]!;
  for (let i = 1; i < n - 1; i++) g[i] = (counts[i + 1]! - counts[i - 1]!) / 2;
  g[n - 1] = counts[n - 1]! - counts[n - 2]!;
  return g;
}

/** Index of the first extreme (max when sign = 1, min when −1). */
function argExtreme(values: Float64Array, sign: 1 | -1): number {
  let best = 0;
  for (let i = 1; i < values.length; i++) if (sign * values[i]! > sign * values[best]!) best = i;
  return best;
}

function compute(input: FamilyInput, enabled: readonly string[]): Map<string, number> {
  const levels = roiGreyLevels(input);
  const s = sampleOf(levels);
  const ng = s.sorted[s.sorted.length - 1]!;
  const counts = new Float64Array(ng);
  for (const g of levels) counts[g - 1]! += 1;
  const gradient = histogramGradient(counts);
  const value = (tag: string): number => {
    switch (tag) {
      case 'ih_mean': return s.mean;
      case 'ih_var': return variance(s);
      case 'ih_skew': return skewness(s);
      case 'ih_kurt': return excessKurtosis(s);
      case 'ih_median': return median(s);
      case 'ih_min': return s.sorted[0]!;
      case 'ih_p10': return percentile(s, 10);
      case 'ih_p90': return percentile(s, 90);
      case 'ih_max': return ng;
      case 'ih_mode': return argExtreme(counts, 1) + 1;
      case 'ih_iqr': return percentile(s, 75) - percentile(s, 25);
      case 'ih_range': return ng - s.sorted[0]!;
      case 'ih_mad': return meanAbsoluteDeviation(s, s.mean);
      case 'ih_rmad': return robustMeanAbsoluteDeviation(s);
      case 'ih_medad': return meanAbsoluteDeviation(s, median(s));
      case 'ih_cov': return coefficientOfVariation(s);
      case 'ih_qcod': return quartileCoefficientOfDispersion(s);
      case 'ih_max_grad': return gradient[argExtreme(gradient, 1)]!;
      case 'ih_max_grad_g': return argExtreme(gradient, 1) + 1;
      case 'ih_min_grad': return gradient[argExtreme(gradient, -1)]!;
      case 'ih_min_grad_g': return argExtreme(gradient, -1) + 1;
      default: throw new Error(`IBSI intensity histogram: unknown feature '${tag}'`);
    }
  };
  return new Map(enabled.map((t) => [t, value(t)]));
}

/** IBSI intensity-histogram features absent from pyradiomics, keyed by IBSI tag. */
export const ibsiIntensityHistogram: FeatureFamily = {
  name: 'ibsi',
  features: TAGS.map((name) => ({ name, enabledByDefault: true })),
  compute,
};
