import { describe, expect, it } from 'vitest';
import { buildAngles } from '../../../../../src/main/engine/radiomics/angles';

const opts = { distances: [1], force2D: false, force2Ddimension: 0 as const, bidirectional: false };

describe('buildAngles (pyradiomics build_angles conventions)', () => {
  it('3-D distance 1: 13 unidirectional angles in pyradiomics order', () => {
    const a = buildAngles([5, 5, 5], opts);
    expect(a).toHaveLength(13);
    expect(a.slice(0, 4)).toEqual([
      [1, 1, 1],
      [1, 1, 0],
      [1, 1, -1],
      [1, 0, 1],
    ]);
    expect(a[12]).toEqual([0, 0, 1]);
  });

  it('bidirectional sets are antisymmetric and twice as long (26)', () => {
    const a = buildAngles([5, 5, 5], { ...opts, bidirectional: true });
    expect(a).toHaveLength(26);
    for (let k = 0; k < 13; k++) expect(a[25 - k]).toEqual(a[k]!.map((c) => 0 - c));
  });

  it('force2D drops offsets along force2Ddimension (numpy axis 0 = z)', () => {
    const a = buildAngles([5, 5, 5], { ...opts, force2D: true });
    expect(a).toEqual([
      [0, 1, 1],
      [0, 1, 0],
      [0, 1, -1],
      [0, 0, 1],
    ]);
    const x = buildAngles([5, 5, 5], { ...opts, force2D: true, force2Ddimension: 2 });
    expect(x.every((o) => o[2] === 0)).toBe(true);
    expect(x).toHaveLength(4);
  });

  it('a single-slice grid keeps only in-plane offsets without force2D', () => {
    expect(buildAngles([6, 7, 1], opts)).toEqual(buildAngles([6, 7, 5], { ...opts, force2D: true }));
    expect(buildAngles([6, 7, 1], { ...opts, bidirectional: true })).toHaveLength(8);
  });

  it('a single-voxel grid has no angles', () => {
    expect(buildAngles([1, 1, 1], { ...opts, bidirectional: true })).toEqual([]);
  });

  it('distance d: (2d+1)^3 − (2d−1)^3 offsets; several distances are pooled', () => {
    expect(buildAngles([9, 9, 9], { ...opts, distances: [2], bidirectional: true })).toHaveLength(125 - 27);
    expect(buildAngles([9, 9, 9], { ...opts, distances: [2] })).toHaveLength(49);
    expect(buildAngles([9, 9, 9], { ...opts, distances: [1, 2], bidirectional: true })).toHaveLength(124);
  });

  it('offsets with |a_k| >= size_k are excluded (distance 2 on a 2-slice grid)', () => {
    const a = buildAngles([9, 9, 2], { ...opts, distances: [2], bidirectional: true });
    expect(a.every((o) => Math.abs(o[0]) <= 1)).toBe(true);
    // |dz| <= 1 and in-plane infinity norm 2: 3·(25 − 9)
    expect(a).toHaveLength(48);
  });
});
