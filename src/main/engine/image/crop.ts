/**
 * Cropping to the ROI, pyradiomics `imageoperations.cropToTumorMask` (SimpleITK CropImageFilter).
 */
import type { BoundingBox } from './mask';
import type { Vec3, Volume, VoxelArray } from './volume';
import { indexToPhysical } from './volume';

/**
 * Sub-volume of `v` from index `lo` with size `n` (x, y, z). The origin moves to the physical point of
 * the first kept voxel (CropImageFilter keeps physical positions); spacing and direction are kept.
 */
export function cropVolume<T extends VoxelArray>(v: Volume<T>, lo: Vec3, n: Vec3): Volume<T> {
  const [nx, ny] = v.size;
  const Ctor = v.data.constructor as new (len: number) => T;
  const out = new Ctor(n[0] * n[1] * n[2]);
  let o = 0;
  for (let z = 0; z < n[2]; z++) {
    for (let y = 0; y < n[1]; y++) {
      const start = lo[0] + nx * (lo[1] + y + ny * (lo[2] + z));
      out.set(v.data.subarray(start, start + n[0]) as ArrayLike<number> as T, o);
      o += n[0];
    }
  }
  return { size: [...n], spacing: [...v.spacing], origin: indexToPhysical(v, lo), direction: [...v.direction], data: out };
}

/**
 * The crop window of pyradiomics `cropToTumorMask` for a grid of size N, a ROI box (L, U) and a pad p:
 * lower crop max(L − p, 0), upper crop max(N − U − p − 1, 0).
 */
export function cropWindow(size: Vec3, box: BoundingBox, pad: number): { lo: Vec3; n: Vec3 } {
  const lo = [0, 1, 2].map((d) => Math.max(box.lower[d]! - pad, 0)) as Vec3;
  const hiCrop = [0, 1, 2].map((d) => Math.max(size[d]! - box.upper[d]! - pad - 1, 0)) as Vec3;
  const n = [0, 1, 2].map((d) => size[d]! - lo[d]! - hiCrop[d]!) as Vec3;
  return { lo, n };
}

/** Crop image and mask to the ROI bounding box ± `pad` voxels (pyradiomics `cropToTumorMask`). */
export function cropToTumorMask<I extends VoxelArray, M extends VoxelArray>(
  image: Volume<I>,
  mask: Volume<M>,
  box: BoundingBox,
  pad = 0,
): { image: Volume<I>; mask: Volume<M> } {
  const { lo, n } = cropWindow(mask.size, box, pad);
  return { image: cropVolume(image, lo, n), mask: cropVolume(mask, lo, n) };
}
