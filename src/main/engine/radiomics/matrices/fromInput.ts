/** Discretised ROI of a feature class' input (pyradiomics `base._applyBinning`). */
import type { FamilyInput } from '../family';
import { binRoi, type BinnedRoi } from './binnedRoi';

/** {@link binRoi} on the class input with its binning settings (binCount over binWidth). */
export function binFamilyInput(input: FamilyInput): BinnedRoi {
  return binRoi(input.image, input.mask, input.size, input.imageIsFloat32, input.settings);
}
