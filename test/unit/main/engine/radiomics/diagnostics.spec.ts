import { describe, expect, it } from 'vitest';
import { IDENTITY_DIRECTION, type Vec3, type Volume } from '../../../../../src/main/engine/image/volume';
import { countComponents } from '../../../../../src/main/engine/radiomics/diagnostics';

function labels(size: Vec3, voxels: [number, number, number, number][]): Volume {
  const data = new Uint8Array(size[0] * size[1] * size[2]);
  for (const [x, y, z, v] of voxels) data[x + size[0] * (y + size[1] * z)] = v;
  return { size, spacing: [1, 1, 1], origin: [0, 0, 0], direction: IDENTITY_DIRECTION, data };
}

describe('countComponents (diagnostics VolumeNum: 26-connected components of one label)', () => {
  it('joins voxels touching by a corner, separates voxels two apart, ignores other labels, reaches the grid edges', () => {
    const size: Vec3 = [5, 4, 3];
    const m = labels(size, [
      [0, 0, 0, 1],
      [1, 1, 1, 1], // corner neighbour of (0,0,0)
      [4, 3, 2, 1], // far corner: its own component
      [3, 3, 2, 2], // other label, between nothing
      [2, 1, 1, 2],
      [4, 0, 0, 1], // two apart from (2,*,*)... alone
    ]);
    expect(countComponents(m, 1)).toBe(3);
    expect(countComponents(m, 2)).toBe(2);
    expect(countComponents(m, 3)).toBe(0);
  });

  it('counts a full grid as one component', () => {
    const size: Vec3 = [3, 3, 3];
    const all = labels(size, []);
    all.data.fill(1);
    expect(countComponents(all, 1)).toBe(1);
  });
});
