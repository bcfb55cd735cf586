import { describe, expect, it } from 'vitest';
import { bsplineInterpolator } from '../../../../../src/main/engine/image/bspline';
import { cropToTumorMask } from '../../../../../src/main/engine/image/crop';
import { resampleImage, resampleOnto } from '../../../../../src/main/engine/image/resample';
import { IDENTITY_DIRECTION, type Vec3, type Volume, type VoxelArray } from '../../../../../src/main/engine/image/volume';

function vol<T extends VoxelArray>(size: Vec3, data: T, spacing: Vec3 = [1, 1, 1], origin: Vec3 = [0, 0, 0]): Volume<T> {
  return { size, spacing, origin, direction: [...IDENTITY_DIRECTION], data };
}

describe('ITK cubic B-spline', () => {
  it('interpolates: the spline passes through every sample (short lines: exact mirror init; long: horizon 18)', () => {
    for (const n of [5, 30]) {
      const data = Float64Array.from({ length: n * 3 * 2 }, (_, i) => Math.sin(i * 0.7) * 100);
      const v = vol([n, 3, 2], data);
      const f = bsplineInterpolator(v);
      for (let z = 0; z < 2; z++) for (let y = 0; y < 3; y++) for (let x = 0; x < n; x++) expect(f(x, y, z)).toBeCloseTo(data[x + n * (y + 3 * z)]!, 8);
    }
  });
  it('reproduces a cubic polynomial away from the mirrored ends', () => {
    const n = 60;
    const p = (x: number): number => 0.001 * x ** 3 - 0.05 * x * x + 2 * x - 7;
    const v = vol([n, 1, 1], Float64Array.from({ length: n }, (_, i) => p(i)));
    const f = bsplineInterpolator(v);
    for (const x of [25.25, 30.5, 33.9]) expect(f(x, 0, 0)).toBeCloseTo(p(x), 8);
  });
  it('a constant stays constant (weights sum to 1, gain 6 undone by the recursion)', () => {
    const v = vol([7, 2, 3], new Float64Array(42).fill(41));
    const f = bsplineInterpolator(v);
    for (const [x, y, z] of [[0.25, 0.5, 1.75], [5.9, 1.4, -0.4], [3, 1, 2]]) expect(f(x!, y!, z!)).toBeCloseTo(41, 11);
  });
});

describe('ResampleImageFilter conventions', () => {
  it('nearest neighbour rounds half up; points outside [−½, N − ½) get 0', () => {
    const v = vol([3, 1, 1], new Uint8Array([10, 20, 30]));
    const grid = { size: [4, 1, 1] as Vec3, spacing: [1, 1, 1] as Vec3, origin: [-0.5, 0, 0] as Vec3, direction: [...IDENTITY_DIRECTION] as Volume['direction'] };
    // continuous indices −0.5, 0.5, 1.5, 2.5: the first rounds to 0, 0.5 → 1, 1.5 → 2, 2.5 is outside
    expect(Array.from(resampleOnto(v, grid, 'sitkNearestNeighbor').data)).toEqual([10, 20, 30, 0]);
  });
  it('linear interpolation casts to int16 by truncation toward zero (−12.7 → −12)', () => {
    const v = vol([2, 1, 1], new Int16Array([-13, -12]));
    const grid = { size: [1, 1, 1] as Vec3, spacing: [1, 1, 1] as Vec3, origin: [0.3, 0, 0] as Vec3, direction: [...IDENTITY_DIRECTION] as Volume['direction'] };
    expect(Array.from(resampleOnto(v, grid, 'sitkLinear').data)).toEqual([-12]);
    expect(Array.from(resampleOnto(v, grid, 'sitkLinear', new Float64Array(0)).data)[0]).toBeCloseTo(-12.7, 12);
  });
});

describe('pyradiomics resampleImage grid', () => {
  it('bounds, size and corner-aligned origin from the mask (1 mm → 2 mm, pad 1)', () => {
    const size: Vec3 = [10, 10, 10];
    const mask = vol(size, new Uint32Array(1000), [1, 1, 1], [5, 6, 7]);
    for (const x of [3, 4, 5]) for (const y of [2, 3]) for (const z of [4, 5]) mask.data[x + 10 * (y + 10 * z)] = 1;
    const image = vol(size, new Int16Array(1000).fill(100), [1, 1, 1], [5, 6, 7]);
    const r = resampleImage(image, mask, [2, 2, 2], 'sitkBSpline', 1, 1);
    // ρ = ½, B_lo = ⌊(L − ½)ρ − 1⌋ clamped at 0, B_hi = ⌈(L + S − ½)ρ + 1⌉ clamped at ⌈10ρ⌉ − 1 = 4:
    // x (L 3, S 3): ⌊0.25⌋ = 0, ⌈3.75⌉ = 4 → 5; y (L 2, S 2): ⌊−0.25⌋ → 0, ⌈2.75⌉ = 3 → 4; z (L 4, S 2): 0, 4 → 5
    expect(r.image.size).toEqual([5, 4, 5]);
    // origin index ½(2 − 1)/1 + 0 = 0.5 on every axis
    expect(r.image.origin).toEqual([5.5, 6.5, 7.5]);
    expect(r.image.spacing).toEqual([2, 2, 2]);
    expect(r.cropOnly).toBe(false);
    expect(Array.from(r.image.data).every((v) => v === 100 || v === 99)).toBe(true);
  });
  it('equal spacing: only crops to the ROI ± padDistance', () => {
    const mask = vol([6, 6, 6], new Uint32Array(216));
    mask.data[2 + 6 * (2 + 6 * 2)] = 1;
    mask.data[3 + 6 * (3 + 6 * 3)] = 1;
    const image = vol([6, 6, 6], new Int16Array(216));
    const r = resampleImage(image, mask, [1, 0, 1], 'sitkBSpline', 1, 1);
    expect(r.cropOnly).toBe(true);
    expect(r.image.size).toEqual([4, 4, 4]);
    expect(r.image.origin).toEqual([1, 1, 1]);
    const c = cropToTumorMask(image, mask, { lower: [2, 2, 2], upper: [3, 3, 3] }, 5);
    expect(c.image.size).toEqual([6, 6, 6]);
  });
});
