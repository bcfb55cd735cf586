/**
 * Registry of pyradiomics image types (`imageType:` keys of a parameter file: Original, LoG, Wavelet,
 * Square, SquareRoot, Logarithm, Exponential, Gradient, LBP2D, LBP3D), pyradiomics
 * `imageoperations.get<Type>Image`. Each entry turns the pre-processed image into zero or more
 * derived images, one at a time (a generator, so only one derived image is alive at a time).
 *
 * Contract for filter authors (algorithms.md §1.1, §5–7):
 *  - `input.image` is the whole pre-processed field of view (whole image, the pre-crop box or the
 *    resampled grid), in its pyradiomics dtype; yield images on the same grid (same size, spacing,
 *    origin, direction); the extractor crops them to the ROI bounding box afterwards.
 *  - The yielded `data` typed array carries the pyradiomics dtype of the result (LoG and gradient
 *    Float32Array; square/squareroot/logarithm/exponential/LBP3D Float64Array; wavelet Float64Array
 *    from integer input, Float32Array from float32 input; LBP2D the input type). Feature classes
 *    bin float32 images with float32 arithmetic, so the dtype matters.
 *  - `name` is pyradiomics' image type name as it prefixes feature keys: 'original',
 *    'log-sigma-3-0-mm-3D', 'wavelet-LLH', 'wavelet2-HLL', 'square', 'lbp-2D', 'lbp-3D-m1', ….
 *  - Skipped outputs (LoG σ too large for the image, …) are simply not yielded.
 *  - With `input.region`, only the voxels inside it need values (pyradiomics' values: filters that
 *    compute less must still produce, inside the region, exactly what the whole-image filter gives).
 */
import { FILTER_IMAGE_TYPES } from '../image/filters/filterImageTypes';
import type { Region } from '../image/filters/grid';
import type { Volume } from '../image/volume';
import type { ExtractionSettings } from './settings';

/**
 * Filter settings (pyradiomics setting keys consumed by `get<Type>Image`), merged as pyradiomics does:
 * the `setting:` block, then the image type's own custom block on top.
 */
export interface FilterSettings {
  /** LoG σ values in mm, in parameter-file order. */
  sigma: number[];
  /**
   * Python `str()` of each σ exactly as typed in the parameter file ('1' for `1`, '1.0' for `1.0`,
   * '0.5'); LoG names are `'log-sigma-' + sigmaText[i].replace('.', '-') + '-mm-3D'`.
   */
  sigmaText: string[];
  /** Wavelet name (pywt), default 'coif1'. */
  wavelet: string;
  start_level: number;
  level: number;
  lbp2DRadius: number;
  lbp2DSamples: number;
  lbp2DMethod: string;
  lbp3DLevels: number;
  lbp3DIcosphereRadius: number;
  lbp3DIcosphereSubdivision: number;
  gradientUseSpacing: boolean;
}

/** pyradiomics' defaults for the filter settings. */
export const DEFAULT_FILTER_SETTINGS: FilterSettings = {
  sigma: [],
  sigmaText: [],
  wavelet: 'coif1',
  start_level: 0,
  level: 1,
  lbp2DRadius: 1,
  // pyradiomics' code default (`kwargs.get('lbp2DSamples', 8)`); its docstring says 9.
  lbp2DSamples: 8,
  lbp2DMethod: 'uniform',
  lbp3DLevels: 2,
  lbp3DIcosphereRadius: 1,
  lbp3DIcosphereSubdivision: 1,
  gradientUseSpacing: true,
};

/** What an image type's generator receives. */
export interface ImageTypeInput {
  /** Pre-processed image (after normalisation / resampling / pre-crop), pyradiomics dtype. */
  image: Volume;
  /** ROI on the same grid (resegmented if resegmentation ran): 1 inside, 0 outside. LBP3D uses it. */
  mask: Volume<Uint8Array>;
  /** Extraction settings merged with the image type's custom block (force2D, force2Ddimension, …). */
  settings: ExtractionSettings;
  filter: FilterSettings;
  /**
   * The voxels the caller reads (the ROI bounding box): a filter may compute only these and leave the
   * others 0, provided the values inside equal those of the whole-image filter. Absent: everything.
   */
  region?: Region;
}

/** One derived image. */
export interface DerivedImage {
  /** Image type name that prefixes feature keys, e.g. 'log-sigma-3-0-mm-3D'. */
  name: string;
  /** Same grid as the input image; `data` in the pyradiomics dtype of this image type. */
  image: Volume;
}

/** One pyradiomics image type. */
export interface ImageType {
  /** Key as written under `imageType:` in parameter files, e.g. 'LoG'. */
  key: string;
  generate(input: ImageTypeInput): Iterable<DerivedImage>;
}

/** pyradiomics `Original`: the pre-processed image itself. */
export const originalImageType: ImageType = {
  key: 'Original',
  *generate(input) {
    yield { name: 'original', image: input.image };
  },
};

/**
 * Every image type the extractor can run, by parameter-file key: Original, then the filters of
 * `image/filters/filterImageTypes.ts` (LoG, Wavelet, Square, SquareRoot, Logarithm, Exponential,
 * Gradient, LBP2D, LBP3D).
 */
export const IMAGE_TYPES: readonly ImageType[] = [originalImageType, ...FILTER_IMAGE_TYPES];

/** The image type for a parameter-file key (case-sensitive, as pyradiomics), or undefined. */
export function findImageType(key: string): ImageType | undefined {
  return IMAGE_TYPES.find((t) => t.key === key);
}

/** The parameter-file keys pyradiomics knows (schema `imageType` mapping), registered or not yet. */
export const PYRADIOMICS_IMAGE_TYPE_KEYS = [
  'Original',
  'LoG',
  'Wavelet',
  'Square',
  'SquareRoot',
  'Logarithm',
  'Exponential',
  'Gradient',
  'LBP2D',
  'LBP3D',
] as const;
