/**
 * Pathwise coordinate descent for the elastic-net penalised binomial log-likelihood on **standardised**
 * predictors — the algorithm of glmnet's two-class `lognet` (Friedman, Hastie & Tibshirani 2010,
 * J Stat Softw 33(1) §3–4; strong rules: Tibshirani et al. 2012, JRSS-B 74:245), reimplemented so that
 * its stopping decisions are the ones glmnet 4.1-6 takes:
 *
 * - outer loop = IRLS: quadratic approximation of the log-likelihood at the current fit, weights
 *   \(v_i = w_i q_i(1-q_i)\), working residuals \(r_i = w_i(y_i - q_i)\);
 * - inner loop = cyclic coordinate descent over the strong set, then repeated sweeps over the active set;
 *   a sweep is converged when \(\max_k v^{(k)}\,\Delta\beta_k^2 < \text{thresh}\cdot D_0\)
 *   (\(v^{(k)} = \sum_i v_i z_{ik}^2\), the intercept counted with \(\sum_i v_i\)), \(D_0\) the null
 *   half-deviance per unit weight;
 * - an IRLS step is converged when the same criterion holds for the change of every coefficient across
 *   the step; then the KKT conditions of the variables outside the strong set are checked and any
 *   violator re-enters.
 *
 * All work arrays are allocated once per fit; the hot loops never allocate.
 */

/** Controls of {@link solveLognetPath} (glmnet names in brackets). */
export interface LognetSolverControl {
  /** Elastic-net mixing \(\alpha\in(0,1]\) [`alpha`]. */
  alpha: number;
  /** Explicit decreasing λ sequence [`lambda`]; when absent a sequence is generated. */
  lambda?: Float64Array;
  /** Number of generated λ values [`nlambda`]. */
  nlambda: number;
  /** Smallest generated λ as a fraction of λ_max [`lambda.min.ratio`]. */
  lambdaMinRatio: number;
  /** Convergence threshold on the weighted squared coefficient change, relative to the null deviance [`thresh`]. */
  thresh: number;
  /** Maximum total number of coordinate-descent sweeps over the whole path [`maxit`]. */
  maxit: number;
}

/** Raw path on the standardised scale, as the compiled glmnet code returns it. */
export interface LognetSolverPath {
  /** λ actually used per solution; for a generated path entry 0 is glmnet's huge placeholder. */
  lambda: Float64Array;
  /** Intercepts on the standardised scale. */
  a0: Float64Array;
  /** Coefficients on the standardised scale, column-major p × L (`beta[l * p + j]`). */
  beta: Float64Array;
  /** Fraction of null deviance explained per solution (`dev.ratio`). */
  devRatio: Float64Array;
  /** Total coordinate-descent sweeps (`npasses`). */
  npasses: number;
  /** Number of solutions returned (≤ number of λ values). */
  nSolutions: number;
  /** Set when the sweep budget ran out: the 0-based λ index that did not converge. */
  maxitReachedAt: number | null;
}

/** glmnet internal constants (`glmnet.control()` defaults). */
const BIG = 9.9e35;
const PMIN = 1e-9;
const MIN_LAMBDA_RATIO = 1e-6; // eps
const FDEV = 1e-5; // sml
const DEVMAX = 0.999;
const MNLAM = 5;

