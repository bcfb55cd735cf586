/**
 * Two-sample t tests (Welch and Student), as R's `t.test(x, y, var.equal)` two-sided.
 */
import { StatsInputError } from '../errors';
import { pt, qt } from '../distributions';
import { meanSd } from '../descriptive';

export interface TTestResult {
  t: number;
  df: number;
  pValue: number;
  meanX: number;
  meanY: number;
  /** Confidence interval of meanX − meanY. */
  ci: [number, number];
  confLevel: number;
  method: 'Welch' | 'Student';
}

/**
 * Welch (default) or pooled-variance Student two-sample t test.
 * Welch: t = (x̄ − ȳ)/√(s²ₓ/nₓ + s²ᵧ/nᵧ), df = (s²ₓ/nₓ + s²ᵧ/nᵧ)²/[(s²ₓ/nₓ)²/(nₓ−1) + (s²ᵧ/nᵧ)²/(nᵧ−1)].
 * Student: s²ₚ = [(nₓ−1)s²ₓ + (nᵧ−1)s²ᵧ]/(nₓ+nᵧ−2), t = (x̄ − ȳ)/(sₚ√(1/nₓ + 1/nᵧ)), df = nₓ+nᵧ−2.
 * p = 2·P(T_df ≥ |t|); CI = (x̄ − ȳ) ± t_{1−α/2, df}·SE.
 */
export function tTestTwoSample(
  x: ArrayLike<number>,
  y: ArrayLike<number>,
  options: { varEqual?: boolean; confLevel?: number } = {},
): TTestResult {
  const varEqual = options.varEqual ?? false;
  const confLevel = options.confLevel ?? 0.95;
  if (x.length < 2 || y.length < 2) {
    throw new StatsInputError(`tTestTwoSample: each group needs at least 2 values (nX=${x.length}, nY=${y.length})`);
  }
  const a = meanSd(x);
  const b = meanSd(y);
  let se: number;
  let df: number;
  if (varEqual) {
    df = a.n + b.n - 2;
    const pooled = ((a.n - 1) * a.sd * a.sd + (b.n - 1) * b.sd * b.sd) / df;
    se = Math.sqrt(pooled * (1 / a.n + 1 / b.n));
  } else {
    const vx = (a.sd * a.sd) / a.n;
    const vy = (b.sd * b.sd) / b.n;
    se = Math.sqrt(vx + vy);
    df = ((vx + vy) * (vx + vy)) / ((vx * vx) / (a.n - 1) + (vy * vy) / (b.n - 1));
  }
  if (!(se > 0)) throw new StatsInputError('tTestTwoSample: both groups are constant (zero standard error)');
  const diff = a.mean - b.mean;
  const t = diff / se;
  const half = qt(1 - (1 - confLevel) / 2, df) * se;
  return {
    t,
    df,
    pValue: 2 * pt(-Math.abs(t), df),
    meanX: a.mean,
    meanY: b.mean,
    ci: [diff - half, diff + half],
    confLevel,
    method: varEqual ? 'Student' : 'Welch',
  };
}
