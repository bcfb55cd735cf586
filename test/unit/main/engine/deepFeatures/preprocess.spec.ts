import { describe, expect, it } from 'vitest';
import type { Vec3, Volume } from '../../../../../src/main/engine/image/volume';
import { IDENTITY_DIRECTION } from '../../../../../src/main/engine/image/volume';
import {
  DEFAULT_PREPROCESS_SETTINGS,
  EmptyRoiError,
  applyWindow,
  expandBox,
  largestCrossSection,
  preprocessRoi,
  resolvePreprocessSettings,
  roiAreaPerSlice,
  roiBoxInSlice,
  type NetworkInputSpec,
} from '../../../../../src/main/engine/deepFeatures/preprocess';

function vol(size: Vec3, values: number[] | ((x: number, y: number, z: number) => number), spacing: Vec3 = [1, 1, 1]): Volume<Float32Array> {
  const data = new Float32Array(size[0] * size[1] * size[2]);
  for (let z = 0; z < size[2]; z++)
    for (let y = 0; y < size[1]; y++)
      for (let x = 0; x < size[0]; x++) {
        const i = x + size[0] * (y + size[1] * z);
        data[i] = Array.isArray(values) ? values[i] : values(x, y, z);
      }
  return { size, spacing, origin: [0, 0, 0], direction: IDENTITY_DIRECTION, data };
}

/** Identity normalisation and a 2×2 output, so values can be checked by hand. */
const PLAIN: NetworkInputSpec = { size: [3, 2, 2], mean: [0, 0, 0], std: [1, 1, 1] };

