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
 * Lines along an axis processed together: `lines` lines of `n` samples, sample i of line k at buffer
 * offset `starts[k] + i·stride`. Filters gather a bundle into a block laid out `block[i·lines + k]`, so
 * one recursion step runs over many independent lines at once (memory-contiguous, latency hidden)
 * while each line sees exactly the arithmetic of a line filtered alone.
 */
export interface LineBundle {
  n: number;
  lines: number;
  stride: number;
  starts: Int32Array;
}

/**
 * Part of a grid a filter must get right: voxel index ranges [lo_d, hi_d) per axis (x, y, z). Filters
 * given a region may leave every voxel outside it unset.
 */
export interface Region {
  lo: Vec3;
  hi: Vec3;
}

/** The whole grid as a {@link Region}. */
export function wholeGrid(size: Vec3): Region {
  return { lo: [0, 0, 0], hi: [...size] };
}

/** A region with its range along `axis` widened to the whole axis. */
export function spanAxis(region: Region, axis: Axis, size: Vec3): Region {
  const lo: Vec3 = [...region.lo];
  const hi: Vec3 = [...region.hi];
  lo[axis] = 0;
  hi[axis] = size[axis];
  return { lo, hi };
}

/** Where a filter must be right: a grid and a region of it (whole grid when absent). */
export interface GridRegion {
  size: Vec3;
  region: Region;
}

/** Call `visit(begin, end)` for the buffer range [begin, end) of every x row of `where` (all of `count` voxels without it). */
export function forEachRegionRow(count: number, where: GridRegion | undefined, visit: (begin: number, end: number) => void): void {
  if (!where) {
    visit(0, count);
    return;
  }
  const { size, region } = where;
  for (let z = region.lo[2]; z < region.hi[2]; z++) {
    for (let y = region.lo[1]; y < region.hi[1]; y++) {
      const begin = region.lo[0] + size[0] * (y + size[1] * z);
      visit(begin, begin + region.hi[0] - region.lo[0]);
    }
  }
}

/**
 * Visit every line along `axis`, bundled with its neighbours along the fastest other axis: for x lines,
 * the ny lines of one z slice; for y and z lines, the nx lines of one row (contiguous in memory).
 * With `region`, only the lines through it are visited (their other two coordinates inside it); the
 * lines are still whole.
 */
export function forEachLineBundle(size: Vec3, axis: Axis, visit: (bundle: LineBundle) => void, region: Region = wholeGrid(size)): void {
  const strides = axisStrides(size);
  const across = axis === 0 ? 1 : 0;
  const outer = axis === 2 ? 1 : 2;
  const first = region.lo[across];
  const lines = region.hi[across] - first;
  if (lines <= 0) return;
  const starts = new Int32Array(lines);
  const bundle: LineBundle = { n: size[axis], lines, stride: strides[axis], starts };
  for (let j = region.lo[outer]; j < region.hi[outer]; j++) {
    for (let k = 0; k < lines; k++) starts[k] = j * strides[outer] + (first + k) * strides[across];
    visit(bundle);
  }
}

/** Copy a bundle's samples into `block` (`block[i·lines + k]`, as doubles). */
export function gatherBundle(src: ArrayLike<number>, b: LineBundle, block: Float64Array): void {
  if (isTypedArray(src) && contiguous(b)) {
    // the lines are side by side in memory: each block row is one run of the source
    for (let i = 0, start = b.starts[0]!; i < b.n; i++, start += b.stride) block.set(src.subarray(start, start + b.lines), i * b.lines);
    return;
  }
  for (let i = 0; i < b.n; i++) {
    const row = i * b.lines;
    const offset = i * b.stride;
    for (let k = 0; k < b.lines; k++) block[row + k] = src[b.starts[k]! + offset]!;
  }
}

/**
 * Write `block` (`block[i·lines + k]`) back to the bundle's samples of `dst` (typed-array rounding
 * applies), for the samples i ∈ [from, to) of each line (all by default).
 */
export function scatterBundle(block: Float64Array, b: LineBundle, dst: { [i: number]: number }, from = 0, to = b.n): void {
  if (isTypedArray(dst) && contiguous(b)) {
    for (let i = from, start = b.starts[0]! + from * b.stride; i < to; i++, start += b.stride) dst.set(block.subarray(i * b.lines, (i + 1) * b.lines), start);
    return;
  }
  for (let i = from; i < to; i++) {
    const row = i * b.lines;
    const offset = i * b.stride;
    for (let k = 0; k < b.lines; k++) dst[b.starts[k]! + offset] = block[row + k]!;
  }
}

/** Whether the bundle's lines start at consecutive buffer offsets (lines along y or z, bundled along x). */
function contiguous(b: LineBundle): boolean {
  return b.lines === 0 || b.starts[b.lines - 1]! - b.starts[0]! === b.lines - 1;
}

function isTypedArray(a: unknown): a is VoxelArray {
  return ArrayBuffer.isView(a) && !(a instanceof DataView);
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
