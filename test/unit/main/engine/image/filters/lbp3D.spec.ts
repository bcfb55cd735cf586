/**
 * pyradiomics LBP3D building blocks (algorithms.md §7.4): trimesh icosphere, scipy sph_harm, scipy
 * cubic-spline map_coordinates, scipy kurtosis, and the assembled filter on cases whose answer follows
 * from the definitions (flat neighbourhood; a linear ramp whose binary pattern is a half-space).
 */
import { describe, expect, it } from 'vitest';
import { icosphereVertices } from '../../../../../../src/main/engine/image/filters/icosphere';
import { lbp3DImages } from '../../../../../../src/main/engine/image/filters/lbp3D';
import { fisherKurtosis, pairwiseSum } from '../../../../../../src/main/engine/image/filters/numpySums';
import { associatedLegendre, sphericalHarmonic } from '../../../../../../src/main/engine/image/filters/sphericalHarmonics';
import { offsetSampler, offsetSampleSlabs } from '../../../../../../src/main/engine/image/filters/offsetSampling';
import { castToDtype, cubicSplineCoefficients, cubicSplineSampler } from '../../../../../../src/main/engine/image/filters/splineSampling';
import type { Vec3 } from '../../../../../../src/main/engine/image/volume';

describe('icosphere (trimesh)', () => {
  it('has 12, 42, 162 vertices for 0, 1, 2 subdivisions, all on the sphere of the radius and distinct', () => {
    for (const [sub, count] of [[0, 12], [1, 42], [2, 162]] as const) {
      const v = icosphereVertices(sub, 1.5);
      expect(v).toHaveLength(count);
      for (const p of v) expect(Math.hypot(...p)).toBeCloseTo(1.5, 14);
      expect(new Set(v.map((p) => p.map((c) => c.toFixed(9)).join())).size).toBe(count);
    }
  });

  it('starts with the golden-ratio icosahedron in trimesh order, (−1, φ, 0)/√(2 + φ) first', () => {
    const phi = (1 + Math.sqrt(5)) / 2;
    const v = icosphereVertices(1, 1);
    const s = Math.sqrt(2 + phi);
    expect(v[0]![0]).toBeCloseTo(-1 / s, 15);
    expect(v[0]![1]).toBeCloseTo(phi / s, 15);
    expect(v[11]).toEqual([expect.closeTo(-phi / s, 15), expect.closeTo(0, 15), expect.closeTo(1 / s, 15)]);
  });
});

describe('spherical harmonics (scipy sph_harm(m, n, azimuth, polar))', () => {
  it('match the closed forms for n ≤ 2, Condon–Shortley phase included', () => {
    const [a, b] = [0.7, 1.1];
    const check = (m: number, n: number, re: number, im: number) => {
      const [r, i] = sphericalHarmonic(m, n, a, b);
      expect(r).toBeCloseTo(re, 14);
      expect(i).toBeCloseTo(im, 14);
    };
    check(0, 0, 0.5 / Math.sqrt(Math.PI), 0);
    check(0, 1, 0.5 * Math.sqrt(3 / Math.PI) * Math.cos(b), 0);
    const c11 = -0.5 * Math.sqrt(3 / (2 * Math.PI)) * Math.sin(b);
    check(1, 1, c11 * Math.cos(a), c11 * Math.sin(a));
    check(-1, 1, -c11 * Math.cos(a), c11 * Math.sin(a));
    check(0, 2, 0.25 * Math.sqrt(5 / Math.PI) * (3 * Math.cos(b) ** 2 - 1), 0);
    const c22 = 0.25 * Math.sqrt(15 / (2 * Math.PI)) * Math.sin(b) ** 2;
    check(2, 2, c22 * Math.cos(2 * a), c22 * Math.sin(2 * a));
    check(-2, 2, c22 * Math.cos(2 * a), -c22 * Math.sin(2 * a));
  });

  it('associated Legendre P_3^1(x) = −(3/2)(5x² − 1)√(1 − x²)', () => {
    expect(associatedLegendre(3, 1, 0.3)).toBeCloseTo(-1.5 * (5 * 0.09 - 1) * Math.sqrt(0.91), 14);
  });
});

