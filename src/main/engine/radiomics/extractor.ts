/**
 * Segment-based feature extraction, pyradiomics `RadiomicsFeatureExtractor.execute`
 * (`radiomics/featureextractor.py`; order of operations: algorithms.md §1.1).
 *
 * Keys are `<prefix><imageType>_<class>_<Feature>` (e.g. `A_original_glcm_Idmn`) after the
 * `diagnostics_*` provenance columns. Feature values are numbers (NaN where pyradiomics reports NaN);
 * diagnostics are strings formatted as pyradiomics prints them.
 */
import { checkMask } from '../image/checkMask';
import { cropToTumorMask, cropVolume, cropWindow } from '../image/crop';
import { assertFinite } from '../image/finite';
import { ImageCheckError } from '../image/imageError';
import { boxSize, getMask, roiOf, type BoundingBox } from '../image/mask';
import { normalizeImage } from '../image/normalise';
import { isSupportedInterpolator, resampleImage } from '../image/resample';
import { resegmentMask } from '../image/resegment';
import type { Volume } from '../image/volume';
import { readImage, readImageChannels } from '../io/readImage';
import { addImageElements, addMaskElements, type Diagnostics } from './diagnostics';
import type { FamilyInput, FeatureFamily } from './family';
import { findImageType } from './imageTypes';
import type { ExtractionParams } from './paramsFile';
import { pyRepr, type PyValue } from './pyRepr';
import { findFamily, SHAPE_CLASSES } from './registry';
import type { ExtractionSettings } from './settings';

/** A feature or diagnostics value. */
export type FeatureValue = number | string;

/** One case's output row: ordered keys → values. */
export type FeatureRow = Map<string, FeatureValue>;

/** Options of one extraction. */
export interface ExtractOptions {
  /** Overrides `setting.label` (pyradiomics `execute(label=…)`). */
  label?: number;
  /** Overrides `setting.label_channel`. */
  labelChannel?: number;
  /** Prepended to every key, e.g. 'A_' for a first contrast phase. */
  prefix?: string;
  /** `diagnostics_Versions_<name>` entries (the application's own names and versions). */
  versions?: Record<string, string>;
}

/** Image and mask of one case as read from disk (the mask may have several channels). */
export interface CaseImages {
  image: Volume;
  maskChannels: readonly Volume[];
}

/** The settings dict pyradiomics' extractor starts from (`_getDefaultSettings`), in its order. */
const EXTRACTOR_DEFAULTS: Record<string, PyValue> = {
  minimumROIDimensions: 2,
  minimumROISize: null,
  normalize: false,
  normalizeScale: 1,
  removeOutliers: null,
  resampledPixelSpacing: null,
  interpolator: 'sitkBSpline',
  preCrop: false,
  padDistance: 5,
  distances: [1],
  force2D: false,
  force2Ddimension: 0,
  resegmentRange: null,
  label: 1,
  additionalInfo: true,
};

