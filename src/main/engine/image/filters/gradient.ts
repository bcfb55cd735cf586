/**
 * pyradiomics' Gradient image type: SimpleITK `GradientMagnitudeImageFilter` with
 * `UseImageSpacing = gradientUseSpacing` (algorithms.md §7.2; ITK `itkGradientMagnitudeImageFilter`).
 */
import type { VoxelArray } from '../volume';
import { axisStrides, wholeGrid, type GridImage, type Region } from './grid';

/**
 * |∇I| = √(Σ_d g_d²) with central differences g_d = (x[i+1] − x[i−1])/(2h_d) (h_d = 1 when
 * `useSpacing` is false) and ITK's zero-flux Neumann boundary (the missing neighbour is the edge
 * sample itself, so g = (x[1] − x[0])/(2h) at the first sample). Computed in double, stored as float32
 * (SimpleITK's output pixel type). An axis of length 1 contributes 0. With `region`, only its voxels
 * are computed (the others stay 0).
 */
export function gradientMagnitude(image: GridImage<VoxelArray>, useSpacing = true, region: Region = wholeGrid(image.size)): Float32Array {
  const { data, size } = image;
  const [, sy, sz] = axisStrides(size);
  const [cx, cy, cz] = [0, 1, 2].map((d) => 0.5 * (useSpacing ? 1 / image.spacing[d]! : 1)) as [number, number, number];
  const out = new Float32Array(data.length);
  for (let z = region.lo[2]; z < region.hi[2]; z++) {
    const zb = z > 0 ? sz : 0;
    const za = z < size[2] - 1 ? sz : 0;
    for (let y = region.lo[1]; y < region.hi[1]; y++) {
      const yb = y > 0 ? sy : 0;
      const ya = y < size[1] - 1 ? sy : 0;
      for (let x = region.lo[0], i = x + size[0] * (y + size[1] * z); x < region.hi[0]; x++, i++) {
        const xb = x > 0 ? 1 : 0;
        const xa = x < size[0] - 1 ? 1 : 0;
        const gx = -cx * data[i - xb]! + cx * data[i + xa]!;
        const gy = -cy * data[i - yb]! + cy * data[i + ya]!;
        const gz = -cz * data[i - zb]! + cz * data[i + za]!;
        out[i] = Math.sqrt(gx * gx + gy * gy + gz * gz);
      }
    }
  }
  return out;
}
