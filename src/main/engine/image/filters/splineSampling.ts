/**
 * Cubic B-spline sampling as `scipy.ndimage.map_coordinates(image, coords, order=3, mode='constant',
 * cval=0, prefilter=True)` computes it (scipy ≥ 1.6; `ni_splines.c`, `ni_interpolation.c`), which
 * pyradiomics' LBP3D uses to sample the icosphere neighbours (algorithms.md §7.4):
 *  - interpolation coefficients: along each numpy axis in turn (z, y, x), gain (1 − z₁)(1 − 1/z₁) then a
 *    causal and an anti-causal first-order recursion with pole z₁ = √3 − 2, initialised for the
 *    whole-sample mirror extension (scipy's exact mirror initialisers, which 'constant' mode uses);
 *    an axis of length 1 is left as is;
 *  - evaluation: 0 (cval) when any coordinate is outside [0, n − 1]; otherwise the 4×4×4 tensor-product
 *    cubic B-spline, coefficient indices past an edge mirrored (c[−1] = c[1], c[n] = c[n − 2]);
 *  - the result takes the input's dtype (map_coordinates' default output): integers are rounded half
 *    away from zero and clipped to the type's range, float32 is rounded to float32.
 * Unser, Aldroubi & Eden, IEEE TPAMI 13(3), 1991; Unser, IEEE Signal Process. Mag. 16(6), 1999.
 */
import type { Vec3, VoxelArray } from '../volume';
import { axisStrides, forEachLineStart, type Axis } from './grid';

const POLE = -0.2679491924311227; // √3 − 2

/** Causal initial value for the whole-sample mirror extension (scipy `_init_causal_mirror`). */
function initCausalMirror(c: Float64Array, n: number, z: number): void {
  let zi = z;
  const zn1 = Math.pow(z, n - 1);
  c[0] = c[0]! + zn1 * c[n - 1]!;
  for (let i = 1; i < n - 1; i++) {
    c[0] += zi * (c[i]! + zn1 * c[n - 1 - i]!);
    zi *= z;
  }
  c[0] /= 1 - zn1 * zn1;
}

/** Cubic B-spline interpolation coefficients of one line, in place (length ≥ 2). */
function splineFilterLine(c: Float64Array, n: number): void {
  const z = POLE;
  const gain = (1 - z) * (1 - 1 / z);
  for (let i = 0; i < n; i++) c[i] = c[i]! * gain;
  initCausalMirror(c, n, z);
  for (let i = 1; i < n; i++) c[i] = c[i]! + z * c[i - 1]!;
  c[n - 1] = ((z * c[n - 2]! + c[n - 1]!) * z) / (z * z - 1);
  for (let i = n - 2; i >= 0; i--) c[i] = z * (c[i + 1]! - c[i]!);
}

/**
 * Cubic B-spline coefficients of a volume (scipy `spline_filter(order=3, mode='constant')`, float64),
 * filtering numpy axes 0, 1, 2 = z, y, x in that order.
 */
export function cubicSplineCoefficients(data: VoxelArray, size: Vec3): Float64Array {
  const out = Float64Array.from(data);
  const strides = axisStrides(size);
  for (const axis of [2, 1, 0] as Axis[]) {
    const n = size[axis];
    if (n <= 1) continue;
    const stride = strides[axis];
    const line = new Float64Array(n);
    forEachLineStart(size, axis, (start) => {
      for (let k = 0, p = start; k < n; k++, p += stride) line[k] = out[p]!;
      splineFilterLine(line, n);
      for (let k = 0, p = start; k < n; k++, p += stride) out[p] = line[k]!;
    });
  }
  return out;
}

/** scipy's cubic weights for the 4 knots ⌊x⌋ − 1 … ⌊x⌋ + 2 (`get_spline_interpolation_weights`). */
function cubicWeights(x: number, w: Float64Array): void {
  const y = x - Math.floor(x);
  const z = 1 - y;
  w[1] = (y * y * (y - 2) * 3 + 4) / 6;
  w[2] = (z * z * (z - 2) * 3 + 4) / 6;
  w[0] = (z * z * z) / 6;
  w[3] = 1 - w[0] - w[1] - w[2];
}

/** Whole-sample mirror of a knot index into [0, n − 1] (scipy's edge offsets). */
function mirrorKnot(i: number, n: number): number {
  if (n <= 1) return 0;
  const s2 = 2 * n - 2;
  if (i < 0) {
    i = s2 * Math.trunc(-i / s2) + i;
    return i <= 1 - n ? i + s2 : -i;
  }
  if (i >= n) {
    i -= s2 * Math.trunc(i / s2);
    return i >= n ? s2 - i : i;
  }
  return i;
}

/** How a sampled double is stored in the input's dtype (scipy's output casts). */
export function castToDtype(data: VoxelArray): (t: number) => number {
  if (data instanceof Float64Array) return (t) => t;
  if (data instanceof Float32Array) return Math.fround;
  const [min, max] =
    data instanceof Int8Array ? [-128, 127]
    : data instanceof Uint8Array ? [0, 255]
    : data instanceof Int16Array ? [-32768, 32767]
    : data instanceof Uint16Array ? [0, 65535]
    : data instanceof Int32Array ? [-2147483648, 2147483647]
    : [0, 4294967295];
  const unsigned = min === 0;
  return (t) => {
    const r = unsigned ? (t > 0 ? t + 0.5 : 0) : t > 0 ? t + 0.5 : t - 0.5;
    return Math.trunc(Math.min(max, Math.max(min, r)));
  };
}

