/**
 * Seeded random streams and the few distributions the demo-cohort generator needs, on top of the
 * MT19937 uniform stream of `stats/rng.ts`.
 *
 * Every independent concern (one patient's latent traits, one patient's phantom geometry, the
 * noise of one phase…) draws from its own stream, seeded by {@link subSeed} from the cohort seed and
 * a label path. A patient's traits therefore do not depend on how many patients are drawn or
 * whether images are written.
 */
import { createHash } from 'node:crypto';
import { Rng } from '../stats/rng';

/**
 * Seed of the sub-stream named by `labels`: the first 32 bits (big endian) of
 * SHA-256("dlrn-demo|seed|label1|label2|…").
 */
export function subSeed(seed: number, ...labels: (string | number)[]): number {
  const digest = createHash('sha256').update(['dlrn-demo', seed, ...labels].join('|')).digest();
  return digest.readUInt32BE(0);
}

/** A fresh MT19937 stream for the sub-stream `labels` of `seed`. */
export function streamFor(seed: number, ...labels: (string | number)[]): Rng {
  return new Rng(subSeed(seed, ...labels));
}

/** Uniform on (lo, hi). */
export function uniformIn(rng: Rng, lo: number, hi: number): number {
  return lo + (hi - lo) * rng.uniform();
}

/**
 * Standard normal deviate by the Box–Muller transform (Box & Muller 1958):
 * \(z = \sqrt{-2\ln u_1}\,\cos(2\pi u_2)\), two uniforms per deviate (the sine partner is discarded,
 * so the stream position after k draws is always 2k uniforms).
 */
export function normal(rng: Rng): number {
  const u1 = rng.uniform();
  const u2 = rng.uniform();
  return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
}

/**
 * `n` standard normal deviates by Box–Muller, both the cosine and sine partners used (image noise):
 * \(z_{2k} = r\cos\theta,\ z_{2k+1} = r\sin\theta\) with \(r = \sqrt{-2\ln u_1}\), \(\theta = 2\pi u_2\).
 */
export function normalArray(rng: Rng, n: number): Float32Array {
  const out = new Float32Array(n);
  for (let k = 0; k < n; k += 2) {
    const r = Math.sqrt(-2 * Math.log(rng.uniform()));
    const t = 2 * Math.PI * rng.uniform();
    out[k] = r * Math.cos(t);
    if (k + 1 < n) out[k + 1] = r * Math.sin(t);
  }
  return out;
}

/** 1 with probability p, else 0 (one uniform). */
export function bernoulli(rng: Rng, p: number): 0 | 1 {
  return rng.uniform() < p ? 1 : 0;
}

/**
 * Weibull deviate by inversion: \(T = \lambda\,(-\ln U)^{1/k}\), shape k, scale λ; survival
 * \(S(t) = \exp(-(t/\lambda)^k)\) (R's `rweibull(shape = k, scale = λ)` parameterisation).
 */
export function weibull(rng: Rng, shape: number, scale: number): number {
  return scale * Math.pow(-Math.log(rng.uniform()), 1 / shape);
}

/** Logistic function \(1/(1 + e^{-x})\). */
export function expit(x: number): number {
  return 1 / (1 + Math.exp(-x));
}

/** x clamped to [lo, hi]. */
export function clamp(x: number, lo: number, hi: number): number {
  return x < lo ? lo : x > hi ? hi : x;
}

/** A unit 3-vector uniformly distributed on the sphere (z uniform on (−1, 1), azimuth uniform). */
export function unitVector(rng: Rng): [number, number, number] {
  const z = uniformIn(rng, -1, 1);
  const phi = uniformIn(rng, 0, 2 * Math.PI);
  const r = Math.sqrt(1 - z * z);
  return [r * Math.cos(phi), r * Math.sin(phi), z];
}
