import { describe, expect, it } from 'vitest';
import { indexToPhysical, physicalToIndex, type Direction } from '../../../../../src/main/engine/image/volume';

describe('volume geometry', () => {
  const geom = {
    origin: [10, -20, 5] as [number, number, number],
    spacing: [0.5, 0.75, 2] as [number, number, number],
    direction: [1, 0, 0, 0, -1, 0, 0, 0, 1] as Direction,
  };

  it('maps index (2, 4, 3) to origin + D·diag(spacing)·index', () => {
    expect(indexToPhysical(geom, [2, 4, 3])).toEqual([11, -23, 11]);
  });

  it('inverts index to physical for a rotated grid', () => {
    const p = indexToPhysical(geom, [1.5, 2.25, 7]);
    const idx = physicalToIndex(geom, p);
    expect(idx[0]).toBeCloseTo(1.5, 12);
    expect(idx[1]).toBeCloseTo(2.25, 12);
    expect(idx[2]).toBeCloseTo(7, 12);
  });
});
