import type { BinaryGrid } from './padMask';
import { convexHullIndices } from './convexHull2D';

/** pyradiomics' four 3-D diameters, in mm. */
export interface MaxDiameters {
  /** Maximum2DDiameterSlice: pairs in the same axial (z) plane. */
  slice: number;
  /** Maximum2DDiameterColumn: pairs in the same coronal (y) plane. */
  column: number;
  /** Maximum2DDiameterRow: pairs in the same sagittal (x) plane. */
  row: number;
  /** Maximum3DDiameter: all pairs. */
  max3D: number;
}

const EMPTY = 0x7fffffff;

/**
 * Per-line extents of the mesh vertices: for every line of the doubled vertex lattice along one axis,
 * the smallest and largest coordinate of a vertex on it. Only these two can be hull vertices of any
 * plane containing the line, so they are all the diameter search needs.
 */
class LineExtents {
  readonly lo: Int32Array;
  readonly hi: Int32Array;
  constructor(lines: number) {
    this.lo = new Int32Array(lines).fill(EMPTY);
    this.hi = new Int32Array(lines).fill(-1);
  }
  add(line: number, coordinate: number): void {
    if (coordinate < this.lo[line]!) this.lo[line] = coordinate;
    if (coordinate > this.hi[line]!) this.hi[line] = coordinate;
  }
}

/**
 * Hull of one lattice plane. Its rows are the lines `first + r·step` (r = 0..rows−1) of `ext`, each
 * contributing its two extreme vertices at (u = r, v = lo / hi).
 */
function planeHull(ext: LineExtents, first: number, step: number, rows: number, u: Int32Array, v: Int32Array): number {
  let n = 0;
  for (let r = 0, line = first; r < rows; r++, line += step) {
    const lo = ext.lo[line]!;
    if (lo === EMPTY) continue;
    u[n] = r;
    v[n++] = lo;
    const hi = ext.hi[line]!;
    if (hi !== lo) {
      u[n] = r;
      v[n++] = hi;
    }
  }
  const hull = convexHullIndices(u, v, n);
  const hu = hull.map((k) => u[k]!);
  const hv = hull.map((k) => v[k]!);
  u.set(hu);
  v.set(hv);
  return hull.length;
}

/**
 * Largest squared distance between two of the first `n` points, each coordinate difference being in
 * half voxels: $d^2 = \Delta u^2 w_u + \Delta v^2 w_v$ with $w = (s/2)^2$ — the same expression, in the
 * same order, as pyradiomics' C code, so the result is bitwise identical.
 */
function maxPairSq(u: Int32Array, v: Int32Array, n: number, wu: number, wv: number): number {
  let best = 0;
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const du = u[i]! - u[j]!;
      const dv = v[i]! - v[j]!;
      const d2 = du * du * wu + dv * dv * wv;
      if (d2 > best) best = d2;
    }
  }
  return best;
}

/**
 * pyradiomics' shape diameters (`cshape.c: calculate_coefficients` + `calculate_meshDiameter`): the
 * largest Euclidean distance between two mesh vertices, overall (Maximum3DDiameter, IBSI L0JK
 * "maximum 3D diameter") and restricted to pairs with equal z (Slice), equal y (Column) or equal x (Row).
 *
 * The vertices are the midpoints of every grid edge whose two voxels differ (the marching-cubes
 * vertices), kept as integer half-voxel coordinates in the padded frame; a distance is
 * $\sqrt{\Delta z^2 (s_z/2)^2 + \Delta y^2 (s_y/2)^2 + \Delta x^2 (s_x/2)^2}$ in mm.
 *
 * The result is the exact maximum over all vertex pairs, found without the O(V²) search: a planar
 * maximum only involves the convex-hull vertices of that plane's vertices, and a 3-D extreme point is
 * a hull vertex of each of its three axis planes, so the 3-D search runs over that intersection only.
 *
 * @param grid zero-padded mask, shape (z, y, x).
 * @param spacing voxel spacing in mm, numpy order (z, y, x).
 */