describe('cubic B-spline sampling (scipy map_coordinates order 3, mode constant)', () => {
  it('coefficients solve (c[k−1] + 4c[k] + c[k+1])/6 = x[k] with mirrored ends c[−1] = c[1], c[n] = c[n−2]', () => {
    const x = Float64Array.from([3, -1, 4, 1, -5, 9, 2]);
    const c = cubicSplineCoefficients(x, [7, 1, 1]);
    const at = (k: number) => c[k < 0 ? -k : k > 6 ? 12 - k : k]!;
    for (let k = 0; k < 7; k++) expect((at(k - 1) + 4 * at(k) + at(k + 1)) / 6).toBeCloseTo(x[k]!, 13);
  });

  it('reproduces the samples at grid points, is 0 outside [0, n − 1] and constant on a constant image', () => {
    const size: Vec3 = [5, 4, 3];
    const data = Float64Array.from({ length: 60 }, (_, i) => Math.cos(i) * 10);
    const sample = cubicSplineSampler(data, size);
    for (let i = 0; i < 60; i++) expect(sample(Math.floor(i / 20), Math.floor(i / 5) % 4, i % 5)).toBeCloseTo(data[i]!, 12);
    expect(sample(2.0000001, 1, 1)).toBe(0);
    expect(sample(-1e-9, 1, 1)).toBe(0);
    const flat = cubicSplineSampler(new Float64Array(60).fill(7), size);
    expect(flat(1.3, 2.9, 0.2)).toBeCloseTo(7, 13);
  });

  it('stores samples in the input dtype: integers rounded half away from zero and clipped', () => {
    const int16 = castToDtype(new Int16Array(1));
    expect([int16(2.5), int16(-2.5), int16(-2.4), int16(4e4), int16(-4e4)]).toEqual([3, -3, -2, 32767, -32768]);
    expect(castToDtype(new Uint8Array(1))(-3)).toBe(0);
    expect(castToDtype(new Float32Array(1))(0.1)).toBe(Math.fround(0.1));
  });
});

describe('offsetSampler (tabulated fixed-offset cubic sampling)', () => {
  const size: Vec3 = [9, 7, 5];
  const n = size[0] * size[1] * size[2];
  const offsets = icosphereVertices(1, 1).concat([[0, 0, 0.5], [0.5, -0.5, 0], [-2, 0, 0.25]] as Vec3[]);
  const bitsOf = (data: Int16Array | Uint8Array | Float32Array | Float64Array) => {
    const reference = cubicSplineSampler(data, size);
    const sample = offsetSampler(data, size, offsets);
    const out = new Float64Array(offsets.length);
    const expected: number[] = [];
    const got: number[] = [];
    for (let z = 0; z < size[2]; z++) {
      for (let y = 0; y < size[1]; y++) {
        for (let x = 0; x < size[0]; x++) {
          sample(x, y, z, out);
          offsets.forEach((d, v) => {
            expected.push(reference(z + d[0], y + d[1], x + d[2]));
            got.push(out[v]!);
          });
        }
      }
    }
    return { expected, got };
  };

  it('returns cubicSplineSampler values bit for bit for every dtype (integer fast path included)', () => {
    let seed = 7;
    const noise = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648) * 400 - 200;
    const values = Float64Array.from({ length: n }, noise);
    for (const data of [Int16Array.from(values, Math.round), Uint8Array.from(values, (v) => Math.abs(v)), Float32Array.from(values), values]) {
      const { expected, got } = bitsOf(data);
      expect(got.every((v, i) => Object.is(v, expected[i]))).toBe(true);
    }
  });

  it('offsetSampleSlabs gives the same samples at every mask voxel, slab by slab (thin slabs, region inside the grid)', () => {
    let seed = 3;
    const noise = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648) * 400 - 200;
    const values = Float64Array.from({ length: n }, noise);
    const mask = Uint8Array.from({ length: n }, (_, i) => (i % 5 === 0 ? 0 : 1));
    const region = { lo: [1, 0, 1] as Vec3, hi: [9, 6, 5] as Vec3 };
    for (const data of [Int16Array.from(values, Math.round), Uint8Array.from(values, (v) => Math.abs(v)), Float32Array.from(values), values]) {
      const sample = offsetSampler(data, size, offsets);
      const out = new Float64Array(offsets.length);
      let checked = 0;
      // maxBytes 2000 forces one-slice slabs
      for (const slab of offsetSampleSlabs(data, size, offsets, region, mask, 2000)) {
        for (let z = slab.z0; z < slab.z1; z++) {
          for (let y = region.lo[1]; y < region.hi[1]; y++) {
            for (let x = region.lo[0]; x < region.hi[0]; x++) {
              if (!mask[x + size[0] * (y + size[1] * z)]) continue;
              sample(x, y, z, out);
              const local = ((z - slab.z0) * 6 + y) * 8 + x - 1;
              offsets.forEach((_, v) => expect(Object.is(slab.samples[v * slab.voxels + local], out[v])).toBe(true));
              checked++;
            }
          }
        }
      }
      expect(checked).toBe(mask.filter((m, i) => m && i % 9 >= 1 && Math.floor(i / 9) % 7 < 6 && Math.floor(i / 63) >= 1).length);
    }
  });

  it('rounds half-integer samples exactly as scipy order does (0, 1, 0, 1 … along x: midpoints are ½ ± rounding)', () => {
    const alternating = Int16Array.from({ length: n }, (_, i) => (i % size[0]) % 2);
    const { expected, got } = bitsOf(alternating);
    expect(got.every((v, i) => Object.is(v, expected[i]))).toBe(true);
  });
});

