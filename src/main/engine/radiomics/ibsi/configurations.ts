/**
 * The IBSI-1 reference configurations (IBSI reference data `05_Reference_data_sets`: the digital
 * phantom and CT-phantom configurations A–E) as extraction parameters, in two modes:
 * - 'pyradiomics': the settings a pyradiomics user would choose, as in pyradiomics' own IBSI
 *   benchmark (`Configuration/case1–5.yml`); configuration E's combined range + 3σ re-segmentation is
 *   approximated there by the range [−718, 400], used here too;
 * - 'ibsi': the same plus the `ibsi` block ({@link IBSI_DEFAULTS}: FBS from the resegmentation minimum,
 *   centred grid, rounding, partial-volume mask 0.5), with configuration E's outlier filter and the
 *   IVH discretisations (C: FBS 2.5 HU; E: 1000 bins).
 * Texture aggregations (tag suffixes) map to settings: `3D_avg`/`3D` default, `*_comb` weightingNorm
 * 'no_weighting', `2_5D*` force2D, `2D*` the ibsi mode's per-slice aggregation (no pyradiomics setting).
 */
import { paramsFromObject, type ExtractionParams, type ParamValue } from '../paramsFile';
import { mappedFeatureClasses, type Aggregation } from './tags';

/** Comparison mode: pyradiomics-compatible default, or the documented ibsi mode. */
export type IbsiMode = 'pyradiomics' | 'ibsi';

/** An IBSI-1 data set of the CT phantom or the digital phantom. */
export type IbsiConfigId = 'phantom' | 'A' | 'B' | 'C' | 'D' | 'E';

/** Every IBSI-1 data set, in the reference sheets' order. */
export const IBSI_CONFIG_IDS: readonly IbsiConfigId[] = ['phantom', 'A', 'B', 'C', 'D', 'E'];

interface ConfigDefinition {
  /** `setting:` block shared by both modes. */
  setting: Record<string, ParamValue>;
  /** pyradiomics-mode overrides (pyradiomics' IBSI benchmark choices). */
  pyradiomics?: Record<string, ParamValue>;
  /** The `ibsi` block in ibsi mode. */
  ibsi: Record<string, ParamValue>;
}

const CONFIGS: Record<IbsiConfigId, ConfigDefinition> = {
  phantom: { setting: { binWidth: 1 }, ibsi: {} },
  A: { setting: { binWidth: 25, resegmentRange: [-500, 400] }, ibsi: {} },
  B: { setting: { binCount: 32, interpolator: 'sitkLinear', resampledPixelSpacing: [2, 2, 0], resegmentRange: [-500, 400] }, ibsi: {} },
  C: { setting: { binWidth: 25, interpolator: 'sitkLinear', resampledPixelSpacing: [2, 2, 2], resegmentRange: [-1000, 400] }, ibsi: { ivhBinWidth: 2.5 } },
  D: {
    setting: { binCount: 32, interpolator: 'sitkLinear', resampledPixelSpacing: [2, 2, 2] },
    pyradiomics: { resegmentRange: [-3, 3], resegmentMode: 'sigma' },
    ibsi: { outlierSigma: 3 },
  },
  E: {
    setting: { binCount: 32, interpolator: 'sitkBSpline', resampledPixelSpacing: [2, 2, 2], resegmentRange: [-1000, 400] },
    pyradiomics: { resegmentRange: [-718, 400] },
    ibsi: { outlierSigma: 3, ivhBinCount: 1000 },
  },
};

/** Replacement keys for a configuration's `setting` and `ibsi` blocks. */
export interface IbsiConfigOverrides {
  setting?: Record<string, ParamValue>;
  ibsi?: Record<string, ParamValue>;
}

/** Settings of each texture aggregation. */
const AGGREGATION_SETTINGS: Record<Aggregation, { setting: Record<string, ParamValue>; sliceWise: boolean }> = {
  '3D_avg': { setting: {}, sliceWise: false },
  '3D': { setting: {}, sliceWise: false },
  '3D_comb': { setting: { weightingNorm: 'no_weighting' }, sliceWise: false },
  '2_5D_avg': { setting: { force2D: true }, sliceWise: false },
  '2_5D': { setting: { force2D: true }, sliceWise: false },
  '2_5D_comb': { setting: { force2D: true, weightingNorm: 'no_weighting' }, sliceWise: false },
  '2D_avg': { setting: { force2D: true }, sliceWise: true },
  '2D': { setting: { force2D: true }, sliceWise: true },
  '2D_comb': { setting: { force2D: true, weightingNorm: 'no_weighting' }, sliceWise: true },
};

/** Whether a mode can compute an aggregation (pyradiomics has no per-slice "2D"). */
export function supportsAggregation(mode: IbsiMode, aggregation: Aggregation): boolean {
  return mode === 'ibsi' || !AGGREGATION_SETTINGS[aggregation].sliceWise;
}

/**
 * Parameters of a configuration in a mode and texture aggregation, with the pyradiomics feature
 * lists that cover the mapped IBSI features (`classes` restricts them, e.g. to glcm and glrlm).
 * `overrides` replace keys of the `setting` block and (ibsi mode) of the `ibsi` block, e.g. to
 * attribute a deviation to one convention by switching it back to pyradiomics'.
 */
export function ibsiConfigParams(
  config: IbsiConfigId,
  mode: IbsiMode,
  aggregation: Aggregation,
  classes?: readonly string[],
  overrides: IbsiConfigOverrides = {},
): ExtractionParams {
  const def = CONFIGS[config];
  const agg = AGGREGATION_SETTINGS[aggregation];
  if (!supportsAggregation(mode, aggregation)) throw new Error(`aggregation ${aggregation} needs ibsi mode`);
  const setting = { ...def.setting, ...(mode === 'pyradiomics' ? def.pyradiomics : {}), ...agg.setting, ...overrides.setting };
  const featureClass: Record<string, ParamValue> = {};
  for (const [cls, features] of mappedFeatureClasses()) if (!classes || classes.includes(cls)) featureClass[cls] = cls === 'glrlm' || cls === 'glszm' || cls === 'ngtdm' || cls === 'gldm' ? null : features;
  const root: Record<string, ParamValue> = { setting, featureClass, imageType: { Original: {} } };
  if (mode === 'ibsi') root.ibsi = { ...def.ibsi, sliceWiseTexture: agg.sliceWise, ...overrides.ibsi };
  return paramsFromObject(root);
}