/**
 * Fits the whole λ path.
 *
 * Objective at each λ (weights \(w_i\) summing to 1):
 *   $$\min_{\beta_0,\beta}\; -\sum_i w_i\big[y_i\eta_i - \log(1+e^{\eta_i})\big]
 *     + \lambda\Big[\tfrac{1-\alpha}{2}\lVert\beta\rVert_2^2 + \alpha\lVert\beta\rVert_1\Big],
 *     \quad \eta_i = \beta_0 + z_i^\top\beta.$$
 * The intercept is unpenalised. Fitted probabilities with \(|\eta| > \log(1/p_{min}-1)\) are set to 0 or 1
 * (\(p_{min} = 10^{-9}\)); deviances clamp probabilities to \([p_{min}, 1-p_{min}]\).
 *
 * Generated λ path: \(\lambda_1 = \infty\) (intercept-only placeholder), \(\lambda_2 = \rho\,\lambda_{max}/\max(\alpha,10^{-3})\)
 * with \(\lambda_{max} = \max_j |\sum_i w_i (y_i-\bar y) z_{ij}|\), then \(\lambda_{k+1} = \rho\lambda_k\),
 * \(\rho = \max(\text{ratio},10^{-6})^{1/(L-1)}\). It stops early (after 5 solutions) when the deviance ratio
 * exceeds 0.999 or grows by less than 1e-5. An explicit λ sequence is never stopped early.
 *
 * @param z standardised predictors, column-major n × p (excluded columns all zero)
 * @param n observations
 * @param p predictors
 * @param y outcome, 0/1
 * @param w observation weights summing to 1
 * @param exclude 1 for predictors that must stay at zero (constant columns)
 * @param control see {@link LognetSolverControl}
 */
