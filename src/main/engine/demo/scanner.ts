/**
 * The imaging chain of a demo centre's scanner, applied to an ideal phase rendering:
 *
 *   I = round( clamp( G_psf ∗ I_ideal + (σ · f / ‖g_n‖₂) · (G_n ∗ ε) + offset, −1024, 3071 ) ),
 *
 * with G_psf and G_n in-plane Gaussians (σ in voxels from the centre profile: the reconstruction
 * kernel's sharpness and the noise texture), ε white standard-normal noise, ‖g_n‖₂ the L2 norm of
 * the 2-D noise kernel (so the noise standard deviation is exactly σ·f), f the patient's body-size
 * factor, and the centre's calibration offset. Borders use nearest-sample padding.
 */
import { convolveAxis, type AxisKernel } from '../image/filters/convolution';
import type { Rng } from '../stats/rng';
import type { CentreProfile } from './centres';
import type { PhantomGrid } from './phantom';
import { normalArray } from './random';

/** Lowest and highest HU a 12-bit CT scanner reports. */
export const HU_RANGE = [-1024, 3071] as const;

/** Normalised sampled Gaussian, σ in samples, taps on −⌈3σ⌉…⌈3σ⌉, Σ taps = 1. */
export function gaussianKernel(sigma: number): AxisKernel {
  const r = Math.max(1, Math.ceil(3 * sigma));
  const taps = new Float64Array(2 * r + 1);
  let sum = 0;
  for (let k = -r; k <= r; k++) sum += taps[k + r] = Math.exp((-k * k) / (2 * sigma * sigma));
  for (let k = 0; k < taps.length; k++) taps[k] /= sum;
  return { taps, origin: r, dilation: 1, flipped: false };
}

function blurInPlane(data: Float64Array, grid: PhantomGrid, sigma: number): Float64Array {
  const kernel = gaussianKernel(sigma);
  const x = convolveAxis({ data, size: grid.size, spacing: grid.spacing }, 0, kernel, 'nearest');
  return convolveAxis({ data: x, size: grid.size, spacing: grid.spacing }, 1, kernel, 'nearest');
}

/**
 * Applies the scanner of `centre` to the ideal HU of one phase; `noiseFactor` scales the noise
 * (body size) and `rng` supplies the noise. Returns integer HU.
 */
export function scanPhase(ideal: Float32Array, grid: PhantomGrid, centre: CentreProfile, noiseFactor: number, rng: Rng): Int16Array {
  const blurred = blurInPlane(Float64Array.from(ideal), grid, centre.psf);
  const white = normalArray(rng, ideal.length);
  const noise = blurInPlane(Float64Array.from(white), grid, centre.noiseCorrelation);
  let norm2 = 0;
  for (const w of gaussianKernel(centre.noiseCorrelation).taps) norm2 += w * w;
  const scale = (centre.noiseSd * noiseFactor) / norm2; // ‖g_2D‖₂ = ‖g_1D‖₂² for a separable kernel
  const out = new Int16Array(ideal.length);
  for (let i = 0; i < out.length; i++) {
    const v = Math.round(blurred[i] + scale * noise[i] + centre.huOffset);
    out[i] = v < HU_RANGE[0] ? HU_RANGE[0] : v > HU_RANGE[1] ? HU_RANGE[1] : v;
  }
  return out;
}
