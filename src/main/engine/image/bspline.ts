/**
 * ITK cubic B-spline interpolation (order 3), as SimpleITK's `sitkBSpline` resampler uses it
 * (ITK `BSplineDecompositionImageFilter` + `BSplineInterpolateImageFunction`; algorithms.md §2.4).
 *
 * Prefilter over the whole image, separably along x, then y, then z, in double: per line of length
 * n > 1, multiply by the gain λ = (1 − z₁)(1 − 1/z₁) = 6 with pole z₁ = √3 − 2, causal pass
 * c⁺[k] = c[k] + z₁ c⁺[k−1], anti-causal pass c[k] = z₁ (c[k+1] − c⁺[k]).
 * Causal initialisation (mirror boundary): with ITK's tolerance 1e-10 the horizon is
 * h = ⌈ln 1e-10 / ln|z₁|⌉ = 18; for n > h the truncated sum Σ_{k<h} z₁^k c[k], otherwise the exact
 * mirror sum (c[0] + z₁^{n−1}c[n−1] + Σ_{k=1}^{n−2}(z₁^k + z₁^{2n−2−k})c[k]) / (1 − z₁^{2n−2}).
 * Anti-causal initialisation: c[n−1] = z₁/(z₁² − 1) · (z₁ c⁺[n−2] + c⁺[n−1]).
 *
 * Evaluation at continuous index x per axis: taps j₀ = ⌊x⌋ − 1 … j₀ + 3 mirrored into [0, n−1]
 * (whole-sample symmetric, period 2n − 2), weights with w = x − ⌊x⌋: ω₃ = w³/6, ω₀ = 1/6 + w(w−1)/2 − ω₃,
 * ω₂ = w + ω₀ − 2ω₃, ω₁ = 1 − ω₀ − ω₂ − ω₃; value = Σ ω_x ω_y ω_z · coef, taps in ITK order
 * (x fastest), weight product accumulated x, then y, then z.
 */
import type { Volume } from './volume';

const POLE = Math.sqrt(3) - 2;
const TOLERANCE = 1e-10;

function filterLine(c: Float64Array, n: number): void {
  if (n === 1) return;
  const z = POLE;
  const gain = 1.0 * (1.0 - z) * (1.0 - 1.0 / z);
  for (let k = 0; k < n; k++) c[k]! *= gain;
  // causal initialisation
  const horizon = Math.ceil(Math.log(TOLERANCE) / Math.log(Math.abs(z)));
  let zn = z;
  if (horizon < n) {
    let sum = c[0]!;
    for (let k = 1; k < horizon; k++) {
      sum += zn * c[k]!;
      zn *= z;
    }
    c[0] = sum;
  } else {
    const iz = 1.0 / z;
    let z2n = Math.pow(z, n - 1);
    let sum = c[0]! + z2n * c[n - 1]!;
    z2n *= z2n * iz;
    for (let k = 1; k <= n - 2; k++) {
      sum += (zn + z2n) * c[k]!;
      zn *= z;
      z2n *= iz;
    }
    c[0] = sum / (1.0 - zn * zn);
  }
  for (let k = 1; k < n; k++) c[k]! += z * c[k - 1]!;
  c[n - 1] = (z / (z * z - 1.0)) * (z * c[n - 2]! + c[n - 1]!);
  for (let k = n - 2; k >= 0; k--) c[k] = z * (c[k + 1]! - c[k]!);
}

/** B-spline coefficients of the whole image (float64, same layout). */
export function bsplineCoefficients(v: Volume): Float64Array {
  const [nx, ny, nz] = v.size;
  const coef = Float64Array.from(v.data as ArrayLike<number>);
  const strides = [1, nx, nx * ny];
  const lens = [nx, ny, nz];
  for (let axis = 0; axis < 3; axis++) {
    const n = lens[axis]!;
    if (n === 1) continue;
    const stride = strides[axis]!;
    const line = new Float64Array(n);
    // iterate over every line along `axis`
    const others = [0, 1, 2].filter((a) => a !== axis);
    const [a0, a1] = others as [number, number];
    for (let j = 0; j < lens[a1]!; j++) {
      for (let i = 0; i < lens[a0]!; i++) {
        const base = i * strides[a0]! + j * strides[a1]!;
        for (let k = 0; k < n; k++) line[k] = coef[base + k * stride]!;
        filterLine(line, n);
        for (let k = 0; k < n; k++) coef[base + k * stride] = line[k]!;
      }
    }
  }
  return coef;
}

function weightsAndTaps(x: number, n: number, w: Float64Array, taps: Int32Array): void {
  const f = Math.floor(x);
  const t = x - f;
  const w3 = (1.0 / 6.0) * t * t * t;
  const w0 = 1.0 / 6.0 + 0.5 * t * (t - 1.0) - w3;
  const w2 = t + w0 - 2.0 * w3;
  const w1 = 1.0 - w0 - w2 - w3;
  w[0] = w0;
  w[1] = w1;
  w[2] = w2;
  w[3] = w3;
  const period = 2 * n - 2;
  for (let k = 0; k < 4; k++) {
    let idx = f - 1 + k;
    if (n === 1) idx = 0;
    else {
      // whole-sample mirror: fold into one period, then reflect (for n ≥ 3 this is ITK's single
      // reflection; for n = 2 ITK's would leave index −1 for the last tap, which we fold as well)
      idx = ((idx % period) + period) % period;
      if (idx >= n) idx = period - idx;
    }
    taps[k] = idx;
  }
}

/** Evaluator of the cubic B-spline interpolant at continuous indices of `v`. */
export function bsplineInterpolator(v: Volume): (cx: number, cy: number, cz: number) => number {
  const coef = bsplineCoefficients(v);
  const [nx, ny, nz] = v.size;
  const wx = new Float64Array(4);
  const wy = new Float64Array(4);
  const wz = new Float64Array(4);
  const tx = new Int32Array(4);
  const ty = new Int32Array(4);
  const tz = new Int32Array(4);
  return (cx, cy, cz) => {
    weightsAndTaps(cx, nx, wx, tx);
    weightsAndTaps(cy, ny, wy, ty);
    weightsAndTaps(cz, nz, wz, tz);
    let sum = 0;
    for (let c = 0; c < 4; c++) {
      for (let b = 0; b < 4; b++) {
        const row = nx * (ty[b]! + ny * tz[c]!);
        for (let a = 0; a < 4; a++) {
          const w = 1.0 * wx[a]! * wy[b]! * wz[c]!;
          sum += w * coef[row + tx[a]!]!;
        }
      }
    }
    return sum;
  };
}
