/** The ROI voxels of a cropped mask as index lists, shared by every image type of a case. */
import type { Vec3 } from '../../image/volume';

export interface RoiIndex {
  /** 1 inside the ROI, 0 outside (x fastest). */
  mask: Uint8Array;
  /** Linear indices of the ROI voxels, ascending (numpy C order over (z, y, x)). */
  roi: Int32Array;
  /** Coordinates of the ROI voxels, parallel to `roi`. */
  x: Int32Array;
  y: Int32Array;
  z: Int32Array;
}

/** One index per mask buffer: the derived images of a case share the cropped ROI. */
const cache = new WeakMap<Uint8Array, { size: Vec3; index: RoiIndex }>();

/**
 * The voxels with a nonzero mask value, in ascending linear order (pyradiomics' `imageArray[maskArray]`
 * order), with their (x, y, z) coordinates. Cached per mask buffer and grid size; callers must not
 * modify the mask afterwards.
 */
export function roiIndex(mask: ArrayLike<number>, size: Vec3): RoiIndex {
  const hit = mask instanceof Uint8Array ? cache.get(mask) : undefined;
  if (hit && hit.size[0] === size[0] && hit.size[1] === size[1] && hit.size[2] === size[2]) return hit.index;
  const n = size[0] * size[1] * size[2];
  const m = new Uint8Array(n);
  let count = 0;
  for (let i = 0; i < n; i++) {
    const inside = mask[i] !== 0 ? 1 : 0;
    m[i] = inside;
    count += inside;
  }
  const roi = new Int32Array(count);
  const x = new Int32Array(count);
  const y = new Int32Array(count);
  const z = new Int32Array(count);
  let r = 0;
  for (let k = 0, i = 0; k < size[2]; k++) {
    for (let j = 0; j < size[1]; j++) {
      for (let h = 0; h < size[0]; h++, i++) {
        if (m[i]) {
          roi[r] = i;
          x[r] = h;
          y[r] = j;
          z[r] = k;
          r++;
        }
      }
    }
  }
  const index: RoiIndex = { mask: m, roi, x, y, z };
  if (mask instanceof Uint8Array) cache.set(mask, { size: [...size], index });
  return index;
}
