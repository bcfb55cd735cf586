import { describe, expect, it } from 'vitest';
import { checkMask } from '../../../../../src/main/engine/image/checkMask';
import { assertFinite } from '../../../../../src/main/engine/image/finite';
import { getMask, roiOf } from '../../../../../src/main/engine/image/mask';
import { normalizeImage } from '../../../../../src/main/engine/image/normalise';
import { resegmentMask } from '../../../../../src/main/engine/image/resegment';
import { IDENTITY_DIRECTION, type Vec3, type Volume, type VoxelArray } from '../../../../../src/main/engine/image/volume';
import { DEFAULT_SETTINGS } from '../../../../../src/main/engine/radiomics/settings';

function vol<T extends VoxelArray>(size: Vec3, data: T, spacing: Vec3 = [1, 1, 1], origin: Vec3 = [0, 0, 0]): Volume<T> {
  return { size, spacing, origin, direction: [...IDENTITY_DIRECTION], data };
}

/** 4×4×2 mask with a 2×2×2 ROI of label 1 and one voxel of label 3. */
function sampleMask(): Volume<Uint32Array> {
  const d = new Uint32Array(32);
  for (const z of [0, 1]) for (const y of [1, 2]) for (const x of [1, 2]) d[x + 4 * (y + 4 * z)] = 1;
  d[15] = 3;
  return vol([4, 4, 2], d);
}
const checks = { ...DEFAULT_SETTINGS };

describe('getMask', () => {
  it('label absent: the error lists the labels present', () => {
    expect(() => getMask([sampleMask()], 2)).toThrow('Label (2) not present in mask. Choose from [1, 3]');
  });
  it('an empty mask has no labels', () => {
    expect(() => getMask([vol([2, 2, 1], new Uint8Array(4))], 1)).toThrow('No labels found in this mask');
  });
  it('casts to UInt32 like a C++ static_cast and checks label_channel', () => {
    const m = getMask([vol([2, 1, 1], new Int16Array([1, -1]))], 1);
    expect(Array.from(m.data)).toEqual([1, 4294967295]);
    expect(() => getMask([sampleMask()], 1, 1)).toThrow('label_channel 1 is out of range: the mask has 1 channel(s)');
    const picked = getMask([vol([2, 1, 1], new Uint8Array([0, 0])), vol([2, 1, 1], new Uint8Array([1, 0]))], 1, 1);
    expect(Array.from(picked.data)).toEqual([1, 0]);
  });
});

