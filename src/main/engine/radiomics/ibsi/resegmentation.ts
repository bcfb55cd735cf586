/**
 * IBSI re-segmentation (IBSI-1 reference manual, arXiv:1612.07003, §2.5 "Re-segmentation"): an
 * intensity range, an outlier filter, or both (configuration E), applied to the intensity mask only;
 * the morphological mask keeps every ROI voxel. pyradiomics offers one of the two at a time
 * (`resegmentRange` with `resegmentMode`), so `ibsi` mode adds the outlier step after the range.
 */
import { resegmentMask } from '../../image/resegment';
import type { Volume } from '../../image/volume';
import type { ExtractionSettings } from '../settings';

/** Mean and population standard deviation (float64) of the image inside a 0/1 ROI. */
export function roiMeanSd(image: Volume, roi: Volume<Uint8Array>): { mean: number; sd: number; count: number } {
  let count = 0;
  let sum = 0;
  for (let i = 0; i < roi.data.length; i++) {
    if (roi.data[i]) {
      count++;
      sum += image.data[i]!;
    }
  }
  const mean = sum / count;
  let ss = 0;
  for (let i = 0; i < roi.data.length; i++) {
    if (roi.data[i]) {
      const d = image.data[i]! - mean;
      ss += d * d;
    }
  }
  return { mean, sd: Math.sqrt(ss / count), count };
}

/**
 * The IBSI intensity mask: first the pyradiomics range step (`resegmentRange` in `resegmentMode`,
 * {@link resegmentMask}) when a range is set, then, when `outlierSigma` k is set, the outlier filter
 * keeping μ − kσ ≤ x ≤ μ + kσ with μ, σ (population) of the ROI left by the range step (IBSI "intensity
 * outlier filtering", 3σ in configurations D and E).
 */
export function ibsiResegment(image: Volume, roi: Volume<Uint8Array>, settings: ExtractionSettings, outlierSigma: number | null): Volume<Uint8Array> {
  let out = roi;
  if (settings.resegmentRange !== null) out = resegmentMask(image, out, settings.resegmentRange, settings.resegmentMode, settings.label);
  if (outlierSigma !== null) {
    const { mean, sd } = roiMeanSd(image, out);
    out = resegmentMask(image, out, [mean - outlierSigma * sd, mean + outlierSigma * sd], 'absolute', settings.label);
  }
  return out;
}
