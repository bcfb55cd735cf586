/**
 * pyradiomics LoG = ITK LaplacianRecursiveGaussianImageFilter (NormalizeAcrossScale on): assembly
 * checked against the closed-form Deriche kernels applied separably (replicate edges, float32 after
 * every pass and accumulation), plus properties and pyradiomics' naming/validity rules.
 */
import { describe, expect, it } from 'vitest';
import { laplacianRecursiveGaussian, logImageName, logImages, logSkipReason } from '../../../../../../src/main/engine/image/filters/log';
import type { Vec3 } from '../../../../../../src/main/engine/image/volume';
import { convolveReplicate, dericheKernel } from './dericheKernel';

function passAlong(data: Float32Array | Float64Array, size: Vec3, axis: number, kernel: Float64Array): Float32Array {
  const out = new Float32Array(data.length);
  const stride = [1, size[0], size[0] * size[1]][axis]!;
  const n = size[axis]!;
  for (let i = 0; i < data.length; i++) {
    const coordinate = Math.floor(i / stride) % n;
    if (coordinate !== 0) continue;
    const line = Float64Array.from({ length: n }, (_, k) => data[i + k * stride]!);
    convolveReplicate(line, kernel).forEach((v, k) => (out[i + k * stride] = v));
  }
  return out;
}

describe('laplacianRecursiveGaussian (ITK, pyradiomics LoG)', () => {
  it('equals Σ_d h_d⁻² · (σ² ∂²_d) ⊗ G ⊗ G from the closed-form kernels, float32 per pass (anisotropic grid)', () => {
    const size: Vec3 = [7, 6, 5];
    const spacing: Vec3 = [0.8, 1.1, 2.5];
    const sigma = 1.7;
    const data = Int16Array.from({ length: 210 }, (_, i) => Math.round(300 * Math.sin(i * 1.7) + 50 * Math.cos(i * 0.3)));
    const ours = laplacianRecursiveGaussian({ data, size, spacing }, sigma);
    expect(ours).toBeInstanceOf(Float32Array);
    const expected = new Float32Array(210);
    for (let d = 0; d < 3; d++) {
      let term = passAlong(Float64Array.from(data), size, d, dericheKernel(2, sigma / spacing[d]!, 400, sigma * sigma));
      for (let a = 0; a < 3; a++) if (a !== d) term = passAlong(term, size, a, dericheKernel(0, sigma / spacing[a]!, 400));
      const w = 1 / (spacing[d]! * spacing[d]!);
      for (let i = 0; i < 210; i++) expected[i] = expected[i]! + term[i]! * w;
    }
    const scale = Math.max(...Array.from(expected, Math.abs));
    for (let i = 0; i < 210; i++) expect(Math.abs(ours[i]! - expected[i]!)).toBeLessThan(2e-6 * scale);
  });

  it('LoG of a constant image is 0', () => {
    const data = new Int16Array(6 * 6 * 6).fill(-1000);
    for (const v of laplacianRecursiveGaussian({ data, size: [6, 6, 6], spacing: [0.7, 0.7, 3] }, 2)) expect(Math.abs(v)).toBeLessThan(1e-9);
  });

  it('LoG of a quadratic a·x² + b·y² + c·z² (mm) is σ²·2(a + b + c) away from the edges', () => {
    const size: Vec3 = [40, 40, 40];
    const spacing: Vec3 = [0.5, 0.75, 1];
    const [a, b, c] = [0.3, -0.2, 0.05];
    const data = new Float32Array(40 ** 3);
    for (let z = 0, i = 0; z < 40; z++) {
      for (let y = 0; y < 40; y++) {
        for (let x = 0; x < 40; x++, i++) {
          const [px, py, pz] = [(x - 20) * spacing[0], (y - 20) * spacing[1], (z - 20) * spacing[2]];
          data[i] = a * px * px + b * py * py + c * pz * pz;
        }
      }
    }
    // σ/h ≤ 1.2 px: the replicate-edge error has decayed below 1e-7 at 16 voxels from the edges.
    const sigma = 0.6;
    const out = laplacianRecursiveGaussian({ data, size, spacing }, sigma);
    const expected = sigma * sigma * 2 * (a + b + c);
    for (let z = 16; z < 24; z++) {
      for (let y = 16; y < 24; y++) {
        for (let x = 16; x < 24; x++) expect(Math.abs(out[x + 40 * (y + 40 * z)]! - expected)).toBeLessThan(1e-5 * expected);
      }
    }
  });

  it('the impulse response is symmetric about the impulse on every axis', () => {
    const n = 21;
    const data = new Float32Array(n ** 3);
    const c = 10;
    data[c + n * (c + n * c)] = 1000;
    const out = laplacianRecursiveGaussian({ data, size: [n, n, n], spacing: [1, 1, 1] }, 2);
    const at = (x: number, y: number, z: number) => out[x + n * (y + n * z)]!;
    const peak = Math.abs(at(c, c, c));
    for (let k = 1; k <= 8; k++) {
      expect(Math.abs(at(c + k, c, c) - at(c - k, c, c))).toBeLessThan(1e-6 * peak);
      expect(Math.abs(at(c, c + k, c) - at(c, c - k, c))).toBeLessThan(1e-6 * peak);
      expect(Math.abs(at(c, c, c + k) - at(c, c, c - k))).toBeLessThan(1e-6 * peak);
      expect(Math.abs(at(c + k, c, c) - at(c, c, c + k))).toBeLessThan(1e-6 * peak);
    }
  });
});

describe('pyradiomics getLoGImage rules', () => {
  it('names use Python str(σ) with . → -', () => {
    expect(logImageName('3.0')).toBe('log-sigma-3-0-mm-3D');
    expect(logImageName('1')).toBe('log-sigma-1-mm-3D');
    expect(logImageName('0.5')).toBe('log-sigma-0-5-mm-3D');
  });

  it('no image when an axis has < 4 voxels; σ ≤ 0 skipped; σ skipped unless size ≥ ⌈σ/h⌉ + 1 on every axis', () => {
    expect(logSkipReason([3, 10, 10], [1, 1, 1], 1)).toBe('image-too-small');
    expect(logSkipReason([10, 10, 10], [1, 1, 1], 0)).toBe('sigma-not-positive');
    expect(logSkipReason([10, 10, 10], [1, 1, 1], -1)).toBe('sigma-not-positive');
    expect(logSkipReason([5, 10, 10], [1, 1, 1], 4)).toBeNull();
    expect(logSkipReason([5, 10, 10], [1, 1, 1], 4.5)).toBe('sigma-too-large');
    expect(logSkipReason([10, 10, 5], [1, 1, 0.5], 2.5)).toBe('sigma-too-large');
  });

  it('yields float32 images for the usable σ only, in parameter order', () => {
    const image = { data: new Int16Array(6 * 6 * 6), size: [6, 6, 6] as Vec3, spacing: [1, 1, 1] as Vec3 };
    const out = [...logImages(image, [3, 0, 9, 1], ['3.0', '0', '9.0', '1'])];
    expect(out.map((o) => o.name)).toEqual(['log-sigma-3-0-mm-3D', 'log-sigma-1-mm-3D']);
    for (const o of out) expect(o.data).toBeInstanceOf(Float32Array);
  });
});
