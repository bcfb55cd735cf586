import { describe, expect, it } from 'vitest';
import { EditRecorder } from '../../../../src/renderer/src/tools/edits';
import { fillPolygon, rasterisePolygon } from '../../../../src/renderer/src/tools/polygon';

describe('polygon fill (voxel-centre, even–odd)', () => {
  it('an axis-aligned square covers as many pixels as its area', () => {
    const px = rasterisePolygon([[1, 1], [4, 1], [4, 3], [1, 3]], 6, 6);
    expect(px).toEqual([[1, 1], [2, 1], [3, 1], [1, 2], [2, 2], [3, 2]]);
  });

  it('a triangle keeps the pixel centres inside it', () => {
    const px = rasterisePolygon([[0.5, 0.5], [6.5, 0.5], [0.5, 6.5]], 8, 8);
    // Row v holds u with u + v < 7 (centres strictly inside the hypotenuse u + v = 7).
    const expected: [number, number][] = [];
    for (let v = 1; v <= 6; v++) for (let u = 1; u + v < 7; u++) expected.push([u, v]);
    expect(px).toEqual(expected);
  });

  it('a self-intersecting bow tie fills both lobes (even–odd)', () => {
    const px = rasterisePolygon([[0, 0], [6, 4], [6, 0], [0, 4]], 8, 8);
    const rows = new Map<number, number[]>();
    for (const [u, v] of px) rows.set(v, [...(rows.get(v) ?? []), u]);
    // Row 1 crosses at u = 0, 1.5, 4.5, 6: centres on a left edge are in, on a right edge out.
    expect(rows.get(1)).toEqual([0, 1, 5]);
  });

  it('fewer than three points fill nothing; points outside are clipped', () => {
    expect(rasterisePolygon([[0, 0], [3, 3]], 4, 4)).toEqual([]);
    expect(rasterisePolygon([[-5, -5], [20, -5], [20, 20], [-5, 20]], 3, 2)).toHaveLength(6);
  });

  it('fills on the chosen slice and axis, honouring the HU range', () => {
    const size: [number, number, number] = [4, 3, 2];
    const labels = new Uint8Array(24);
    const image = new Int16Array(24).fill(40);
    image[1 + 4 * (1 + 3 * 1)] = 500;
    const n = fillPolygon(new EditRecorder(labels), { size }, 2, 1, [[0, 0], [3, 0], [3, 3], [0, 3]], 2, { image, lo: 0, hi: 100 });
    expect(n).toBe(8);
    expect(labels.subarray(0, 12).every((v) => v === 0)).toBe(true);
    expect([...labels.subarray(12)]).toEqual([2, 2, 2, 0, 2, 0, 2, 0, 2, 2, 2, 0]);
  });
});
