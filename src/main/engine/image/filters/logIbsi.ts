/**
 * IBSI-compliance variant of the Laplacian of Gaussian (IBSI reference manual, "Image filtering",
 * arXiv:2006.05470, LoG filter; IBSI-2 response maps 2_a, 2_b, 2_c). pyradiomics does not use this: its
 * LoG is ITK's recursive filter ({@link laplacianRecursiveGaussian}). This variant exists so the
 * engine can be checked against, and offer, IBSI's definition:
 *  - a sampled, truncated kernel (radius ⌊dσ_v + 0.5⌋ voxels, d = 4) instead of a recursive approximation;
 *  - σ converted to voxels per axis (σ_v = σ/h) and no scale normalisation: the response is the
 *    Laplacian in voxel units, h(x) = −(1/σ²)(D − ‖x‖²/σ²)·G_σ(x), D = number of filtered axes;
 *  - an explicit padding mode; '2D' filters each axial slice (x, y) on its own.
 */
import type { VoxelArray } from '../volume';
import { convolveAxis, type AxisKernel, type PaddingMode } from './convolution';
import type { Axis, GridImage } from './grid';

/** Settings of the IBSI LoG. */
export interface IbsiLogOptions {
  /** Gaussian σ in mm. */
  sigmaMm: number;
  padding: PaddingMode;
  /** 3 = volumetric; 2 = per axial slice (x, y only). */
  dimensions: 2 | 3;
  /** Kernel truncation d in σ units (IBSI default 4). */
  truncate?: number;
}

/**
 * Sampled 1-D Gaussian (order 0) or its second derivative (order 2), σ in voxels, on k = −r … r with
 * r = ⌊dσ + 0.5⌋: g(k) = exp(−k²/2σ²)/(σ√(2π)), g''(k) = (k²/σ⁴ − 1/σ²)·g(k).
 */
export function sampledGaussianKernel(sigmaVoxels: number, order: 0 | 2, truncate = 4): AxisKernel {
  const r = Math.floor(truncate * sigmaVoxels + 0.5);
  const taps = new Float64Array(2 * r + 1);
  const s2 = sigmaVoxels * sigmaVoxels;
  for (let k = -r; k <= r; k++) {
    const g = Math.exp((-k * k) / (2 * s2)) / (sigmaVoxels * Math.sqrt(2 * Math.PI));
    taps[k + r] = order === 0 ? g : ((k * k) / (s2 * s2) - 1 / s2) * g;
  }
  return { taps, origin: r, dilation: 1, flipped: false };
}

/**
 * IBSI LoG response Σ_d ∂²_d G * I (voxel units), as the sum over filtered axes d of the order-2
 * kernel along d and order-0 kernels along the other filtered axes. Float64 result.
 */
export function ibsiLaplacianOfGaussian(image: GridImage<VoxelArray>, options: IbsiLogOptions): Float64Array {
  const { sigmaMm, padding, dimensions } = options;
  if (!(sigmaMm > 0)) throw new Error(`IBSI LoG: σ must be > 0 (got ${sigmaMm})`);
  const axes: Axis[] = dimensions === 3 ? [0, 1, 2] : [0, 1];
  const kernels = axes.map((a) => {
    const sigmaVoxels = sigmaMm / image.spacing[a];
    return {
      smooth: sampledGaussianKernel(sigmaVoxels, 0, options.truncate),
      second: sampledGaussianKernel(sigmaVoxels, 2, options.truncate),
    };
  });
  const input = { data: Float64Array.from(image.data), size: image.size, spacing: image.spacing };
  const total = new Float64Array(input.data.length);
  axes.forEach((d, i) => {
    let term = convolveAxis(input, d, kernels[i]!.second, padding);
    axes.forEach((a, j) => {
      if (a !== d) term = convolveAxis({ ...input, data: term }, a, kernels[j]!.smooth, padding);
    });
    for (let v = 0; v < total.length; v++) total[v] = total[v]! + term[v]!;
  });
  return total;
}
