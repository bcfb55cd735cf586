/**
 * Cubic-spline samples at fixed offsets d from integer voxels, as LBP3D samples its icosphere
 * neighbours: the value at numpy index (z + d₀, y + d₁, x + d₂) of scipy
 * `map_coordinates(order=3, mode='constant', prefilter=True)`, cast to the image dtype — bit for bit
 * what {@link cubicSplineSampler} returns for those coordinates (algorithms.md §7.4).
 *
 * The cubic weights, mirrored knots and the inside test depend only on (offset, coordinate) per axis,
 * so they are tabulated once. scipy sums the 64 tensor-product terms as
 * t = Σ_{a,b,c} ((c_abc·w_a)·w_b)·w_c, left to right (a along z, c along x).
 *
 * Integer dtypes round the sample to an integer (boundaries at half-integers). For them the sum is
 * first evaluated separably, t̃ = Σ_a w_a·(Σ_b w_b·(Σ_c w_c·c_abc)). Both t and t̃ lie within about
 * 80 u·Σ|terms| of the exact sum (u = 2⁻⁵³; Σ|terms| ≤ max|c|, the B-spline weights being non-negative
 * with sum 1), so |t̃ − t| < 10⁻¹⁴·max|c|: t̃ is used when it is farther than 10⁻¹²·(max|c| + 1) from a
 * half-integer (then t rounds to the same integer), otherwise t is evaluated in scipy's order. Float
 * dtypes always use scipy's order.
 */
import type { Vec3, VoxelArray } from '../volume';
import type { Region } from './grid';
import { castToDtype, cubicSplineCoefficients, cubicWeights, mirrorKnot } from './splineSampling';

/** Per (offset v, coordinate c) along one axis of n voxels: inside [0, n − 1], knots (× stride) and weights. */
interface AxisTable {
  /** `inside[v·n + c]`. */
  inside: Uint8Array;
  /** `knots[(v·n + c)·4 + k]`: buffer offset of knot k along this axis (index × stride). */
  knots: Int32Array;
  /** `weights[(v·n + c)·4 + k]`. */
  weights: Float64Array;
}

/** Tabulate the weights and mirrored knots of the coordinates c + d (d = `component` of each offset). */
function axisTable(offsets: readonly Vec3[], component: 0 | 1 | 2, n: number, stride: number): AxisTable {
  const cells = offsets.length * n;
  const table: AxisTable = { inside: new Uint8Array(cells), knots: new Int32Array(cells * 4), weights: new Float64Array(cells * 4) };
  const w = new Float64Array(4);
  offsets.forEach((offset, v) => {
    for (let c = 0; c < n; c++) {
      const p = c + offset[component]; // the coordinate exactly as LBP3D forms it
      const cell = v * n + c;
      if (!(p >= 0 && p <= n - 1)) continue;
      table.inside[cell] = 1;
      cubicWeights(p, w);
      const start = Math.floor(p) - 1;
      for (let k = 0; k < 4; k++) {
        table.weights[cell * 4 + k] = w[k]!;
        table.knots[cell * 4 + k] = mirrorKnot(start + k, n) * stride;
      }
    }
  });
  return table;
}

/** The tabulated spline of a volume for a set of offsets. */
interface TabulatedSpline {
  coefficients: Float64Array;
  tz: AxisTable;
  ty: AxisTable;
  tx: AxisTable;
  cast: (t: number) => number;
  /** The value of a sample outside the image (cval 0 in the dtype). */
  outside: number;
  /** Integer dtype: the separable order may be used (module comment). */
  integer: boolean;
  /** Distance from a half-integer below which the separable sum is not trusted. */
  margin: number;
  /** scipy's order at table cells (v·n + c)·4 of z, y and x. */
  scipyOrder(bz: number, by: number, bx: number): number;
}

