import { describe, expect, it } from 'vitest';
import type { Vec3 } from '../../../../../../src/main/engine/image/volume';
import { shape } from '../../../../../../src/main/engine/radiomics/families/shape';
import { DEFAULT_SETTINGS } from '../../../../../../src/main/engine/radiomics/settings';

const ALL = shape.features.map((f) => f.name);

/** Runs the shape class on a mask of size (x, y, z) built from a voxel predicate. */
function run(size: Vec3, spacing: Vec3, inside: (x: number, y: number, z: number) => boolean): Map<string, number> {
  const mask = new Uint8Array(size[0] * size[1] * size[2]);
  for (let z = 0, i = 0; z < size[2]; z++) for (let y = 0; y < size[1]; y++) for (let x = 0; x < size[0]; x++, i++) mask[i] = inside(x, y, z) ? 1 : 0;
  return shape.compute(
    { image: new Float64Array(mask.length), imageIsFloat32: false, mask, morphologicalMask: mask, size, spacing, settings: DEFAULT_SETTINGS },
    ALL,
  );
}

describe('shape feature list', () => {
  it('has pyradiomics 14 default features and 3 deprecated ones', () => {
    expect(shape.features.filter((f) => f.enabledByDefault)).toHaveLength(14);
    expect(shape.features.filter((f) => f.deprecated).map((f) => f.name)).toEqual(['Compactness1', 'Compactness2', 'SphericalDisproportion']);
  });
});

describe('shape on a single voxel', () => {
  // The mesh is the octahedron spanned by the six face centres: semi-axes a, b, c = s/2.
  const [sx, sy, sz] = [0.8, 1.1, 2.5];
  const f = run([1, 1, 1], [sx, sy, sz], () => true);
  const [a, b, c] = [sx / 2, sy / 2, sz / 2];

  it('meshes to an octahedron: V = abc·4/3, A = 8 · ½√(a²b² + b²c² + c²a²)', () => {
    expect(f.get('MeshVolume')).toBeCloseTo((4 / 3) * a * b * c, 14);
    expect(f.get('SurfaceArea')).toBeCloseTo(4 * Math.sqrt(a * a * b * b + b * b * c * c + c * c * a * a), 13);
    expect(f.get('VoxelVolume')).toBeCloseTo(sx * sy * sz, 14);
  });

  it('has diameters of one voxel and zero-length PCA axes (Elongation, Flatness NaN: 0/0)', () => {
    expect(f.get('Maximum3DDiameter')).toBeCloseTo(sz, 14);
    expect(f.get('Maximum2DDiameterSlice')).toBeCloseTo(sy, 14);
    expect(f.get('Maximum2DDiameterColumn')).toBeCloseTo(sz, 14);
    expect(f.get('Maximum2DDiameterRow')).toBeCloseTo(sz, 14);
    for (const name of ['MajorAxisLength', 'MinorAxisLength', 'LeastAxisLength']) expect(f.get(name)).toBe(0);
    expect(f.get('Elongation')).toBeNaN();
    expect(f.get('Flatness')).toBeNaN();
  });
});

describe('shape on a 2×2×2 cube (unit spacing)', () => {
  // Hand computation, splitting space around the voxel centres {0,1}³ into the central cube, 6 face
  // slabs, 12 edge prisms and 8 corners: V = 1 + 6·½ + 12·⅛ + 8·(1/48) = 17/3 and
  // A = 6 squares + 12 rectangles 1×√½ + 8 equilateral triangles of side √½ = 6 + 6√2 + √3.
  const f = run([2, 2, 2], [1, 1, 1], () => true);

  it('has the hand-computed mesh volume and area and the derived ratios', () => {
    const V = 17 / 3;
    const A = 6 + 6 * Math.SQRT2 + Math.sqrt(3);
    expect(f.get('MeshVolume')).toBeCloseTo(V, 13);
    expect(f.get('SurfaceArea')).toBeCloseTo(A, 13);
    expect(f.get('VoxelVolume')).toBe(8);
    expect(f.get('SurfaceVolumeRatio')).toBeCloseTo(A / V, 13);
    expect(f.get('Sphericity')).toBeCloseTo(Math.cbrt(36 * Math.PI * V * V) / A, 13);
    expect(f.get('SphericalDisproportion')).toBeCloseTo(A / Math.cbrt(36 * Math.PI * V * V), 13);
    expect(f.get('Compactness1')).toBeCloseTo(V / (Math.sqrt(Math.PI) * A ** 1.5), 14);
    expect(f.get('Compactness2')).toBeCloseTo((36 * Math.PI * V * V) / A ** 3, 13);
  });

  it('has diameters √6 (3-D) and √5 (planes), and equal PCA axes 4·½', () => {
    expect(f.get('Maximum3DDiameter')).toBeCloseTo(Math.sqrt(6), 14);
    for (const name of ['Maximum2DDiameterSlice', 'Maximum2DDiameterColumn', 'Maximum2DDiameterRow']) {
      expect(f.get(name)).toBeCloseTo(Math.sqrt(5), 14);
    }
    for (const name of ['MajorAxisLength', 'MinorAxisLength', 'LeastAxisLength']) expect(f.get(name)).toBeCloseTo(2, 14);
    expect(f.get('Elongation')).toBeCloseTo(1, 14);
    expect(f.get('Flatness')).toBeCloseTo(1, 14);
  });
});

