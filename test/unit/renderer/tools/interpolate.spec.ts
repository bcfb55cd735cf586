import { describe, expect, it } from 'vitest';
import { signedDistance2D, squaredDistance2D } from '../../../../src/renderer/src/tools/distance';
import { interpolateBetweenSlices } from '../../../../src/renderer/src/tools/interpolate';
import type { Grid } from '../../../../src/renderer/src/tools/grid';

function disc(labels: Uint8Array, g: Grid, k: number, cx: number, cy: number, r: number, value = 1): void {
  for (let y = 0; y < g.size[1]; y++) for (let x = 0; x < g.size[0]; x++) if ((x - cx) ** 2 + (y - cy) ** 2 <= r * r) labels[x + g.size[0] * (y + g.size[1] * k)] = value;
}
const countOn = (_labels: Uint8Array, g: Grid, k: number, idx: Uint32Array) => {
  const n = g.size[0] * g.size[1];
  return [...idx].filter((i) => Math.floor(i / n) === k).length;
};

describe('distance transform (Felzenszwalb–Huttenlocher)', () => {
  it('matches brute force on a random image with anisotropic spacing', () => {
    const nu = 9;
    const nv = 7;
    const sites = Array.from({ length: nu * nv }, (_, p) => (p * 37) % 11 === 0);
    const d = squaredDistance2D((p) => sites[p], nu, nv, 0.7, 1.9);
    for (let p = 0; p < nu * nv; p++) {
      let best = Infinity;
      for (let q = 0; q < nu * nv; q++) {
        if (!sites[q]) continue;
        best = Math.min(best, ((p % nu) - (q % nu)) ** 2 * 0.49 + (Math.floor(p / nu) - Math.floor(q / nu)) ** 2 * 3.61);
      }
      expect(d[p]).toBeCloseTo(best, 9);
    }
  });

  it('signed distance is negative exactly on the inside', () => {
    const inside = Uint8Array.from([0, 0, 0, 0, 0, 1, 1, 0, 0, 1, 1, 0, 0, 0, 0, 0]);
    const sdf = signedDistance2D(inside, 4, 4, 1, 1);
    expect([...sdf].map((v) => (v < 0 ? 1 : 0))).toEqual([...inside]);
    expect(sdf[5]).toBe(-1);
    expect(sdf[0]).toBeCloseTo(Math.SQRT2, 12);
  });
});

describe('fill between slices (signed-distance interpolation)', () => {
  const g: Grid = { size: [21, 21, 9], spacing: [1, 1, 2.5] };

  it('interpolates a disc of radius 3 on slice 0 and radius 7 on slice 8 into growing discs', () => {
    const labels = new Uint8Array(21 * 21 * 9);
    disc(labels, g, 0, 10, 10, 3);
    disc(labels, g, 8, 10, 10, 7);
    const p = interpolateBetweenSlices(labels, g, 2, 1);
    expect(p.slices).toEqual([1, 2, 3, 4, 5, 6, 7]);
    // The middle slice is close to a disc of radius 5 (area π·25 ≈ 78.5; pixelated ± the rim).
    const mid = countOn(labels, g, 4, p.indices);
    expect(mid).toBeGreaterThanOrEqual(69);
    expect(mid).toBeLessThanOrEqual(89);
    const sizes = p.slices.map((k) => countOn(labels, g, k, p.indices));
    for (let n = 1; n < sizes.length; n++) expect(sizes[n]).toBeGreaterThanOrEqual(sizes[n - 1]);
    // The preview does not modify the label map.
    expect(labels.reduce((a, b) => a + b, 0)).toBe(29 + 149);
  });

  it('two identical outlines give the same outline on every gap slice', () => {
    const labels = new Uint8Array(21 * 21 * 9);
    disc(labels, g, 2, 6, 8, 4);
    disc(labels, g, 5, 6, 8, 4);
    const p = interpolateBetweenSlices(labels, g, 2, 1);
    expect(p.slices).toEqual([3, 4]);
    expect(countOn(labels, g, 3, p.indices)).toBe(49);
    expect(countOn(labels, g, 4, p.indices)).toBe(49);
  });

  it('leaves adjacent annotated slices, other segments and other labels alone', () => {
    const labels = new Uint8Array(21 * 21 * 9);
    disc(labels, g, 0, 10, 10, 4);
    disc(labels, g, 1, 10, 10, 4);
    disc(labels, g, 4, 10, 10, 4);
    disc(labels, g, 2, 10, 10, 1, 2);
    disc(labels, g, 7, 3, 3, 2, 2);
    const p = interpolateBetweenSlices(labels, g, 2, 1);
    expect(p.slices).toEqual([2, 3]);
    expect(countOn(labels, g, 2, p.indices)).toBe(49 - 5);
    expect([...p.indices].every((i) => labels[i] === 0)).toBe(true);
  });

  it('interpolates along other axes (sagittal gap in the j–k plane)', () => {
    const h: Grid = { size: [5, 6, 6], spacing: [2, 1, 1] };
    const labels = new Uint8Array(5 * 6 * 6);
    for (const i of [0, 4]) for (let k = 1; k <= 3; k++) for (let j = 2; j <= 3; j++) labels[i + 5 * (j + 6 * k)] = 1;
    const p = interpolateBetweenSlices(labels, h, 0, 1);
    expect(p.slices).toEqual([1, 2, 3]);
    expect(p.indices.length).toBe(3 * 6);
  });

  it('no gap, no preview', () => {
    const labels = new Uint8Array(21 * 21 * 9);
    disc(labels, g, 4, 10, 10, 3);
    expect(interpolateBetweenSlices(labels, g, 2, 1).indices.length).toBe(0);
  });
});