function tabulate(data: VoxelArray, size: Vec3, offsets: readonly Vec3[]): TabulatedSpline {
  const coefficients = cubicSplineCoefficients(data, size);
  const cast = castToDtype(data);
  const [nx, ny, nz] = size;
  const tz = axisTable(offsets, 0, nz, nx * ny);
  const ty = axisTable(offsets, 1, ny, nx);
  const tx = axisTable(offsets, 2, nx, 1);
  let maxAbs = 0;
  for (let i = 0; i < coefficients.length; i++) maxAbs = Math.max(maxAbs, Math.abs(coefficients[i]!));
  const { knots: kz, weights: wz } = tz;
  const { knots: ky, weights: wy } = ty;
  const { knots: kx, weights: wx } = tx;
  return {
    coefficients,
    tz,
    ty,
    tx,
    cast,
    outside: cast(0),
    integer: !(data instanceof Float32Array || data instanceof Float64Array),
    margin: 1e-12 * (maxAbs + 1),
    scipyOrder(bz, by, bx) {
      let t = 0;
      for (let a = 0; a < 4; a++) {
        const rowZ = kz[bz + a]!;
        const wa = wz[bz + a]!;
        for (let b = 0; b < 4; b++) {
          const row = rowZ + ky[by + b]!;
          const wb = wy[by + b]!;
          for (let c = 0; c < 4; c++) t += coefficients[row + kx[bx + c]!]! * wa * wb * wx[bx + c]!;
        }
      }
      return t;
    },
  };
}

/** Whether a separable sum is too close to a half-integer to decide the rounding (module comment). */
function ambiguous(t: number, margin: number): boolean {
  return Math.abs(t - Math.floor(t) - 0.5) <= margin;
}

/**
 * A sampler: `sample(x, y, z, out)` sets out[v] to the sample at numpy index (z + d_v0, y + d_v1,
 * x + d_v2) cast to the volume's dtype, for every offset v (module comment).
 */
export function offsetSampler(data: VoxelArray, size: Vec3, offsets: readonly Vec3[]): (x: number, y: number, z: number, out: Float64Array) => void {
  const spline = tabulate(data, size, offsets);
  const { coefficients, tz, ty, tx, cast, outside, integer, margin } = spline;
  const [nx, ny, nz] = size;
  const nv = offsets.length;
  const { knots: kz, weights: wz } = tz;
  const { knots: ky, weights: wy } = ty;
  const { knots: kx, weights: wx } = tx;

  /** Separable order (integer dtypes only). */
  const separable = (bz: number, by: number, bx: number): number => {
    const k0 = kx[bx]!;
    const k1 = kx[bx + 1]!;
    const k2 = kx[bx + 2]!;
    const k3 = kx[bx + 3]!;
    const w0 = wx[bx]!;
    const w1 = wx[bx + 1]!;
    const w2 = wx[bx + 2]!;
    const w3 = wx[bx + 3]!;
    let t = 0;
    for (let a = 0; a < 4; a++) {
      const rowZ = kz[bz + a]!;
      let s = 0;
      for (let b = 0; b < 4; b++) {
        const row = rowZ + ky[by + b]!;
        s += wy[by + b]! * (coefficients[row + k0]! * w0 + coefficients[row + k1]! * w1 + coefficients[row + k2]! * w2 + coefficients[row + k3]! * w3);
      }
      t += wz[bz + a]! * s;
    }
    return t;
  };

  return (x, y, z, out) => {
    for (let v = 0; v < nv; v++) {
      const cz = v * nz + z;
      const cy = v * ny + y;
      const cx = v * nx + x;
      if (!(tz.inside[cz] && ty.inside[cy] && tx.inside[cx])) {
        out[v] = outside;
        continue;
      }
      let t: number;
      if (integer) {
        t = separable(cz * 4, cy * 4, cx * 4);
        if (ambiguous(t, margin)) t = spline.scipyOrder(cz * 4, cy * 4, cx * 4);
      } else {
        t = spline.scipyOrder(cz * 4, cy * 4, cx * 4);
      }
      out[v] = cast(t);
    }
  };
}

