/**
 * Image types in `ibsi` mode: the IBSI-2 definitions of the LoG and wavelet filters (reference
 * manual arXiv:2006.05470; checked against the IBSI-2 response maps) replace pyradiomics' ITK
 * recursive LoG and pywt periodic SWT; every other image type is pyradiomics' own.
 * - LoG: sampled kernel truncated at 4σ, unnormalised, in voxel units, with `ibsi.filterPadding`;
 *   3-D, or per slice (x, y) with force2D; named 'log-sigma-<σ>-mm-3D' / '-2D'.
 * - Wavelet: à trous levels, `ibsi.filterPadding`, optionally averaged over right-angle rotations
 *   (`ibsi.waveletRotationInvariant`); pyradiomics' band names ('wavelet-LHL', …, letters in x, y, z order).
 */
import { ibsiLaplacianOfGaussian } from '../../image/filters/logIbsi';
import { waveletAxes, waveletImages } from '../../image/filters/wavelet';
import { findImageType, type ImageType, type ImageTypeInput } from '../imageTypes';
import type { IbsiOptions } from '../settings';

const ibsiOf = (input: ImageTypeInput): IbsiOptions => {
  if (!input.settings.ibsi) throw new Error('IBSI image types need settings.ibsi');
  return input.settings.ibsi;
};

/** IBSI LoG image type (IBSI-2 maps 2_a–2_c). */
export const ibsiLogImageType: ImageType = {
  key: 'LoG',
  *generate(input) {
    const { image, filter, settings } = input;
    const dimensions = settings.force2D ? 2 : 3;
    for (let i = 0; i < filter.sigma.length; i++) {
      const data = ibsiLaplacianOfGaussian(image, { sigmaMm: filter.sigma[i]!, padding: ibsiOf(input).filterPadding, dimensions });
      yield { name: `log-sigma-${filter.sigmaText[i]!.replaceAll('.', '-')}-mm-${dimensions}D`, image: { ...image, data } };
    }
  },
};

/** IBSI separable-wavelet image type (IBSI-2 maps 5_a–7_a). */
export const ibsiWaveletImageType: ImageType = {
  key: 'Wavelet',
  *generate(input) {
    const { image, settings, filter } = input;
    const ibsi = ibsiOf(input);
    const axes = waveletAxes(settings.force2D, settings.force2Ddimension);
    const bands = waveletImages(
      image,
      { wavelet: filter.wavelet, level: filter.level, startLevel: filter.start_level, axes },
      { padding: ibsi.filterPadding, rotationInvariant: ibsi.waveletRotationInvariant },
    );
    for (const { name, data } of bands) yield { name, image: { ...image, data } };
  },
};

/** The image type `key` runs as in `ibsi` mode. */
export function findIbsiImageType(key: string): ImageType | undefined {
  if (key === 'LoG') return ibsiLogImageType;
  if (key === 'Wavelet') return ibsiWaveletImageType;
  return findImageType(key);
}
