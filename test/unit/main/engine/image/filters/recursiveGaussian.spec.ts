/**
 * ITK's recursive Gaussian (Deriche 4th order) checked against Deriche's closed-form kernel with ITK's
 * constants: the recursion must reproduce the sampled closed form exactly (up to rounding), and ITK's
 * edge initialisation must equal convolution of the replicate-extended line.
 */
import { describe, expect, it } from 'vitest';
import { dericheCoefficients, filterLine, recursiveGaussianPass } from '../../../../../../src/main/engine/image/filters/recursiveGaussian';
import { convolveReplicate, dericheKernel } from './dericheKernel';

function run(order: 0 | 2, sigma: number, spacing: number, x: Float64Array, normalize = false): Float64Array {
  const out = new Float64Array(x.length);
  filterLine(dericheCoefficients(sigma, spacing, order, normalize), x, x.length, new Float64Array(x.length), out);
  return out;
}

function seededLine(n: number, seed: number): Float64Array {
  let s = seed;
  return Float64Array.from({ length: n }, () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return (s / 2147483648) * 200 - 100;
  });
}

const maxAbs = (a: ArrayLike<number>) => Array.from(a).reduce((m, v) => Math.max(m, Math.abs(v)), 0);

describe('Deriche recursive Gaussian (ITK coefficients)', () => {
  for (const sigma of [1.5, 3, 7.25]) {
    it(`order 0 impulse response is the normalised closed-form kernel (σ = ${sigma} px)`, () => {
      const n = 601;
      const x = new Float64Array(n);
      x[300] = 1;
      const out = run(0, sigma, 1, x);
      const h = dericheKernel(0, sigma, 300);
      for (let i = 0; i < n; i++) expect(Math.abs(out[i]! - h[i]!)).toBeLessThan(1e-13);
      expect(out.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    });

    it(`order 2 impulse response is the closed-form second-derivative kernel, Σh = 0, Σk²h = 2 (σ = ${sigma} px)`, () => {
      const n = 601;
      const x = new Float64Array(n);
      x[300] = 1;
      const out = run(2, sigma, 1, x);
      const h = dericheKernel(2, sigma, 300);
      const peak = maxAbs(h);
      for (let i = 0; i < n; i++) expect(Math.abs(out[i]! - h[i]!)).toBeLessThan(1e-12 * peak);
      // symmetric about the impulse
      for (let k = 1; k < 300; k++) expect(Math.abs(out[300 + k]! - out[300 - k]!)).toBeLessThan(1e-13 * peak);
    });
  }

  it('edge handling equals convolution of the replicate-extended line (orders 0 and 2, short lines)', () => {
    for (const n of [4, 5, 9, 17]) {
      const x = seededLine(n, 7 + n);
      for (const order of [0, 2] as const) {
        const sigma = 2.3;
        const expected = convolveReplicate(x, dericheKernel(order, sigma, 600));
        const out = run(order, sigma, 1, x);
        for (let i = 0; i < n; i++) expect(Math.abs(out[i]! - expected[i]!)).toBeLessThan(1e-11 * maxAbs(x));
      }
    }
  });

  it('σ is in mm: σ_pixels = σ / spacing, and NormalizeAcrossScale multiplies order 2 by σ² (mm)', () => {
    const x = seededLine(40, 3);
    const a = run(2, 3, 1.5, x, true);
    const b = run(2, 2, 1, x, false);
    for (let i = 0; i < x.length; i++) expect(a[i]!).toBeCloseTo(9 * b[i]!, 9);
  });

  it('a constant line is left unchanged by order 0 and gives 0 with order 2', () => {
    const x = new Float64Array(12).fill(-731.25);
    for (const v of run(0, 4, 1, x)) expect(Math.abs(v + 731.25)).toBeLessThan(1e-11);
    for (const v of run(2, 4, 1, x)) expect(Math.abs(v)).toBeLessThan(1e-11);
  });

  it('a line shorter than 4 samples throws, as ITK does', () => {
    const x = new Float64Array(3);
    expect(() => filterLine(dericheCoefficients(1, 1, 0, false), x, 3, new Float64Array(3), new Float64Array(3))).toThrow(/shorter than the 4/);
  });

  it('a spacing below 1e-8 throws', () => {
    expect(() => dericheCoefficients(1, 1e-9, 0, false)).toThrow(/below 1e-8/);
  });

  it('a pass along y filters every y line and stores float32-rounded values', () => {
    const size: [number, number, number] = [3, 6, 2];
    const data = Float64Array.from({ length: 36 }, (_, i) => Math.sin(i) * 100);
    const coefficients = dericheCoefficients(2, 1, 0, false);
    const dst = new Float64Array(36);
    recursiveGaussianPass({ data, size, spacing: [1, 1, 1] }, 1, coefficients, dst);
    for (let z = 0; z < 2; z++) {
      for (let x = 0; x < 3; x++) {
        const line = Float64Array.from({ length: 6 }, (_, y) => data[x + 3 * (y + 6 * z)]!);
        const out = new Float64Array(6);
        filterLine(coefficients, line, 6, new Float64Array(6), out);
        for (let y = 0; y < 6; y++) expect(dst[x + 3 * (y + 6 * z)]).toBe(Math.fround(out[y]!));
      }
    }
  });
});
