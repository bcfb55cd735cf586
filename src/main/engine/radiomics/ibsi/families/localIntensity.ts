/**
 * IBSI-1 local intensity features (reference manual §3.2), keyed by IBSI tag. The local mean of a voxel
 * is the mean intensity of all image voxels (inside the ROI or not, within the image) whose centres lie
 * within r = (3/(4π))^{1/3} cm ≈ 6.2 mm of its centre, i.e. a sphere of 1 cm³ (distances in mm from
 * the voxel spacing):
 * - loc_peak_loc (VJGA): the local mean around the intensity mask's brightest voxel (the largest such
 *   mean when several voxels share the maximum);
 * - loc_peak_glob (0F91): the largest local mean over the intensity-mask voxels.
 * The spheres reach beyond the ROI's bounding box, so the `ibsi` pipeline computes these on the whole
 * processed image rather than on a family input cropped to the ROI.
 */
import type { Vec3 } from '../../../image/volume';

/** Sphere radius (mm) of a 1 cm³ volume. */
export const PEAK_SPHERE_RADIUS_MM = 10 * Math.cbrt(3 / (4 * Math.PI));

/** Local intensity peak and global intensity peak of an image and its 0/1 intensity mask. */
export function localIntensityPeaks(image: ArrayLike<number>, mask: ArrayLike<number>, size: Vec3, spacing: Vec3): { local: number; global: number } {
  const [nx, ny, nz] = size;
  const r = PEAK_SPHERE_RADIUS_MM;
  const reach = spacing.map((s) => Math.floor(r / s)) as Vec3;
  const offsets: [number, number, number][] = [];
  for (let dz = -reach[2]; dz <= reach[2]; dz++) {
    for (let dy = -reach[1]; dy <= reach[1]; dy++) {
      for (let dx = -reach[0]; dx <= reach[0]; dx++) {
        if ((dx * spacing[0]) ** 2 + (dy * spacing[1]) ** 2 + (dz * spacing[2]) ** 2 <= r * r) offsets.push([dx, dy, dz]);
      }
    }
  }
  const localMean = (x: number, y: number, z: number): number => {
    let sum = 0;
    let n = 0;
    for (const [dx, dy, dz] of offsets) {
      const xx = x + dx;
      const yy = y + dy;
      const zz = z + dz;
      if (xx < 0 || yy < 0 || zz < 0 || xx >= nx || yy >= ny || zz >= nz) continue;
      sum += image[xx + nx * (yy + ny * zz)]!;
      n++;
    }
    return sum / n;
  };
  let max = -Infinity;
  for (let i = 0; i < mask.length; i++) if (mask[i] && image[i]! > max) max = image[i]!;
  let local = -Infinity;
  let global = -Infinity;
  for (let z = 0, i = 0; z < nz; z++) {
    for (let y = 0; y < ny; y++) {
      for (let x = 0; x < nx; x++, i++) {
        if (!mask[i]) continue;
        const m = localMean(x, y, z);
        if (m > global) global = m;
        if (image[i] === max && m > local) local = m;
      }
    }
  }
  return { local, global };
}
