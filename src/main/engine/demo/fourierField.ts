/**
 * Smooth random scalar fields for the demo phantom (tumour texture, necrotic-core outline, reader
 * boundary wobble), as a sum of K random plane waves (the "random phase" spectral method of
 * Shinozuka & Deodatis 1991, Appl Mech Rev 44:191):
 *
 *   ξ(p) = √(2/K) · Σ_k cos(ω_k · p + φ_k),
 *
 * with ω_k = (2π/λ_k)·u_k, u_k uniform on the sphere, λ_k log-uniform in [λ_min, λ_max] (mm) and
 * φ_k uniform in [0, 2π). Over the random phases E ξ = 0 and Var ξ = 1; the field is analytic, so it
 * can be evaluated at any point of a rigidly moving frame without resampling.
 */
import type { Rng } from '../stats/rng';
import { uniformIn, unitVector } from './random';

export interface FourierField {
  /** ω_k, 3 per wave, rad/mm. */
  frequencies: Float64Array;
  /** φ_k, rad. */
  phases: Float64Array;
}

/** Draws a field of `waves` plane waves with wavelengths in [minWavelength, maxWavelength] mm. */
export function drawFourierField(rng: Rng, waves: number, minWavelength: number, maxWavelength: number): FourierField {
  const frequencies = new Float64Array(3 * waves);
  const phases = new Float64Array(waves);
  for (let k = 0; k < waves; k++) {
    const u = unitVector(rng);
    const lambda = Math.exp(uniformIn(rng, Math.log(minWavelength), Math.log(maxWavelength)));
    const w = (2 * Math.PI) / lambda;
    frequencies[3 * k] = w * u[0];
    frequencies[3 * k + 1] = w * u[1];
    frequencies[3 * k + 2] = w * u[2];
    phases[k] = uniformIn(rng, 0, 2 * Math.PI);
  }
  return { frequencies, phases };
}

/** ξ(x, y, z) of a field (unit variance over the random phases). */
export function evaluateField(f: FourierField, x: number, y: number, z: number): number {
  const w = f.frequencies;
  const n = f.phases.length;
  let sum = 0;
  for (let k = 0; k < n; k++) sum += Math.cos(w[3 * k] * x + w[3 * k + 1] * y + w[3 * k + 2] * z + f.phases[k]);
  return sum * Math.sqrt(2 / n);
}

/**
 * ξ at the n equally spaced points q0 + i·step (i = 0…n−1), written into out[0…n−1]. The phase of
 * each wave is linear in i, so cos(θ0 + iΔ) is advanced by the angle-addition recurrence
 * (cos, sin)(θ + Δ) = (cos θ cos Δ − sin θ sin Δ, sin θ cos Δ + cos θ sin Δ) instead of a cosine per
 * point (rounding drift ≈ n·1e-16, negligible for image rows).
 */
export function evaluateFieldRow(f: FourierField, q0: readonly number[], step: readonly number[], n: number, out: Float64Array): void {
  const w = f.frequencies;
  const waves = f.phases.length;
  out.fill(0, 0, n);
  for (let k = 0; k < waves; k++) {
    const wx = w[3 * k];
    const wy = w[3 * k + 1];
    const wz = w[3 * k + 2];
    const theta = wx * q0[0] + wy * q0[1] + wz * q0[2] + f.phases[k];
    const delta = wx * step[0] + wy * step[1] + wz * step[2];
    const cd = Math.cos(delta);
    const sd = Math.sin(delta);
    let c = Math.cos(theta);
    let s = Math.sin(theta);
    for (let i = 0; i < n; i++) {
      out[i] += c;
      const c2 = c * cd - s * sd;
      s = s * cd + c * sd;
      c = c2;
    }
  }
  const norm = Math.sqrt(2 / waves);
  for (let i = 0; i < n; i++) out[i] *= norm;
}