describe('deep-feature preprocessing', () => {
  it('picks the axial slice with the largest ROI cross-section, the first one on ties', () => {
    // 3×3×4 mask: slice areas 1, 3, 3, 0.
    const mask = vol([3, 3, 4], (x, y, z) => (z === 0 ? +(x === 0 && y === 0) : z === 1 || z === 2 ? +(y === 1) : 0));
    expect(Array.from(roiAreaPerSlice(mask, 'nonzero'))).toEqual([1, 3, 3, 0]);
    expect(largestCrossSection(roiAreaPerSlice(mask, 'nonzero'))).toBe(1);
    expect(largestCrossSection(new Int32Array(3))).toBe(-1);
  });

  it('selects ROI voxels by label or by any non-zero value', () => {
    const mask = vol([4, 1, 1], [0, 1, 2, 2]);
    expect(roiAreaPerSlice(mask, 2)[0]).toBe(2);
    expect(roiAreaPerSlice(mask, 'nonzero')[0]).toBe(3);
    expect(roiBoxInSlice(mask, 0, 2)).toEqual({ x0: 2, x1: 3, y0: 0, y1: 0 });
  });

  it('grows the box by a margin in voxels or in mm (rounded per axis) and squares it in mm', () => {
    const box = { x0: 5, x1: 7, y0: 10, y1: 10 };
    expect(expandBox(box, [1, 1], { value: 2, unit: 'voxel' }, false)).toEqual({ x0: 3, x1: 9, y0: 8, y1: 12 });
    // 3 mm at 0.7 mm → round(4.29) = 4 voxels along x; at 2 mm → round(1.5) = 2 along y.
    expect(expandBox(box, [0.7, 2], { value: 3, unit: 'mm' }, false)).toEqual({ x0: 1, x1: 11, y0: 8, y1: 12 });
    // 3×1 voxels at 1 mm → square 3×3: y grows by 2 (1 low, 1 high).
    expect(expandBox(box, [1, 1], { value: 0, unit: 'voxel' }, true)).toEqual({ x0: 5, x1: 7, y0: 9, y1: 11 });
    // 3 voxels × 1 mm wide, 1 voxel × 2 mm high → 3 mm vs 2 mm: y grows to round(3/2) = 2 voxels, extra on the high side.
    expect(expandBox(box, [1, 2], { value: 0, unit: 'voxel' }, true)).toEqual({ x0: 5, x1: 7, y0: 10, y1: 11 });
  });

  it('windows HU linearly to [0, 1] with clipping (W400/L40 → [−160, 240] HU)', () => {
    const v = applyWindow(Float32Array.from([-1000, -160, 40, 140, 240, 3000]), { width: 400, level: 40 });
    expect(Array.from(v)).toEqual([0, 0, 0.5, 0.75, 1, 1]);
  });

  it('crops the ROI box, windows, resizes and normalises (hand-computed 2×2 case)', () => {
    // One slice 4×3; ROI = x 1..2, y 0..1 → a 2×2 crop, resized 2×2 → 2×2 (identity).
    const hu = [0, -160, 240, 0, 0, 40, 140, 0, 999, 999, 999, 999];
    const image = vol([4, 3, 1], hu);
    const mask = vol([4, 3, 1], (x, y) => +(x >= 1 && x <= 2 && y <= 1));
    const r = preprocessRoi(image, mask, PLAIN, DEFAULT_PREPROCESS_SETTINGS);
    expect(r.box).toEqual({ x0: 1, x1: 2, y0: 0, y1: 1 });
    expect(Array.from(r.grey)).toEqual([0, 1, 0.5, 0.75]);
    expect(Array.from(r.tensor)).toEqual([0, 1, 0.5, 0.75, 0, 1, 0.5, 0.75, 0, 1, 0.5, 0.75]);
    expect(r.roiPixels).toBe(4);
    // ImageNet normalisation per channel: (g − μ_c)/σ_c.
    const imagenet: NetworkInputSpec = { size: [3, 2, 2], mean: [0.485, 0.456, 0.406], std: [0.229, 0.224, 0.225] };
    const t = preprocessRoi(image, mask, imagenet, DEFAULT_PREPROCESS_SETTINGS).tensor;
    expect(t[1]).toBeCloseTo((1 - 0.485) / 0.229, 6);
    expect(t[4 + 2]).toBeCloseTo((0.5 - 0.456) / 0.224, 6);
    expect(t[8 + 0]).toBeCloseTo((0 - 0.406) / 0.225, 6);
  });

  it('resizes a 2×1 crop to 4×2 with half-pixel centres', () => {
    const image = vol([2, 1, 1], [-160, 240]);
    const mask = vol([2, 1, 1], [1, 1]);
    const r = preprocessRoi(image, mask, { size: [3, 2, 4], mean: [0, 0, 0], std: [1, 1, 1] }, DEFAULT_PREPROCESS_SETTINGS);
    expect(Array.from(r.grey)).toEqual([0, 0.25, 0.75, 1, 0, 0.25, 0.75, 1]);
  });

  it('averages neighbour slices (clipped to the volume), pads outside the image and masks outside the ROI', () => {
    // 2×1×3: slice z=1 has the ROI at x=0; HU per slice: z0 = (40, 40), z1 = (240, 40), z2 = (−160, 40).
    const image = vol([2, 1, 3], [40, 40, 240, 40, -160, 40]);
    const mask = vol([2, 1, 3], (x, _y, z) => +(z === 1 && x === 0));
    const spec: NetworkInputSpec = { size: [3, 1, 2], mean: [0, 0, 0], std: [1, 1, 1] };
    const avg = preprocessRoi(image, mask, spec, resolvePreprocessSettings({ neighbourSlices: 5 }));
    expect(avg.slab).toEqual([0, 2]);
    expect(avg.crop[0]).toBeCloseTo(0.5, 6); // mean of (40, 240, −160) = 40 HU = the window centre
    // Margin of 1 voxel along x reaches x = −1 (outside: −1024 HU → 0) and x = 1.
    const padded = preprocessRoi(image, mask, { size: [3, 3, 3], mean: [0, 0, 0], std: [1, 1, 1] }, resolvePreprocessSettings({ margin: { value: 1, unit: 'voxel' } }));
    expect(padded.box).toEqual({ x0: -1, x1: 1, y0: -1, y1: 1 });
    expect(Array.from(padded.crop)).toEqual([0, 0, 0, 0, 1, 0.5, 0, 0, 0]);
    const masked = preprocessRoi(image, mask, { size: [3, 3, 3], mean: [0, 0, 0], std: [1, 1, 1] }, resolvePreprocessSettings({ margin: { value: 1, unit: 'voxel' }, maskOutside: true }));
    expect(Array.from(masked.crop)).toEqual([0, 0, 0, 0, 1, 0, 0, 0, 0]);
  });

  it('names the patient and phase when the ROI is empty, and rejects mismatched grids', () => {
    const image = vol([2, 2, 1], [0, 0, 0, 0]);
    expect(() => preprocessRoi(image, vol([2, 2, 1], [0, 0, 0, 0]), PLAIN, DEFAULT_PREPROCESS_SETTINGS, { patient: 'P017', phase: 'V' })).toThrow(EmptyRoiError);
    expect(() => preprocessRoi(image, vol([2, 2, 1], [0, 3, 0, 0]), PLAIN, resolvePreprocessSettings({ label: 1 }), { patient: 'P017', phase: 'V' })).toThrow(
      'empty ROI for patient P017, phase V: the mask has no voxel with label 1',
    );
    expect(() => preprocessRoi(image, vol([2, 1, 1], [1, 1]), PLAIN, DEFAULT_PREPROCESS_SETTINGS, { phase: 'A' })).toThrow(/mask grid 2×1×1 differs from image grid 2×2×1 for phase A/);
  });

  it('rejects invalid settings', () => {
    expect(() => resolvePreprocessSettings({ neighbourSlices: -1 })).toThrow(/neighbourSlices/);
    expect(() => resolvePreprocessSettings({ margin: { value: 1.5, unit: 'voxel' } })).toThrow(/integer/);
    expect(() => resolvePreprocessSettings({ window: { width: 0, level: 40 } })).toThrow(/window/);
  });
});
