/** Discretised ROI of a feature class' input (pyradiomics `base._applyBinning`). */
import type { FamilyInput } from '../family';
import { binRoi, type BinnedRoi } from './binnedRoi';

interface CacheEntry {
  image: FamilyInput['image'];
  mask: FamilyInput['mask'];
  binWidth: number;
  binCount: number | null;
  isFloat32: boolean;
  roi: BinnedRoi;
}

/** The texture classes of one image type share one input object; bin it once for all of them. */
const cache = new WeakMap<FamilyInput, CacheEntry>();

/**
 * {@link binRoi} on the class input with its binning settings (binCount over binWidth). The result
 * is reused while the same input object is passed with the same image, mask and binning settings
 * (pyradiomics bins per class, but the result is identical).
 */
export function binFamilyInput(input: FamilyInput): BinnedRoi {
  const { binWidth, binCount } = input.settings;
  const hit = cache.get(input);
  if (
    hit &&
    hit.image === input.image &&
    hit.mask === input.mask &&
    hit.binWidth === binWidth &&
    hit.binCount === binCount &&
    hit.isFloat32 === input.imageIsFloat32
  )
    return hit.roi;
  const roi = binRoi(input.image, input.mask, input.size, input.imageIsFloat32, input.settings);
  cache.set(input, { image: input.image, mask: input.mask, binWidth, binCount, isFloat32: input.imageIsFloat32, roi });
  return roi;
}
