import type { Vec3 } from '../image/volume';
import type { ExtractionSettings } from './settings';

/**
 * What a feature class receives from the extractor (pyradiomics `RadiomicsFeaturesBase.__init__`):
 * the image of one image type (original or a derived image) and the ROI, both cropped to the ROI
 * bounding box without padding, in index space (direction cosines ignored, as pyradiomics does).
 */
export interface FamilyInput {
  /** Intensities, x fastest. Values must already carry the image type's dtype rounding (e.g. float32). */
  image: Float64Array;
  /** true when the image type's dtype is float32 (changes binning arithmetic; algorithms.md §4.4). */
  imageIsFloat32: boolean;
  /** ROI after resegmentation: 1 inside, 0 outside. */
  mask: Uint8Array;
  /** Morphological mask (before resegmentation), used by shape; equals `mask` when not resegmented. */
  morphologicalMask: Uint8Array;
  size: Vec3;
  /** Spacing in mm (x, y, z) of the (possibly resampled) grid. */
  spacing: Vec3;
  settings: ExtractionSettings;
}

/** One feature of a class, with pyradiomics' default-enabled and deprecated status. */
export interface FeatureSpec {
  /** pyradiomics feature name, e.g. 'JointEnergy'. */
  name: string;
  /** Enabled when the class is enabled with no explicit feature list. */
  enabledByDefault: boolean;
  /** Deprecated features are never emitted unless explicitly requested (and then pyradiomics drops them). */
  deprecated?: boolean;
}

/**
 * A pyradiomics feature class ('firstorder', 'shape', 'shape2D', 'glcm', 'glrlm', 'glszm', 'gldm', 'ngtdm').
 * `compute` returns the requested features keyed by pyradiomics feature name; a feature that
 * pyradiomics would report as NaN (an exception in its getter) is NaN here too.
 */
export interface FeatureFamily {
  name: string;
  features: readonly FeatureSpec[];
  compute(input: FamilyInput, enabled: readonly string[]): Map<string, number>;
}
