import { describe, expect, it } from 'vitest';
import { dice, jaccard, maskAgreement, overlapCounts, percentileLinear, surfaceDistances } from '../../../../../src/main/engine/segmentation/agreement';
import { directedSurfaceDistances, squaredDistanceToSites, surfaceVoxels } from '../../../../../src/main/engine/segmentation/surfaceDistance';
import type { Vec3, Volume } from '../../../../../src/main/engine/image/volume';

function grid(size: Vec3, spacing: Vec3, inside: (x: number, y: number, z: number) => boolean): Volume<Uint8Array> {
  const data = new Uint8Array(size[0] * size[1] * size[2]);
  for (let z = 0; z < size[2]; z++) for (let y = 0; y < size[1]; y++) for (let x = 0; x < size[0]; x++) data[x + size[0] * (y + size[1] * z)] = inside(x, y, z) ? 1 : 0;
  return { size, spacing, origin: [0, 0, 0], direction: [1, 0, 0, 0, 1, 0, 0, 0, 1], data };
}

const cube = (lo: Vec3, hi: Vec3) => (x: number, y: number, z: number) => x >= lo[0] && x <= hi[0] && y >= lo[1] && y <= hi[1] && z >= lo[2] && z <= hi[2];

describe('mask agreement on tiny hand-computed grids', () => {
  it('two 3×3×3 cubes shifted by one voxel in x: Dice 2/3, Jaccard 1/2, HD = HD95 = 1 voxel', () => {
    // Overlap 2×3×3 = 18 of 27 + 27. Each surface has 26 voxels; 10 of each directed set are 1 voxel away
    // (the far x face and the other cube's centre voxel), 16 are 0: pooled 32 zeros and 20 ones.
    const a = grid([5, 5, 5], [1, 1, 1], cube([1, 1, 1], [3, 3, 3]));
    const b = grid([5, 5, 5], [1, 1, 1], cube([2, 1, 1], [4, 3, 3]));
    const r = maskAgreement(a, b);
    expect(r.voxels).toEqual({ a: 27, b: 27, both: 18 });
    expect(r.dice).toBeCloseTo(2 / 3, 15);
    expect(r.jaccard).toBeCloseTo(0.5, 15);
    expect(r.hausdorffMm).toBe(1);
    expect(r.hd95Mm).toBe(1);
    expect(r.volumeDiffMm3).toBe(0);
    expect(r.volumeDiffPercent).toBe(0);
    expect(surfaceVoxels(a.data, a.size)).toHaveLength(26);
  });

  it('uses physical spacing: with 2 mm along x the shifted faces are 2 mm apart, the centre voxels 1 mm', () => {
    const a = grid([5, 5, 5], [2, 1, 1], cube([1, 1, 1], [3, 3, 3]));
    const b = grid([5, 5, 5], [2, 1, 1], cube([2, 1, 1], [4, 3, 3]));
    // pooled: 32 zeros, 2 ones (centre voxels, nearest surface 1 mm away along y), 18 twos; h = 51·0.95 = 48.45 → 2
    const d = surfaceDistances(a.data, b.data, a.size, a.spacing)!;
    expect(d).toEqual({ hausdorffMm: 2, hd95Mm: 2 });
    expect(maskAgreement(a, b).volumeAMm3).toBe(27 * 2);
  });

  it('interpolates the 95th percentile linearly (numpy default) and measures volume difference against the reference', () => {
    // 4×1×1 line: every foreground voxel touches the grid border, so all are surface voxels.
    // d(A→B) = [0, 0], d(B→A) = [0, 0, 1, 2]; pooled sorted [0,0,0,0,1,2], h = 5·0.95 = 4.75 → 1 + 0.75 = 1.75.
    const a = grid([4, 1, 1], [1, 1, 1], (x) => x <= 1);
    const b = grid([4, 1, 1], [1, 1, 1], () => true);
    const r = maskAgreement(a, b);
    expect(r.hd95Mm).toBeCloseTo(1.75, 15);
    expect(r.hausdorffMm).toBe(2);
    expect(r.dice).toBeCloseTo(4 / 6, 15);
    expect(r.jaccard).toBe(0.5);
    expect(r.volumeDiffMm3).toBe(2);
    expect(r.volumeDiffPercent).toBe(100);
    expect(r.undefinedReason).toBeNull();
  });

  it('reports undefined metrics of empty masks as null with the reason, never 0', () => {
    const empty = grid([3, 3, 3], [1, 1, 1], () => false);
    const one = grid([3, 3, 3], [1, 1, 1], (x, y, z) => x === 1 && y === 1 && z === 1);
    const both = maskAgreement(empty, empty);
    expect(both.dice).toBeNull();
    expect(both.jaccard).toBeNull();
    expect(both.hd95Mm).toBeNull();
    expect(both.undefinedReason).toBe('reference mask is empty; other mask is empty');
    const r = maskAgreement(empty, one);
    expect(r.dice).toBe(0);
    expect(r.hausdorffMm).toBeNull();
    expect(r.volumeDiffPercent).toBeNull();
    expect(r.undefinedReason).toBe('reference mask is empty');
  });

  it('refuses masks on different grids', () => {
    expect(() => maskAgreement(grid([3, 3, 3], [1, 1, 1], () => true), grid([3, 3, 2], [1, 1, 1], () => true))).toThrow(/different grids/);
    expect(() => maskAgreement(grid([3, 3, 3], [1, 1, 1], () => true), grid([3, 3, 3], [1, 1, 2], () => true))).toThrow(/different grids/);
  });

  it('overlap helpers', () => {
    const c = overlapCounts([1, 1, 0, 0, 2], [0, 1, 1, 0, 1]);
    expect(c).toEqual({ a: 3, b: 3, both: 2 });
    expect(dice(c)).toBeCloseTo(4 / 6, 15);
    expect(jaccard(c)).toBe(0.5);
    expect(percentileLinear([3, 1, 2], 50)).toBe(2);
    expect(percentileLinear([0, 10], 95)).toBe(9.5);
    expect(() => percentileLinear([], 95)).toThrow(/empty/);
  });
});

describe('exact distance transform', () => {
  it('equals brute force on a random anisotropic grid', () => {
    const size: Vec3 = [9, 7, 5];
    const spacing: Vec3 = [0.7, 1.3, 2.9];
    let s = 12345;
    const rand = () => ((s = (Math.imul(s, 1103515245) + 12345) >>> 0) / 2 ** 32);
    const sites: number[] = [];
    for (let i = 0; i < 9 * 7 * 5; i++) if (rand() < 0.05) sites.push(i);
    const d2 = squaredDistanceToSites(sites, size, spacing);
    const coord = (i: number) => [i % 9, Math.floor(i / 9) % 7, Math.floor(i / 63)];
    for (let i = 0; i < d2.length; i++) {
      const [x, y, z] = coord(i);
      let best = Infinity;
      for (const j of sites) {
        const [u, v, w] = coord(j);
        best = Math.min(best, ((x - u) * spacing[0]) ** 2 + ((y - v) * spacing[1]) ** 2 + ((z - w) * spacing[2]) ** 2);
      }
      expect(d2[i]).toBeCloseTo(best, 9);
    }
  });

  it('is Infinity without sites and directed distances need two surfaces', () => {
    expect([...squaredDistanceToSites([], [2, 2, 1], [1, 1, 1])]).toEqual([Infinity, Infinity, Infinity, Infinity]);
    expect(() => directedSurfaceDistances(new Int32Array(0), Int32Array.of(1), [2, 2, 1], [1, 1, 1])).toThrow(/non-empty/);
  });
});
