import { describe, expect, it } from 'vitest';
import { maxDiameter2D, maxDiameters3D } from '../../../../../../src/main/engine/radiomics/mesh/maxDiameters';
import { padWithZeros } from '../../../../../../src/main/engine/radiomics/mesh/padMask';
import { Rng } from '../../../../../../src/main/engine/stats/rng';

/** All mesh vertices (differing grid edges' midpoints, doubled coordinates) of a padded 3-D grid. */
function vertices3D(data: Uint8Array, [nz, ny, nx]: number[]): number[][] {
  const out: number[][] = [];
  const at = (z: number, y: number, x: number): number => data[(z * ny + y) * nx + x]!;
  for (let z = 0; z < nz!; z++) {
    for (let y = 0; y < ny!; y++) {
      for (let x = 0; x < nx!; x++) {
        if (x + 1 < nx! && at(z, y, x) !== at(z, y, x + 1)) out.push([2 * z, 2 * y, 2 * x + 1]);
        if (y + 1 < ny! && at(z, y, x) !== at(z, y + 1, x)) out.push([2 * z, 2 * y + 1, 2 * x]);
        if (z + 1 < nz! && at(z, y, x) !== at(z + 1, y, x)) out.push([2 * z + 1, 2 * y, 2 * x]);
      }
    }
  }
  return out;
}

/** pyradiomics' O(V²) search, pair by pair, with its distance expression. */
function bruteForce3D(points: number[][], [sz, sy, sx]: number[]): number[] {
  const w = [(0.5 * sz!) ** 2, (0.5 * sy!) ** 2, (0.5 * sx!) ** 2];
  const best = [0, 0, 0, 0];
  for (let i = 0; i < points.length; i++) {
    for (let j = i + 1; j < points.length; j++) {
      const [dz, dy, dx] = [0, 1, 2].map((d) => points[i]![d]! - points[j]![d]!) as [number, number, number];
      const d2 = dz * dz * w[0]! + dy * dy * w[1]! + dx * dx * w[2]!;
      if (dz === 0 && d2 > best[0]!) best[0] = d2;
      if (dy === 0 && d2 > best[1]!) best[1] = d2;
      if (dx === 0 && d2 > best[2]!) best[2] = d2;
      if (d2 > best[3]!) best[3] = d2;
    }
  }
  return best.map(Math.sqrt);
}

describe('maxDiameters3D', () => {
  it('equals the exhaustive pair search bit for bit on random masks and spacings', () => {
    const rng = new Rng(7);
    for (let trial = 0; trial < 30; trial++) {
      const shape = [2 + Math.floor(rng.uniform() * 7), 2 + Math.floor(rng.uniform() * 9), 2 + Math.floor(rng.uniform() * 9)];
      const p = 0.15 + 0.7 * rng.uniform();
      const mask = Uint8Array.from({ length: shape[0]! * shape[1]! * shape[2]! }, () => (rng.uniform() < p ? 1 : 0));
      mask[0] = 1;
      const spacing: [number, number, number] = [0.3 + 5 * rng.uniform(), 0.3 + rng.uniform(), 0.3 + rng.uniform()];
      const grid = padWithZeros(mask, shape);
      const got = maxDiameters3D(grid, spacing);
      const want = bruteForce3D(vertices3D(grid.data, [...grid.shape]), spacing);
      expect([got.slice, got.column, got.row, got.max3D]).toEqual(want);
    }
  });

  it('gives the octahedron of a single voxel: every diameter is one voxel', () => {
    const got = maxDiameters3D(padWithZeros([1], [1, 1, 1]), [3, 2, 1]);
    expect(got).toEqual({ slice: 2, column: 3, row: 3, max3D: 3 });
  });
});

describe('maxDiameter2D', () => {
  it('equals the exhaustive pair search on random 2-D masks', () => {
    const rng = new Rng(11);
    for (let trial = 0; trial < 30; trial++) {
      const shape = [1 + Math.floor(rng.uniform() * 12), 1 + Math.floor(rng.uniform() * 12)];
      const mask = Uint8Array.from({ length: shape[0]! * shape[1]! }, () => (rng.uniform() < 0.5 ? 1 : 0));
      mask[mask.length - 1] = 1;
      const spacing: [number, number] = [0.2 + 2 * rng.uniform(), 0.2 + 2 * rng.uniform()];
      const grid = padWithZeros(mask, shape);
      // A 2-D grid is a 3-D grid with one slice; its slice diameter is the 2-D diameter.
      const points = vertices3D(grid.data, [1, ...grid.shape]).map(([, y, x]) => [0, y!, x!]);
      const want = bruteForce3D(points, [1, ...spacing])[3];
      expect(maxDiameter2D(grid, spacing)).toBe(want);
    }
  });
});
