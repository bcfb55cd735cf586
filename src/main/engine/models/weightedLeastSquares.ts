/**
 * Weighted least squares by Householder QR — the linear-algebra step of each IRLS iteration of
 * `stats::glm.fit` (R calls LINPACK `dqrls` on \(\sqrt{w}X\), \(\sqrt{w}z\)).
 *
 * Matrices are **column-major** `Float64Array`s: X(i, j) = `x[j * n + i]`.
 */
import { StatsInputError } from '../stats/errors';

/** Relative pivot tolerance for declaring a column linearly dependent (R's `glm.fit` uses min(1e-7, ε/1000)). */
const RANK_TOLERANCE = 1e-11;

/** Solution of a weighted least-squares problem. */
export interface WlsSolution {
  /** Coefficients \(\hat\beta = \arg\min_\beta \sum_i w_i (z_i - x_i^\top\beta)^2\). */
  coef: Float64Array;
  /** Upper-triangular R of \(\sqrt{W}X = QR\), column-major q × q (for the covariance). */
  r: Float64Array;
}

/**
 * Solves \(\min_\beta \lVert \sqrt{W}(z - X\beta)\rVert_2\) through the Householder QR factorisation of
 * \(\sqrt{W}X\) (Golub & Van Loan, Matrix Computations, 4th ed., §5.2–5.3). Unitless.
 *
 * @param x column-major n × q design
 * @param n rows
 * @param q columns
 * @param z working response (length n)
 * @param w non-negative weights (length n), the IRLS working weights
 * @param termNames names of the columns, used in the error message
 * @throws StatsInputError when a column is (numerically) a linear combination of the previous ones:
 *   R would report an `NA` coefficient; here the caller must drop the term.
 */
export function solveWeightedLeastSquares(
  x: Float64Array,
  n: number,
  q: number,
  z: Float64Array,
  w: Float64Array,
  termNames: readonly string[],
): WlsSolution {
  const a = new Float64Array(n * q);
  const rhs = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const sw = Math.sqrt(w[i]);
    rhs[i] = z[i] * sw;
    for (let j = 0; j < q; j++) a[j * n + i] = x[j * n + i] * sw;
  }
  const norms = new Float64Array(q);
  for (let j = 0; j < q; j++) norms[j] = columnNorm(a, n, j, 0);

  for (let j = 0; j < q; j++) {
    const off = j * n;
    const alpha = columnNorm(a, n, j, j);
    if (!(alpha > RANK_TOLERANCE * norms[j]) || norms[j] === 0) {
      throw new StatsInputError(
        `logistic regression: term "${termNames[j]}" is constant or a linear combination of other terms (rank-deficient design)`,
      );
    }
    // Householder vector v = a_j[j:] + sign(a_jj)·‖a_j[j:]‖ e_1, reflection H = I − 2vvᵀ/vᵀv
    const beta = a[off + j] >= 0 ? -alpha : alpha;
    const v0 = a[off + j] - beta;
    a[off + j] = v0;
    let vtv = v0 * v0;
    for (let i = j + 1; i < n; i++) vtv += a[off + i] * a[off + i];
    for (let k = j + 1; k < q; k++) reflect(a, n, off, j, a, k * n, vtv);
    reflect(a, n, off, j, rhs, 0, vtv);
    a[off + j] = beta;
    for (let i = j + 1; i < n; i++) a[off + i] = 0;
  }
  const r = new Float64Array(q * q);
  for (let j = 0; j < q; j++) for (let i = 0; i <= j; i++) r[j * q + i] = a[j * n + i];
  const coef = new Float64Array(q);
  for (let i = q - 1; i >= 0; i--) {
    let s = rhs[i];
    for (let k = i + 1; k < q; k++) s -= r[k * q + i] * coef[k];
    coef[i] = s / r[i * q + i];
  }
  return { coef, r };
}

/**
 * \((X^\top W X)^{-1} = R^{-1}R^{-\top}\) from the triangular factor (R's `chol2inv(qr$qr)`), column-major q × q.
 * For a binomial GLM this is the unscaled covariance of \(\hat\beta\) (dispersion 1).
 */
export function inverseFromR(r: Float64Array, q: number): Float64Array {
  // Rinv: upper triangular inverse by back substitution, column by column
  const rinv = new Float64Array(q * q);
  for (let j = 0; j < q; j++) {
    rinv[j * q + j] = 1 / r[j * q + j];
    for (let i = j - 1; i >= 0; i--) {
      let s = 0;
      for (let k = i + 1; k <= j; k++) s += r[k * q + i] * rinv[j * q + k];
      rinv[j * q + i] = -s / r[i * q + i];
    }
  }
  const out = new Float64Array(q * q);
  for (let i = 0; i < q; i++) {
    for (let j = i; j < q; j++) {
      let s = 0;
      for (let k = j; k < q; k++) s += rinv[k * q + i] * rinv[k * q + j];
      out[j * q + i] = s;
      out[i * q + j] = s;
    }
  }
  return out;
}

function columnNorm(a: Float64Array, n: number, j: number, from: number): number {
  let scale = 0;
  for (let i = from; i < n; i++) scale = Math.max(scale, Math.abs(a[j * n + i]));
  if (scale === 0) return 0;
  let s = 0;
  for (let i = from; i < n; i++) {
    const t = a[j * n + i] / scale;
    s += t * t;
  }
  return scale * Math.sqrt(s);
}

/** Applies H = I − 2vvᵀ/vᵀv (v = rows j..n−1 of column `vOff` of `a`) to rows j..n−1 of `target` at `tOff`. */
function reflect(a: Float64Array, n: number, vOff: number, j: number, target: Float64Array, tOff: number, vtv: number): void {
  let s = 0;
  for (let i = j; i < n; i++) s += a[vOff + i] * target[tOff + i];
  const f = (2 * s) / vtv;
  for (let i = j; i < n; i++) target[tOff + i] -= f * a[vOff + i];
}