/** The samples of every offset over one z-slab of a region. */
export interface SampleSlab {
  /** Slab z range [z0, z1). */
  z0: number;
  z1: number;
  /** Voxels of the slab: (z1 − z0)·(region x extent)·(region y extent). */
  voxels: number;
  /**
   * Sample of offset v at (x, y, z): samples[v·voxels + ((z − z0)·ny_r + y − y0)·nx_r + x − x0], with
   * (x0, y0) the region's low corner and nx_r, ny_r its extents. Defined at the voxels of `mask`.
   */
  samples: Float64Array;
}

/**
 * The samples of {@link offsetSampler} at every voxel of `mask` inside `region`, delivered slab by slab
 * along z (each slab's samples take at most about `maxBytes`).
 *
 * Integer dtypes evaluate the separable sum as three passes over the slab, a 4-tap filter along x,
 * then y, then z with the tabulated per-coordinate weights, so offsets sharing their x component (or
 * their x and y components) share the first pass (or the first two): for the 42 icosphere offsets,
 * 13 x-passes and 25 y-passes per slab instead of 42 of each. Each value is computed exactly as the
 * per-sample separable sum, then used or replaced by scipy's order as in {@link offsetSampler}.
 */
export function* offsetSampleSlabs(
  data: VoxelArray,
  size: Vec3,
  offsets: readonly Vec3[],
  region: Region,
  mask: ArrayLike<number>,
  maxBytes = 24 * 2 ** 20,
): Generator<SampleSlab> {
  const [nx, ny, nz] = size;
  const nv = offsets.length;
  const [x0, y0, za] = region.lo;
  const [x1, y1, zb] = region.hi;
  const nxr = x1 - x0;
  const nyr = y1 - y0;
  if (nxr <= 0 || nyr <= 0 || zb <= za) return;
  const spline = tabulate(data, size, offsets);
  const { coefficients, tz, ty, tx, integer } = spline;
  const plane = nxr * nyr;
  const thickness = Math.max(1, Math.min(zb - za, Math.floor(maxBytes / (8 * nv * plane))));
  const samples = new Float64Array(nv * thickness * plane);
  // offsets grouped by their x component, and by their (y, x) components
  const xGroups = groupBy(offsets, (d) => String(d[2]));
  const planeXY = nx * ny;

  const geometry: SlabGeometry = { nx, ny, nz, x0, x1, y0, y1, nxr, nyr };
  for (let z0 = za; z0 < zb; z0 += thickness) {
    const z1 = Math.min(zb, z0 + thickness);
    const voxels = (z1 - z0) * plane;
    if (!integer) {
      for (let v = 0; v < nv; v++) exactSlab(spline, geometry, v, z0, z1, mask, samples.subarray(v * voxels, (v + 1) * voxels));
      yield { z0, z1, voxels, samples };
      continue;
    }
    // rows (z', y') of coefficients the passes read for this slab
    const zr = knotRange(tz, nv, nz, z0, z1, planeXY);
    const yr = knotRange(ty, nv, ny, y0, y1, nx);
    const rows: PassRows = { zMin: zr[0], zRows: zr[1] - zr[0] + 1, yMin: yr[0], yRows: yr[1] - yr[0] + 1 };
    const ax = new Float64Array(rows.zRows * rows.yRows * nxr);
    const ay = new Float64Array(rows.zRows * plane);
    for (const xGroup of xGroups) {
      xPass(coefficients, tx, geometry, rows, xGroup[0]!, ax);
      const byY = groupBy(xGroup.map((v) => offsets[v]!), (d) => String(d[1])).map((g) => g.map((k) => xGroup[k]!));
      for (const xyGroup of byY) {
        yPass(ty, geometry, rows, xyGroup[0]!, ax, ay);
        for (const v of xyGroup) zPass(spline, geometry, rows, v, z0, z1, mask, ay, samples.subarray(v * voxels, (v + 1) * voxels));
      }
    }
    yield { z0, z1, voxels, samples };
  }
}