/** Python `sorted()` order of feature names (code-point order). */
function pySorted(names: string[]): string[] {
  return [...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/** Features of a class to compute: the explicit list, or the class' default (non-deprecated) features. */
export function enabledFeatures(family: FeatureFamily, requested: string[] | null): string[] {
  if (requested) return requested;
  return pySorted(family.features.filter((f) => f.enabledByDefault && !f.deprecated).map((f) => f.name));
}

/**
 * Compute a class' enabled features and return them in pyradiomics' output order: the order of the
 * parameter file's feature list, or name order for the defaults. Deprecated features a family drops
 * (pyradiomics' DeprecationWarning) are simply absent.
 */
function computeInOrder(family: FeatureFamily, input: FamilyInput, requested: string[] | null): [string, number][] {
  const names = enabledFeatures(family, requested);
  const values = family.compute(input, names);
  return names.filter((n) => values.has(n)).map((n) => [n, values.get(n)!]);
}

function requireFamily(name: string): FeatureFamily {
  const family = findFamily(name);
  if (!family) throw new ImageCheckError(`feature class '${name}' is not available in this build`);
  return family;
}

/** FamilyInput for a cropped image/mask pair. */
function familyInput(image: Volume, mask: Volume<Uint8Array>, morphological: Volume<Uint8Array>, settings: ExtractionSettings): FamilyInput {
  return {
    image: image.data instanceof Float64Array ? image.data : Float64Array.from(image.data as ArrayLike<number>),
    imageIsFloat32: image.data instanceof Float32Array,
    mask: mask.data,
    morphologicalMask: morphological.data,
    size: [...image.size],
    spacing: [...image.spacing],
    settings,
  };
}

/** Extent of a bounding box along a numpy axis (0 = z, 1 = y, 2 = x). */
function extentAlongNumpyAxis(box: BoundingBox, axis: 0 | 1 | 2): number {
  return boxSize(box)[2 - axis]!;
}

/**
 * Extract the enabled features of one case, pyradiomics `execute`:
 *  1. getMask (label channel, UInt32 cast, label present); original diagnostics; finite-voxel check;
 *  2. normalise the whole image; then resample (interpolator and resampledPixelSpacing set) or, with
 *     preCrop, check and crop to the ROI ± padDistance;
 *  3. checkMask (geometry, correctMask, ROI size) → bounding box;
 *  4. resegment (resegmentRange) and re-check; the bounding box becomes the resegmented one;
 *  5. diagnostics; shape/shape2D on the original image with the morphological mask (resegmented with
 *     resegmentShape), cropped to the bounding box;
 *  6. for each enabled image type (file order) and derived image, each enabled class on the derived
 *     image cropped to the bounding box (pad 0) with the (resegmented) ROI.
 */
export function extractCase(images: CaseImages, params: ExtractionParams, options: ExtractOptions = {}): FeatureRow {
  const settings: ExtractionSettings = {
    ...params.settings,
    label: options.label ?? params.settings.label,
    label_channel: options.labelChannel ?? params.settings.label_channel,
  };
  const label = settings.label;
  const prefix = options.prefix ?? '';
  const diagnostics: Diagnostics = new Map();
  const info = settings.additionalInfo;

  // 1. load
  let mask: Volume = getMask(images.maskChannels, label, settings.label_channel);
  let image = images.image;
  assertFinite(image);
  if (info) {
    for (const [name, version] of Object.entries(options.versions ?? {})) diagnostics.set(`diagnostics_Versions_${name}`, version);
    const settingsDict: Record<string, PyValue> = { ...EXTRACTOR_DEFAULTS, ...(params.setting as Record<string, PyValue>), label };
    diagnostics.set('diagnostics_Configuration_Settings', pyRepr(settingsDict));
    diagnostics.set(
      'diagnostics_Configuration_EnabledImageTypes',
      pyRepr(Object.fromEntries(params.imageTypes.map((t) => [t.key, t.custom as PyValue]))),
    );
    addImageElements(diagnostics, image, 'original');
    addMaskElements(diagnostics, null, mask, label, 'original');
  }
  if (settings.normalize) image = normalizeImage(image, settings.normalizeScale, settings.removeOutliers);
  if (settings.interpolator !== null && settings.resampledPixelSpacing !== null) {
    if (!isSupportedInterpolator(settings.interpolator)) {
      throw new ImageCheckError(`interpolator '${settings.interpolator}' is not implemented (available: sitkNearestNeighbor, sitkLinear, sitkBSpline)`);
    }
    const r = resampleImage(image, mask, settings.resampledPixelSpacing, settings.interpolator, label, settings.padDistance);
    image = r.image;
    mask = r.mask;
    if (info) {
      addImageElements(diagnostics, image, 'interpolated');
      addMaskElements(diagnostics, image, mask, label, 'interpolated');
    }
  } else if (settings.preCrop) {
    const pre = checkMask(image, mask, settings);
    if (pre.corrected) mask = pre.corrected;
    const cropped = cropToTumorMask(image, mask, pre.box, settings.padDistance);
    image = cropped.image;
    mask = cropped.mask;
  }

  // 2. check
  const checked = checkMask(image, mask, settings);
  if (checked.corrected) {
    mask = checked.corrected;
    if (info) addMaskElements(diagnostics, image, mask, label, 'corrected');
  }
  let box = checked.box;
  const roi = roiOf(mask, label);

  // 3. resegment
  let featureRoi = roi;
  if (settings.resegmentRange !== null) {
    featureRoi = resegmentMask(image, roi, settings.resegmentRange, settings.resegmentMode, label);
    box = checkMask(image, featureRoi, { ...settings, label: 1, correctMask: false }).box;
    if (info) addMaskElements(diagnostics, image, featureRoi, 1, 'resegmented');
  }

  const row: FeatureRow = new Map();
  for (const [k, v] of diagnostics) row.set(prefix + k, v);

  // 4. shape on the original image type
  const window = cropWindow(image.size, box, 0);
  const shapeMask = settings.resegmentShape ? featureRoi : roi;
  const shapeClasses = [...params.featureClasses.keys()].filter((c) => SHAPE_CLASSES.includes(c));
  if (shapeClasses.length) {
    const croppedImage = cropVolume(image, window.lo, window.n);
    const croppedShape = cropVolume(shapeMask, window.lo, window.n);
    for (const cls of ['shape', 'shape2D']) {
      if (!shapeClasses.includes(cls)) continue;
      if (cls === 'shape2D' && !(settings.force2D && extentAlongNumpyAxis(box, settings.force2Ddimension) === 1)) continue;
      const family = requireFamily(cls);
      const input = familyInput(croppedImage, croppedShape, croppedShape, settings);
      for (const [name, v] of computeInOrder(family, input, params.featureClasses.get(cls) ?? null)) row.set(`${prefix}original_${cls}_${name}`, v);
    }
  }

  // 5. every other class on every enabled image type
  const classes = [...params.featureClasses.keys()].filter((c) => !SHAPE_CLASSES.includes(c));
  if (classes.length === 0) return row;
  const families = classes.map((c) => requireFamily(c));
  const croppedRoi = cropVolume(featureRoi, window.lo, window.n);
  const croppedMorph = cropVolume(roi, window.lo, window.n);
  for (const spec of params.imageTypes) {
    const type = findImageType(spec.key);
    if (!type) throw new ImageCheckError(`image type '${spec.key}' is not available in this build`);
    for (const derived of type.generate({ image, mask: featureRoi, settings: spec.settings, filter: spec.filter })) {
      assertFinite(derived.image, featureRoi, `${derived.name} image`);
      const cropped = cropVolume(derived.image, window.lo, window.n);
      const input = familyInput(cropped, croppedRoi, croppedMorph, spec.settings);
      families.forEach((family, i) => {
        for (const [name, v] of computeInOrder(family, input, params.featureClasses.get(classes[i]!) ?? null)) {
          row.set(`${prefix}${derived.name}_${family.name}_${name}`, v);
        }
      });
    }
  }
  return row;
}

/** Read image and mask files and extract one case ({@link extractCase}). */
export function extractFromFiles(imagePath: string, maskPath: string, params: ExtractionParams, options: ExtractOptions = {}): FeatureRow {
  return extractCase({ image: readImage(imagePath), maskChannels: readImageChannels(maskPath) }, params, options);
}

/** One phase (e.g. arterial, venous) of a multi-phase case. */
export interface Phase {
  /** Key prefix of this phase, e.g. 'A_'. */
  prefix: string;
  imagePath: string;
  maskPath: string;
  label?: number;
}

/**
 * Multi-phase extraction for one patient: each phase is extracted on its own image/mask and its keys
 * are prefixed; the rows are concatenated in phase order. Prefixes must differ.
 */
export function extractPhases(phases: readonly Phase[], params: ExtractionParams, options: Omit<ExtractOptions, 'prefix' | 'label'> = {}): FeatureRow {
  const prefixes = new Set(phases.map((p) => p.prefix));
  if (prefixes.size !== phases.length) throw new ImageCheckError('phase prefixes must be distinct');
  const row: FeatureRow = new Map();
  for (const phase of phases) {
    const one = extractFromFiles(phase.imagePath, phase.maskPath, params, { ...options, prefix: phase.prefix, label: phase.label });
    for (const [k, v] of one) row.set(k, v);
  }
  return row;
}
