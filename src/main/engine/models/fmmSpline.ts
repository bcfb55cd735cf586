/**
 * Interpolating cubic spline with Forsythe–Malcolm–Moler end conditions (R: `spline(x, y, method = "fmm")`),
 * needed to reproduce MASS's profile-likelihood intervals, which interpolate the profile this way.
 *
 * Reference: G. E. Forsythe, M. A. Malcolm, C. B. Moler, *Computer Methods for Mathematical Computations*,
 * Prentice-Hall 1977, §4.4 (subroutine SPLINE): the third derivative at each end equals that of the cubic
 * through the four nearest points.
 */

/** Piecewise cubic \(S(u) = y_i + b_i t + c_i t^2 + d_i t^3\), \(t = u - x_i\) on \([x_i, x_{i+1})\). */
export interface CubicSpline {
  x: Float64Array;
  y: Float64Array;
  b: Float64Array;
  c: Float64Array;
  d: Float64Array;
}

/**
 * Coefficients of the FMM interpolating spline through (x_i, y_i), x strictly increasing, n ≥ 2.
 * With n = 2 the spline is the straight line; with n = 3 the end third derivatives are zero.
 */
export function fmmSpline(xIn: ArrayLike<number>, yIn: ArrayLike<number>): CubicSpline {
  const n = xIn.length;
  const x = Float64Array.from(xIn);
  const y = Float64Array.from(yIn);
  const b = new Float64Array(n);
  const c = new Float64Array(n);
  const d = new Float64Array(n);
  if (n < 2) throw new RangeError('fmmSpline: need at least two points');
  if (n < 3) {
    b[0] = b[1] = (y[1] - y[0]) / (x[1] - x[0]);
    return { x, y, b, c, d };
  }
  const last = n - 1;
  // tridiagonal system for σ_i = S''(x_i)/6: b = diagonal, d = off-diagonal, c = right-hand side
  d[0] = x[1] - x[0];
  c[1] = (y[1] - y[0]) / d[0];
  for (let i = 1; i < last; i++) {
    d[i] = x[i + 1] - x[i];
    b[i] = 2 * (d[i - 1] + d[i]);
    c[i + 1] = (y[i + 1] - y[i]) / d[i];
    c[i] = c[i + 1] - c[i];
  }
  b[0] = -d[0];
  b[last] = -d[last - 1];
  c[0] = 0;
  c[last] = 0;
  if (n > 3) {
    c[0] = c[2] / (x[3] - x[1]) - c[1] / (x[2] - x[0]);
    c[last] = c[last - 1] / (x[last] - x[last - 2]) - c[last - 2] / (x[last - 1] - x[last - 3]);
    c[0] = (c[0] * d[0] * d[0]) / (x[3] - x[0]);
    c[last] = (-c[last] * d[last - 1] * d[last - 1]) / (x[last] - x[last - 3]);
  }
  for (let i = 1; i <= last; i++) {
    const t = d[i - 1] / b[i - 1];
    b[i] -= t * d[i - 1];
    c[i] -= t * c[i - 1];
  }
  c[last] /= b[last];
  for (let i = last - 1; i >= 0; i--) c[i] = (c[i] - d[i] * c[i + 1]) / b[i];
  // polynomial coefficients
  b[last] = (y[last] - y[last - 1]) / d[last - 1] + d[last - 1] * (c[last - 1] + 2 * c[last]);
  for (let i = 0; i < last; i++) {
    b[i] = (y[i + 1] - y[i]) / d[i] - d[i] * (c[i + 1] + 2 * c[i]);
    d[i] = (c[i + 1] - c[i]) / d[i];
    c[i] *= 3;
  }
  c[last] *= 3;
  d[last] = d[last - 1];
  return { x, y, b, c, d };
}

/** Value of the spline at u (the cubic of the interval containing u; end cubics extrapolate). */
export function evalSpline(s: CubicSpline, u: number): number {
  const { x } = s;
  let lo = 0;
  let hi = x.length - 1;
  if (u < x[0]) hi = 0;
  else {
    // largest i with x[i] <= u
    while (hi - lo > 1) {
      const mid = (lo + hi) >> 1;
      if (u < x[mid]) hi = mid;
      else lo = mid;
    }
    if (u >= x[hi]) lo = hi;
  }
  const i = u < x[0] ? 0 : lo;
  const t = u - x[i];
  return s.y[i] + t * (s.b[i] + t * (s.c[i] + t * s.d[i]));
}
