/**
 * The image geometry model shared by every engine module, the CLI and the renderer
 * (maps 1:1 onto ITK/SimpleITK images and vtkImageData).
 *
 * Memory layout: x varies fastest, then y, then z — `index = x + size[0] * (y + size[1] * z)`.
 * This is ITK's buffer order and numpy's C order for an array of shape (z, y, x), the order
 * pyradiomics works in.
 */

export type VoxelArray =
  | Int8Array
  | Uint8Array
  | Int16Array
  | Uint16Array
  | Int32Array
  | Uint32Array
  | Float32Array
  | Float64Array;

/** A 3-vector (x, y, z). */
export type Vec3 = [number, number, number];

/**
 * Row-major 3×3 direction matrix, ITK convention: `direction[3 * r + c]` is component r (in LPS
 * patient space) of the unit vector along image axis c.
 */
export type Direction = [number, number, number, number, number, number, number, number, number];

export const IDENTITY_DIRECTION: Direction = [1, 0, 0, 0, 1, 0, 0, 0, 1];

export interface Volume<T extends VoxelArray = VoxelArray> {
  /** Voxel count along x, y, z. */
  size: Vec3;
  /** Voxel spacing along x, y, z, in mm. */
  spacing: Vec3;
  /** Physical position (LPS, mm) of the centre of voxel (0, 0, 0). */
  origin: Vec3;
  direction: Direction;
  data: T;
}

/** Number of voxels of a grid. */
export function voxelCount(size: Vec3): number {
  return size[0] * size[1] * size[2];
}

/**
 * Physical (LPS, mm) position of a continuous index, ITK's TransformContinuousIndexToPhysicalPoint:
 * p = origin + D · diag(spacing) · idx.
 */
export function indexToPhysical(v: Pick<Volume, 'origin' | 'spacing' | 'direction'>, idx: Vec3): Vec3 {
  const d = v.direction;
  const sx = idx[0] * v.spacing[0];
  const sy = idx[1] * v.spacing[1];
  const sz = idx[2] * v.spacing[2];
  return [
    v.origin[0] + d[0] * sx + d[1] * sy + d[2] * sz,
    v.origin[1] + d[3] * sx + d[4] * sy + d[5] * sz,
    v.origin[2] + d[6] * sx + d[7] * sy + d[8] * sz,
  ];
}

/** Continuous index of a physical point (inverse of {@link indexToPhysical}; D is orthonormal). */
export function physicalToIndex(v: Pick<Volume, 'origin' | 'spacing' | 'direction'>, p: Vec3): Vec3 {
  const d = v.direction;
  const q0 = p[0] - v.origin[0];
  const q1 = p[1] - v.origin[1];
  const q2 = p[2] - v.origin[2];
  return [
    (d[0] * q0 + d[3] * q1 + d[6] * q2) / v.spacing[0],
    (d[1] * q0 + d[4] * q1 + d[7] * q2) / v.spacing[1],
    (d[2] * q0 + d[5] * q1 + d[8] * q2) / v.spacing[2],
  ];
}