export function solveLognetPath(
  z: Float64Array,
  n: number,
  p: number,
  y: Float64Array,
  w: Float64Array,
  exclude: Uint8Array,
  control: LognetSolverControl,
): LognetSolverPath {
  const { alpha, thresh, maxit } = control;
  const userLambda = control.lambda;
  const nlam = userLambda ? userLambda.length : control.nlambda;
  const omb = 1 - alpha;
  const fmax = Math.log(1 / PMIN - 1);
  const fmin = -fmax;
  const vmin = (1 + PMIN) * PMIN * (1 - PMIN);

  const q = new Float64Array(n);
  const v = new Float64Array(n);
  const r = new Float64Array(n);
  const b = new Float64Array(p);
  const bs = new Float64Array(p);
  const xv = new Float64Array(p);
  const ga = new Float64Array(p);
  const strong = new Uint8Array(p);
  const activeList = new Int32Array(p);
  const inActive = new Uint8Array(p);
  let nActive = 0;
  let gram = createGram(Math.min(p, 64));

  const outLambda = new Float64Array(nlam);
  const outA0 = new Float64Array(nlam);
  const outBeta = new Float64Array(nlam * p);
  const outDev = new Float64Array(nlam);

  // intercept-only start
  let q0 = 0;
  for (let i = 0; i < n; i++) q0 += w[i] * y[i];
  let b0 = Math.log(q0 / (1 - q0));
  const vi = q0 * (1 - q0);
  let xmz = vi;
  for (let i = 0; i < n; i++) {
    q[i] = q0;
    v[i] = vi * w[i];
    r[i] = w[i] * (y[i] - q0);
  }
  const dev1 = -(b0 * q0 + Math.log(1 - q0));
  let dev0 = dev1;
  for (let i = 0; i < n; i++) {
    if (y[i] > 0) dev0 += w[i] * y[i] * Math.log(y[i]);
    if (y[i] < 1) dev0 += w[i] * (1 - y[i]) * Math.log(1 - y[i]);
  }
  const shr = thresh * dev0;

  let alf = 1;
  if (!userLambda) alf = Math.max(MIN_LAMBDA_RATIO, control.lambdaMinRatio) ** (1 / (nlam - 1));

  screeningGradients(r, z, n, p, strong, exclude, ga);

  let nlp = 0;
  let al = 0;
  let nSolutions = 0;
  let maxitReachedAt: number | null = null;

  lambdaLoop: for (let ilm = 0; ilm < nlam; ilm++) {
    let al0 = al;
    if (userLambda) al = userLambda[ilm];
    else if (ilm > 1) al *= alf;
    else if (ilm === 0) al = BIG;
    else {
      al0 = 0;
      for (let j = 0; j < p; j++) if (!exclude[j]) al0 = Math.max(al0, ga[j]);
      al = (alf * al0) / Math.max(alpha, 1e-3);
    }
    const al2 = al * omb;
    const al1 = al * alpha;
    const tlam = alpha * (2 * al - al0);
    for (let k = 0; k < p; k++) if (!strong[k] && !exclude[k] && ga[k] > tlam) strong[k] = 1;

    // IRLS (outer) iterations at this λ
    for (;;) {
      const bs0 = b0;
      for (let l = 0; l < nActive; l++) bs[activeList[l]] = b[activeList[l]];
      for (let j = 0; j < p; j++) if (strong[j]) xv[j] = weightedSquareSum(v, z, j * n, n);
      gram.size = 0; // v changed: the cached weighted Gram matrix is stale

      // coordinate descent: full sweep over the strong set, then active-set sweeps until converged
      for (;;) {
        nlp++;
        let dlx = 0;
        for (let k = 0; k < p; k++) {
          if (!strong[k]) continue;
          const d = updateCoordinate(k, z, n, r, v, b, xv, al1, al2);
          if (d === 0) continue;
          dlx = Math.max(dlx, xv[k] * d * d);
          if (!inActive[k]) {
            inActive[k] = 1;
            activeList[nActive++] = k;
          }
        }
        const d0 = sum(r, n) / xmz;
        if (d0 !== 0) {
          b0 += d0;
          dlx = Math.max(dlx, xmz * d0 * d0);
          for (let i = 0; i < n; i++) r[i] -= d0 * v[i];
        }
        if (dlx < shr) break;
        if (nlp > maxit) {
          maxitReachedAt = ilm;
          break lambdaLoop;
        }
        if (nActive > gram.capacity) gram = growGram(gram, nActive, p);
        activeSetDescent(z, n, r, v, b, xv, activeList, nActive, gram, b0, xmz, al1, al2, shr, maxit - nlp);
        b0 = gram.b0;
        nlp += gram.sweeps;
        if (!gram.converged) {
          maxitReachedAt = ilm;
          break lambdaLoop;
        }
      }

      // new quadratic approximation
      for (let i = 0; i < n; i++) q[i] = b0;
      for (let l = 0; l < nActive; l++) {
        const k = activeList[l];
        const bk = b[k];
        if (bk === 0) continue;
        const off = k * n;
        for (let i = 0; i < n; i++) q[i] += bk * z[off + i];
      }
      xmz = 0;
      for (let i = 0; i < n; i++) {
        const fi = q[i];
        const qi = fi < fmin ? 0 : fi > fmax ? 1 : 1 / (1 + Math.exp(-fi));
        q[i] = qi;
        v[i] = w[i] * qi * (1 - qi);
        xmz += v[i];
      }
      if (xmz <= vmin) break;
      for (let i = 0; i < n; i++) r[i] = w[i] * (y[i] - q[i]);

      if (xmz * (b0 - bs0) ** 2 >= shr) continue;
      let moved = false;
      for (let l = 0; l < nActive; l++) {
        const k = activeList[l];
        if (xv[k] * (b[k] - bs[k]) ** 2 >= shr) {
          moved = true;
          break;
        }
      }
      if (moved) continue;
      // KKT check of the variables outside the strong set
      screeningGradients(r, z, n, p, strong, exclude, ga);
      let violated = false;
      for (let k = 0; k < p; k++) {
        if (strong[k] || exclude[k]) continue;
        if (ga[k] > al1) {
          strong[k] = 1;
          violated = true;
        }
      }
      if (!violated) break;
    }

    outLambda[ilm] = al;
    outA0[ilm] = b0;
    for (let l = 0; l < nActive; l++) outBeta[ilm * p + activeList[l]] = b[activeList[l]];
    outDev[ilm] = (dev1 - binomialHalfDeviance(y, q, w, n)) / dev0;
    nSolutions = ilm + 1;

    if (userLambda || ilm + 1 < Math.min(MNLAM, nlam)) continue;
    if (outDev[ilm] > DEVMAX) break;
    if (outDev[ilm] - outDev[ilm - 1] < FDEV) break;
  }

  return {
    lambda: outLambda.slice(0, nSolutions),
    a0: outA0.slice(0, nSolutions),
    beta: outBeta.slice(0, nSolutions * p),
    devRatio: outDev.slice(0, nSolutions),
    npasses: nlp,
    nSolutions,
    maxitReachedAt,
  };
}

