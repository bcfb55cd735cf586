/**
 * AUC with DeLong's nonparametric variance (DeLong, DeLong & Clarke-Pearson 1988), and the
 * paired and unpaired DeLong tests, as pROC 1.18 `auc`, `var(method = "delong")`,
 * `ci.auc(method = "delong")` and `roc.test(method = "delong", paired = TRUE/FALSE)`,
 * with direction "<" (cases have higher scores).
 */
import { StatsInputError } from './errors';
import { pnorm, pt, qnorm } from './distributions';
import { splitByOutcome, type CasesControls } from './binaryOutcome';

/** Structural components (placements) of the Mann–Whitney AUC. */
export interface Placements {
  auc: number;
  /** V10_i = mean_j ψ(case_i, control_j), one per case. */
  cases: Float64Array;
  /** V01_j = mean_i ψ(case_i, control_j), one per control. */
  controls: Float64Array;
}

/** Number of sorted values < v and ≤ v (binary search). */
function countBelow(sorted: Float64Array, v: number): { less: number; lessEq: number } {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid] < v) lo = mid + 1;
    else hi = mid;
  }
  const less = lo;
  hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid] <= v) lo = mid + 1;
    else hi = mid;
  }
  return { less, lessEq: lo };
}

/**
 * Placements with the kernel ψ(x, y) = 1 if x > y, ½ if x = y, 0 otherwise (case x, control y);
 * AUC = mean V10 = the Mann–Whitney U/(n₁n₀). O((n₁ + n₀) log n) via sorting.
 */
export function delongPlacements(cc: CasesControls): Placements {
  const { cases, controls } = cc;
  const sortedControls = Float64Array.from(controls).sort();
  const sortedCases = Float64Array.from(cases).sort();
  const v10 = cases.map((x) => {
    const { less, lessEq } = countBelow(sortedControls, x);
    return (less + 0.5 * (lessEq - less)) / controls.length;
  });
  const v01 = controls.map((y) => {
    const { less, lessEq } = countBelow(sortedCases, y);
    return (cases.length - lessEq + 0.5 * (lessEq - less)) / cases.length;
  });
  let s = 0;
  for (const v of v10) s += v;
  return { auc: s / cases.length, cases: v10, controls: v01 };
}

function centredCov(a: Float64Array, ma: number, b: Float64Array, mb: number): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += (a[i] - ma) * (b[i] - mb);
  return s / (a.length - 1);
}

/** DeLong variance S10/n₁ + S01/n₀ of one AUC from its placements. */
function delongVarianceOf(p: Placements): number {
  if (p.cases.length < 2 || p.controls.length < 2) {
    throw new StatsInputError(
      `DeLong variance needs at least 2 cases and 2 controls (got ${p.cases.length} cases, ${p.controls.length} controls)`,
    );
  }
  const s10 = centredCov(p.cases, p.auc, p.cases, p.auc);
  const s01 = centredCov(p.controls, p.auc, p.controls, p.auc);
  return s10 / p.cases.length + s01 / p.controls.length;
}

export interface AucWithCi {
  auc: number;
  nCases: number;
  nControls: number;
  /** DeLong variance Var(A) = S10/n₁ + S01/n₀ with S = Σ(V − A)²/(count − 1). */
  variance: number;
  se: number;
  /** qnorm(α/2, A, SE) and qnorm(1 − α/2, A, SE), clipped to [0, 1]. */
  lower: number;
  upper: number;
  confLevel: number;
}

/** AUC (direction "<") with DeLong variance and normal CI clipped to [0, 1]. R: pROC `ci.auc(roc, method = "delong")`. */
export function aucDelong(y: ArrayLike<number>, score: ArrayLike<number>, confLevel = 0.95): AucWithCi {
  const cc = splitByOutcome(y, score, 'aucDelong');
  const p = delongPlacements(cc);
  const variance = delongVarianceOf(p);
  const se = Math.sqrt(variance);
  const z = qnorm(1 - (1 - confLevel) / 2);
  return {
    auc: p.auc,
    nCases: cc.cases.length,
    nControls: cc.controls.length,
    variance,
    se,
    lower: Math.max(0, p.auc - z * se),
    upper: Math.min(1, p.auc + z * se),
    confLevel,
  };
}

