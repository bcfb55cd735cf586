/**
 * k-nearest-neighbours classifier for a binary outcome, on z-scored features with Euclidean distance
 * (the classifier the study applies to its selected radiomics/deep features).
 *
 * Matrices are **column-major** `Float64Array`s: x(i, j) = `x[j * n + i]`.
 */
import { StatsInputError, assertFinite } from '../stats/errors';

/**
 * Relative tolerance under which two distances count as tied at the k-th neighbour, as R's `class::knn`
 * (`EPS = 1e-4` in its C code).
 */
export const KNN_TIE_TOLERANCE = 1e-4;

/** A fitted k-NN model: the standardised training set. */
export interface KnnModel {
  k: number;
  n: number;
  p: number;
  /** Training means and sample SDs (divide by n − 1) used to z-score every feature; SD 0 columns are ignored. */
  mean: Float64Array;
  sd: Float64Array;
  /** Standardised training features, column-major n × p. */
  z: Float64Array;
  y: Float64Array;
}

/**
 * "Fits" k-NN: stores the training set z-scored with its own means and SDs
 * \(z_{ij} = (x_{ij}-\bar x_j)/s_j\) (R `scale()`; s with n − 1). A constant feature (s = 0) carries no
 * distance information and is dropped from the distance.
 *
 * @param x column-major n × p training features (finite)
 * @param n training observations
 * @param p features
 * @param y training outcome coded 0/1 (both classes present)
 * @param k number of neighbours, 1 ≤ k ≤ n
 */
export function fitKnn(x: Float64Array, n: number, p: number, y: ArrayLike<number>, k: number): KnnModel {
  if (x.length !== n * p) throw new StatsInputError(`fitKnn: x has ${x.length} values, expected ${n}·${p}`);
  if (y.length !== n) throw new StatsInputError(`fitKnn: y has ${y.length} values, expected ${n}`);
  if (!Number.isInteger(k) || k < 1 || k > n) throw new StatsInputError(`fitKnn: k must be an integer in 1..${n}, got ${k}`);
  assertFinite(x, 'fitKnn features');
  let events = 0;
  for (let i = 0; i < n; i++) {
    if (y[i] !== 0 && y[i] !== 1) throw new StatsInputError(`fitKnn: outcome must be 0/1, got ${y[i]} at row ${i + 1}`);
    events += y[i];
  }
  if (events === 0 || events === n) throw new StatsInputError('fitKnn: the training outcome has a single class');
  const mean = new Float64Array(p);
  const sd = new Float64Array(p);
  const z = new Float64Array(n * p);
  for (let j = 0; j < p; j++) {
    const off = j * n;
    let m = 0;
    for (let i = 0; i < n; i++) m += x[off + i];
    m /= n;
    let ss = 0;
    for (let i = 0; i < n; i++) ss += (x[off + i] - m) ** 2;
    const s = n > 1 ? Math.sqrt(ss / (n - 1)) : 0;
    mean[j] = m;
    sd[j] = s;
    if (s > 0) for (let i = 0; i < n; i++) z[off + i] = (x[off + i] - m) / s;
  }
  return { k, n, p, mean, sd, z, y: Float64Array.from(y) };
}

/**
 * Probability of the positive class for new observations: the share of positives among the nearest
 * training points in Euclidean distance on the training z-scale,
 *   $$\hat p(x) = \frac{1}{|N_k(x)|}\sum_{i\in N_k(x)} y_i .$$
 * Tie rule (R `class::knn`, `use.all = TRUE`): \(N_k(x)\) holds every training point whose distance is at most
 * \(d_{(k)}(1 + 10^{-4})\), \(d_{(k)}\) the k-th smallest distance, so tied neighbours all vote and the result
 * does not depend on the row order. Unitless probability in [0, 1].
 *
 * @param xNew column-major m × p new features, same columns as the training set
 * @param m number of new observations
 */
export function predictKnnProbability(model: KnnModel, xNew: Float64Array, m: number): Float64Array {
  const { n, p, k, z, y, mean, sd } = model;
  if (xNew.length !== m * p) throw new StatsInputError(`predictKnnProbability: x has ${xNew.length} values, expected ${m}·${p}`);
  assertFinite(xNew, 'predictKnnProbability features');
  const out = new Float64Array(m);
  const d2 = new Float64Array(n);
  const sorted = new Float64Array(n);
  for (let t = 0; t < m; t++) {
    d2.fill(0);
    for (let j = 0; j < p; j++) {
      if (sd[j] === 0) continue;
      const v = (xNew[j * m + t] - mean[j]) / sd[j];
      const off = j * n;
      for (let i = 0; i < n; i++) {
        const diff = z[off + i] - v;
        d2[i] += diff * diff;
      }
    }
    sorted.set(d2);
    sorted.sort();
    const kth = Math.sqrt(sorted[k - 1]);
    const limit = (kth * (1 + KNN_TIE_TOLERANCE)) ** 2;
    let votes = 0;
    let positives = 0;
    for (let i = 0; i < n; i++) {
      if (d2[i] <= limit) {
        votes++;
        positives += y[i];
      }
    }
    out[t] = positives / votes;
  }
  return out;
}