/**
 * Weighted Gram matrix of the active predictors under the current IRLS weights,
 * \(G_{st} = \sum_i v_i z_{i,k_s} z_{i,k_t}\) (active positions s, t), plus \(g_s = \sum_i v_i z_{i,k_s}\).
 * `size` rows are valid; the cache is cleared whenever the weights change.
 */
interface GramCache {
  capacity: number;
  size: number;
  g: Float64Array;
  vz: Float64Array;
  /** Per active position: gradient \(c_s = \sum_i r_i z_{i,k_s}\) and coefficient at the start of the phase. */
  c: Float64Array;
  start: Float64Array;
  /** Outcome of the last {@link activeSetDescent} call: intercept, sweeps made, convergence. */
  b0: number;
  sweeps: number;
  converged: boolean;
}

function createGram(capacity: number): GramCache {
  return {
    capacity,
    size: 0,
    g: new Float64Array(capacity * capacity),
    vz: new Float64Array(capacity),
    c: new Float64Array(capacity),
    start: new Float64Array(capacity),
    b0: 0,
    sweeps: 0,
    converged: false,
  };
}

/** Enlarges the cache (doubling, at most p) keeping the valid rows; happens O(log p) times per fit. */
function growGram(old: GramCache, needed: number, p: number): GramCache {
  let capacity = old.capacity;
  while (capacity < needed) capacity = Math.min(p, capacity * 2);
  const next = createGram(capacity);
  for (let s = 0; s < old.size; s++) {
    for (let t = 0; t < old.size; t++) next.g[s * capacity + t] = old.g[s * old.capacity + t];
    next.vz[s] = old.vz[s];
  }
  next.size = old.size;
  return next;
}

/**
 * Repeated cyclic sweeps over the active set until \(\max v^{(k)}\Delta\beta_k^2 < \text{shr}\)
 * (intercept included), exactly the iteration glmnet runs between two full strong-set sweeps.
 *
 * The first ⌈|A|/4⌉ + 1 sweeps update the n working residuals after every move (glmnet's own arithmetic,
 * O(n) per move). If the sweeps have not converged by then, the rest runs on the weighted Gram matrix of the
 * active set: the active gradients \(c_s = \sum_i r_i z_{i,k_s}\) are updated by
 * \(c \leftarrow c - \Delta\beta_k G_{\cdot,s}\) and \(c \leftarrow c - \Delta\beta_0\, g\) — the same iteration in exact
 * arithmetic, O(|A|) per move — and the residuals are brought up to date once at the end,
 * \(r \leftarrow r - v\odot(\Delta\beta_0 + Z_A\Delta\beta_A)\). Building the Gram matrix costs about |A|/4 plain
 * sweeps, so long runs (slow convergence near separation) become several times cheaper and short ones
 * pay nothing.
 *
 * Writes into `gram` the new intercept, the number of sweeps made and whether the sweeps converged within
 * the remaining budget of `sweepBudget` sweeps (glmnet's `maxit`); nothing is allocated.
 */
