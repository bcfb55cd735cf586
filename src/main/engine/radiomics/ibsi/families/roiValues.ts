/** The ROI intensities and discretised grey levels a family input holds (C order, ROI voxels only). */
import { discretise } from '../../discretise';
import type { FamilyInput } from '../../family';

/** Intensities of the ROI voxels of `input`, in C order. */
export function roiIntensities(input: FamilyInput): Float64Array {
  const { image, mask } = input;
  let n = 0;
  for (let i = 0; i < mask.length; i++) if (mask[i]) n++;
  const out = new Float64Array(n);
  for (let i = 0, k = 0; i < mask.length; i++) if (mask[i]) out[k++] = image[i]!;
  return out;
}

/** Grey levels (bin numbers, 1-based) of the ROI voxels with the input's texture discretisation. */
export function roiGreyLevels(input: FamilyInput): Float64Array {
  const { bins } = discretise(input.image, input.mask, input.imageIsFloat32, input.settings);
  const { mask } = input;
  const out: number[] = [];
  for (let i = 0; i < mask.length; i++) if (mask[i]) out.push(bins[i]!);
  return Float64Array.from(out);
}
