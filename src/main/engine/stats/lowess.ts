/**
 * LOWESS scatterplot smoother (Cleveland 1979, JASA 74:829-836) as R's `lowess(x, y, f, iter = 0, delta)`
 * (the `clowess` algorithm), and linear interpolation of a smooth as R's `approx(..., ties = mean)`.
 * `rms::val.prob` (Emax/E90/Eavg) and `rms::calibrate` smooth the outcome on the predicted probability this
 * way, always with `iter = 0` (no robustness iterations), which is the only mode implemented here.
 *
 * For each point \(x_i\) (x sorted): the \(q = \max(2, \min(n, \lfloor fn + 10^{-7}\rfloor))\) nearest neighbours
 * (window slid along the sorted x, ties beyond the window edge included) get tricube weights
 * \(w_j = (1 - (|x_j - x_i|/h)^3)^3\), h = the larger distance to the window ends (weight 1 within 0.001h,
 * 0 beyond 0.999h); the fit is the weighted linear regression at \(x_i\) (weighted mean when the weighted
 * spread of x is ≤ 0.001·range). Points within `delta` of the last fitted point are linearly interpolated
 * instead of fitted; tied x share one fit.
 */
import { StatsInputError } from './errors';

export interface Smooth {
  /** x sorted ascending (stable order of ties, as R's `order`). */
  x: Float64Array;
  /** Smoothed y at each sorted x. */
  y: Float64Array;
}

/**
 * R `lowess(x, y, f = 2/3, iter = 0, delta = 0.01 * diff(range(x)))`.
 * @param f smoother span (fraction of points in each local fit)
 */
export function lowess(x: ArrayLike<number>, y: ArrayLike<number>, f = 2 / 3, delta?: number): Smooth {
  const n = x.length;
  if (y.length !== n) throw new StatsInputError(`lowess: x has ${n} values, y has ${y.length}`);
  if (n === 0) throw new StatsInputError('lowess: empty input');
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => x[a] - x[b] || a - b);
  const xs = Float64Array.from(order, (i) => x[i]);
  const ys = Float64Array.from(order, (i) => y[i]);
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(xs[i]) || !Number.isFinite(ys[i])) throw new StatsInputError('lowess: NaN/Inf in input');
  }
  const fitted = new Float64Array(n);
  if (n < 2) {
    fitted[0] = ys[0];
    return { x: xs, y: fitted };
  }
  const step = delta ?? 0.01 * (xs[n - 1] - xs[0]);
  const span = Math.max(2, Math.min(n, Math.floor(f * n + 1e-7)));
  const weights = new Float64Array(n);
  let nleft = 0;
  let nright = span - 1;
  let last = -1;
  let i = 0;
  for (;;) {
    // slide the window right while that does not increase the distance to the farthest neighbour
    while (nright < n - 1 && xs[i] - xs[nleft] > xs[nright + 1] - xs[i]) {
      nleft++;
      nright++;
    }
    const v = localLinearFit(xs, ys, n, xs[i], nleft, nright, weights);
    fitted[i] = Number.isNaN(v) ? ys[i] : v;
    if (last < i - 1) {
      const denom = xs[i] - xs[last];
      for (let j = last + 1; j < i; j++) {
        const alpha = (xs[j] - xs[last]) / denom;
        fitted[j] = alpha * fitted[i] + (1 - alpha) * fitted[last];
      }
    }
    last = i;
    const cut = xs[last] + step;
    for (i = last + 1; i < n; i++) {
      if (xs[i] > cut) break;
      if (xs[i] === xs[last]) {
        fitted[i] = fitted[last];
        last = i;
      }
    }
    i = Math.max(last + 1, i - 1);
    if (last >= n - 1) break;
  }
  return { x: xs, y: fitted };
}

/**
 * Tricube-weighted local linear fit at `xAt` over the window [nleft, nright] plus ties beyond nright; NaN if
 * all weights are 0. Same estimate as clowess' `lowest` (weighted mean plus slope term when the weighted
 * spread of x exceeds 0.001·range), accumulated in two passes instead of six.
 */
function localLinearFit(
  xs: Float64Array,
  ys: Float64Array,
  n: number,
  xAt: number,
  nleft: number,
  nright: number,
  w: Float64Array,
): number {
  const range = xs[n - 1] - xs[0];
  const h = Math.max(xAt - xs[nleft], xs[nright] - xAt);
  const h9 = 0.999 * h;
  const h1 = 0.001 * h;
  let total = 0;
  let sx = 0;
  let sy = 0;
  let j = nleft;
  for (; j < n; j++) {
    const r = Math.abs(xs[j] - xAt);
    let wj = 0;
    if (r <= h9) {
      if (r <= h1) wj = 1;
      else {
        const q = r / h;
        const t = 1 - q * q * q;
        wj = t * t * t;
      }
    } else if (xs[j] > xAt) break;
    w[j] = wj;
    total += wj;
    sx += wj * xs[j];
    sy += wj * ys[j];
  }
  const nrt = j - 1;
  if (total <= 0) return NaN;
  const centre = sx / total;
  const mean = sy / total;
  if (!(h > 0)) return mean;
  let c = 0;
  let cxy = 0;
  for (j = nleft; j <= nrt; j++) {
    const d = xs[j] - centre;
    c += w[j] * d * d;
    cxy += w[j] * d * ys[j];
  }
  c /= total;
  cxy /= total;
  return Math.sqrt(c) > 0.001 * range ? mean + ((xAt - centre) / c) * cxy : mean;
}

/**
 * R `approx(x, y, xout, ties = mean, rule = 1)`: tied x are collapsed to the mean of their y, then linear
 * interpolation; NaN outside [min x, max x]. `x` must be sorted ascending (as a {@link Smooth} is).
 */
export function approxTiesMean(smooth: Smooth, xout: ArrayLike<number>): Float64Array {
  const ux: number[] = [];
  const uy: number[] = [];
  const { x, y } = smooth;
  for (let i = 0; i < x.length; ) {
    let j = i;
    let acc = 0;
    while (j < x.length && x[j] === x[i]) acc += y[j++];
    ux.push(x[i]);
    uy.push(acc / (j - i));
    i = j;
  }
  const m = ux.length;
  return Float64Array.from(xout, (v) => {
    if (!(v >= ux[0] && v <= ux[m - 1])) return NaN;
    let lo = 0;
    let hi = m - 1;
    while (lo < hi - 1) {
      const mid = (lo + hi) >> 1;
      if (v < ux[mid]) hi = mid;
      else lo = mid;
    }
    if (v === ux[hi]) return uy[hi];
    if (v === ux[lo]) return uy[lo];
    return uy[lo] + (uy[hi] - uy[lo]) * ((v - ux[lo]) / (ux[hi] - ux[lo]));
  });
}