describe('shape on a digital sphere (radius 10 voxels, 1 mm)', () => {
  const r = 10;
  const f = run([21, 21, 21], [1, 1, 1], (x, y, z) => (x - r) ** 2 + (y - r) ** 2 + (z - r) ** 2 <= r * r);

  it('approximates the ball', () => {
    expect(f.get('MeshVolume')! / ((4 / 3) * Math.PI * r ** 3)).toBeGreaterThan(0.97);
    expect(f.get('MeshVolume')! / ((4 / 3) * Math.PI * r ** 3)).toBeLessThan(1.03);
    expect(f.get('SurfaceArea')! / (4 * Math.PI * r ** 2)).toBeGreaterThan(0.97);
    expect(f.get('SurfaceArea')! / (4 * Math.PI * r ** 2)).toBeLessThan(1.12);
    expect(f.get('Sphericity')).toBeGreaterThan(0.9);
    expect(f.get('Sphericity')).toBeLessThanOrEqual(1);
  });

  it('has the voxelised diameter 2r + 1 in every direction and near-equal PCA axes', () => {
    expect(f.get('Maximum3DDiameter')).toBeGreaterThanOrEqual(2 * r + 1);
    expect(f.get('Maximum3DDiameter')).toBeLessThan(2 * r + 1.5);
    for (const name of ['Maximum2DDiameterSlice', 'Maximum2DDiameterColumn', 'Maximum2DDiameterRow']) {
      expect(f.get(name)).toBeGreaterThanOrEqual(2 * r + 1);
    }
    // Population variance of a solid ball along an axis is r²/5: axis length 4r/√5.
    expect(f.get('MajorAxisLength')! / ((4 * r) / Math.sqrt(5))).toBeCloseTo(1, 1);
    expect(f.get('Elongation')).toBeCloseTo(1, 10);
    expect(f.get('Flatness')).toBeCloseTo(1, 10);
  });
});

describe('shape on a planar ROI (one slice of 3×3)', () => {
  const f = run([3, 3, 1], [1, 1, 2], () => true);

  it('has a zero least axis and flatness, and a finite mesh', () => {
    expect(f.get('LeastAxisLength')).toBe(0);
    expect(f.get('Flatness')).toBe(0);
    expect(f.get('MajorAxisLength')).toBeCloseTo(4 * Math.sqrt(2 / 3), 14);
    expect(f.get('Elongation')).toBeCloseTo(1, 14);
    expect(f.get('MeshVolume')).toBeGreaterThan(0);
    expect(f.get('Maximum2DDiameterSlice')).toBeCloseTo(Math.sqrt(3 * 3 + 2 * 2), 14); // (-½, 0) to (2½, 2)
  });
});

describe('shape input handling', () => {
  it('computes only the requested features and rejects unknown names and empty masks', () => {
    const mask = Uint8Array.of(1);
    const input = { image: new Float64Array(1), imageIsFloat32: false, mask, morphologicalMask: mask, size: [1, 1, 1] as Vec3, spacing: [1, 1, 1] as Vec3, settings: DEFAULT_SETTINGS };
    expect([...shape.compute(input, ['VoxelVolume']).keys()]).toEqual(['VoxelVolume']);
    expect(() => shape.compute(input, ['Volume'])).toThrow(/unknown feature 'Volume'/);
    expect(() => shape.compute({ ...input, morphologicalMask: Uint8Array.of(0) }, ['VoxelVolume'])).toThrow(/empty/);
  });

  it('uses the morphological mask, not the resegmented one', () => {
    const input = { image: new Float64Array(2), imageIsFloat32: false, mask: Uint8Array.of(1, 0), morphologicalMask: Uint8Array.of(1, 1), size: [2, 1, 1] as Vec3, spacing: [1, 1, 1] as Vec3, settings: DEFAULT_SETTINGS };
    expect(shape.compute(input, ['VoxelVolume']).get('VoxelVolume')).toBe(2);
  });
});

describe('shape frame', () => {
  it('meshes in the bounding-box frame, so a zero margin around the ROI changes nothing (the mesh can be open)', () => {
    // Two voxels touching along an edge only, on the diagonal through corner p7 of the cube below
    // them: that cube goes through its complement, the shared face is cut inconsistently, the mesh
    // has a hole and its signed volume depends on the origin (0.42 mm³ in the bounding-box frame,
    // 0.21 mm³ if meshed with this margin).
    const inside = (x: number, y: number, z: number): boolean => z === 0 && ((x === 1 && y === 0) || (x === 0 && y === 1));
    const tight = run([2, 2, 1], [0.7, 0.9, 2], inside);
    const margin = run([5, 6, 4], [0.7, 0.9, 2], (x, y, z) => inside(x - 2, y - 3, z - 1));
    for (const name of ALL) expect(margin.get(name), name).toBe(tight.get(name));
  });
});