export function maxDiameters3D(grid: BinaryGrid, spacing: readonly [number, number, number]): MaxDiameters {
  const [nz, ny, nx] = grid.shape as [number, number, number];
  const m = grid.data;
  const dz = 2 * nz - 1, dy = 2 * ny - 1, dx = 2 * nx - 1;
  // Lines along x indexed by (z2, y2); lines along y indexed by (z2, x2).
  const alongX = new LineExtents(dz * dy);
  const alongY = new LineExtents(dz * dx);
  const add = (z2: number, y2: number, x2: number): void => {
    alongX.add(z2 * dy + y2, x2);
    alongY.add(z2 * dx + x2, y2);
  };
  const sliceStride = ny * nx;
  for (let z = 0; z < nz; z++) {
    for (let y = 0; y < ny; y++) {
      for (let x = 0, i = z * sliceStride + y * nx; x < nx; x++, i++) {
        const inside = m[i]!;
        if (x + 1 < nx && m[i + 1] !== inside) add(2 * z, 2 * y, 2 * x + 1);
        if (y + 1 < ny && m[i + nx] !== inside) add(2 * z, 2 * y + 1, 2 * x);
        if (z + 1 < nz && m[i + sliceStride] !== inside) add(2 * z + 1, 2 * y, 2 * x);
      }
    }
  }

  const hz = 0.5 * spacing[0], hy = 0.5 * spacing[1], hx = 0.5 * spacing[2];
  const wz = hz * hz, wy = hy * hy, wx = hx * hx;
  const u = new Int32Array(2 * Math.max(dz, dy));
  const v = new Int32Array(2 * Math.max(dz, dy));
  const key = (z2: number, y2: number, x2: number): number => (z2 * dy + y2) * dx + x2;

  let sliceSq = 0, columnSq = 0, rowSq = 0;
  const inColumnHull = new Set<number>();
  for (let y2 = 0; y2 < dy; y2++) {
    const n = planeHull(alongX, y2, dy, dz, u, v);
    columnSq = Math.max(columnSq, maxPairSq(u, v, n, wz, wx));
    for (let k = 0; k < n; k++) inColumnHull.add(key(u[k]!, y2, v[k]!));
  }
  const inRowHull = new Set<number>();
  for (let x2 = 0; x2 < dx; x2++) {
    const n = planeHull(alongY, x2, dx, dz, u, v);
    rowSq = Math.max(rowSq, maxPairSq(u, v, n, wz, wy));
    for (let k = 0; k < n; k++) inRowHull.add(key(u[k]!, v[k]!, x2));
  }
  const candZ: number[] = [], candY: number[] = [], candX: number[] = [];
  for (let z2 = 0; z2 < dz; z2++) {
    const n = planeHull(alongX, z2 * dy, 1, dy, u, v);
    sliceSq = Math.max(sliceSq, maxPairSq(u, v, n, wy, wx));
    for (let k = 0; k < n; k++) {
      const id = key(z2, u[k]!, v[k]!);
      if (inColumnHull.has(id) && inRowHull.has(id)) {
        candZ.push(z2);
        candY.push(u[k]!);
        candX.push(v[k]!);
      }
    }
  }

  let max3DSq = 0;
  for (let i = 0; i < candZ.length; i++) {
    for (let j = i + 1; j < candZ.length; j++) {
      const ez = candZ[i]! - candZ[j]!, ey = candY[i]! - candY[j]!, ex = candX[i]! - candX[j]!;
      const d2 = ez * ez * wz + ey * ey * wy + ex * ex * wx;
      if (d2 > max3DSq) max3DSq = d2;
    }
  }
  return { slice: Math.sqrt(sliceSq), column: Math.sqrt(columnSq), row: Math.sqrt(rowSq), max3D: Math.sqrt(max3DSq) };
}

/**
 * pyradiomics `shape2D` MaximumDiameter (`cshape.c: calculate_coefficients2D` +
 * `calculate_meshDiameter2D`): the largest distance (mm) between two vertices of the marching-squares
 * contour, i.e. midpoints of pixel edges whose two pixels differ. Exact maximum over all pairs,
 * searched over the contour's convex-hull vertices only.
 *
 * @param grid zero-padded 2-D mask, shape (rows, columns).
 * @param spacing pixel spacing in mm, (rows, columns).
 */
export function maxDiameter2D(grid: BinaryGrid, spacing: readonly [number, number]): number {
  const [ny, nx] = grid.shape as [number, number];
  const m = grid.data;
  const dy = 2 * ny - 1;
  const alongX = new LineExtents(dy);
  for (let y = 0; y < ny; y++) {
    for (let x = 0, i = y * nx; x < nx; x++, i++) {
      const inside = m[i]!;
      if (x + 1 < nx && m[i + 1] !== inside) alongX.add(2 * y, 2 * x + 1);
      if (y + 1 < ny && m[i + nx] !== inside) alongX.add(2 * y + 1, 2 * x);
    }
  }
  const hy = 0.5 * spacing[0], hx = 0.5 * spacing[1];
  const u = new Int32Array(2 * dy);
  const v = new Int32Array(2 * dy);
  const n = planeHull(alongX, 0, 1, dy, u, v);
  return Math.sqrt(maxPairSq(u, v, n, hy * hy, hx * hx));
}
