/**
 * The discretised ROI every texture matrix is built from (pyradiomics `base._applyBinning`
 * followed by the C matrix functions' ROI iteration; algorithms.md §4.3, §8.1).
 */
import type { Vec3 } from '../../image/volume';
import { discretiseValues, type BinningSettings } from '../discretise';
import { roiIndex } from './roiIndex';

export interface BinnedRoi {
  /** Cropped grid size (x, y, z). */
  size: Vec3;
  /** Bin index per voxel (x fastest), 0 outside the ROI. */
  bins: Int32Array;
  /** 1 inside the ROI. */
  mask: Uint8Array;
  /** Linear indices of the ROI voxels, ascending (numpy C order over (z, y, x)). */
  roi: Int32Array;
  /** Coordinates of the ROI voxels, parallel to `roi`. */
  x: Int32Array;
  y: Int32Array;
  z: Int32Array;
  /** Largest bin present (pyradiomics `Ng`). */
  ng: number;
  /** Sorted bins present (pyradiomics `grayLevels`); rows of the compacted matrices. */
  grayLevels: Int32Array;
}

/**
 * Discretises the ROI of a cropped image ({@link discretiseValues}, pyradiomics `binImage`) and
 * lists its voxels.
 *
 * @param mask nonzero inside the ROI.
 */
export function binRoi(
  image: ArrayLike<number>,
  mask: ArrayLike<number>,
  size: Vec3,
  isFloat32: boolean,
  settings: BinningSettings,
): BinnedRoi {
  const n = size[0] * size[1] * size[2];
  if (image.length !== n || mask.length !== n) throw new Error('binRoi: image/mask length does not match size');
  const { mask: m, roi, x, y, z } = roiIndex(mask, size);
  const count = roi.length;
  const values = new Float64Array(count);
  for (let r = 0; r < count; r++) values[r] = image[roi[r]!]!;
  const d = discretiseValues(values, isFloat32, settings);
  const bins = new Int32Array(n);
  for (let q = 0; q < count; q++) bins[roi[q]!] = d.bins[q]!;
  return { size, bins, mask: m, roi, x, y, z, ng: d.ng, grayLevels: d.grayLevels };
}

/** Gray-level values of the matrix rows: the ORIGINAL bin numbers (pyradiomics `ivector`, GLCM i, j). */
export function levelValues(roi: BinnedRoi): Float64Array {
  return Float64Array.from(roi.grayLevels);
}
