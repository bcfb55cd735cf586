/**
 * Cumulative distribution and quantile functions of the normal, Student t, chi-square, F and
 * beta distributions, matching R's `pnorm/qnorm`, `pt/qt`, `pchisq/qchisq`, `pf/qf`,
 * `pbeta/qbeta` to about 1e-14 relative (both tails; the smaller tail is never formed as 1 − p).
 *
 * Every `p*` function takes `lowerTail` (default true) like R's `lower.tail`; every `q*`
 * function takes the probability of that tail.
 */
import { StatsInputError } from './errors';
import { betaDensity, gammaDensity, incompleteBeta, incompleteGamma, type Tails } from './special';
import { newtonIncreasing } from './roots';

const INV_SQRT_2PI = 0.398942280401432677939946059934381868;
const EPS = 2.220446049250313e-16;
const TINY = 1e-300;

function pick(t: Tails, lowerTail: boolean): number {
  return lowerTail ? t.lower : t.upper;
}

function checkProbability(p: number, fn: string): void {
  if (!(p >= 0 && p <= 1)) throw new StatsInputError(`${fn}: probability ${p} is outside [0, 1]`);
}

function checkDf(df: number, fn: string, name = 'df'): void {
  if (!(df > 0)) throw new StatsInputError(`${fn}: ${name} must be > 0, got ${df}`);
}

// ---------------------------------------------------------------- normal

/**
 * Standard normal density φ(x) = e^(−x²/2)/√(2π). The exponent is split as
 * x² = x₁² + (x − x₁)(x + x₁) with x₁ = ⌊16x⌋/16 so φ keeps full relative accuracy for large |x|.
 * R: `dnorm(x)`.
 */
export function dnorm(x: number): number {
  const a = Math.abs(x);
  const a1 = Math.trunc(a * 16) / 16;
  return INV_SQRT_2PI * Math.exp(-0.5 * a1 * a1) * Math.exp(-0.5 * (a - a1) * (a + a1));
}

/** Upper tail 1 − Φ(a) for a ≥ 0. */
function normalUpper(a: number): number {
  if (a < 1.5) {
    // Φ(a) − ½ = φ(a)·Σ a^(2n+1)/(1·3·…·(2n+1)) (A&S 26.2.10), all terms positive.
    let term = a;
    let sum = a;
    for (let n = 1; n < 200; n++) {
      term *= (a * a) / (2 * n + 1);
      sum += term;
      if (term < sum * EPS) break;
    }
    return 0.5 - dnorm(a) * sum;
  }
  if (a > 40) return 0;
  // Mills ratio R(a) = (1 − Φ(a))/φ(a) = 1/(a + 1/(a + 2/(a + 3/(a + …)))) (A&S 26.2.14), Lentz.
  let f = a;
  let c = a;
  let d = 0;
  for (let j = 1; j < 5000; j++) {
    d = a + j * d;
    if (Math.abs(d) < TINY) d = TINY;
    c = a + j / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const del = c * d;
    f *= del;
    if (Math.abs(del - 1) < EPS) break;
  }
  return dnorm(a) / f;
}

/**
 * Standard normal CDF Φ(x) (or 1 − Φ(x) when `lowerTail` is false), computed as φ(x) times a
 * series for |x| < 1.5 and times the Mills-ratio continued fraction beyond, so both tails keep
 * full relative precision down to the underflow limit. R: `pnorm(x, lower.tail)`.
 */
export function pnorm(x: number, lowerTail = true): number {
  if (Number.isNaN(x)) return NaN;
  const upperOfAbs = normalUpper(Math.abs(x));
  const wantSmall = lowerTail ? x < 0 : x > 0;
  if (wantSmall) return upperOfAbs;
  return x === 0 ? 0.5 : 1 - upperOfAbs;
}

/**
 * Standard normal quantile Φ⁻¹(p) (p is the upper-tail probability when `lowerTail` is false).
 * Starts from A&S 26.2.23 and refines with Halley steps on {@link pnorm}, giving ~1e-15 relative.
 * R: `qnorm(p, lower.tail)`.
 */
