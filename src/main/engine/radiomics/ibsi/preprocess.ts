/**
 * The IBSI-1 image-processing chain of `ibsi` mode (reference manual arXiv:1612.07003, §2: data
 * conversion, interpolation, re-segmentation), with the diagnostic features after each step:
 *  1. the image as float64 (IBSI: at least 32-bit) and the ROI as a 0/1 mask, voxel spacing taken at
 *     single precision (so a DICOM series and its NIfTI copy agree bit for bit);
 *  2. pyradiomics normalisation when `normalize` is set;
 *  3. with `interpolator` and `resampledPixelSpacing`: the image on the IBSI grid
 *     ({@link ibsiInterpolationGrid}; pyradiomics' grid when `centreAlignedResampling` is off),
 *     rounded to integers when `roundAfterInterpolation`; the mask interpolated linearly and
 *     thresholded at `maskPartialVolumeThreshold` (nearest neighbour when null). This mask is the
 *     morphological mask;
 *  4. re-segmentation of the intensity mask ({@link ibsiResegment}).
 */
import { normalizeImage } from '../../image/normalise';
import { resampleImage } from '../../image/resample';
import type { Grid } from '../../image/geometry';
import type { Vec3, Volume } from '../../image/volume';
import type { ExtractionSettings, IbsiOptions } from '../settings';
import { imageDiagnostics, roiDiagnostics } from './diagnostics';
import { ibsiInterpolationGrid, ibsiInterpolatorOf, interpolateMask, interpolateOnto, roundHalfEven } from './interpolation';
import { ibsiResegment } from './resegmentation';

/** Output of {@link ibsiPreprocess}: everything on the processed grid. */
export interface IbsiProcessed {
  image: Volume<Float64Array>;
  /** The (interpolated) ROI: shape and morphology features use it. */
  morphologicalMask: Volume<Uint8Array>;
  /** The re-segmented ROI: intensity and texture features use it. */
  intensityMask: Volume<Uint8Array>;
  /** IBSI diagnostic features by tag (see `diagnostics.ts`). */
  diagnostics: Map<string, number>;
}

const asFloat64 = (v: Volume): Volume<Float64Array> => ({ ...v, data: Float64Array.from(v.data as ArrayLike<number>) });

/** The interpolation grid: IBSI's centred grid, or pyradiomics' corner-aligned grid around the ROI. */
function targetGrid(image: Volume, roi: Volume<Uint8Array>, settings: ExtractionSettings, ibsi: IbsiOptions): Grid {
  if (ibsi.centreAlignedResampling) return ibsiInterpolationGrid(image, settings.resampledPixelSpacing!);
  const { image: g } = resampleImage(image, roi, settings.resampledPixelSpacing!, 'sitkNearestNeighbor', 1, settings.padDistance);
  return { size: g.size, spacing: g.spacing, origin: g.origin, direction: g.direction };
}

/**
 * Run the IBSI processing chain on an image and its ROI (same grid, 0/1). `settings.ibsi` must be set.
 */
export function ibsiPreprocess(image: Volume, roi: Volume<Uint8Array>, settings: ExtractionSettings): IbsiProcessed {
  const ibsi = settings.ibsi;
  if (!ibsi) throw new Error('ibsiPreprocess: settings.ibsi is not set');
  const diagnostics = new Map<string, number>();
  // Spacing at single precision, the precision NIfTI stores: a DICOM series and its NIfTI copy then
  // give bit-identical results (a 2e-9 relative spacing difference otherwise moves interpolation
  // sample points by ~4e-7 voxel, enough to flip the rounding of a few intensities).
  const spacing = image.spacing.map(Math.fround) as Vec3;
  let img: Volume<Float64Array> = { ...asFloat64(image), spacing };
  let mask: Volume<Uint8Array> = { ...roi, spacing: [...spacing] };
  imageDiagnostics(diagnostics, img, 'init');
  roiDiagnostics(diagnostics, img, mask, mask, 'init');
  if (settings.normalize) img = asFloat64(normalizeImage(img, settings.normalizeScale, settings.removeOutliers));
  if (settings.interpolator !== null && settings.resampledPixelSpacing !== null) {
    const grid = targetGrid(img, mask, settings, ibsi);
    img = interpolateOnto(img, grid, ibsiInterpolatorOf(settings.interpolator));
    if (ibsi.roundAfterInterpolation) for (let i = 0; i < img.data.length; i++) img.data[i] = roundHalfEven(img.data[i]!);
    mask = interpolateMask(mask, grid, ibsi.maskPartialVolumeThreshold);
  }
  imageDiagnostics(diagnostics, img, 'interp');
  roiDiagnostics(diagnostics, img, mask, mask, 'interp');
  const intensityMask = ibsiResegment(img, mask, settings, ibsi.outlierSigma);
  roiDiagnostics(diagnostics, img, intensityMask, mask, 'reseg');
  return { image: img, morphologicalMask: mask, intensityMask, diagnostics };
}
