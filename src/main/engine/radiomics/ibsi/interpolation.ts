/**
 * IBSI image and mask interpolation (IBSI-1 reference manual, arXiv:1612.07003, §2.4 "Interpolation",
 * and the reference-data notes of `05_Reference_data_sets`): a grid centred on the original grid,
 * nearest-boundary extrapolation, rounding of calibrated intensities, and partial-volume masks.
 * pyradiomics differs on every point (corner-aligned grid around the ROI, zero outside, no rounding,
 * nearest-neighbour masks; oracle README §4), so this is used only in the `ibsi` mode.
 */
import { bsplineInterpolator } from '../../image/bspline';
import type { Grid } from '../../image/geometry';
import { indexToPhysical, physicalToIndex, type Vec3, type Volume } from '../../image/volume';

/** Interpolation of the image values: nearest neighbour, (tri)linear, or cubic B-spline ("tricubic spline"). */
export type IbsiInterpolator = 'nearest' | 'linear' | 'cubic';

/** The IBSI interpolator a SimpleITK interpolator name stands for in `ibsi` mode. */
export function ibsiInterpolatorOf(sitkName: string): IbsiInterpolator {
  if (sitkName === 'sitkNearestNeighbor') return 'nearest';
  if (sitkName === 'sitkLinear') return 'linear';
  if (sitkName === 'sitkBSpline') return 'cubic';
  throw new Error(`interpolator '${sitkName}' has no IBSI counterpart here (use sitkNearestNeighbor, sitkLinear or sitkBSpline)`);
}

/**
 * IBSI's interpolation grid: per axis with original size n_a and spacing s_a, target spacing s_b
 * (0 keeps s_a): n_b = ⌈n_a·s_a/s_b⌉ (a relative slack of 1e-9 keeps exact multiples exact), and the
 * grid centres coincide, i.e. the first voxel sits at continuous index (n_a − 1)/2 − (n_b − 1)·s_b/(2s_a)
 * of the original grid. Direction is kept.
 */
export function ibsiInterpolationGrid(grid: Grid, spacing: readonly number[]): Grid {
  if (spacing.length !== 3) throw new Error(`resampledPixelSpacing must have 3 values (x, y, z), got ${spacing.length}`);
  const size = [0, 0, 0] as Vec3;
  const target = [0, 0, 0] as Vec3;
  const first = [0, 0, 0] as Vec3;
  for (let d = 0; d < 3; d++) {
    const sa = grid.spacing[d]!;
    const sb = spacing[d] === 0 ? sa : spacing[d]!;
    const extent = (grid.size[d]! * sa) / sb;
    size[d] = Math.max(1, Math.ceil(extent * (1 - 1e-9)));
    target[d] = sb;
    first[d] = (grid.size[d]! - 1) / 2 - ((size[d]! - 1) * sb) / (2 * sa);
  }
  return { size, spacing: target, origin: indexToPhysical(grid, first), direction: [...grid.direction] };
}

type Evaluate = (cx: number, cy: number, cz: number) => number;

/** Trilinear interpolation at a continuous index clamped to [0, n − 1] (nearest-boundary extrapolation). */
function linear(v: Volume): Evaluate {
  const [nx, ny, nz] = v.size;
  const data = v.data;
  const sxy = nx * ny;
  return (cx, cy, cz) => {
    const x = cx < 0 ? 0 : cx > nx - 1 ? nx - 1 : cx;
    const y = cy < 0 ? 0 : cy > ny - 1 ? ny - 1 : cy;
    const z = cz < 0 ? 0 : cz > nz - 1 ? nz - 1 : cz;
    const x0 = Math.min(Math.floor(x), nx - 1);
    const y0 = Math.min(Math.floor(y), ny - 1);
    const z0 = Math.min(Math.floor(z), nz - 1);
    const fx = x - x0;
    const fy = y - y0;
    const fz = z - z0;
    const dx = x0 + 1 < nx ? 1 : 0;
    const dy = y0 + 1 < ny ? nx : 0;
    const dz = z0 + 1 < nz ? sxy : 0;
    const i = x0 + nx * y0 + sxy * z0;
    const c00 = data[i]! * (1 - fx) + data[i + dx]! * fx;
    const c10 = data[i + dy]! * (1 - fx) + data[i + dy + dx]! * fx;
    const c01 = data[i + dz]! * (1 - fx) + data[i + dz + dx]! * fx;
    const c11 = data[i + dz + dy]! * (1 - fx) + data[i + dz + dy + dx]! * fx;
    const c0 = c00 * (1 - fy) + c10 * fy;
    const c1 = c01 * (1 - fy) + c11 * fy;
    return c0 * (1 - fz) + c1 * fz;
  };
}

