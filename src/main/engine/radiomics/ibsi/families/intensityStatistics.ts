/**
 * The IBSI-1 intensity-based statistical features pyradiomics lacks (reference manual §3.3), on the
 * raw ROI intensities X (N voxels):
 * - stat_medad (N4MH): median absolute deviation (1/N) Σ |X − median(X)|;
 * - stat_cov (7TET): coefficient of variation σ/μ (σ population);
 * - stat_qcod (9S40): quartile coefficient of dispersion (P75 − P25)/(P75 + P25), percentiles with
 *   linear interpolation.
 * The other statistics are pyradiomics `firstorder` features (Kurtosis = IBSI stat_kurt + 3).
 */
import type { FamilyInput, FeatureFamily } from '../../family';
import { coefficientOfVariation, meanAbsoluteDeviation, median, quartileCoefficientOfDispersion, sampleOf } from './descriptive';
import { roiIntensities } from './roiValues';

const TAGS = ['stat_medad', 'stat_cov', 'stat_qcod'] as const;

function compute(input: FamilyInput, enabled: readonly string[]): Map<string, number> {
  const s = sampleOf(roiIntensities(input));
  const value = (tag: string): number => {
    switch (tag) {
      case 'stat_medad': return meanAbsoluteDeviation(s, median(s));
      case 'stat_cov': return coefficientOfVariation(s);
      case 'stat_qcod': return quartileCoefficientOfDispersion(s);
      default: throw new Error(`IBSI intensity statistics: unknown feature '${tag}'`);
    }
  };
  return new Map(enabled.map((t) => [t, value(t)]));
}

/** IBSI statistics absent from pyradiomics, keyed by IBSI tag. */
export const ibsiIntensityStatistics: FeatureFamily = {
  name: 'ibsi',
  features: TAGS.map((name) => ({ name, enabledByDefault: true })),
  compute,
};
