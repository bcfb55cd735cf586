import { describe, expect, it } from 'vitest';
import type { Volume } from '../../../../../../src/main/engine/image/volume';
import { ibsiInterpolationGrid, interpolateMask, interpolateOnto, roundHalfEven } from '../../../../../../src/main/engine/radiomics/ibsi/interpolation';

const grid = (size: [number, number, number], spacing: [number, number, number], data: number[]): Volume<Float64Array> => ({
  size,
  spacing,
  origin: [10, 20, 30],
  direction: [1, 0, 0, 0, 1, 0, 0, 0, 1],
  data: Float64Array.from(data),
});

describe('IBSI interpolation grid', () => {
  it('has ⌈n·s/s′⌉ voxels and the same centre (IBSI CT phantom, config C: 204×201×60 at 0.977/3 mm → 100×99×90 at 2 mm)', () => {
    const g = ibsiInterpolationGrid({ size: [204, 201, 60], spacing: [0.977, 0.977, 3], origin: [0, 0, 0], direction: [1, 0, 0, 0, 1, 0, 0, 0, 1] }, [2, 2, 2]);
    expect(g.size).toEqual([100, 99, 90]);
    const centreOld = [203 * 0.977, 200 * 0.977, 59 * 3].map((v) => v / 2);
    const centreNew = g.origin.map((o, d) => o + ((g.size[d]! - 1) * 2) / 2);
    centreNew.forEach((c, d) => expect(c).toBeCloseTo(centreOld[d]!, 12));
  });

  it('keeps an axis given spacing 0, and exact multiples exact (60 × 3 / 2 = 90, not 91)', () => {
    const g = ibsiInterpolationGrid({ size: [4, 4, 60], spacing: [1, 1, 3], origin: [0, 0, 0], direction: [1, 0, 0, 0, 1, 0, 0, 0, 1] }, [0, 2, 2]);
    expect(g.size).toEqual([4, 2, 90]);
    expect(g.spacing).toEqual([1, 2, 2]);
  });
});

describe('IBSI interpolation', () => {
  it('is linear between samples and extrapolates with the nearest boundary value', () => {
    const line = grid([3, 1, 1], [1, 1, 1], [0, 10, 40]);
    // sample points at indices −0.75, −0.25, 0.25, …, 2.75
    const target = { size: [8, 1, 1] as [number, number, number], spacing: [0.5, 1, 1] as [number, number, number], origin: [9.25, 20, 30] as [number, number, number], direction: line.direction };
    expect(Array.from(interpolateOnto(line, target, 'linear').data)).toEqual([0, 0, 2.5, 7.5, 17.5, 32.5, 40, 40]);
    expect(Array.from(interpolateOnto(line, target, 'nearest').data)).toEqual([0, 0, 0, 10, 10, 40, 40, 40]);
  });

  it('thresholds the linearly interpolated mask at the partial-volume fraction (a 0.5 exactly is kept)', () => {
    const mask = grid([2, 1, 1], [1, 1, 1], [1, 0]);
    const target = { size: [3, 1, 1] as [number, number, number], spacing: [0.5, 1, 1] as [number, number, number], origin: [10, 20, 30] as [number, number, number], direction: mask.direction };
    expect(Array.from(interpolateMask(mask, target, 0.5).data)).toEqual([1, 1, 0]);
    expect(Array.from(interpolateMask(mask, target, 0.6).data)).toEqual([1, 0, 0]);
    expect(Array.from(interpolateMask(mask, target, null).data)).toEqual([1, 0, 0]);
  });

  it('rounds half to even, as numpy does', () => {
    expect([-2.5, -1.5, -0.5, 0.5, 1.5, 2.5, 2.4, -2.6].map(roundHalfEven)).toEqual([-2, -2, -0, 0, 2, 2, 2, -3]);
  });
});