/** Grid size and the region's x/y range. */
interface SlabGeometry {
  nx: number;
  ny: number;
  nz: number;
  x0: number;
  x1: number;
  y0: number;
  y1: number;
  nxr: number;
  nyr: number;
}

/** Coefficient rows (z', y') read by a slab's passes: z' ∈ [zMin, zMin + zRows), y' ∈ [yMin, yMin + yRows). */
interface PassRows {
  zMin: number;
  zRows: number;
  yMin: number;
  yRows: number;
}

/** Float dtypes: scipy's order at every mask voxel of the slab, for offset v (out: the slab's samples of v). */
function exactSlab(spline: TabulatedSpline, g: SlabGeometry, v: number, z0: number, z1: number, mask: ArrayLike<number>, out: Float64Array): void {
  const { tz, ty, tx, cast, outside } = spline;
  for (let z = z0; z < z1; z++) {
    const cz = v * g.nz + z;
    for (let y = g.y0; y < g.y1; y++) {
      const cy = v * g.ny + y;
      const local = ((z - z0) * g.nyr + y - g.y0) * g.nxr - g.x0;
      for (let x = g.x0, i = g.x0 + g.nx * (y + g.ny * z); x < g.x1; x++, i++) {
        if (!mask[i]) continue;
        const cx = v * g.nx + x;
        out[local + x] = tz.inside[cz] && ty.inside[cy] && tx.inside[cx] ? cast(spline.scipyOrder(cz * 4, cy * 4, cx * 4)) : outside;
      }
    }
  }
}

/** x pass for the offsets sharing offset u's x component: ax[((z' − zMin)·yRows + y' − yMin)·nxr + x − x0] = Σ_c c(z', y', knot_c)·w_c. */
function xPass(coefficients: Float64Array, tx: AxisTable, g: SlabGeometry, rows: PassRows, u: number, ax: Float64Array): void {
  const k = tx.knots;
  const w = tx.weights;
  const planeXY = g.nx * g.ny;
  for (let r = 0; r < rows.zRows; r++) {
    for (let q = 0; q < rows.yRows; q++) {
      const row = (rows.zMin + r) * planeXY + (rows.yMin + q) * g.nx;
      const base = (r * rows.yRows + q) * g.nxr - g.x0;
      for (let x = g.x0, b = (u * g.nx + g.x0) * 4; x < g.x1; x++, b += 4) {
        ax[base + x] = coefficients[row + k[b]!]! * w[b]! + coefficients[row + k[b + 1]!]! * w[b + 1]! + coefficients[row + k[b + 2]!]! * w[b + 2]! + coefficients[row + k[b + 3]!]! * w[b + 3]!;
      }
    }
  }
}

/** y pass for the offsets sharing offset t's (y, x) components: ay[((z' − zMin)·nyr + y − y0)·nxr + i] = Σ_b w_b·ax[(z', knot_b, i)], summed from 0. */
function yPass(ty: AxisTable, g: SlabGeometry, rows: PassRows, t: number, ax: Float64Array, ay: Float64Array): void {
  for (let y = g.y0; y < g.y1; y++) {
    const cell = t * g.ny + y;
    if (!ty.inside[cell]) continue; // only outside samples would read this row
    const b = cell * 4;
    const q0 = ty.knots[b]! / g.nx - rows.yMin;
    const q1 = ty.knots[b + 1]! / g.nx - rows.yMin;
    const q2 = ty.knots[b + 2]! / g.nx - rows.yMin;
    const q3 = ty.knots[b + 3]! / g.nx - rows.yMin;
    const w0 = ty.weights[b]!;
    const w1 = ty.weights[b + 1]!;
    const w2 = ty.weights[b + 2]!;
    const w3 = ty.weights[b + 3]!;
    for (let r = 0; r < rows.zRows; r++) {
      const a0 = (r * rows.yRows + q0) * g.nxr;
      const a1 = (r * rows.yRows + q1) * g.nxr;
      const a2 = (r * rows.yRows + q2) * g.nxr;
      const a3 = (r * rows.yRows + q3) * g.nxr;
      const out = (r * g.nyr + y - g.y0) * g.nxr;
      for (let i = 0; i < g.nxr; i++) {
        let s = 0;
        s += w0 * ax[a0 + i]!;
        s += w1 * ax[a1 + i]!;
        s += w2 * ax[a2 + i]!;
        s += w3 * ax[a3 + i]!;
        ay[out + i] = s;
      }
    }
  }
}