export function qnorm(p: number, lowerTail = true): number {
  checkProbability(p, 'qnorm');
  // Work in the lower tail with q = min(p, 1 − p) ≤ ½ and a negative root, then restore the sign.
  let q = p;
  let sign = lowerTail ? 1 : -1;
  if (p > 0.5) {
    q = 1 - p;
    sign = -sign;
  }
  if (q === 0) return -sign * Infinity;
  if (q === 0.5) return 0;
  const t = Math.sqrt(-2 * Math.log(q));
  let x = -(t - (2.515517 + t * (0.802853 + t * 0.010328)) / (1 + t * (1.432788 + t * (0.189269 + t * 0.001308))));
  for (let iter = 0; iter < 50; iter++) {
    const err = pnorm(x) - q;
    const u = err / dnorm(x);
    const step = u / (1 + 0.5 * x * u);
    x -= step;
    if (Math.abs(step) <= 2 * EPS * Math.abs(x)) break;
  }
  return sign * x;
}

// ---------------------------------------------------------------- Student t

/**
 * Above this df the incomplete-beta route loses accuracy (the continued fraction cancels near its
 * switch point), so t uses A&S 26.7.8 instead, as R's `pt` does for df > 4e5 (error O(df⁻²) < 1e-11).
 */
const LARGE_DF = 4e5;

/** A&S 26.7.8 normal deviate for Student t: z = t(1 − 1/(4df))/√(1 + t²/(2df)). */
function largeDfNormalDeviate(t: number, df: number): number {
  const v = 1 / (4 * df);
  return (t * (1 - v)) / Math.sqrt(1 + t * t * 2 * v);
}

/**
 * Student t CDF with `df` > 0 degrees of freedom: P(T > |t|) = ½·I_{df/(df+t²)}(df/2, ½);
 * for df > 4e5 (Infinity included) the A&S 26.7.8 normal approximation. R: `pt(t, df, lower.tail)`.
 */
export function pt(t: number, df: number, lowerTail = true): number {
  if (Number.isNaN(t) || Number.isNaN(df)) return NaN;
  checkDf(df, 'pt');
  if (df > LARGE_DF) return pnorm(largeDfNormalDeviate(t, df), lowerTail);
  if (t === 0) return 0.5;
  const r = (t / df) * t;
  let x: number;
  let y: number;
  if (Number.isFinite(r)) {
    x = 1 / (1 + r);
    y = r / (1 + r);
  } else {
    x = 0;
    y = 1;
  }
  const tail = 0.5 * incompleteBeta(df / 2, 0.5, x, y).lower; // P(T > |t|)
  const wantSmall = lowerTail ? t < 0 : t > 0;
  return wantSmall ? tail : 1 - tail;
}

/**
 * Student t quantile, by inverting {@link pt} through the incomplete beta (closed-form inverse of
 * A&S 26.7.8 for df > 4e5). R: `qt(p, df, lower.tail)`.
 */
export function qt(p: number, df: number, lowerTail = true): number {
  checkProbability(p, 'qt');
  checkDf(df, 'qt');
  if (df > LARGE_DF) {
    // Inverse of z = t(1 − v)/√(1 + 2vt²), v = 1/(4 df).
    const z = qnorm(p, lowerTail);
    const v = 1 / (4 * df);
    return z / Math.sqrt((1 - v) * (1 - v) - 2 * v * z * z);
  }
  let q = p;
  let sign = lowerTail ? 1 : -1;
  if (p > 0.5) {
    q = 1 - p;
    sign = -sign;
  }
  if (q === 0) return -sign * Infinity;
  if (q === 0.5) return 0;
  // P(T ≤ −|t|) = q  ⇔  I_x(df/2, ½) = 2q with x = df/(df + t²).
  const { x, y } = betaQuantilePair(2 * q, 1 - 2 * q, df / 2, 0.5);
  return -sign * Math.sqrt(df * (y / x));
}

// ---------------------------------------------------------------- chi-square and gamma

/** Chi-square CDF: P(df/2, q/2) (regularised lower incomplete gamma). R: `pchisq(q, df, lower.tail)`. */
export function pchisq(q: number, df: number, lowerTail = true): number {
  if (Number.isNaN(q) || Number.isNaN(df)) return NaN;
  checkDf(df, 'pchisq');
  return pick(incompleteGamma(df / 2, q / 2), lowerTail);
}

