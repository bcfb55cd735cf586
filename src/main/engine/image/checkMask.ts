/**
 * Mask validation, pyradiomics `imageoperations.checkMask` (algorithms.md §1.3).
 */
import { compareGrids, describeGrid } from './geometry';
import { ImageCheckError } from './imageError';
import { boxSize, labelBox, requireLabel, type BoundingBox } from './mask';
import { checkROI, resampleOnto } from './resample';
import type { Volume } from './volume';

/** The settings `checkMask` reads (pyradiomics names). */
export interface CheckMaskSettings {
  label: number;
  correctMask: boolean;
  /** Coordinate and direction tolerance; null = ITK's default 1e-6. */
  geometryTolerance: number | null;
  minimumROIDimensions: number;
  minimumROISize: number | null;
}

/** Outcome of {@link checkMask}. */
export interface MaskCheck {
  box: BoundingBox;
  /** ROI voxel count. */
  count: number;
  /** The mask resampled onto the image grid when `correctMask` had to fix a geometry mismatch. */
  corrected: Volume | null;
}

/**
 * pyradiomics `checkMask`:
 *  1. image and mask must share size and geometry (ITK tolerance rules, {@link compareGrids});
 *     on a mismatch, fail naming both geometries unless `correctMask`, which checks that the ROI lies
 *     inside the image (`_checkROI`) and resamples the mask onto the image grid (nearest neighbour);
 *  2. the label must be present (the error lists the labels present);
 *  3. the ROI must span ≥ `minimumROIDimensions` axes (a single voxel always fails) and have more than
 *     `minimumROISize` voxels (strict: count ≤ minimum fails).
 */
export function checkMask(image: Volume, mask: Volume, s: CheckMaskSettings): MaskCheck {
  let corrected: Volume | null = null;
  let checked = mask;
  const mismatch = compareGrids(image, mask, s.geometryTolerance ?? 1e-6);
  if (mismatch) {
    if (!s.correctMask) {
      const what = mismatch === 'size' ? 'Image/Mask datatype or size mismatch' : `Image/Mask geometry mismatch (${mismatch} differs)`;
      const fix = mismatch === 'size' ? 'enable correctMask' : 'increase geometryTolerance or enable correctMask';
      throw new ImageCheckError(`${what}. Image: ${describeGrid(image)}; mask: ${describeGrid(mask)}. Potential fix: ${fix}`);
    }
    requireLabel(mask, s.label);
    checkROI(image, mask, s.label);
    corrected = resampleOnto(mask, image, 'sitkNearestNeighbor');
    checked = corrected;
  }
  const stats = labelBox(checked, s.label);
  if (!stats) requireLabel(checked, s.label);
  const { box, count } = stats!;
  const ndims = boxSize(box).filter((n) => n > 1).length;
  if (ndims === 0) throw new ImageCheckError('mask only contains 1 segmented voxel! Cannot extract features for a single voxel.');
  if (ndims < s.minimumROIDimensions) {
    throw new ImageCheckError(`mask has too few dimensions (number of dimensions ${ndims}, minimum required ${s.minimumROIDimensions})`);
  }
  if (s.minimumROISize !== null && count <= s.minimumROISize) {
    throw new ImageCheckError(`Size of the ROI is too small (minimum size: ${s.minimumROISize}, ROI size: ${count})`);
  }
  return { box, count, corrected };
}
