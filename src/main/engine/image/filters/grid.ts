/**
 * Shared vocabulary of the image filters: the part of a {@link Volume} a filter reads, and the
 * iteration over the 1-D lines of a grid along one axis (x fastest; algorithms.md §0).
 */
import type { Vec3, Volume, VoxelArray } from '../volume';

/**
 * What a filter reads: voxel values (x fastest), grid size and spacing (mm). Filters work in index
 * space; origin and direction cosines play no part (algorithms.md §0).
 */
export type GridImage<T extends VoxelArray = VoxelArray> = Pick<Volume<T>, 'data' | 'size' | 'spacing'>;

/** An image axis in ITK order: 0 = x (numpy axis 2), 1 = y (numpy axis 1), 2 = z (numpy axis 0). */
export type Axis = 0 | 1 | 2;

/** Memory stride of each axis: (1, nx, nx·ny). */
export function axisStrides(size: Vec3): Vec3 {
  return [1, size[0], size[0] * size[1]];
}

/**
 * Call `visit(start)` with the buffer offset of the first sample of every line along `axis`
 * (samples of a line are `start + k·stride`, k = 0 … size[axis] − 1, with stride = axisStrides(size)[axis]).
 */
export function forEachLineStart(size: Vec3, axis: Axis, visit: (start: number) => void): void {
  const strides = axisStrides(size);
  const a = axis === 0 ? 1 : 0;
  const b = axis === 2 ? 1 : 2;
  for (let j = 0; j < size[b]; j++) {
    for (let i = 0; i < size[a]; i++) visit(i * strides[a] + j * strides[b]);
  }
}
