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
import { getMask, roiOf } from '../image/mask';
import { normalizeImage } from '../image/normalise';
import { isSupportedInterpolator, resampleImage } from '../image/resample';
import { resegmentMask } from '../image/resegment';
import type { Vec3, Volume } from '../image/volume';
import { readImage, readImageChannels } from '../io/readImage';
import { addImageElements, addMaskElements, type Diagnostics } from './diagnostics';
import type { FamilyInput, FeatureFamily } from './family';
import { extractCaseIbsi } from './ibsi/extract';
import { findImageType } from './imageTypes';
import { binFamilyInput } from './matrices/fromInput';
import type { ExtractionParams, ImageTypeSpec } from './paramsFile';
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
  /** Timing hook (benchmarks); see {@link StageListener}. */
  onStage?: StageListener;
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

/** Classes that share one discretised ROI per derived image (timed apart as 'binning'). */
const BINNED_CLASSES: readonly string[] = ['glcm', 'glrlm', 'glszm', 'gldm', 'ngtdm'];

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

/**
 * Optional timing hook of an extraction: called after each stage with its name and wall time in ms.
 * Stage names: 'prepare' (load checks, normalise/resample/pre-crop, checkMask, resegmentation,
 * diagnostics), 'shape', then per derived image 'filter <image>' (time to produce it), 'crop <image>',
 * 'binning <image>' and '<class> <image>'. Instrumentation only: results do not depend on it.
 */
export type StageListener = (stage: string, ms: number) => void;

/**
 * A case after steps 1–5 of {@link extractCase}: the diagnostics and shape columns, and what every
 * image type needs to compute its features. Plain data (typed arrays, numbers, strings), so it can be
 * posted to a worker thread as is.
 */
export interface PreparedCase {
  /** Key prefix, e.g. 'A_'. */
  prefix: string;
  /** Diagnostics and shape columns (shape unless deferred), in output order (keys already prefixed). */
  head: [string, FeatureValue][];
  /** The effective settings (label and label channel of the options applied). */
  settings: ExtractionSettings;
  /** The pre-processed image (normalised, resampled or pre-cropped): the field of view the filters see. */
  image: Volume;
  /** The (resegmented) ROI on the image grid. */
  featureRoi: Volume<Uint8Array>;
  /** ROI bounding-box window every derived image is cropped to (pad 0). */
  window: { lo: Vec3; n: Vec3 };
  /** `featureRoi` and the morphological ROI cropped to `window`. */
  croppedRoi: Volume<Uint8Array>;
  croppedMorph: Volume<Uint8Array>;
}

/** Wall-clock milliseconds of `run`, reported to `onStage` when set. */
function timed<T>(onStage: StageListener | undefined, stage: string, run: () => T): T {
  if (!onStage) return run();
  const t0 = performance.now();
  const value = run();
  onStage(stage, performance.now() - t0);
  return value;
}

/**
 * Steps 1–5 of {@link extractCase} (pyradiomics `execute` up to the image-type loop):
 *  1. getMask (label channel, UInt32 cast, label present); original diagnostics; finite-voxel check;
 *  2. normalise the whole image; then resample (interpolator and resampledPixelSpacing set) or, with
 *     preCrop, check and crop to the ROI ± padDistance;
 *  3. checkMask (geometry, correctMask, ROI size) → bounding box;
 *  4. resegment (resegmentRange) and re-check; the bounding box becomes the resegmented one;
 *  5. diagnostics; shape/shape2D on the original image with the morphological mask (resegmented with
 *     resegmentShape), cropped to the bounding box ({@link shapeColumns}; left to the caller with
 *     `deferShape`, e.g. to overlap it with the image types on other threads).
 */
export function prepareCase(images: CaseImages, params: ExtractionParams, options: ExtractOptions = {}, { deferShape = false } = {}): PreparedCase {
  if (params.settings.ibsi) throw new ImageCheckError('parameters with an ibsi block need the IBSI pipeline (extractCase / extractCaseIbsi), not prepareCase');
  const onStage = options.onStage;
  const t0 = performance.now();
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

  const head: [string, FeatureValue][] = [];
  for (const [k, v] of diagnostics) head.push([prefix + k, v]);
  const window = cropWindow(image.size, box, 0);
  onStage?.('prepare', performance.now() - t0);

  const prepared: PreparedCase = {
    prefix,
    head,
    settings,
    image,
    featureRoi,
    window,
    croppedRoi: cropVolume(featureRoi, window.lo, window.n),
    croppedMorph: cropVolume(roi, window.lo, window.n),
  };
  // 4. shape on the original image type
  if (!deferShape) head.push(...shapeColumns(prepared, params, onStage));
  return prepared;
}

