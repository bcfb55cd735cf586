/**
 * pyradiomics' voxel-wise intensity transforms (`imageoperations.getSquareImage`, `getSquareRootImage`,
 * `getLogarithmImage`, `getExponentialImage`; algorithms.md §7.1). All are float64 and rescale with
 * M = max|x| over the whole input image (not the ROI). Degenerate inputs give what numpy gives
 * (M = 0: NaN/∞ images), which later become NaN features, as in pyradiomics.
 */
import type { VoxelArray } from '../volume';
import { forEachRegionRow, type GridRegion } from './grid';

/** M = max|x| over the whole image (numpy `max(abs(im))`; NaN if any voxel is NaN). */
function maxAbs(data: VoxelArray): number {
  let m = 0;
  for (let i = 0; i < data.length; i++) {
    const a = Math.abs(data[i]!);
    if (Number.isNaN(a)) return NaN;
    if (a > m) m = a;
  }
  return m;
}

/** out[i] = f(data[i]) for the voxels of `where` (every voxel without it; the others stay 0). */
function mapVoxels(data: VoxelArray, f: (x: number) => number, where?: GridRegion): Float64Array {
  const out = new Float64Array(data.length);
  forEachRegionRow(data.length, where, (begin, end) => {
    for (let i = begin; i < end; i++) out[i] = f(data[i]!);
  });
  return out;
}

/**
 * pyradiomics `square`: f(x) = (c·x)², c = 1/√M. The sign is not restored (negative voxels become
 * positive), whatever pyradiomics' docstring says. With `where`, only its voxels are computed (M is
 * still the whole image's).
 */
export function squareImage(data: VoxelArray, where?: GridRegion): Float64Array {
  const c = 1 / Math.sqrt(maxAbs(data));
  return mapVoxels(
    data,
    (x) => {
      const v = c * x;
      return v * v;
    },
    where,
  );
}

/** pyradiomics `squareroot`: f(x) = √(M·x) for x > 0, −√(−M·x) for x < 0, 0 for 0 (`where`: as {@link squareImage}). */
export function squareRootImage(data: VoxelArray, where?: GridRegion): Float64Array {
  const m = maxAbs(data);
  return mapVoxels(data, (x) => (x > 0 ? Math.sqrt(x * m) : x < 0 ? -Math.sqrt(-x * m) : x), where);
}

/** g(x) = ln(x + 1) for x > 0, −ln(1 − x) for x < 0, 0 for 0 (pyradiomics' signed logarithm). */
function signedLog(x: number): number {
  return x > 0 ? Math.log(x + 1) : x < 0 ? -Math.log(-(x - 1)) : x;
}

/**
 * pyradiomics `logarithm`: g(x) = ln(x + 1) for x > 0, −ln(1 − x) for x < 0, 0 for 0; then
 * f = g·(M / max|g|), max|g| over the whole image (`where`: as {@link squareImage}).
 */
export function logarithmImage(data: VoxelArray, where?: GridRegion): Float64Array {
  const m = maxAbs(data);
  let maxG = 0;
  for (let i = 0; i < data.length; i++) {
    const a = Math.abs(signedLog(data[i]!));
    if (Number.isNaN(a)) {
      maxG = NaN;
      break;
    }
    if (a > maxG) maxG = a;
  }
  const scale = m / maxG;
  return mapVoxels(data, (x) => signedLog(x) * scale, where);
}

/** pyradiomics `exponential`: f(x) = exp(c·x), c = ln(M)/M (no sign handling; M = 1 gives exp(0) = 1; `where`: as {@link squareImage}). */
export function exponentialImage(data: VoxelArray, where?: GridRegion): Float64Array {
  const m = maxAbs(data);
  const c = Math.log(m) / m;
  return mapVoxels(data, (x) => Math.exp(c * x), where);
}
