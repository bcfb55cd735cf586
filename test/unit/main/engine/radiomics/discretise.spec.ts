import { describe, expect, it } from 'vitest';
import { binEdges, discretise } from '../../../../../src/main/engine/radiomics/discretise';

const all = (n: number): Uint8Array => new Uint8Array(n).fill(1);

describe('binEdges, fixed bin width (pyradiomics getBinEdges)', () => {
  it('aligns bins to multiples of the width from 0 and spans max + 2w', () => {
    // mn = 0, mx = 100: arange(0, 150, 25) = 0..125
    expect(Array.from(binEdges([0, 37, 100], false, { binWidth: 25, binCount: null }))).toEqual([0, 25, 50, 75, 100, 125]);
  });
  it('floors negative minima (floored modulo): mn = -3.7 -> lowBound -25', () => {
    const e = binEdges([-3.7, 10], false, { binWidth: 25, binCount: null });
    expect(e[0]).toBe(-25);
    expect(Array.from(e)).toEqual([-25, 0, 25, 50]);
  });
  it('uses e0 + k(e1 - e0) for non-dyadic widths, as numpy arange fills', () => {
    const e = binEdges([0.3, 0.55], false, { binWidth: 0.1, binCount: null });
    // numpy: arange(0.3 - (0.3 % 0.1), 0.55 + 0.2, 0.1)
    const low = 0.3 - (0.3 % 0.1);
    const d = low + 0.1 - low;
    expect(e[0]).toBe(low);
    expect(e[1]).toBe(low + 0.1);
    expect(e[3]).toBe(low + 3 * d);
  });
  it('float32 images: modulo and bounds in float32 (numpy >= 2)', () => {
    const mn = Math.fround(-3.7);
    const e = binEdges([mn, Math.fround(120.3)], true, { binWidth: 25, binCount: null });
    // numpy 2.4: arange(np.float32(-25), np.float32(170.3), 25) -> -25 .. 150 (float64)
    expect(Array.from(e)).toEqual([-25, 0, 25, 50, 75, 100, 125, 150]);
  });
});

describe('binEdges, fixed bin count (np.histogram edges, last edge + 1)', () => {
  it('int data: float64 linspace with exact last edge', () => {
    const e = binEdges([0, 10], false, { binWidth: 25, binCount: 4 });
    expect(Array.from(e)).toEqual([0, 2.5, 5, 7.5, 11]);
  });
  it('flat data widens to mn - 0.5 .. mx + 0.5', () => {
    const e = binEdges([7, 7], false, { binWidth: 25, binCount: 3 });
    // numpy 2.4: histogram([7,7], 3) -> [6.5, 6.8333.., 7.1666.., 7.5]; then +1
    expect(e[0]).toBe(6.5);
    expect(e[1]).toBeCloseTo(6.833333333333333, 15);
    expect(e[3]).toBe(8.5);
  });
  it('float32 data gives float32 edges', () => {
    const v = [0.1, 0.2, 5.3].map(Math.fround);
    const e = binEdges(v, true, { binWidth: 25, binCount: 4 });
    // numpy 2.4 float32: [0.1, 1.4000001, 2.7, 4.0, 5.3] then last + 1 in float32
    expect(e[1]).toBe(Math.fround(1.4000001));
    expect(e[4]).toBe(Math.fround(Math.fround(5.3) + 1));
  });
});

describe('discretise (binImage + _applyBinning)', () => {
  it('half-open bins; a maximum on an edge opens its own bin; non-ROI voxels are 0', () => {
    const image = [0, 24, 25, 100, 999];
    const mask = [1, 1, 1, 1, 0];
    const d = discretise(image, mask, false, { binWidth: 25, binCount: null });
    expect(Array.from(d.bins)).toEqual([1, 1, 2, 5, 0]);
    expect(Array.from(d.grayLevels)).toEqual([1, 2, 5]);
    expect(d.ng).toBe(5);
  });
  it('minimum always lands in bin 1, negative values', () => {
    const d = discretise([-30, -26, -25, 1], all(4), false, { binWidth: 25, binCount: null });
    // lowBound = -50: bins [-50,-25) -> 1, [-25,0) -> 2, [0,25) -> 3
    expect(Array.from(d.bins)).toEqual([1, 1, 2, 3]);
  });
  it('flat region is a single level', () => {
    const d = discretise([120, 120, 120], all(3), false, { binWidth: 5000, binCount: null });
    expect(Array.from(d.grayLevels)).toEqual([1]);
    expect(d.ng).toBe(1);
  });
  it('fixed bin count puts the maximum in bin N and can leave bins empty', () => {
    const d = discretise([0, 1, 10], all(3), false, { binWidth: 25, binCount: 4 });
    expect(Array.from(d.bins)).toEqual([1, 1, 4]);
    expect(Array.from(d.grayLevels)).toEqual([1, 4]);
    expect(d.ng).toBe(4);
  });
});

describe('binEdges float32 arange details (numpy 2.4 outputs)', () => {
  it('e1 = start + step in float32, later edges e0 + k(e1 - e0) in float64', () => {
    const v = [Math.fround(-144.5664), Math.fround(-140)];
    const e = binEdges(v, true, { binWidth: 0.1, binCount: null });
    expect(e[0]).toBe(-144.60000610351562);
    expect(e[1]).toBe(-144.5);
    expect(e[2]).toBe(-144.39999389648438);
    expect(e[3]).toBe(-144.29998779296875);
  });
  it('edge count from float32 scalars: arange(0f, 0.2f, 0.1) has 2 edges', () => {
    expect(binEdges([0, 0, 0], true, { binWidth: 0.1, binCount: null }).length).toBe(2);
  });
});