/** Nearest neighbour (ties up) at a continuous index clamped to the grid. */
function nearest(v: Volume): Evaluate {
  const [nx, ny, nz] = v.size;
  const data = v.data;
  return (cx, cy, cz) => {
    const x = Math.min(Math.max(Math.floor(cx + 0.5), 0), nx - 1);
    const y = Math.min(Math.max(Math.floor(cy + 0.5), 0), ny - 1);
    const z = Math.min(Math.max(Math.floor(cz + 0.5), 0), nz - 1);
    return data[x + nx * (y + ny * z)]!;
  };
}

/**
 * Cubic B-spline interpolation (ITK's prefiltered order-3 spline, {@link bsplineInterpolator}) at a
 * continuous index clamped to the grid. IBSI pads with the nearest boundary value before
 * interpolating; clamping the position is the same for the linear case and differs for the cubic one
 * only within two voxels of the image border.
 */
function cubic(v: Volume): Evaluate {
  const [nx, ny, nz] = v.size;
  const f = bsplineInterpolator(v);
  return (cx, cy, cz) => f(Math.min(Math.max(cx, 0), nx - 1), Math.min(Math.max(cy, 0), ny - 1), Math.min(Math.max(cz, 0), nz - 1));
}

/**
 * Resample `input` onto `grid` (any direction; positions mapped through physical space) with
 * nearest-boundary extrapolation; float64 values.
 */
export function interpolateOnto(input: Volume, grid: Grid, interpolator: IbsiInterpolator): Volume<Float64Array> {
  const evaluate = interpolator === 'cubic' ? cubic(input) : interpolator === 'linear' ? linear(input) : nearest(input);
  const [nx, ny, nz] = grid.size;
  const out = new Float64Array(nx * ny * nz);
  let o = 0;
  for (let z = 0; z < nz; z++) {
    for (let y = 0; y < ny; y++) {
      const c0 = physicalToIndex(input, indexToPhysical(grid, [0, y, z]));
      const c1 = physicalToIndex(input, indexToPhysical(grid, [1, y, z]));
      const step = [c1[0] - c0[0], c1[1] - c0[1], c1[2] - c0[2]];
      for (let x = 0; x < nx; x++, o++) out[o] = evaluate(c0[0] + x * step[0]!, c0[1] + x * step[1]!, c0[2] + x * step[2]!);
    }
  }
  return { size: [...grid.size], spacing: [...grid.spacing], origin: [...grid.origin], direction: [...grid.direction], data: out };
}

/** Round half to even (numpy `round`), the rounding of interpolated calibrated intensities. */
export function roundHalfEven(v: number): number {
  const r = Math.round(v);
  return Math.abs(v % 1) === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

/**
 * Slack on the partial-volume threshold: interpolated mask values within 1e-9 below it count as
 * reaching it. Grid positions such as 1/3 + 1/6 are not exact in floating point, so a voxel halfway
 * between an inside and an outside slice can come out as 0.49999999999999994; IBSI warns about exactly
 * this ("0.4999… instead of 0.5") and means such voxels to be kept.
 */
const PARTIAL_VOLUME_SLACK = 1e-9;

/**
 * The ROI `roi` (0/1) on `grid`: linear interpolation of the mask and a partial-volume threshold t
 * (voxel kept when the interpolated fraction ≥ t), or nearest neighbour when t is null.
 */
export function interpolateMask(roi: Volume, grid: Grid, threshold: number | null): Volume<Uint8Array> {
  const fractions = interpolateOnto(roi, grid, threshold === null ? 'nearest' : 'linear').data;
  const cut = threshold === null ? 0.5 : threshold - PARTIAL_VOLUME_SLACK;
  const out = new Uint8Array(fractions.length);
  for (let i = 0; i < out.length; i++) out[i] = fractions[i]! >= cut ? 1 : 0;
  return { size: [...grid.size], spacing: [...grid.spacing], origin: [...grid.origin], direction: [...grid.direction], data: out };
}