describe('checkMask', () => {
  const image = vol([4, 4, 2], new Int16Array(32));
  it('returns the inclusive (x, y, z) bounding box and count', () => {
    const r = checkMask(image, sampleMask(), checks);
    expect(r.box).toEqual({ lower: [1, 1, 0], upper: [2, 2, 1] });
    expect(r.count).toBe(8);
    expect(r.corrected).toBeNull();
  });
  it('geometry mismatch names both geometries', () => {
    const shifted = { ...sampleMask(), origin: [0.5, 0, 0] as Vec3 };
    expect(() => checkMask(image, shifted, checks)).toThrow(
      'Image/Mask geometry mismatch (origin differs). Image: size (4, 4, 2), spacing (1, 1, 1), origin (0, 0, 0), direction (1, 0, 0, 0, 1, 0, 0, 0, 1); mask: size (4, 4, 2), spacing (1, 1, 1), origin (0.5, 0, 0)',
    );
  });
  it('honours geometryTolerance (scaled by the image spacing) and reports size mismatches', () => {
    const nudged = { ...sampleMask(), origin: [1e-5, 0, 0] as Vec3 };
    expect(() => checkMask(image, nudged, checks)).toThrow('geometry mismatch');
    expect(checkMask(image, nudged, { ...checks, geometryTolerance: 1e-4 }).count).toBe(8);
    const bigger = vol([5, 4, 2], new Uint32Array(40).fill(1));
    expect(() => checkMask(image, bigger, checks)).toThrow('Image/Mask datatype or size mismatch. Image: size (4, 4, 2)');
  });
  it('correctMask resamples the mask onto the image grid (nearest neighbour)', () => {
    // mask at half the resolution along x, same physical extent
    const coarse = vol([2, 4, 2], new Uint32Array(16), [2, 1, 1], [0.5, 0, 0]);
    for (let i = 0; i < 16; i++) coarse.data[i] = i % 2 === 0 ? 1 : 0;
    const r = checkMask(image, coarse, { ...checks, correctMask: true });
    expect(r.corrected!.size).toEqual([4, 4, 2]);
    expect(Array.from(r.corrected!.data.slice(0, 4))).toEqual([1, 1, 0, 0]);
    expect(r.box).toEqual({ lower: [0, 0, 0], upper: [1, 3, 1] });
  });
  it('correctMask refuses a ROI outside the image', () => {
    const far = { ...sampleMask(), origin: [100, 0, 0] as Vec3 };
    expect(() => checkMask(image, far, { ...checks, correctMask: true })).toThrow('Bounding box of ROI is larger than image space');
  });
  it('ROI size rules: one voxel, too few dimensions, minimumROISize is strict', () => {
    const one = vol([4, 4, 2], new Uint32Array(32));
    one.data[5] = 1;
    expect(() => checkMask(image, one, checks)).toThrow('mask only contains 1 segmented voxel');
    const line = vol([4, 4, 2], new Uint32Array(32));
    line.data[0] = line.data[1] = line.data[2] = 1;
    expect(() => checkMask(image, line, checks)).toThrow('mask has too few dimensions (number of dimensions 1, minimum required 2)');
    expect(checkMask(image, line, { ...checks, minimumROIDimensions: 1 }).count).toBe(3);
    expect(() => checkMask(image, sampleMask(), { ...checks, minimumROISize: 8 })).toThrow('Size of the ROI is too small (minimum size: 8, ROI size: 8)');
    expect(checkMask(image, sampleMask(), { ...checks, minimumROISize: 7 }).count).toBe(8);
  });
});

describe('NaN voxels', () => {
  it('are reported with their count and first index', () => {
    const img = vol([2, 2, 1], new Float32Array([1, NaN, 3, Infinity]));
    expect(() => assertFinite(img)).toThrow('image has 2 NaN/Inf voxel(s), first at index (1, 0, 0)');
  });

  it('inside an ROI of an image cropped out of a larger grid: the index is reported in that grid', () => {
    const img = vol([2, 2, 1], new Float32Array([NaN, 1, 3, Infinity]));
    const roi = vol([2, 2, 1], new Uint8Array([0, 1, 1, 1]));
    expect(() => assertFinite(img, roi, 'square image', [4, 5, 6])).toThrow('square image has 1 NaN/Inf voxel(s) inside the ROI, first at index (5, 6, 6)');
  });
});

describe('normalize and resegmentation', () => {
  it('normalize uses the whole image, the unbiased σ, clips then scales', () => {
    const img = vol([4, 1, 1], new Int16Array([0, 2, 4, 6]));
    const out = normalizeImage(img, 10, 1);
    const sigma = Math.sqrt(20 / 3);
    expect(out.data[1]).toBeCloseTo((-1 / sigma) * 10, 12);
    expect(out.data[0]).toBe(-10); // (0 − 3)/σ = −1.16 → clipped to −1, × 10
  });
  it('sigma mode uses the population σ of the ROI; too few voxels left is an error', () => {
    const img = vol([4, 1, 1], new Int16Array([0, 2, 4, 100]));
    const roi = vol([4, 1, 1], new Uint8Array([1, 1, 1, 0]));
    // μ = 2, σ = √(8/3) ≈ 1.633: range [−1, 1] keeps 2 only... plus nothing else
    expect(() => resegmentMask(img, roi, [-1, 1], 'sigma')).toThrow('retained 1 voxel(s)');
    expect(Array.from(resegmentMask(img, roi, [-1.3, 1.3], 'sigma').data)).toEqual([1, 1, 1, 0]);
    expect(Array.from(resegmentMask(img, roi, [0.5], 'relative').data)).toEqual([0, 1, 1, 0]);
    expect(Array.from(resegmentMask(img, roi, [4, 2], 'absolute').data)).toEqual([0, 1, 1, 0]);
    expect(Array.from(roiOf(vol([2, 1, 1], new Uint32Array([2, 1])), 2).data)).toEqual([1, 0]);
  });
});
