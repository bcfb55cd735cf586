/**
 * Feature extraction in `ibsi` compliance mode (`settings.ibsi` set; docs/IBSI.md): the extractor's
 * pipeline with IBSI's image processing and aggregation instead of pyradiomics':
 *  1. mask checks as pyradiomics (`getMask`, `checkMask` with correctMask);
 *  2. {@link ibsiPreprocess}: float64 image, IBSI interpolation (centred grid, rounding, partial-volume
 *     mask), combined range + outlier re-segmentation; IBSI diagnostics after each step;
 *  3. shape (pyradiomics `shape`/`shape2D`) on the morphological mask, axis lengths from the sample
 *     covariance (× √(N/(N−1)), IBSI's convention), plus IBSI morphology extras;
 *  4. per enabled image type (LoG and Wavelet in their IBSI-2 form, {@link findIbsiImageType}) every
 *     enabled class on the intensity mask, FBS bins starting at the resegmentation minimum
 *     (`binAlignToResegmentMinimum`), texture classes per slice when `sliceWiseTexture` (IBSI 2D),
 *     plus the IBSI features pyradiomics lacks when `extraFeatures` (with firstorder: statistics,
 *     intensity histogram, IVH, local intensity; with gldm: NGLDM extras; with glszm: the GLDZM).
 * Keys are the extractor's (`<prefix><imageType>_<class>_<Feature>`); IBSI-only features are
 * `<prefix><imageType>_ibsi_<IBSI tag>`, IBSI diagnostics `<prefix>diagnostics_IBSI_<tag>`.
 */
import { checkMask } from '../../image/checkMask';
import { cropVolume, cropWindow } from '../../image/crop';
import { assertFinite } from '../../image/finite';
import { ImageCheckError } from '../../image/imageError';
import { getMask, labelBox, roiOf } from '../../image/mask';
import type { Vec3, Volume } from '../../image/volume';
import { enabledFeatures, type CaseImages, type ExtractOptions, type FeatureRow, type FeatureValue } from '../extractor';
import type { FamilyInput, FeatureFamily } from '../family';
import type { ExtractionParams, ImageTypeSpec } from '../paramsFile';
import { pyRepr, type PyValue } from '../pyRepr';
import { findFamily, SHAPE_CLASSES } from '../registry';
import type { ExtractionSettings } from '../settings';
import { ibsiGldzm } from './families/gldzm';
import { ibsiIntensityHistogram } from './families/intensityHistogram';
import { ibsiIntensityStatistics } from './families/intensityStatistics';
import { ibsiIntensityVolumeHistogram } from './families/ivh';
import { localIntensityPeaks } from './families/localIntensity';
import { ibsiMorphology, sampleCovarianceFactor } from './families/morphology';
import { ibsiNgldm } from './families/ngldm';
import { findIbsiImageType } from './imageTypes';
import { ibsiPreprocess, type IbsiProcessed } from './preprocess';
import { sliceWiseFeatures } from './sliceWise';

/** pyradiomics shape features that IBSI defines with the sample covariance of the voxel positions. */
const AXIS_LENGTHS: readonly string[] = ['MajorAxisLength', 'MinorAxisLength', 'LeastAxisLength'];

/** Classes whose matrices IBSI 2D builds per slice. */
const TEXTURE_CLASSES: readonly string[] = ['glcm', 'glrlm', 'glszm', 'gldm', 'ngtdm'];

/** A case after the IBSI processing chain, ready for the image types (see {@link ibsiImageTypeFeatures}). */
export interface IbsiPreparedCase {
  prefix: string;
  /** Diagnostics and shape columns, keys prefixed, in output order. */
  head: [string, FeatureValue][];
  processed: IbsiProcessed;
  /** Morphological-mask bounding box (it contains the intensity mask): every image is cropped to it. */
  window: { lo: Vec3; n: Vec3 };
  croppedIntensity: Volume<Uint8Array>;
  croppedMorph: Volume<Uint8Array>;
}

function requireFamily(name: string): FeatureFamily {
  const family = findFamily(name);
  if (!family) throw new ImageCheckError(`feature class '${name}' is not available in this build`);
  return family;
}