describe('scipy.stats.kurtosis (Fisher, biased) and numpy sums', () => {
  it('kurtosis of 1, 2, 3, 4 is 2.5625/1.5625 − 3; a constant row is NaN', () => {
    expect(fisherKurtosis([1, 2, 3, 4])).toBeCloseTo(2.5625 / 1.5625 - 3, 14);
    expect(fisherKurtosis([1, 2, 3, 4], true)).toBeCloseTo(2.5625 / 1.5625 - 3, 6);
    expect(Number.isNaN(fisherKurtosis(new Float64Array(42).fill(-12)))).toBe(true);
    const row = Float64Array.from({ length: 42 }, (_, i) => Math.sin(i) * 100);
    const scratch = { squares: new Float64Array(42), fourths: new Float64Array(42) };
    expect(fisherKurtosis(row, false, scratch)).toBe(fisherKurtosis(row));
    expect(fisherKurtosis(row, true, scratch)).toBe(fisherKurtosis(row, true));
  });

  it('pairwise sums of integers are exact at every length', () => {
    for (const n of [1, 7, 8, 42, 129, 300]) {
      const a = Float64Array.from({ length: n }, (_, i) => i * 3 - 50);
      expect(pairwiseSum(a, n)).toBe(a.reduce((s, v) => s + v, 0));
    }
  });
});

