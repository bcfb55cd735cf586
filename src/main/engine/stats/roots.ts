/**
 * Root finders for monotone scalar equations: bracketed Newton (used to invert distribution
 * functions to full precision) and Brent's method (used where no derivative is at hand, e.g. the
 * Fisher conditional-MLE odds ratio). Both fail loudly instead of returning a wrong root.
 */
import { StatsConvergenceError } from './errors';

const EPS = 2.220446049250313e-16;

/**
 * Solves f(x) = 0 for an increasing f on the bracket [lo, hi] (f(lo) ≤ 0 ≤ f(hi)) by Newton's
 * method with derivative `df`, falling back to bisection (geometric when the bracket spans
 * decades) whenever a Newton step leaves the bracket. Converges to ~4 ulp of the root.
 */
export function newtonIncreasing(
  f: (x: number) => number,
  df: (x: number) => number,
  lo: number,
  hi: number,
  x0: number = (lo + hi) / 2,
): number {
  let x = x0;
  for (let iter = 0; iter < 2000; iter++) {
    const fx = f(x);
    if (fx === 0) return x;
    if (fx < 0) lo = x;
    else hi = x;
    const slope = df(x);
    let next = x - fx / slope;
    const newtonOk = Number.isFinite(next) && next > lo && next < hi;
    if (!newtonOk) {
      if (lo > 0 && hi / lo > 1e3) next = Math.sqrt(lo * hi);
      else if (lo === 0 && hi > 0) next = hi / 16;
      else next = lo + (hi - lo) / 2;
    }
    if (Math.abs(next - x) <= 4 * EPS * Math.abs(next) || hi - lo <= 4 * EPS * Math.abs(hi)) return next;
    x = next;
  }
  throw new StatsConvergenceError('Newton root finder did not converge');
}

/**
 * Brent's method (R. P. Brent, "Algorithms for Minimization without Derivatives", 1973, ch. 4):
 * inverse quadratic interpolation with bisection safeguard for a root of f in [a, b], where
 * f(a) and f(b) have opposite signs. Stops when the bracket is below `tol` (absolute) plus
 * 4 ulp of the iterate.
 */
export function brentRoot(f: (x: number) => number, a: number, b: number, tol = 0): number {
  let fa = f(a);
  let fb = f(b);
  if (fa === 0) return a;
  if (fb === 0) return b;
  if (fa > 0 === fb > 0) throw new StatsConvergenceError(`Brent: f(${a}) and f(${b}) have the same sign`);
  let c = a;
  let fc = fa;
  let d = b - a;
  let e = d;
  for (let iter = 0; iter < 1000; iter++) {
    if (fb > 0 === fc > 0) {
      c = a;
      fc = fa;
      d = b - a;
      e = d;
    }
    if (Math.abs(fc) < Math.abs(fb)) {
      a = b;
      b = c;
      c = a;
      fa = fb;
      fb = fc;
      fc = fa;
    }
    const tol1 = 4 * EPS * Math.abs(b) + 0.5 * tol;
    const xm = 0.5 * (c - b);
    if (Math.abs(xm) <= tol1 || fb === 0) return b;
    if (Math.abs(e) >= tol1 && Math.abs(fa) > Math.abs(fb)) {
      const s = fb / fa;
      let p: number;
      let q: number;
      if (a === c) {
        p = 2 * xm * s;
        q = 1 - s;
      } else {
        const qa = fa / fc;
        const r = fb / fc;
        p = s * (2 * xm * qa * (qa - r) - (b - a) * (r - 1));
        q = (qa - 1) * (r - 1) * (s - 1);
      }
      if (p > 0) q = -q;
      p = Math.abs(p);
      if (2 * p < Math.min(3 * xm * q - Math.abs(tol1 * q), Math.abs(e * q))) {
        e = d;
        d = p / q;
      } else {
        d = xm;
        e = d;
      }
    } else {
      d = xm;
      e = d;
    }
    a = b;
    fa = fb;
    b += Math.abs(d) > tol1 ? d : xm > 0 ? tol1 : -tol1;
    fb = f(b);
  }
  throw new StatsConvergenceError('Brent root finder did not converge');
}