function familyInput(image: Volume, intensity: Volume<Uint8Array>, morph: Volume<Uint8Array>, settings: ExtractionSettings): FamilyInput {
  return {
    image: image.data instanceof Float64Array ? image.data : Float64Array.from(image.data as ArrayLike<number>),
    imageIsFloat32: false,
    mask: intensity.data,
    morphologicalMask: morph.data,
    size: [...image.size],
    spacing: [...image.spacing],
    settings,
  };
}

/** Features of a family in the requested order (absent values, e.g. deprecated, dropped). */
function computeInOrder(family: FeatureFamily, input: FamilyInput, requested: string[] | null, sliceWise: boolean): [string, number][] {
  const names = enabledFeatures(family, requested);
  const values = sliceWise ? sliceWiseFeatures(family, input, names) : family.compute(input, names);
  return names.filter((n) => values.has(n)).map((n) => [n, values.get(n)!]);
}

/** IBSI-only features of a family, keyed `<image type>_ibsi_<tag>`. */
function extras(family: FeatureFamily, input: FamilyInput, sliceWise: boolean): [string, number][] {
  return computeInOrder(family, input, null, sliceWise);
}

/**
 * Steps 1–3 of `ibsi`-mode extraction: checks, IBSI processing, diagnostics and shape columns.
 * @throws ImageCheckError as pyradiomics' checks do (label absent, too few dimensions, …).
 */
export function prepareIbsiCase(images: CaseImages, params: ExtractionParams, options: ExtractOptions = {}): IbsiPreparedCase {
  const settings: ExtractionSettings = {
    ...params.settings,
    label: options.label ?? params.settings.label,
    label_channel: options.labelChannel ?? params.settings.label_channel,
  };
  const ibsi = settings.ibsi;
  if (!ibsi) throw new Error('prepareIbsiCase: parameters without an ibsi block');
  const prefix = options.prefix ?? '';
  assertFinite(images.image);
  let mask: Volume = getMask(images.maskChannels, settings.label, settings.label_channel);
  const checked = checkMask(images.image, mask, settings);
  if (checked.corrected) mask = checked.corrected;
  const processed = ibsiPreprocess(images.image, roiOf(mask, settings.label), settings);
  const morph = labelBox(processed.morphologicalMask, 1);
  if (!morph) throw new ImageCheckError('the ROI has no voxel left after interpolation (partial-volume threshold too high for its size)');
  checkMask(processed.image, processed.intensityMask, { ...settings, label: 1, correctMask: false });
  const morphBox = morph.box;
  const window = cropWindow(processed.image.size, morphBox, 0);

  const head: [string, FeatureValue][] = [];
  if (settings.additionalInfo) {
    for (const [name, version] of Object.entries(options.versions ?? {})) head.push([`${prefix}diagnostics_Versions_${name}`, version]);
    head.push([`${prefix}diagnostics_Configuration_Settings`, pyRepr({ ...(params.setting as Record<string, PyValue>), label: settings.label })]);
    head.push([`${prefix}diagnostics_Configuration_IBSI`, pyRepr(ibsi as unknown as PyValue)]);
    head.push([`${prefix}diagnostics_Configuration_EnabledImageTypes`, pyRepr(Object.fromEntries(params.imageTypes.map((t) => [t.key, t.custom as PyValue])))]);
    for (const [tag, v] of processed.diagnostics) head.push([`${prefix}diagnostics_IBSI_${tag}`, String(v)]);
  }

  const croppedImage = cropVolume(processed.image, window.lo, window.n);
  const croppedIntensity = cropVolume(processed.intensityMask, window.lo, window.n);
  const croppedMorph = cropVolume(processed.morphologicalMask, window.lo, window.n);
  const shapeMask = settings.resegmentShape ? croppedIntensity : croppedMorph;
  for (const cls of ['shape', 'shape2D']) {
    if (!params.featureClasses.has(cls)) continue;
    if (cls === 'shape2D' && !(settings.force2D && window.n[2 - settings.force2Ddimension] === 1)) continue;
    const input = familyInput(croppedImage, shapeMask, shapeMask, settings);
    const factor = sampleCovarianceFactor(shapeMask.data.reduce((n, v) => n + v, 0));
    for (const [name, v] of computeInOrder(requireFamily(cls), input, params.featureClasses.get(cls) ?? null, false)) {
      head.push([`${prefix}original_${cls}_${name}`, cls === 'shape' && AXIS_LENGTHS.includes(name) ? v * factor : v]);
    }
  }
  if (ibsi.extraFeatures && params.featureClasses.has('shape')) {
    const input = familyInput(croppedImage, croppedIntensity, croppedMorph, settings);
    for (const [tag, v] of extras(ibsiMorphology, input, false)) head.push([`${prefix}original_ibsi_${tag}`, v]);
  }
  return { prefix, head, processed, window, croppedIntensity, croppedMorph };
}

