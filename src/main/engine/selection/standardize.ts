/**
 * Weighted column standardisation as glmnet performs it internally before coordinate descent
 * (glmnet 4.1-6, `standardize = TRUE`, `intercept = TRUE`).
 *
 * Matrices are **column-major** `Float64Array`s: element (i, j) of an n × p matrix is `x[j * n + i]`.
 */

/** Result of {@link standardizeColumns}. */
export interface StandardizedColumns {
  /** Standardised copy of x, column-major n × p; an excluded (constant) column is all zeros. */
  z: Float64Array;
  /** Weighted column means \(\bar x_j = \sum_i w_i x_{ij}\). */
  mean: Float64Array;
  /** Weighted population SDs \(s_j = \sqrt{\sum_i w_i (x_{ij}-\bar x_j)^2}\) (1 when not scaling). */
  sd: Float64Array;
  /** `true` for a column that glmnet excludes because all its values are equal (`chkvars`). */
  constant: Uint8Array;
}

/**
 * Centres and scales each column with observation weights that sum to 1:
 *   $$z_{ij} = \frac{x_{ij} - \bar x_j}{s_j},\quad \bar x_j = \sum_i w_i x_{ij},\quad
 *     s_j = \Big(\sum_i w_i (x_{ij}-\bar x_j)^2\Big)^{1/2}.$$
 * With unit case weights \(w_i = 1/n\), so \(s_j\) is the **population** SD (divide by n, not n − 1),
 * as in glmnet's Fortran/C++ `lstandard1` (README §5.3 of the stats oracle). Unitless output.
 *
 * Columns are always centred (glmnet with `intercept = TRUE`, the only mode supported here).
 * A column whose values are all identical is flagged `constant`, left as zeros and given mean = its value,
 * sd = 1: glmnet's `chkvars` drops such a column from the fit (its coefficient stays 0).
 *
 * @param x column-major n × p data
 * @param n rows (observations)
 * @param p columns (predictors)
 * @param w observation weights summing to 1 (length n)
 * @param scale divide by the weighted population SD (glmnet `standardize = TRUE`)
 */
export function standardizeColumns(
  x: Float64Array,
  n: number,
  p: number,
  w: Float64Array,
  scale = true,
): StandardizedColumns {
  const z = new Float64Array(n * p);
  const mean = new Float64Array(p);
  const sd = new Float64Array(p).fill(1);
  const constant = new Uint8Array(p);
  for (let j = 0; j < p; j++) {
    const off = j * n;
    let isConstant = true;
    const first = x[off];
    for (let i = 1; i < n; i++) {
      if (x[off + i] !== first) {
        isConstant = false;
        break;
      }
    }
    if (isConstant) {
      constant[j] = 1;
      mean[j] = first;
      continue;
    }
    let m = 0;
    for (let i = 0; i < n; i++) m += w[i] * x[off + i];
    mean[j] = m;
    for (let i = 0; i < n; i++) z[off + i] = x[off + i] - m;
    if (scale) {
      let ss = 0;
      for (let i = 0; i < n; i++) ss += w[i] * z[off + i] * z[off + i];
      const s = Math.sqrt(ss);
      sd[j] = s;
      for (let i = 0; i < n; i++) z[off + i] /= s;
    }
  }
  return { z, mean, sd, constant };
}
