/**
 * Resampling as SimpleITK's `ResampleImageFilter` with an identity transform does it, and
 * pyradiomics' `imageoperations.resampleImage` grid (algorithms.md §2).
 */
import { bsplineInterpolator } from './bspline';
import { castFor } from './cast';
import type { Grid } from './geometry';
import { ImageCheckError } from './imageError';
import { cropToTumorMask } from './crop';
import { labelBox, type BoundingBox } from './mask';
import { allocate, scalarTypeOf } from '../io/samples';
import { indexToPhysical, physicalToIndex, type Direction, type Vec3, type Volume, type VoxelArray } from './volume';

/** Interpolators implemented (SimpleITK names). */
export type Interpolator = 'sitkNearestNeighbor' | 'sitkLinear' | 'sitkBSpline';

/** Whether a SimpleITK interpolator name is implemented here. */
export function isSupportedInterpolator(name: string): name is Interpolator {
  return name === 'sitkNearestNeighbor' || name === 'sitkLinear' || name === 'sitkBSpline';
}

type Evaluate = (cx: number, cy: number, cz: number) => number;

/** ITK nearest neighbour: round each continuous index half up, ⌊c + ½⌋. */
function nearest(v: Volume): Evaluate {
  const [nx, ny] = v.size;
  const d = v.data;
  return (cx, cy, cz) => d[Math.floor(cx + 0.5) + nx * (Math.floor(cy + 0.5) + ny * Math.floor(cz + 0.5))]!;
}

/**
 * ITK linear interpolation (`LinearInterpolateImageFunction`, 3-D optimised form): base index ⌊c⌋
 * clamped to 0 with fraction d = c − base (d ≤ 0 means "on the sample"), upper neighbour clamped to
 * N − 1, lerps along x, then y, then z: a + (b − a)·d.
 */
function linear(v: Volume): Evaluate {
  const [nx, ny, nz] = v.size;
  const data = v.data;
  const at = (x: number, y: number, z: number): number => data[x + nx * (y + ny * z)]!;
  return (cx, cy, cz) => {
    let bx = Math.floor(cx);
    let by = Math.floor(cy);
    let bz = Math.floor(cz);
    if (bx < 0) bx = 0;
    if (by < 0) by = 0;
    if (bz < 0) bz = 0;
    const dx = cx - bx;
    const dy = cy - by;
    const dz = cz - bz;
    const ux = dx > 0 ? Math.min(bx + 1, nx - 1) : bx;
    const uy = dy > 0 ? Math.min(by + 1, ny - 1) : by;
    const uz = dz > 0 ? Math.min(bz + 1, nz - 1) : bz;
    const lx = (y: number, z: number): number => {
      const a = at(bx, y, z);
      return dx > 0 ? a + (at(ux, y, z) - a) * dx : a;
    };
    const ly = (z: number): number => {
      const a = lx(by, z);
      return dy > 0 ? a + (lx(uy, z) - a) * dy : a;
    };
    const a = ly(bz);
    return dz > 0 ? a + (ly(uz) - a) * dz : a;
  };
}

/**
 * Resample `input` onto `grid` (identity transform, default value 0). A grid point is evaluated only
 * when its continuous index in the input lies in [−½, N − ½) on every axis (ITK `IsInsideBuffer`);
 * values are converted to the pixel type of `outputLike` with ITK's clamp-and-truncate cast.
 * Continuous indices advance along x by a constant delta from the first point of each row, as ITK's
 * linear-transform scanline path does.
 */
export function resampleOnto(input: Volume, grid: Grid, interpolator: Interpolator, outputLike: VoxelArray = input.data): Volume {
  const evaluate = interpolator === 'sitkBSpline' ? bsplineInterpolator(input) : interpolator === 'sitkLinear' ? linear(input) : nearest(input);
  const cast = castFor(outputLike);
  const [nx, ny, nz] = grid.size;
  const out = allocate(scalarTypeOf(outputLike), nx * ny * nz);
  const [sx, sy, sz] = input.size;
  const inside = (c: Vec3): boolean => c[0] >= -0.5 && c[0] < sx - 0.5 && c[1] >= -0.5 && c[1] < sy - 0.5 && c[2] >= -0.5 && c[2] < sz - 0.5;
  let o = 0;
  for (let z = 0; z < nz; z++) {
    for (let y = 0; y < ny; y++) {
      const c = physicalToIndex(input, indexToPhysical(grid, [0, y, z]));
      const c1 = physicalToIndex(input, indexToPhysical(grid, [1, y, z]));
      const delta: Vec3 = [c1[0] - c[0], c1[1] - c[1], c1[2] - c[2]];
      for (let x = 0; x < nx; x++, o++) {
        out[o] = inside(c) ? cast(evaluate(c[0], c[1], c[2])) : 0;
        c[0] += delta[0];
        c[1] += delta[1];
        c[2] += delta[2];
      }
    }
  }
  return { size: [...grid.size], spacing: [...grid.spacing], origin: [...grid.origin], direction: [...grid.direction], data: out };
}