describe('lbp3DImages (pyradiomics getLBP3DImage)', () => {
  const settings = { levels: 2, icosphereRadius: 1, icosphereSubdivision: 1 };

  // Independent evaluation with pyradiomics' swapped angles: azimuth θ = arccos(v2/r), polar φ = atan2(v1, v0);
  // level l is the L2 norm of Σ_m c_lm·Y_lm(v), c_lm = Σ_v s_v·Y_lm(v).
  const vertices = icosphereVertices(1, 1);
  function levelNorm(s: number[], l: number): number {
    const g = new Float64Array(vertices.length);
    for (let m = -l; m <= l; m++) {
      const y = vertices.map((v) => sphericalHarmonic(m, l, Math.acos(v[2]), Math.atan2(v[1], v[0])));
      const c = y.reduce((acc, [re, im], v) => [acc[0]! + s[v]! * re, acc[1]! + s[v]! * im], [0, 0]);
      y.forEach(([re, im], v) => (g[v] = g[v]! + (c[0]! * re - c[1]! * im)));
    }
    return Math.sqrt(g.reduce((a, b) => a + b * b, 0));
  }

  it('a flat neighbourhood: m1 = 42^1.5/(4π), m2 a fixed non-zero value, kurtosis NaN; names and dtype', () => {
    // With the swapped angles the Y_1m are not harmonics of the sampling directions: the two pole vertices
    // (0, 0, ±1) both get φ = atan2(0, 0) = 0, so Σ_v Y_1m(v) ≠ 0 and m2 of an all-ones pattern is ≈ 18.4018,
    // not the rounding noise algorithms.md §7.4 step 8 expects (checked independently in numpy).
    const size: Vec3 = [7, 7, 7];
    const data = new Int16Array(343).fill(40);
    const mask = new Uint8Array(343);
    const centre = 3 + 7 * (3 + 7 * 3);
    mask[centre] = 1;
    const images = [...lbp3DImages({ data, size, spacing: [1, 1, 1] }, mask, settings)];
    expect(images.map((i) => i.name)).toEqual(['lbp-3D-m1', 'lbp-3D-m2', 'lbp-3D-k']);
    for (const i of images) expect(i.data).toBeInstanceOf(Float64Array);
    const ones = vertices.map(() => 1);
    expect(images[0]!.data[centre]).toBeCloseTo(42 ** 1.5 / (4 * Math.PI), 12);
    expect(images[0]!.data[centre]).toBeCloseTo(levelNorm(ones, 0), 12);
    expect(images[1]!.data[centre]).toBeCloseTo(levelNorm(ones, 1), 12);
    expect(images[1]!.data[centre]).toBeCloseTo(18.401806215963294, 10);
    expect(Number.isNaN(images[2]!.data[centre])).toBe(true);
    expect(images[0]!.data[centre + 1]).toBe(0); // outside the ROI
  });

  /** A 25³ linear ramp 100 + w·(z, y, x) with its centre voxel as the ROI. */
  function ramp(w: Vec3): { image: { data: Float64Array; size: Vec3; spacing: Vec3 }; mask: Uint8Array; centre: number } {
    const n = 25;
    const data = new Float64Array(n ** 3);
    for (let i = 0; i < data.length; i++) {
      const [x, y, z] = [i % n, Math.floor(i / n) % n, Math.floor(i / n ** 2)];
      data[i] = 100 + w[0] * z + w[1] * y + w[2] * x;
    }
    const mask = new Uint8Array(n ** 3);
    const centre = 12 + n * (12 + n * 12);
    mask[centre] = 1;
    return { image: { data, size: [n, n, n], spacing: [1, 1, 1] }, mask, centre };
  }

  it('a linear ramp: the pattern is the half-space v·w ≥ 0, levels are norms of its harmonic projections', () => {
    const w: Vec3 = [1, 0.1, 0.01]; // along numpy (z, y, x)
    const { image, mask, centre } = ramp(w);
    const [m1, m2, k] = [...lbp3DImages(image, mask, settings)].map((i) => i.data[centre]!);
    const s = vertices.map((v) => (v[0] * w[0] + v[1] * w[1] + v[2] * w[2] >= 0 ? 1 : 0));
    expect(m1).toBeCloseTo(levelNorm(s, 0), 9);
    expect(m2).toBeCloseTo(levelNorm(s, 1), 9);
    const f = vertices.map((v) => v[0] * w[0] + v[1] * w[1] + v[2] * w[2]);
    const mean = f.reduce((a, b) => a + b, 0) / f.length;
    const m2f = f.reduce((a, b) => a + (b - mean) ** 2, 0) / f.length;
    const m4f = f.reduce((a, b) => a + (b - mean) ** 4, 0) / f.length;
    expect(k).toBeCloseTo(m4f / m2f ** 2 - 3, 6);
  });

  it('three levels (the general path beside the two-level one): m1, m2, m3 are the norms of the projections', () => {
    const w: Vec3 = [0.3, -1, 0.2];
    const { image, mask, centre } = ramp(w);
    const images = [...lbp3DImages(image, mask, { ...settings, levels: 3 })];
    expect(images.map((i) => i.name)).toEqual(['lbp-3D-m1', 'lbp-3D-m2', 'lbp-3D-m3', 'lbp-3D-k']);
    const s = vertices.map((v) => (v[0] * w[0] + v[1] * w[1] + v[2] * w[2] >= 0 ? 1 : 0));
    for (let l = 0; l < 3; l++) expect(images[l]!.data[centre]).toBeCloseTo(levelNorm(s, l), 9);
  });
});