/**
 * IBSI fixed-bin-size origin of one derived image: the lower absolute resegmentation bound on the
 * original image, else the ROI minimum; null (pyradiomics alignment) when `binAlignToResegmentMinimum`
 * is off or bins are counted (FBN).
 */
function binLowerBound(settings: ExtractionSettings, imageName: string, input: FamilyInput): number | null {
  if (!settings.ibsi?.binAlignToResegmentMinimum || settings.binCount !== null) return null;
  if (imageName === 'original' && settings.resegmentRange !== null && settings.resegmentMode === 'absolute') return Math.min(...settings.resegmentRange);
  let mn = Infinity;
  for (let i = 0; i < input.mask.length; i++) if (input.mask[i] && input.image[i]! < mn) mn = input.image[i]!;
  return mn;
}

/**
 * Step 4 for one enabled image type: every enabled non-shape class (and the IBSI extras) on each
 * derived image, cropped to the case window, with the intensity mask.
 */
export function ibsiImageTypeFeatures(prepared: IbsiPreparedCase, spec: ImageTypeSpec, params: ExtractionParams): [string, FeatureValue][] {
  const classes = [...params.featureClasses.keys()].filter((c) => !SHAPE_CLASSES.includes(c));
  if (classes.length === 0) return [];
  const type = findIbsiImageType(spec.key);
  if (!type) throw new ImageCheckError(`image type '${spec.key}' is not available in this build`);
  const settings = spec.settings;
  const ibsi = settings.ibsi!;
  const { prefix, window, processed } = prepared;
  const out: [string, FeatureValue][] = [];
  for (const derived of type.generate({ image: processed.image, mask: processed.intensityMask, settings, filter: spec.filter })) {
    assertFinite(derived.image, processed.intensityMask, `${derived.name} image`);
    const cropped = cropVolume(derived.image, window.lo, window.n);
    const raw = familyInput(cropped, prepared.croppedIntensity, prepared.croppedMorph, settings);
    const input: FamilyInput = { ...raw, settings: { ...settings, binLowerBound: binLowerBound(settings, derived.name, raw) } };
    for (const cls of classes) {
      const sliceWise = ibsi.sliceWiseTexture && TEXTURE_CLASSES.includes(cls);
      for (const [name, v] of computeInOrder(requireFamily(cls), input, params.featureClasses.get(cls) ?? null, sliceWise)) {
        out.push([`${prefix}${derived.name}_${cls}_${name}`, v]);
      }
      if (!ibsi.extraFeatures) continue;
      const more = cls === 'firstorder' ? [ibsiIntensityStatistics, ibsiIntensityHistogram, ibsiIntensityVolumeHistogram] : cls === 'gldm' ? [ibsiNgldm] : cls === 'glszm' ? [ibsiGldzm] : [];
      for (const family of more) {
        for (const [tag, v] of extras(family, input, sliceWise)) out.push([`${prefix}${derived.name}_ibsi_${tag}`, v]);
      }
      if (cls === 'firstorder') {
        const { local, global } = localIntensityPeaks(derived.image.data, processed.intensityMask.data, derived.image.size, derived.image.spacing);
        out.push([`${prefix}${derived.name}_ibsi_loc_peak_loc`, local], [`${prefix}${derived.name}_ibsi_loc_peak_glob`, global]);
      }
    }
  }
  return out;
}

/** Extract one case in `ibsi` mode: {@link prepareIbsiCase}, then {@link ibsiImageTypeFeatures} per image type. */
export function extractCaseIbsi(images: CaseImages, params: ExtractionParams, options: ExtractOptions = {}): FeatureRow {
  const prepared = prepareIbsiCase(images, params, options);
  const row: FeatureRow = new Map(prepared.head);
  for (const spec of params.imageTypes) for (const [k, v] of ibsiImageTypeFeatures(prepared, spec, params)) row.set(k, v);
  return row;
}
