import { describe, expect, it } from 'vitest';
import { copyExtent, extentVoxels, sliceLabelExtent, type Extent } from '../../../../src/renderer/src/tools/sliceExtent';
import type { Vec3 } from '../../../../src/renderer/src/tools/grid';

const size: Vec3 = [5, 4, 3];
const at = (i: number, j: number, k: number) => i + 5 * (j + 4 * k);

/** Labels at (1,1,1), (3,2,1) and (0,3,2) on a 5×4×3 grid. */
function grid(): Uint8Array {
  const labels = new Uint8Array(60);
  labels[at(1, 1, 1)] = 1;
  labels[at(3, 2, 1)] = 2;
  labels[at(0, 3, 2)] = 1;
  return labels;
}

/** Brute force: the box of every non-zero voxel with index `axis` = k. */
function bruteForce(labels: Uint8Array, axis: 0 | 1 | 2, k: number): Extent | null {
  const lo = [Infinity, Infinity, Infinity];
  const hi = [-1, -1, -1];
  for (let z = 0; z < 3; z++)
    for (let y = 0; y < 4; y++)
      for (let x = 0; x < 5; x++) {
        const p = [x, y, z];
        if (p[axis] !== k || !labels[at(x, y, z)]) continue;
        for (let a = 0; a < 3; a++) {
          lo[a] = Math.min(lo[a], p[a]);
          hi[a] = Math.max(hi[a], p[a]);
        }
      }
  return hi[0] < 0 ? null : [lo[0], hi[0], lo[1], hi[1], lo[2], hi[2]];
}

describe('label extent of a slice (the overlay uploads and draws only this box)', () => {
  it('axial, coronal and sagittal slices: the tight box pinned to the slice, null when empty', () => {
    const labels = grid();
    expect(sliceLabelExtent(labels, { size }, 2, 1)).toEqual([1, 3, 1, 2, 1, 1]);
    expect(sliceLabelExtent(labels, { size }, 2, 0)).toBeNull();
    expect(sliceLabelExtent(labels, { size }, 1, 1)).toEqual([1, 1, 1, 1, 1, 1]);
    expect(sliceLabelExtent(labels, { size }, 0, 0)).toEqual([0, 0, 3, 3, 2, 2]);
    for (const axis of [0, 1, 2] as const) {
      for (let k = 0; k < size[axis]; k++) expect(sliceLabelExtent(labels, { size }, axis, k)).toEqual(bruteForce(labels, axis, k));
    }
  });

  it('a label in a corner voxel and a full slice give the one-voxel and the whole-slice box', () => {
    const labels = new Uint8Array(60);
    labels[at(4, 3, 2)] = 7;
    expect(sliceLabelExtent(labels, { size }, 2, 2)).toEqual([4, 4, 3, 3, 2, 2]);
    labels.fill(1, at(0, 0, 0), at(0, 0, 1));
    expect(sliceLabelExtent(labels, { size }, 2, 0)).toEqual([0, 4, 0, 3, 0, 0]);
  });

  it('a margin grows the box in the slice plane only, clipped to the grid', () => {
    const labels = grid();
    expect(sliceLabelExtent(labels, { size }, 2, 1, 1)).toEqual([0, 4, 0, 3, 1, 1]);
    expect(sliceLabelExtent(labels, { size }, 1, 1, 1)).toEqual([0, 2, 1, 1, 0, 2]);
    expect(sliceLabelExtent(labels, { size }, 0, 0, 2)).toEqual([0, 0, 1, 3, 0, 2]);
    expect(sliceLabelExtent(labels, { size }, 2, 0, 1)).toBeNull();
  });

  it('copies the box x fastest, as the sub-image scalars', () => {
    const labels = Uint8Array.from({ length: 60 }, (_, n) => n);
    const e: Extent = [1, 3, 1, 2, 1, 1];
    expect(extentVoxels(e)).toBe(6);
    expect([...copyExtent(labels, { size }, e)]).toEqual([at(1, 1, 1), at(2, 1, 1), at(3, 1, 1), at(1, 2, 1), at(2, 2, 1), at(3, 2, 1)]);
    const coronal: Extent = [0, 1, 2, 2, 0, 2];
    expect([...copyExtent(labels, { size }, coronal)]).toEqual([at(0, 2, 0), at(1, 2, 0), at(0, 2, 1), at(1, 2, 1), at(0, 2, 2), at(1, 2, 2)]);
  });
});