/** Chi-square quantile by bracketed Newton on {@link pchisq}. R: `qchisq(p, df, lower.tail)`. */
export function qchisq(p: number, df: number, lowerTail = true): number {
  checkProbability(p, 'qchisq');
  checkDf(df, 'qchisq');
  const a = df / 2;
  const lowerP = lowerTail ? p : 1 - p;
  const upperP = lowerTail ? 1 - p : p;
  if (lowerP === 0) return 0;
  if (upperP === 0) return Infinity;
  let hi = Math.max(1, a);
  while (incompleteGamma(a, hi).upper > upperP) hi *= 2;
  const median = incompleteGamma(a, a).lower;
  const g =
    lowerP <= median
      ? newtonIncreasing(
          (x) => incompleteGamma(a, x).lower - lowerP,
          (x) => gammaDensity(a, x),
          0,
          hi,
          Math.min(a, hi / 2),
        )
      : newtonIncreasing(
          (x) => upperP - incompleteGamma(a, x).upper,
          (x) => gammaDensity(a, x),
          0,
          hi,
          Math.min(Math.max(a, 1), hi / 2),
        );
  return 2 * g;
}

// ---------------------------------------------------------------- beta and F

/** Beta CDF I_x(a, b). R: `pbeta(x, a, b, lower.tail)`. */
export function pbeta(x: number, a: number, b: number, lowerTail = true): number {
  checkDf(a, 'pbeta', 'shape1');
  checkDf(b, 'pbeta', 'shape2');
  return pick(incompleteBeta(a, b, x), lowerTail);
}

/**
 * Solves I_x(a, b) = lowerP (equivalently 1 − I_x = upperP) and returns both x and y = 1 − x,
 * the smaller of the two solved for directly so that neither loses precision.
 */
function betaQuantilePair(lowerP: number, upperP: number, a: number, b: number): { x: number; y: number } {
  if (lowerP <= 0) return { x: 0, y: 1 };
  if (upperP <= 0) return { x: 1, y: 0 };
  // Each residual below is increasing in the unknown and uses the smaller of the two targets.
  if (lowerP <= incompleteBeta(a, b, 0.5, 0.5).lower) {
    const x = newtonIncreasing(
      (v) => (lowerP <= 0.5 ? incompleteBeta(a, b, v, 1 - v).lower - lowerP : upperP - incompleteBeta(a, b, v, 1 - v).upper),
      (v) => betaDensity(a, b, v, 1 - v),
      0,
      0.5,
      0.25,
    );
    return { x, y: 1 - x };
  }
  const y = newtonIncreasing(
    (v) => (upperP <= 0.5 ? incompleteBeta(b, a, v, 1 - v).lower - upperP : lowerP - incompleteBeta(b, a, v, 1 - v).upper),
    (v) => betaDensity(b, a, v, 1 - v),
    0,
    0.5,
    0.25,
  );
  return { x: 1 - y, y };
}

/** Beta quantile. R: `qbeta(p, a, b, lower.tail)`. */
export function qbeta(p: number, a: number, b: number, lowerTail = true): number {
  checkProbability(p, 'qbeta');
  checkDf(a, 'qbeta', 'shape1');
  checkDf(b, 'qbeta', 'shape2');
  return betaQuantilePair(lowerTail ? p : 1 - p, lowerTail ? 1 - p : p, a, b).x;
}

/**
 * F CDF with (df1, df2) degrees of freedom: I_x(df1/2, df2/2), x = df1·f/(df1·f + df2).
 * Non-integer df (Satterthwaite) are allowed. R: `pf(f, df1, df2, lower.tail)`.
 */
export function pf(f: number, df1: number, df2: number, lowerTail = true): number {
  if (Number.isNaN(f) || Number.isNaN(df1) || Number.isNaN(df2)) return NaN;
  checkDf(df1, 'pf', 'df1');
  checkDf(df2, 'pf', 'df2');
  if (f <= 0) return lowerTail ? 0 : 1;
  if (f === Infinity) return lowerTail ? 1 : 0;
  const s = df1 * f + df2;
  return pick(incompleteBeta(df1 / 2, df2 / 2, (df1 * f) / s, df2 / s), lowerTail);
}

/** F quantile, by inverting the incomplete beta. R: `qf(p, df1, df2, lower.tail)`. */
export function qf(p: number, df1: number, df2: number, lowerTail = true): number {
  checkProbability(p, 'qf');
  checkDf(df1, 'qf', 'df1');
  checkDf(df2, 'qf', 'df2');
  const { x, y } = betaQuantilePair(lowerTail ? p : 1 - p, lowerTail ? 1 - p : p, df1 / 2, df2 / 2);
  if (y === 0) return Infinity;
  return (df2 / df1) * (x / y);
}
