/** Guard against non-finite voxels, which pyradiomics would silently turn into NaN features. */
import { ImageCheckError } from './imageError';
import type { Vec3, Volume } from './volume';

/**
 * Throw when the image holds NaN or ±Inf inside the ROI (or anywhere, when `roi` is omitted), naming
 * the count and the first offending voxel index (x, y, z). `indexOffset` is added to the reported
 * index, for an image cropped out of a larger grid (so the message names the voxel of that grid).
 */
export function assertFinite(image: Volume, roi?: Volume<Uint8Array>, what = 'image', indexOffset: Vec3 = [0, 0, 0]): void {
  const d = image.data;
  if (!(d instanceof Float32Array || d instanceof Float64Array)) return;
  const [nx, ny] = image.size;
  let bad = 0;
  let first = -1;
  for (let i = 0; i < d.length; i++) {
    if (roi && !roi.data[i]) continue;
    if (!Number.isFinite(d[i]!)) {
      bad++;
      if (first < 0) first = i;
    }
  }
  if (bad) {
    const x = (first % nx) + indexOffset[0];
    const y = (Math.floor(first / nx) % ny) + indexOffset[1];
    const z = Math.floor(first / (nx * ny)) + indexOffset[2];
    throw new ImageCheckError(`${what} has ${bad} NaN/Inf voxel(s)${roi ? ' inside the ROI' : ''}, first at index (${x}, ${y}, ${z}); features would be undefined`);
  }
}
