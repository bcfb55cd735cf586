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
export function cubicWeights(x: number, w: Float64Array): void {
  const y = x - Math.floor(x);
  const z = 1 - y;
  w[1] = (y * y * (y - 2) * 3 + 4) / 6;
  w[2] = (z * z * (z - 2) * 3 + 4) / 6;
  w[0] = (z * z * z) / 6;
  w[3] = 1 - w[0] - w[1] - w[2];
}

/** Whole-sample mirror of a knot index into [0, n − 1] (scipy's edge offsets). */
export function mirrorKnot(i: number, n: number): number {
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