function activeSetDescent(
  z: Float64Array,
  n: number,
  r: Float64Array,
  v: Float64Array,
  b: Float64Array,
  xv: Float64Array,
  active: Int32Array,
  nActive: number,
  gram: GramCache,
  b0: number,
  xmz: number,
  al1: number,
  al2: number,
  shr: number,
  sweepBudget: number,
): void {
  let sweeps = 0;
  const plainSweeps = Math.ceil(nActive / 4) + 1;
  while (sweeps < plainSweeps) {
    sweeps++;
    let dlx = 0;
    for (let s = 0; s < nActive; s++) {
      const k = active[s];
      const d = updateCoordinate(k, z, n, r, v, b, xv, al1, al2);
      if (d !== 0) dlx = Math.max(dlx, xv[k] * d * d);
    }
    const d0 = sum(r, n) / xmz;
    if (d0 !== 0) {
      b0 += d0;
      dlx = Math.max(dlx, xmz * d0 * d0);
      for (let i = 0; i < n; i++) r[i] -= d0 * v[i];
    }
    if (dlx < shr || sweeps > sweepBudget) {
      gram.b0 = b0;
      gram.sweeps = sweeps;
      gram.converged = dlx < shr;
      return;
    }
  }

  const { g, vz, c, start, capacity } = gram;
  for (let s = gram.size; s < nActive; s++) {
    const offS = active[s] * n;
    for (let t = 0; t <= s; t++) {
      const offT = active[t] * n;
      let acc = 0;
      for (let i = 0; i < n; i++) acc += v[i] * z[offS + i] * z[offT + i];
      g[s * capacity + t] = acc;
      g[t * capacity + s] = acc;
    }
    let acc = 0;
    for (let i = 0; i < n; i++) acc += v[i] * z[offS + i];
    vz[s] = acc;
  }
  gram.size = nActive;
  let rsum = sum(r, n);
  for (let s = 0; s < nActive; s++) {
    const k = active[s];
    c[s] = dot(r, z, k * n, n);
    start[s] = b[k];
  }
  const b0Start = b0;
  let converged = false;
  for (;;) {
    sweeps++;
    let dlx = 0;
    for (let s = 0; s < nActive; s++) {
      const k = active[s];
      const bk = b[k];
      const u = c[s] + xv[k] * bk;
      const au = Math.abs(u) - al1;
      const nb = au <= 0 ? 0 : (u < 0 ? -au : au) / (xv[k] + al2);
      const d = nb - bk;
      if (d === 0) continue;
      b[k] = nb;
      dlx = Math.max(dlx, xv[k] * d * d);
      const row = s * capacity;
      for (let t = 0; t < nActive; t++) c[t] -= d * g[row + t];
      rsum -= d * vz[s];
    }
    const d0 = rsum / xmz;
    if (d0 !== 0) {
      b0 += d0;
      dlx = Math.max(dlx, xmz * d0 * d0);
      for (let t = 0; t < nActive; t++) c[t] -= d0 * vz[t];
      rsum -= d0 * xmz;
    }
    if (dlx < shr) {
      converged = true;
      break;
    }
    if (sweeps > sweepBudget) break;
  }
  // bring the working residuals up to date with the moves made on the Gram matrix
  for (let s = 0; s < nActive; s++) {
    const d = b[active[s]] - start[s];
    if (d === 0) continue;
    const off = active[s] * n;
    for (let i = 0; i < n; i++) r[i] -= d * v[i] * z[off + i];
  }
  const db0 = b0 - b0Start;
  if (db0 !== 0) for (let i = 0; i < n; i++) r[i] -= db0 * v[i];
  gram.b0 = b0;
  gram.sweeps = sweeps;
  gram.converged = converged;
}

/**
 * One coordinate update of the penalised weighted least-squares problem (glmnet's soft-thresholding step):
 *   $$u = \sum_i r_i z_{ik} + v^{(k)}\beta_k,\qquad
 *     \beta_k \leftarrow \frac{S(u, \lambda\alpha)}{v^{(k)} + \lambda(1-\alpha)},$$
 * then the residuals are updated, \(r \leftarrow r - \Delta\beta_k\, v \odot z_k\). Returns \(\Delta\beta_k\).
 */
function updateCoordinate(
  k: number,
  z: Float64Array,
  n: number,
  r: Float64Array,
  v: Float64Array,
  b: Float64Array,
  xv: Float64Array,
  al1: number,
  al2: number,
): number {
  const off = k * n;
  const bk = b[k];
  const u = dot(r, z, off, n) + xv[k] * bk;
  const au = Math.abs(u) - al1;
  const nb = au <= 0 ? 0 : (u < 0 ? -au : au) / (xv[k] + al2);
  b[k] = nb;
  const d = nb - bk;
  if (d === 0) return 0;
  for (let i = 0; i < n; i++) r[i] -= d * v[i] * z[off + i];
  return d;
}