export interface DelongPairedResult {
  auc1: number;
  auc2: number;
  z: number;
  pValue: number;
  /** CI of auc1 − auc2. */
  diffCi: [number, number];
  confLevel: number;
}

/**
 * Paired DeLong test of two scores on the same subjects: z = (A₁ − A₂)/√(V₁ + V₂ − 2C), with
 * C = S10₁₂/n₁ + S01₁₂/n₀ from the placement covariances; p = 2Φ(−|z|);
 * CI (A₁ − A₂) ± z_{1−α/2}·√(V₁ + V₂ − 2C). R: `roc.test(r1, r2, method = "delong", paired = TRUE)`.
 */
export function delongPairedTest(
  y: ArrayLike<number>,
  score1: ArrayLike<number>,
  score2: ArrayLike<number>,
  confLevel = 0.95,
): DelongPairedResult {
  const p1 = delongPlacements(splitByOutcome(y, score1, 'delongPairedTest score1'));
  const p2 = delongPlacements(splitByOutcome(y, score2, 'delongPairedTest score2'));
  const v1 = delongVarianceOf(p1);
  const v2 = delongVarianceOf(p2);
  const cov =
    centredCov(p1.cases, p1.auc, p2.cases, p2.auc) / p1.cases.length +
    centredCov(p1.controls, p1.auc, p2.controls, p2.auc) / p1.controls.length;
  const sd = Math.sqrt(v1 + v2 - 2 * cov);
  if (!(sd > 0)) throw new StatsInputError('delongPairedTest: the two ROC curves are identical (zero variance of the difference)');
  const diff = p1.auc - p2.auc;
  const z = diff / sd;
  const half = qnorm(1 - (1 - confLevel) / 2) * sd;
  return { auc1: p1.auc, auc2: p2.auc, z, pValue: 2 * pnorm(-Math.abs(z)), diffCi: [diff - half, diff + half], confLevel };
}

export interface DelongUnpairedResult {
  auc1: number;
  auc2: number;
  D: number;
  df: number;
  pValue: number;
}

/**
 * Unpaired DeLong test of two independent ROC curves: D = (A₁ − A₂)/√(V₁ + V₂),
 * df = (V₁ + V₂)²/(V₁²/(N₁ − 1) + V₂²/(N₂ − 1)) with N the subjects of each curve,
 * p = 2·P(T_df ≥ |D|) (Student t, as pROC). R: `roc.test(r1, r2, method = "delong", paired = FALSE)`.
 */
export function delongUnpairedTest(
  y1: ArrayLike<number>,
  score1: ArrayLike<number>,
  y2: ArrayLike<number>,
  score2: ArrayLike<number>,
): DelongUnpairedResult {
  const p1 = delongPlacements(splitByOutcome(y1, score1, 'delongUnpairedTest curve 1'));
  const p2 = delongPlacements(splitByOutcome(y2, score2, 'delongUnpairedTest curve 2'));
  const v1 = delongVarianceOf(p1);
  const v2 = delongVarianceOf(p2);
  if (!(v1 + v2 > 0)) throw new StatsInputError('delongUnpairedTest: both AUC variances are zero');
  const D = (p1.auc - p2.auc) / Math.sqrt(v1 + v2);
  const n1 = y1.length;
  const n2 = y2.length;
  const df = (v1 + v2) ** 2 / (v1 ** 2 / (n1 - 1) + v2 ** 2 / (n2 - 1));
  return { auc1: p1.auc, auc2: p2.auc, D, df, pValue: 2 * pt(-Math.abs(D), df) };
}