/**
 * Step 5's shape / shape2D columns of a prepared case (keys prefixed), in output order: the classes
 * enabled in `params`, on the pre-processed image with the morphological ROI (the resegmented one
 * with resegmentShape) cropped to the bounding box; shape2D only with force2D on a single-slice ROI.
 */
export function shapeColumns(prepared: PreparedCase, params: ExtractionParams, onStage?: StageListener): [string, FeatureValue][] {
  const { settings, window, prefix } = prepared;
  const columns: [string, FeatureValue][] = [];
  const shapeClasses = [...params.featureClasses.keys()].filter((c) => SHAPE_CLASSES.includes(c));
  if (!shapeClasses.length) return columns;
  timed(onStage, 'shape', () => {
    const croppedImage = cropVolume(prepared.image, window.lo, window.n);
    const croppedShape = settings.resegmentShape ? prepared.croppedRoi : prepared.croppedMorph;
    for (const cls of ['shape', 'shape2D']) {
      if (!shapeClasses.includes(cls)) continue;
      // window.n is the bounding box's size in (x, y, z)
      if (cls === 'shape2D' && !(settings.force2D && window.n[2 - settings.force2Ddimension] === 1)) continue;
      const family = requireFamily(cls);
      const input = familyInput(croppedImage, croppedShape, croppedShape, settings);
      for (const [name, v] of computeInOrder(family, input, params.featureClasses.get(cls) ?? null)) columns.push([`${prefix}original_${cls}_${name}`, v]);
    }
  });
  return columns;
}

/**
 * Step 6 of {@link extractCase} for one enabled image type: every enabled non-shape class on each of
 * its derived images (generated one at a time on the pre-processed field of view — filters may compute
 * only the ROI bounding box, with the whole-image values there — then cropped to that box with pad 0),
 * with the (resegmented) ROI. Returns the columns in output order;
 * nothing (and no filtering) when no non-shape class is enabled.
 */
export function imageTypeFeatures(
  prepared: PreparedCase,
  spec: ImageTypeSpec,
  params: ExtractionParams,
  onStage?: StageListener,
): [string, FeatureValue][] {
  const classes = [...params.featureClasses.keys()].filter((c) => !SHAPE_CLASSES.includes(c));
  if (classes.length === 0) return [];
  const families = classes.map((c) => requireFamily(c));
  const type = findImageType(spec.key);
  if (!type) throw new ImageCheckError(`image type '${spec.key}' is not available in this build`);
  const { prefix, window, featureRoi } = prepared;
  const out: [string, FeatureValue][] = [];
  // filters need only compute the ROI bounding box, the part every derived image is cropped to
  const region = { lo: window.lo, hi: [0, 1, 2].map((d) => window.lo[d]! + window.n[d]!) as Vec3 };
  const derivedImages = type.generate({ image: prepared.image, mask: featureRoi, settings: spec.settings, filter: spec.filter, region })[Symbol.iterator]();
  for (;;) {
    let t0 = performance.now();
    const step = derivedImages.next();
    if (step.done) break;
    const derived = step.value;
    onStage?.(`filter ${derived.name}`, performance.now() - t0);
    t0 = performance.now();
    const cropped = cropVolume(derived.image, window.lo, window.n);
    assertFinite(cropped, prepared.croppedRoi, `${derived.name} image`, window.lo);
    const input = familyInput(cropped, prepared.croppedRoi, prepared.croppedMorph, spec.settings);
    onStage?.(`crop ${derived.name}`, performance.now() - t0);
    if (onStage && families.some((f) => BINNED_CLASSES.includes(f.name))) timed(onStage, `binning ${derived.name}`, () => binFamilyInput(input));
    families.forEach((family, i) => {
      const values = timed(onStage, `${family.name} ${derived.name}`, () => computeInOrder(family, input, params.featureClasses.get(classes[i]!) ?? null));
      for (const [name, v] of values) out.push([`${prefix}${derived.name}_${family.name}_${name}`, v]);
    });
  }
  return out;
}

/**
 * Extract the enabled features of one case, pyradiomics `execute`: {@link prepareCase} (steps 1–5),
 * then 6. for each enabled image type (file order) {@link imageTypeFeatures}. Parameters with an
 * `ibsi` block run the IBSI compliance mode instead ({@link extractCaseIbsi}, docs/IBSI.md).
 */
export function extractCase(images: CaseImages, params: ExtractionParams, options: ExtractOptions = {}): FeatureRow {
  if (params.settings.ibsi) return extractCaseIbsi(images, params, options);
  const prepared = prepareCase(images, params, options);
  const row: FeatureRow = new Map(prepared.head);
  for (const spec of params.imageTypes) {
    for (const [k, v] of imageTypeFeatures(prepared, spec, params, options.onStage)) row.set(k, v);
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
