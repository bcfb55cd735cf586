/**
 * IBSI-1 intensity-volume histogram features (reference manual §3.5), keyed by IBSI tag:
 * ivh_v10, ivh_v90, ivh_i10, ivh_i90, ivh_diff_v10_v90, ivh_diff_i10_i90.
 *
 * The ROI intensities become values on a grid of levels i, by `settings.ibsi.ivh`:
 * - neither binWidth nor binCount (calibrated, discrete: CT in HU): the intensities themselves, levels
 *   in steps of 1 from X_min to X_max;
 * - binWidth w (calibrated, continuous): bin k = ⌊(x − X_min)/w⌋ + 1 represented by its centre
 *   X_min + (k − ½)w, levels the centres of bins 1 … ⌊(X_max − X_min)/w⌋ + 1;
 * - binCount N (arbitrary units): fixed-bin-number bin numbers 1 … N of the ROI range, X_min = 1, X_max = N.
 * X_min, X_max are the absolute resegmentation range when one is set, else the ROI minimum and maximum.
 * Fractional volume ν(i) = fraction of ROI voxels with value ≥ i; intensity fraction
 * γ(i) = (i − X_min)/(X_max − X_min). V_x = ν at the lowest level with γ ≥ x; I_x = the lowest level
 * with ν ≤ x.
 */
import { discretiseValues } from '../../discretise';
import type { FamilyInput, FeatureFamily } from '../../family';
import { roiIntensities } from './roiValues';

const TAGS = ['ivh_v10', 'ivh_v90', 'ivh_i10', 'ivh_i90', 'ivh_diff_v10_v90', 'ivh_diff_i10_i90'] as const;

/** ROI values on the IVH level grid, the ascending levels, and the range the intensity fraction uses. */
interface IvhGrid {
  values: Float64Array;
  levels: Float64Array;
  min: number;
  max: number;
}

function ivhGrid(input: FamilyInput): IvhGrid {
  const x = roiIntensities(input);
  const s = input.settings;
  const absolute = s.resegmentRange !== null && s.resegmentMode === 'absolute' && s.resegmentRange.length === 2;
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of x) {
    lo = Math.min(lo, v);
    hi = Math.max(hi, v);
  }
  if (absolute) [lo, hi] = [...s.resegmentRange!].sort((a, b) => a - b) as [number, number];
  const ivh = s.ibsi?.ivh ?? { binWidth: null, binCount: null };
  const steps = (first: number, count: number, step: number): Float64Array => Float64Array.from({ length: count }, (_, k) => first + k * step);
  if (ivh.binCount !== null) {
    const { bins } = discretiseValues(x, false, { binWidth: 1, binCount: ivh.binCount });
    return { values: Float64Array.from(bins), levels: steps(1, ivh.binCount, 1), min: 1, max: ivh.binCount };
  }
  if (ivh.binWidth !== null) {
    const w = ivh.binWidth;
    const values = x.map((v) => lo + (Math.floor((v - lo) / w) + 0.5) * w);
    return { values, levels: steps(lo + w / 2, Math.floor((hi - lo) / w) + 1, w), min: lo, max: hi };
  }
  return { values: x, levels: steps(Math.ceil(lo), Math.floor(hi) - Math.ceil(lo) + 1, 1), min: lo, max: hi };
}

function compute(input: FamilyInput, enabled: readonly string[]): Map<string, number> {
  const { values, levels, min, max } = ivhGrid(input);
  const sorted = Float64Array.from(values).sort();
  const n = sorted.length;
  let p = 0;
  const nu = new Float64Array(levels.length);
  levels.forEach((level, k) => {
    while (p < n && sorted[p]! < level) p++;
    nu[k] = (n - p) / n;
  });
  const volumeAt = (fraction: number): number => {
    const k = levels.findIndex((level) => (level - min) / (max - min) >= fraction);
    return k < 0 ? 0 : nu[k]!;
  };
  const intensityAt = (fraction: number): number => {
    const k = nu.findIndex((v) => v <= fraction);
    return k < 0 ? NaN : levels[k]!;
  };
  const value = (tag: string): number => {
    switch (tag) {
      case 'ivh_v10': return volumeAt(0.1);
      case 'ivh_v90': return volumeAt(0.9);
      case 'ivh_i10': return intensityAt(0.1);
      case 'ivh_i90': return intensityAt(0.9);
      case 'ivh_diff_v10_v90': return volumeAt(0.1) - volumeAt(0.9);
      case 'ivh_diff_i10_i90': return intensityAt(0.1) - intensityAt(0.9);
      default: throw new Error(`IBSI intensity-volume histogram: unknown feature '${tag}'`);
    }
  };
  return new Map(enabled.map((t) => [t, value(t)]));
}

/** IBSI intensity-volume histogram features (not in pyradiomics), keyed by IBSI tag. */
export const ibsiIntensityVolumeHistogram: FeatureFamily = {
  name: 'ibsi',
  features: TAGS.map((name) => ({ name, enabledByDefault: true })),
  compute,
};