/**
 * z pass for offset v at the mask voxels of the slab: t = Σ_a w_a·ay[(knot_a, y, x)] summed from 0,
 * then the inside test, scipy's order where t is too close to a half-integer, and the cast (out: the
 * slab's samples of v).
 */
function zPass(spline: TabulatedSpline, g: SlabGeometry, rows: PassRows, v: number, z0: number, z1: number, mask: ArrayLike<number>, ay: Float64Array, out: Float64Array): void {
  const { tz, ty, tx, cast, outside, margin } = spline;
  const plane = g.nxr * g.nyr;
  const planeXY = g.nx * g.ny;
  for (let z = z0; z < z1; z++) {
    const cz = v * g.nz + z;
    const b = cz * 4;
    const insideZ = tz.inside[cz] === 1;
    const l0 = insideZ ? (tz.knots[b]! / planeXY - rows.zMin) * plane : 0;
    const l1 = insideZ ? (tz.knots[b + 1]! / planeXY - rows.zMin) * plane : 0;
    const l2 = insideZ ? (tz.knots[b + 2]! / planeXY - rows.zMin) * plane : 0;
    const l3 = insideZ ? (tz.knots[b + 3]! / planeXY - rows.zMin) * plane : 0;
    const w0 = tz.weights[b]!;
    const w1 = tz.weights[b + 1]!;
    const w2 = tz.weights[b + 2]!;
    const w3 = tz.weights[b + 3]!;
    for (let y = g.y0; y < g.y1; y++) {
      const cy = v * g.ny + y;
      const inside = insideZ && ty.inside[cy] === 1;
      const inPlane = (y - g.y0) * g.nxr - g.x0;
      const local = (z - z0) * plane + inPlane;
      for (let x = g.x0, i = g.x0 + g.nx * (y + g.ny * z); x < g.x1; x++, i++) {
        if (!mask[i]) continue;
        const cx = v * g.nx + x;
        if (!(inside && tx.inside[cx])) {
          out[local + x] = outside;
          continue;
        }
        const p = inPlane + x;
        let t = 0;
        t += w0 * ay[l0 + p]!;
        t += w1 * ay[l1 + p]!;
        t += w2 * ay[l2 + p]!;
        t += w3 * ay[l3 + p]!;
        if (ambiguous(t, margin)) t = spline.scipyOrder(b, cy * 4, cx * 4);
        out[local + x] = cast(t);
      }
    }
  }
}

/** Indices of `items` grouped by key, groups in order of first appearance. */
function groupBy<T>(items: readonly T[], key: (item: T) => string): number[][] {
  const groups = new Map<string, number[]>();
  items.forEach((item, i) => {
    const k = key(item);
    const g = groups.get(k);
    if (g) g.push(i);
    else groups.set(k, [i]);
  });
  return [...groups.values()];
}

/** Smallest and largest knot index (knot offset / stride) any offset reads for coordinates [c0, c1). */
function knotRange(table: AxisTable, nv: number, n: number, c0: number, c1: number, stride: number): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (let v = 0; v < nv; v++) {
    for (let c = c0; c < c1; c++) {
      const cell = v * n + c;
      if (!table.inside[cell]) continue;
      for (let k = 0; k < 4; k++) {
        const knot = table.knots[cell * 4 + k]! / stride;
        lo = Math.min(lo, knot);
        hi = Math.max(hi, knot);
      }
    }
  }
  return lo <= hi ? [lo, hi] : [0, 0];
}
