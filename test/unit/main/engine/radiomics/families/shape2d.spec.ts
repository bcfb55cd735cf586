import { describe, expect, it } from 'vitest';
import type { Vec3 } from '../../../../../../src/main/engine/image/volume';
import { shape2D } from '../../../../../../src/main/engine/radiomics/families/shape2d';
import { DEFAULT_SETTINGS, type ExtractionSettings } from '../../../../../../src/main/engine/radiomics/settings';

const ALL = shape2D.features.map((f) => f.name);
const FORCE_2D: ExtractionSettings = { ...DEFAULT_SETTINGS, force2D: true };

/** Runs shape2D on a mask of size (x, y, z) given as 0/1 values in x-fastest order. */
function run(size: Vec3, spacing: Vec3, values: number[], settings = FORCE_2D): Map<string, number> {
  const mask = Uint8Array.from(values);
  return shape2D.compute(
    { image: new Float64Array(mask.length), imageIsFloat32: false, mask, morphologicalMask: mask, size, spacing, settings },
    ALL,
  );
}

describe('shape2D feature list', () => {
  it('has 9 default features and the deprecated SphericalDisproportion', () => {
    expect(shape2D.features.filter((f) => f.enabledByDefault)).toHaveLength(9);
    expect(shape2D.features.filter((f) => f.deprecated).map((f) => f.name)).toEqual(['SphericalDisproportion']);
  });
});

describe('shape2D on tiny masks', () => {
  it('single pixel: a diamond of half-diagonals s/2', () => {
    const [sx, sy] = [0.7, 1.3];
    const f = run([1, 1, 1], [sx, sy, 5], [1]);
    expect(f.get('MeshSurface')).toBeCloseTo((sx * sy) / 2, 15);
    expect(f.get('PixelSurface')).toBeCloseTo(sx * sy, 15);
    expect(f.get('Perimeter')).toBeCloseTo(2 * Math.hypot(sx, sy), 14);
    expect(f.get('MaximumDiameter')).toBeCloseTo(sy, 15);
    expect(f.get('MajorAxisLength')).toBe(0);
    expect(f.get('Elongation')).toBeNaN();
  });

  it('2×2 square: an octagon of area 3.5 and perimeter 4 + 2√2', () => {
    const f = run([2, 2, 1], [1, 1, 1], [1, 1, 1, 1]);
    expect(f.get('MeshSurface')).toBeCloseTo(3.5, 14);
    expect(f.get('Perimeter')).toBeCloseTo(4 + 2 * Math.SQRT2, 14);
    expect(f.get('PerimeterSurfaceRatio')).toBeCloseTo((4 + 2 * Math.SQRT2) / 3.5, 14);
    expect(f.get('Sphericity')).toBeCloseTo((2 * Math.sqrt(Math.PI * 3.5)) / (4 + 2 * Math.SQRT2), 14);
    expect(f.get('SphericalDisproportion')).toBeCloseTo((4 + 2 * Math.SQRT2) / (2 * Math.sqrt(Math.PI * 3.5)), 14);
    expect(f.get('MaximumDiameter')).toBeCloseTo(Math.sqrt(5), 14);
    expect(f.get('MajorAxisLength')).toBeCloseTo(2, 14);
    expect(f.get('MinorAxisLength')).toBeCloseTo(2, 14);
    expect(f.get('Elongation')).toBeCloseTo(1, 14);
  });

  it('diagonal pixels stay two separate diamonds (saddle cases 5 and 10)', () => {
    const f = run([2, 2, 1], [1, 1, 1], [1, 0, 0, 1]);
    expect(f.get('MeshSurface')).toBeCloseTo(1, 14);
    expect(f.get('Perimeter')).toBeCloseTo(4 * Math.SQRT2, 14);
    // The minor eigenvalue is 0 up to eigen-solver rounding (~1e-16 of the major one, so ~1e-8 after the sqrt).
    expect(f.get('MinorAxisLength')).toBeCloseTo(0, 6);
  });

  it('force2Ddimension selects the dropped numpy axis and the in-plane spacing', () => {
    // A row of 3 voxels along z, single slice in y (numpy axis 1): in-plane axes (z, x).
    const f = run([1, 1, 3], [0.5, 9, 2], [1, 1, 1], { ...FORCE_2D, force2Ddimension: 1 });
    expect(f.get('PixelSurface')).toBeCloseTo(3 * 0.5 * 2, 14);
    expect(f.get('MaximumDiameter')).toBeCloseTo(3 * 2, 14);
  });
});

describe('shape2D preconditions (pyradiomics raises ValueError and the case aborts)', () => {
  it('requires force2D', () => {
    expect(() => run([1, 1, 1], [1, 1, 1], [1], DEFAULT_SETTINGS)).toThrow(/force2D/);
  });
  it('requires a single slice along force2Ddimension', () => {
    expect(() => run([1, 1, 2], [1, 1, 1], [1, 1])).toThrow(/single slice/);
  });
});