/**
 * pyradiomics `_checkROI`: the ROI's bounding box in the mask's index space, after checking that the
 * box's outer voxel edges (L − ½ and L + S − ½, mapped through physical space) fall inside the image,
 * i.e. within [−½ − 10⁻³, N_image − ½ + 10⁻³] on every axis.
 */
export function checkROI(image: Grid, mask: Volume, label: number): BoundingBox {
  const stats = labelBox(mask, label);
  if (!stats) throw new ImageCheckError(`Label (${label}) not present in mask`);
  const { box } = stats;
  const lo = physicalToIndex(image, indexToPhysical(mask, [box.lower[0] - 0.5, box.lower[1] - 0.5, box.lower[2] - 0.5]));
  const hi = physicalToIndex(image, indexToPhysical(mask, [box.upper[0] + 0.5, box.upper[1] + 0.5, box.upper[2] + 0.5]));
  const tol = 1e-3;
  for (let d = 0; d < 3; d++) {
    const mn = Math.min(lo[d]!, hi[d]!);
    const mx = Math.max(lo[d]!, hi[d]!);
    if (mn < -0.5 - tol || mx > image.size[d]! - 0.5 + tol) {
      throw new ImageCheckError(
        `Bounding box of ROI is larger than image space: ROI bounds (x, y, z image coordinate space) (${lo.join(', ')}) to (${hi.join(', ')}), image size (${image.size.join(', ')})`,
      );
    }
  }
  return box;
}

/** numpy `allclose(a, b)`: |a − b| ≤ 1e-8 + 1e-5·|b| element-wise. */
function allclose(a: readonly number[], b: readonly number[]): boolean {
  return a.every((x, i) => Math.abs(x - b[i]!) <= 1e-8 + 1e-5 * Math.abs(b[i]!));
}

/** Result of {@link resampleImage}. */
export interface Resampled {
  image: Volume;
  mask: Volume;
  /** True when the image was only cropped (spacing already equal), false when interpolated. */
  cropOnly: boolean;
}

/**
 * pyradiomics `resampleImage`: resample image (with `interpolator`, output keeps the image's pixel
 * type) and mask (nearest neighbour, keeps the mask type) to spacing r on a grid derived from the
 * mask's ROI (algorithms.md §2.1–2.2):
 *  r_d := m_d where r_d = 0 or where the ROI spans one voxel; if allclose(s_img, r) the mask is only
 *  resampled onto the image grid and both are cropped to the ROI ± padDistance; otherwise with
 *  ρ = m/r: B_lo = max(⌊(L − ½)ρ − pad⌋, 0), B_hi = min(⌈(L + S − ½)ρ + pad⌉, ⌈Nρ⌉ − 1),
 *  size B_hi − B_lo + 1, origin = mask's physical point of ½(r − m)/m + B_lo/ρ, direction of the mask.
 */
export function resampleImage(
  image: Volume,
  mask: Volume,
  spacing: readonly number[],
  interpolator: Interpolator,
  label: number,
  padDistance: number,
): Resampled {
  if (spacing.length !== 3) throw new ImageCheckError(`resampledPixelSpacing must have 3 values (x, y, z), got ${spacing.length}`);
  const m = mask.spacing;
  let r = spacing.map((v, d) => (v === 0 ? m[d]! : v)) as Vec3;
  const box = checkROI(image, mask, label);
  const roiSize = [0, 1, 2].map((d) => box.upper[d]! - box.lower[d]! + 1);
  r = r.map((v, d) => (roiSize[d] !== 1 ? v : m[d]!)) as Vec3;
  if (allclose(image.spacing, r)) {
    const onImage = resampleOnto(mask, image, 'sitkNearestNeighbor');
    const stats = labelBox(onImage, label);
    if (!stats) throw new ImageCheckError(`Label (${label}) not present in mask after resampling onto the image grid`);
    const cropped = cropToTumorMask(image, onImage, stats.box, padDistance);
    return { ...cropped, cropOnly: true };
  }
  const rho = [0, 1, 2].map((d) => m[d]! / r[d]!);
  const size = [0, 0, 0] as Vec3;
  const originIndex = [0, 0, 0] as Vec3;
  for (let d = 0; d < 3; d++) {
    let lo = Math.floor((box.lower[d]! - 0.5) * rho[d]! - padDistance);
    let hi = Math.ceil((box.lower[d]! + roiSize[d]! - 0.5) * rho[d]! + padDistance);
    const maxHi = Math.ceil(mask.size[d]! * rho[d]!) - 1;
    if (lo < 0) lo = 0;
    if (hi > maxHi) hi = maxHi;
    size[d] = Math.trunc(hi - lo + 1);
    originIndex[d] = (0.5 * (r[d]! - m[d]!)) / m[d]! + lo / rho[d]!;
  }
  const grid: Grid = { size, spacing: r, origin: indexToPhysical(mask, originIndex), direction: [...mask.direction] as Direction };
  return {
    image: resampleOnto(image, grid, interpolator),
    mask: resampleOnto(mask, grid, 'sitkNearestNeighbor'),
    cropOnly: false,
  };
}