/**
 * A sampler for continuous numpy indices (z, y, x) of a volume: `sample(z, y, x)` is
 * map_coordinates' value there (see the module comment), already cast to the volume's dtype.
 */
export function cubicSplineSampler(data: VoxelArray, size: Vec3): (z: number, y: number, x: number) => number {
  const coefficients = cubicSplineCoefficients(data, size);
  const cast = castToDtype(data);
  const [nx, ny, nz] = size;
  const wz = new Float64Array(4);
  const wy = new Float64Array(4);
  const wx = new Float64Array(4);
  const iz = new Int32Array(4);
  const iy = new Int32Array(4);
  const ix = new Int32Array(4);
  const knots = (c: number, n: number, w: Float64Array, idx: Int32Array) => {
    cubicWeights(c, w);
    const start = Math.floor(c) - 1;
    for (let k = 0; k < 4; k++) idx[k] = mirrorKnot(start + k, n);
  };
  return (z, y, x) => {
    if (!(z >= 0 && z <= nz - 1 && y >= 0 && y <= ny - 1 && x >= 0 && x <= nx - 1)) return cast(0);
    knots(z, nz, wz, iz);
    knots(y, ny, wy, iy);
    knots(x, nx, wx, ix);
    let t = 0;
    for (let a = 0; a < 4; a++) {
      for (let b = 0; b < 4; b++) {
        const row = (iz[a]! * ny + iy[b]!) * nx;
        for (let c = 0; c < 4; c++) t += coefficients[row + ix[c]!]! * wz[a]! * wy[b]! * wx[c]!;
      }
    }
    return cast(t);
  };
}

/** Per (offset, coordinate) along one axis: inside [0, n − 1], the 4 knot offsets (× stride) and weights. */
interface AxisTable {
  /** `inside[v·n + c]`. */
  inside: Uint8Array;
  /** `knots[(v·n + c)·4 + k]`: buffer offset of knot k along this axis. */
  knots: Int32Array;
  /** `weights[(v·n + c)·4 + k]`. */
  weights: Float64Array;
}

/** Tabulate {@link cubicWeights} and the mirrored knots for coordinates c + d (d = component of each offset). */
function axisTable(offsets: readonly Vec3[], component: 0 | 1 | 2, n: number, stride: number): AxisTable {
  const cells = offsets.length * n;
  const table: AxisTable = { inside: new Uint8Array(cells), knots: new Int32Array(cells * 4), weights: new Float64Array(cells * 4) };
  const w = new Float64Array(4);
  offsets.forEach((offset, v) => {
    for (let c = 0; c < n; c++) {
      const p = c + offset[component]; // the coordinate exactly as the sampler's caller forms it
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

/**
 * Samples a volume at fixed offsets d (numpy order (d_z, d_y, d_x)) from integer voxels, as LBP3D
 * samples its icosphere neighbours: `sample(x, y, z, out)` sets out[v] to map_coordinates' value at
 * numpy index (z + d_v0, y + d_v1, x + d_v2) cast to the volume's dtype, bit for bit what
 * {@link cubicSplineSampler} returns for those coordinates. Weights, knots and the inside test depend
 * only on (offset, coordinate), so they are tabulated once.
 *
 * Integer dtypes round the sample to an integer (boundaries at half-integers). There the 64-term sum
 * is first evaluated separably, t̃ = Σ_a w_a Σ_b w_b Σ_c w_c·c_abc (84 instead of 192 multiplications).
 * scipy's order t = Σ_abc ((c_abc·w_a)·w_b)·w_c and t̃ both lie within about 80 u·Σ|terms| of the
 * exact sum (u = 2⁻⁵³, Σ|terms| ≤ max|c| since the B-spline weights are non-negative and sum to 1),
 * so |t̃ − t| < 10⁻¹⁴·max|c|. t̃ is used when it is farther than 10⁻¹²·(max|c| + 1) from a
 * half-integer (then t rounds to the same integer); otherwise t is evaluated in scipy's order.
 * Float dtypes always use scipy's order.
 */
export function offsetSampler(data: VoxelArray, size: Vec3, offsets: readonly Vec3[]): (x: number, y: number, z: number, out: Float64Array) => void {
  const coefficients = cubicSplineCoefficients(data, size);
  const cast = castToDtype(data);
  const outside = cast(0);
  const [nx, ny, nz] = size;
  const tz = axisTable(offsets, 0, nz, nx * ny);
  const ty = axisTable(offsets, 1, ny, nx);
  const tx = axisTable(offsets, 2, nx, 1);
  const integer = !(data instanceof Float32Array || data instanceof Float64Array);
  let maxAbs = 0;
  for (let i = 0; i < coefficients.length; i++) maxAbs = Math.max(maxAbs, Math.abs(coefficients[i]!));
  const margin = 1e-12 * (maxAbs + 1);
  const nv = offsets.length;
  const { knots: kz, weights: wz } = tz;
  const { knots: ky, weights: wy } = ty;
  const { knots: kx, weights: wx } = tx;

  /** scipy's order: Σ over a, b, c of ((c·w_a)·w_b)·w_c, left to right. */
  const scipyOrder = (bz: number, by: number, bx: number): number => {
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
  };

  /** Separable order (integer dtypes only, see above). */
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
        if (Math.abs(t - Math.floor(t) - 0.5) <= margin) t = scipyOrder(cz * 4, cy * 4, cx * 4);
      } else {
        t = scipyOrder(cz * 4, cy * 4, cx * 4);
      }
      out[v] = cast(t);
    }
  };
}
