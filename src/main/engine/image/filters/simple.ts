/**
 * pyradiomics' voxel-wise intensity transforms (`imageoperations.getSquareImage`, `getSquareRootImage`,
 * `getLogarithmImage`, `getExponentialImage`; algorithms.md §7.1). All are float64 and rescale with
 * M = max|x| over the whole input image (not the ROI). Degenerate inputs give what numpy gives
 * (M = 0: NaN/∞ images), which later become NaN features, as in pyradiomics.
 */
import type { VoxelArray } from '../volume';

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

/**
 * pyradiomics `square`: f(x) = (c·x)², c = 1/√M. The sign is not restored (negative voxels become
 * positive), whatever pyradiomics' docstring says.
 */
export function squareImage(data: VoxelArray): Float64Array {
  const c = 1 / Math.sqrt(maxAbs(data));
  return Float64Array.from(data, (x) => {
    const v = c * x;
    return v * v;
  });
}

/** pyradiomics `squareroot`: f(x) = √(M·x) for x > 0, −√(−M·x) for x < 0, 0 for 0. */
export function squareRootImage(data: VoxelArray): Float64Array {
  const m = maxAbs(data);
  return Float64Array.from(data, (x) => (x > 0 ? Math.sqrt(x * m) : x < 0 ? -Math.sqrt(-x * m) : x));
}

/**
 * pyradiomics `logarithm`: g(x) = ln(x + 1) for x > 0, −ln(1 − x) for x < 0, 0 for 0; then
 * f = g·(M / max|g|), max|g| over the whole image.
 */
export function logarithmImage(data: VoxelArray): Float64Array {
  const m = maxAbs(data);
  const g = Float64Array.from(data, (x) => (x > 0 ? Math.log(x + 1) : x < 0 ? -Math.log(-(x - 1)) : x));
  const scale = m / maxAbs(g);
  for (let i = 0; i < g.length; i++) g[i] = g[i]! * scale;
  return g;
}

/** pyradiomics `exponential`: f(x) = exp(c·x), c = ln(M)/M (no sign handling; M = 1 gives exp(0) = 1). */
export function exponentialImage(data: VoxelArray): Float64Array {
  const m = maxAbs(data);
  const c = Math.log(m) / m;
  return Float64Array.from(data, (x) => Math.exp(c * x));
}
