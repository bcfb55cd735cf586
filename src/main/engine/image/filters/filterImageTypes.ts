/**
 * The pyradiomics image types implemented by the filters of this folder, as entries of the radiomics
 * image-type registry (`radiomics/imageTypes.ts`; pyradiomics `imageoperations.get<Type>Image`).
 * Each derived image lies on the input grid and carries pyradiomics' dtype for its type.
 */
import type { ImageType, ImageTypeInput } from '../../radiomics/imageTypes';
import type { Volume, VoxelArray } from '../volume';
import { gradientMagnitude } from './gradient';
import type { GridRegion } from './grid';
import { lbp2DImage, type Lbp2DMethod } from './lbp2D';
import { lbp3DImages } from './lbp3D';
import { logImages } from './log';
import { exponentialImage, logarithmImage, squareImage, squareRootImage } from './simple';
import { waveletAxes, waveletImages } from './wavelet';

const onGrid = (image: Volume, data: VoxelArray): Volume => ({ ...image, data });

/** pyradiomics `LoG`: one float32 'log-sigma-<σ>-mm-3D' image per usable σ. */
export const logImageType: ImageType = {
  key: 'LoG',
  *generate({ image, filter, region }: ImageTypeInput) {
    for (const { name, data } of logImages(image, filter.sigma, filter.sigmaText, region)) yield { name, image: onGrid(image, data) };
  },
};

/** pyradiomics `Wavelet`: detail bands level by level, then the approximation. */
export const waveletImageType: ImageType = {
  key: 'Wavelet',
  *generate({ image, settings, filter, region }: ImageTypeInput) {
    const axes = waveletAxes(settings.force2D, settings.force2Ddimension);
    const bands = waveletImages(image, { wavelet: filter.wavelet, level: filter.level, startLevel: filter.start_level, axes }, undefined, region);
    for (const { name, data } of bands) yield { name, image: onGrid(image, data) };
  },
};

function pointwise(key: string, name: string, transform: (data: VoxelArray, where?: GridRegion) => Float64Array): ImageType {
  return {
    key,
    *generate({ image, region }: ImageTypeInput) {
      yield { name, image: onGrid(image, transform(image.data, region && { size: image.size, region })) };
    },
  };
}

/** pyradiomics `Square`: 'square', float64 (x²/max|x|). */
export const squareImageType = pointwise('Square', 'square', squareImage);
/** pyradiomics `SquareRoot`: 'squareroot', float64 (±√(max|x|·|x|)). */
export const squareRootImageType = pointwise('SquareRoot', 'squareroot', squareRootImage);
/** pyradiomics `Logarithm`: 'logarithm', float64 (±ln(|x| + 1) rescaled to max|x|). */
export const logarithmImageType = pointwise('Logarithm', 'logarithm', logarithmImage);
/** pyradiomics `Exponential`: 'exponential', float64 (exp(x·ln(max|x|)/max|x|)). */
export const exponentialImageType = pointwise('Exponential', 'exponential', exponentialImage);

/** pyradiomics `Gradient` (float32), with `gradientUseSpacing`. */
export const gradientImageType: ImageType = {
  key: 'Gradient',
  *generate({ image, filter, region }: ImageTypeInput) {
    yield { name: 'gradient', image: onGrid(image, gradientMagnitude(image, filter.gradientUseSpacing, region)) };
  },
};

const LBP2D_METHODS: readonly Lbp2DMethod[] = ['default', 'ror', 'uniform', 'var'];

/** pyradiomics `LBP2D`: per-slice LBP across `force2Ddimension`, in the input's type. */
export const lbp2DImageType: ImageType = {
  key: 'LBP2D',
  *generate({ image, settings, filter }: ImageTypeInput) {
    const method = filter.lbp2DMethod as Lbp2DMethod;
    if (!LBP2D_METHODS.includes(method)) {
      throw new Error(`lbp2DMethod '${filter.lbp2DMethod}' is not one of ${LBP2D_METHODS.join(', ')}`);
    }
    const data = lbp2DImage(image, {
      radius: filter.lbp2DRadius,
      samples: filter.lbp2DSamples,
      method,
      force2Ddimension: settings.force2Ddimension,
    });
    yield { name: 'lbp-2D', image: onGrid(image, data) };
  },
};

/** pyradiomics `LBP3D`: 'lbp-3D-m1' … 'lbp-3D-m<L>', 'lbp-3D-k' (float64, ROI voxels only). */
export const lbp3DImageType: ImageType = {
  key: 'LBP3D',
  *generate({ image, mask, filter }: ImageTypeInput) {
    const settings = {
      levels: filter.lbp3DLevels,
      icosphereRadius: filter.lbp3DIcosphereRadius,
      icosphereSubdivision: filter.lbp3DIcosphereSubdivision,
    };
    for (const { name, data } of lbp3DImages(image, mask.data, settings)) yield { name, image: onGrid(image, data) };
  },
};

/** Every filter image type, in pyradiomics' schema order (after Original). */
export const FILTER_IMAGE_TYPES: readonly ImageType[] = [
  logImageType,
  waveletImageType,
  squareImageType,
  squareRootImageType,
  logarithmImageType,
  exponentialImageType,
  gradientImageType,
  lbp2DImageType,
  lbp3DImageType,
];