/**
 * \(\sum_i r_i z_{i}\) with four interleaved partial sums (as a SIMD dot product, e.g. Eigen's in glmnet's C++
 * core, accumulates): breaks the floating-point dependency chain, ~3× faster than a sequential sum, and differs
 * from it only in the last bits.
 */
function dot(r: Float64Array, z: Float64Array, off: number, n: number): number {
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  const end = n - (n % 4);
  let i = 0;
  for (; i < end; i += 4) {
    s0 += r[i] * z[off + i];
    s1 += r[i + 1] * z[off + i + 1];
    s2 += r[i + 2] * z[off + i + 2];
    s3 += r[i + 3] * z[off + i + 3];
  }
  for (; i < n; i++) s0 += r[i] * z[off + i];
  return s0 + s1 + (s2 + s3);
}

/**
 * Screening gradients \(g_k = |\sum_i r_i z_{ik}|\) of every predictor that is neither in the strong set nor
 * excluded (glmnet's `ga`, used by the strong rule and the KKT check). Four columns share each pass over r,
 * which halves the memory traffic of this O(np) step — the dominant cost when p ≫ n.
 */
function screeningGradients(
  r: Float64Array,
  z: Float64Array,
  n: number,
  p: number,
  strong: Uint8Array,
  exclude: Uint8Array,
  ga: Float64Array,
): void {
  let k = 0;
  for (;;) {
    const k0 = nextUnscreened(k, p, strong, exclude);
    const k1 = nextUnscreened(k0 + 1, p, strong, exclude);
    const k2 = nextUnscreened(k1 + 1, p, strong, exclude);
    const k3 = nextUnscreened(k2 + 1, p, strong, exclude);
    if (k3 >= p) {
      if (k0 < p) ga[k0] = Math.abs(dot(r, z, k0 * n, n));
      if (k1 < p) ga[k1] = Math.abs(dot(r, z, k1 * n, n));
      if (k2 < p) ga[k2] = Math.abs(dot(r, z, k2 * n, n));
      return;
    }
    const o0 = k0 * n;
    const o1 = k1 * n;
    const o2 = k2 * n;
    const o3 = k3 * n;
    let s0 = 0;
    let s1 = 0;
    let s2 = 0;
    let s3 = 0;
    for (let i = 0; i < n; i++) {
      const ri = r[i];
      s0 += ri * z[o0 + i];
      s1 += ri * z[o1 + i];
      s2 += ri * z[o2 + i];
      s3 += ri * z[o3 + i];
    }
    ga[k0] = Math.abs(s0);
    ga[k1] = Math.abs(s1);
    ga[k2] = Math.abs(s2);
    ga[k3] = Math.abs(s3);
    k = k3 + 1;
  }
}

/** First index ≥ `from` that is neither strong nor excluded (p when none is left). */
function nextUnscreened(from: number, p: number, strong: Uint8Array, exclude: Uint8Array): number {
  let j = from;
  while (j < p && (strong[j] || exclude[j])) j++;
  return j;
}

function weightedSquareSum(v: Float64Array, z: Float64Array, off: number, n: number): number {
  let s = 0;
  for (let i = 0; i < n; i++) s += v[i] * z[off + i] * z[off + i];
  return s;
}

function sum(a: Float64Array, n: number): number {
  let s = 0;
  for (let i = 0; i < n; i++) s += a[i];
  return s;
}

/**
 * Binomial half-deviance per unit weight with probabilities clamped to \([p_{min}, 1-p_{min}]\):
 * \(-\sum_i w_i[y_i\log q_i + (1-y_i)\log(1-q_i)]\).
 */
function binomialHalfDeviance(y: Float64Array, q: Float64Array, w: Float64Array, n: number): number {
  let s = 0;
  for (let i = 0; i < n; i++) {
    const qi = Math.min(Math.max(PMIN, q[i]), 1 - PMIN);
    s -= w[i] * (y[i] * Math.log(qi) + (1 - y[i]) * Math.log(1 - qi));
  }
  return s;
}
