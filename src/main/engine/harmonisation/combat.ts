/**
 * ComBat batch harmonisation (Johnson, Li & Rabinovic 2007, Biostatistics 8:118-127), reproducing
 * `sva::ComBat` 3.46.0 step by step: parametric and non-parametric empirical Bayes, `mean.only`,
 * biological covariates (`mod`) preserved, and `ref.batch`.
 *
 * Data layout: `features[g]` is one feature (sva's row g) as a Float64Array over the n samples; `batch[i]`
 * labels sample i. Batch levels are the sorted distinct labels (R's `factor()` level order for plain
 * ASCII labels). Results do not depend on the level order.
 *
 * Steps (sva notation, \(x_{gi}\) = feature g, sample i; \(b(i)\) = batch of sample i):
 * 1. Design \(X\) = [batch indicators | covariates]; \(\hat B_g = (X^\top X)^{-1}X^\top x_g\).
 *    With a reference batch r, column r is set to all ones (it becomes the intercept).
 * 2. \(\bar\alpha_g = \sum_b (n_b/n)\hat B_{bg}\) (or \(\hat B_{rg}\) with a reference batch);
 *    \(\hat\sigma^2_g = \frac1n\sum_i (x_{gi} - X_i\hat B_g)^2\) (reference batch: its own residuals, \(\div n_r\)).
 * 3. \(s_{gi} = (x_{gi} - \bar\alpha_g - Z_i\hat\beta_g)/\hat\sigma_g\), Z = covariate columns.
 * 4. \(\hat\gamma_{bg}\) = batch coefficients of the OLS of \(s_g\) on the batch columns (batch means without a
 *    reference); \(\hat\delta^2_{bg}\) = sample variance (\(\div n_b-1\)) of \(s_g\) within batch b.
 * 5. Priors over features: \(\bar\gamma_b\) = mean, \(\tau^2_b\) = sample variance of \(\hat\gamma_{b\cdot}\);
 *    with m, s² the mean and sample variance of \(\hat\delta^2_{b\cdot}\): \(a_b = (2s^2+m^2)/s^2\), \(b_b = (ms^2+m^3)/s^2\).
 * 6. Parametric EB (`it.sol`): from \((\hat\gamma,\hat\delta^2)\) iterate
 *    \(\gamma^* = (\tau^2 n_b\hat\gamma + \delta^*\bar\gamma)/(\tau^2 n_b + \delta^*)\),
 *    \(\delta^* = (\tfrac12\sum_i (s_{gi}-\gamma^*)^2 + b)/(n_b/2 + a - 1)\) until
 *    \(\max(|\text{new}-\text{old}|/\text{old}) \le 10^{-4}\) over γ and δ (signed `old`, exactly as sva).
 *    Non-parametric EB (`int.eprior`): for feature g, weights over the other features j,
 *    \(L_j = (2\pi\hat\delta^2_j)^{-n_b/2}\exp(-\sum_i (s_{gi}-\hat\gamma_j)^2/(2\hat\delta^2_j))\);
 *    \(\gamma^*_g = \sum_j \hat\gamma_j L_j/\sum_j L_j\), \(\delta^*_g\) likewise.
 * 7. \(x^*_{gi} = \hat\sigma_g (s_{gi} - \gamma^*_{b(i)g})/\sqrt{\delta^*_{b(i)g}} + \bar\alpha_g + Z_i\hat\beta_g\);
 *    the reference batch is returned unchanged.
 *
 * Units: those of the input features (ComBat is location/scale per feature).
 */
import { inverse, Matrix } from 'ml-matrix';

/** Options mirroring `sva::ComBat(dat, batch, mod, par.prior, mean.only, ref.batch)`. */
export interface CombatOptions {
  /** `par.prior`: parametric (true, default) or non-parametric (false) empirical Bayes. */
  parametric?: boolean;
  /** `mean.only`: adjust location only (δ* = 1). Forced on when a batch has a single sample, as in sva. */
  meanOnly?: boolean;
  /** `ref.batch`: this batch is left unchanged and the others are moved onto it. */
  referenceBatch?: string;
  /**
   * Biological covariates to preserve (`mod` without its intercept column): each entry is one design
   * column over the n samples, e.g. the 0/1 outcome for `model.matrix(~outcome)`.
   */
  covariates?: readonly Float64Array[];
}

/** Everything estimated by {@link fitCombat}; enough to harmonise new samples of the same batches. */
export interface CombatFit {
  batchLevels: string[];
  nPerBatch: number[];
  referenceBatch: string | null;
  parametric: boolean;
  meanOnly: boolean;
  /** Number of covariate columns the fit was made with (new data must supply the same). */
  nCovariates: number;
  /** \(\hat B\): `coefficients[c][g]`, rows = batch columns then covariate columns (sva `B.hat`). */
  coefficients: Float64Array[];
  /** \(\bar\alpha_g\) (sva `grand.mean`), feature units. */
  grandMean: Float64Array;
  /** \(\hat\sigma^2_g\) (sva `var.pooled`), squared feature units. */
  varPooled: Float64Array;
  /** `[batch][feature]`, on the standardised scale. */
  gammaHat: Float64Array[];
  deltaHat: Float64Array[];
  gammaStar: Float64Array[];
  deltaStar: Float64Array[];
  /** Per batch; NaN where a quantity does not exist for the variant (a/b for mean-only). */
  gammaBar: Float64Array;
  t2: Float64Array;
  aPrior: Float64Array;
  bPrior: Float64Array;
  /**
   * Parametric EB iterations per batch; null for non-parametric and mean-only fits. 0 for the reference
   * batch, whose EB sva computes and then discards (γ* = 0, δ* = 1).
   */
  ebIterations: number[] | null;
  /**
   * Feature indices with zero variance inside some batch of size > 1: sva drops them from the estimation
   * and returns them unadjusted. Their entries in the per-feature arrays are NaN.
   */
  unadjustedFeatures: number[];
  /** Human-readable notes on fallbacks that were applied (forced mean-only, unadjusted features). */
  warnings: string[];
}

/** Thrown for inputs ComBat cannot harmonise (NaN, unknown batch, confounded covariate, ...). */
export class CombatError extends Error {
  override name = 'CombatError';
}

const EB_TOLERANCE = 1e-4;
const EB_MAX_ITERATIONS = 100_000;

/**
 * Fits ComBat on `features` (one Float64Array over the n samples per feature) with batch labels `batch`,
 * and returns the harmonised features together with the fit. Matches `sva::ComBat` 3.46.0 output.
 *
 * Fallbacks (each noted in `fit.warnings`): a batch with one sample forces `meanOnly` (sva does the same);
 * a feature with zero variance in some batch of size > 1 is returned unadjusted (sva does the same).
 * Errors ({@link CombatError}): NaN/Inf values (sva's NA path is not reproduced), fewer than two batches,
 * a reference batch that is not a level, a covariate confounded with batch, a non-converging EB loop.
 */
export function fitCombat(
  features: readonly Float64Array[],
  batch: readonly string[],
  options: CombatOptions = {},
): { fit: CombatFit; harmonised: Float64Array[] } {
  const n = batch.length;
  const covariates = options.covariates ?? [];
  validateInput(features, n, covariates);
  const batchLevels = [...new Set(batch)].sort();
  if (batchLevels.length < 2) throw new CombatError(`ComBat needs at least two batches, got ${batchLevels.length}`);
  const nBatch = batchLevels.length;
  const batchOf = Int32Array.from(batch, (b) => batchLevels.indexOf(b));
  const members = batchLevels.map((_, b) => indicesWhere(batchOf, b));
  const nPerBatch = members.map((m) => m.length);
  const warnings: string[] = [];

  const referenceBatch = options.referenceBatch ?? null;
  const ref = referenceBatch === null ? -1 : batchLevels.indexOf(referenceBatch);
  if (referenceBatch !== null && ref < 0) {
    throw new CombatError(`reference batch "${referenceBatch}" is not one of the batch levels ${batchLevels.join(', ')}`);
  }
  let meanOnly = options.meanOnly ?? false;
  if (!meanOnly && nPerBatch.some((m) => m === 1)) {
    meanOnly = true;
    warnings.push('a batch has only one sample: mean-only adjustment used (sva sets mean.only = TRUE)');
  }
  const parametric = options.parametric ?? true;

  // design = [batch columns | covariates]; sva drops all-ones covariate columns (the mod intercept)
  const batchColumns = batchLevels.map((_, b) => Float64Array.from(batchOf, (v) => (b === ref || v === b ? 1 : 0)));
  const keptCovariates = covariates.filter((c) => !c.every((v) => v === 1));
  const design = [...batchColumns, ...keptCovariates];
  assertFullRank(design);

  const kept = keptFeatureIndices(features, members);
  const unadjustedFeatures = features.flatMap((_, g) => (kept.includes(g) ? [] : [g]));
  if (unadjustedFeatures.length > 0) {
    warnings.push(
      `${unadjustedFeatures.length} feature(s) with zero variance inside a batch are returned unadjusted (as sva): ` +
        unadjustedFeatures.slice(0, 10).join(', ') +
        (unadjustedFeatures.length > 10 ? ', ...' : ''),
    );
  }
  const dat = kept.map((g) => features[g]);
  const G = dat.length;

  // 1. OLS coefficients per feature
  const B = leastSquares(design, dat);
  // 2. grand mean and pooled variance
  const grandMean = new Float64Array(G);
  const varPooled = new Float64Array(G);
  if (ref >= 0) grandMean.set(B[ref]);
  else for (let b = 0; b < nBatch; b++) axpy(nPerBatch[b] / n, B[b], grandMean);
  const poolRows = ref >= 0 ? members[ref] : Int32Array.from({ length: n }, (_, i) => i);
  const invPool = 1 / poolRows.length;
  for (let g = 0; g < G; g++) {
    const x = dat[g];
    let acc = 0;
    for (const i of poolRows) {
      let fitted = 0;
      for (let c = 0; c < design.length; c++) fitted += design[c][i] * B[c][g];
      const r = x[i] - fitted;
      acc += r * r * invPool;
    }
    varPooled[g] = acc;
  }
  // 3. standardise
  const standMean = standardisationMean(grandMean, B.slice(nBatch), keptCovariates, n);
  const sdPooled = varPooled.map(Math.sqrt);
  const s = dat.map((x, g) => Float64Array.from(x, (v, i) => (v - standMean[g][i]) / sdPooled[g]));
  // 4. batch effect estimates on the standardised scale
  const gammaHat = leastSquares(batchColumns, s);
  const deltaHat = members.map((m) => (meanOnly ? new Float64Array(G).fill(1) : Float64Array.from(s, (row) => sampleVariance(row, m))));
  // 5. priors
  const gammaBar = Float64Array.from(gammaHat, mean);
  const t2 = Float64Array.from(gammaHat, (row) => sampleVarianceAll(row));
  const aPrior = Float64Array.from(deltaHat, (d) => (meanOnly ? NaN : inverseGammaShape(d)));
  const bPrior = Float64Array.from(deltaHat, (d) => (meanOnly ? NaN : inverseGammaScale(d)));
  // 6. empirical Bayes
  const gammaStar: Float64Array[] = [];
  const deltaStar: Float64Array[] = [];
  const ebIterations: number[] = [];
  for (let b = 0; b < nBatch; b++) {
    if (b === ref) {
      // sva runs EB for the reference batch too and then overwrites it with γ* = 0, δ* = 1; its inputs are
      // round-off (γ̂ ≈ 0, τ² ≈ 1e-30), which can make sva's relative-change test 0/0. Skipped here.
      gammaStar.push(new Float64Array(G));
      deltaStar.push(new Float64Array(G).fill(1));
      ebIterations.push(0);
    } else if (parametric && meanOnly) {
      gammaStar.push(gammaHat[b].map((gh) => (t2[b] * gh + gammaBar[b]) / (t2[b] + 1)));
      deltaStar.push(new Float64Array(G).fill(1));
    } else if (parametric) {
      const r = parametricEb(s, members[b], gammaHat[b], deltaHat[b], gammaBar[b], t2[b], aPrior[b], bPrior[b]);
      gammaStar.push(r.gamma);
      deltaStar.push(r.delta);
      ebIterations.push(r.iterations);
    } else {
      const r = nonParametricEb(s, members[b], gammaHat[b], deltaHat[b]);
      gammaStar.push(r.gamma);
      deltaStar.push(r.delta);
    }
  }

  const expand = (rows: Float64Array[]): Float64Array[] => rows.map((row) => scatter(row, kept, features.length));
  const fit: CombatFit = {
    batchLevels,
    nPerBatch,
    referenceBatch,
    parametric,
    meanOnly,
    nCovariates: keptCovariates.length,
    coefficients: expand(B),
    grandMean: scatter(grandMean, kept, features.length),
    varPooled: scatter(varPooled, kept, features.length),
    gammaHat: expand(gammaHat),
    deltaHat: expand(deltaHat),
    gammaStar: expand(gammaStar),
    deltaStar: expand(deltaStar),
    gammaBar,
    t2,
    aPrior,
    bPrior,
    ebIterations: parametric && !meanOnly ? ebIterations : null,
    unadjustedFeatures,
    warnings,
  };
  return { fit, harmonised: applyCombat(fit, features, batch, keptCovariates) };
}

/**
 * Harmonises samples of batches seen by {@link fitCombat}, using only the fitted quantities (step 7):
 * \(x^* = \hat\sigma_g(s - \gamma^*_{bg})/\sqrt{\delta^*_{bg}} + \bar\alpha_g + Z\hat\beta_g\) with
 * \(s = (x - \bar\alpha_g - Z\hat\beta_g)/\hat\sigma_g\). Nothing is re-estimated from the new data, so a test
 * set is harmonised without leakage; applied to the training data it reproduces `fitCombat`'s output.
 * Samples of the reference batch and unadjusted features are returned unchanged. `covariates` must hold
 * the fit's covariate columns (without an all-ones intercept column) for the new samples.
 */
export function applyCombat(
  fit: CombatFit,
  features: readonly Float64Array[],
  batch: readonly string[],
  covariates: readonly Float64Array[] = [],
): Float64Array[] {
  const n = batch.length;
  validateInput(features, n, covariates);
  const G = fit.grandMean.length;
  if (features.length !== G) throw new CombatError(`ComBat fit has ${G} features, data have ${features.length}`);
  if (covariates.length !== fit.nCovariates) {
    throw new CombatError(`ComBat fit used ${fit.nCovariates} covariate column(s), ${covariates.length} given`);
  }
  const batchOf = Int32Array.from(batch, (b) => {
    const k = fit.batchLevels.indexOf(b);
    if (k < 0) throw new CombatError(`batch "${b}" was not seen when ComBat was fitted (${fit.batchLevels.join(', ')})`);
    return k;
  });
  const ref = fit.referenceBatch === null ? -1 : fit.batchLevels.indexOf(fit.referenceBatch);
  const nBatch = fit.batchLevels.length;
  const unadjusted = new Set(fit.unadjustedFeatures);
  const out: Float64Array[] = [];
  for (let g = 0; g < G; g++) {
    const x = features[g];
    if (unadjusted.has(g)) {
      out.push(Float64Array.from(x));
      continue;
    }
    const sd = Math.sqrt(fit.varPooled[g]);
    const y = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const b = batchOf[i];
      if (b === ref) {
        y[i] = x[i];
        continue;
      }
      let standMean = fit.grandMean[g];
      for (let c = 0; c < covariates.length; c++) standMean += covariates[c][i] * fit.coefficients[nBatch + c][g];
      const s = (x[i] - standMean) / sd;
      // with a reference batch every sample's batch row also holds the reference column, whose γ* is 0
      const shift = fit.gammaStar[b][g] + (ref >= 0 ? fit.gammaStar[ref][g] : 0);
      y[i] = ((s - shift) / Math.sqrt(fit.deltaStar[b][g])) * sd + standMean;
    }
    out.push(y);
  }
  return out;
}

function validateInput(features: readonly Float64Array[], n: number, covariates: readonly Float64Array[]): void {
  if (features.length === 0) throw new CombatError('ComBat needs at least one feature');
  features.forEach((x, g) => {
    if (x.length !== n) throw new CombatError(`feature ${g} has ${x.length} values for ${n} batch labels`);
    const i = x.findIndex((v) => !Number.isFinite(v));
    if (i >= 0) throw new CombatError(`feature ${g} sample ${i} is ${x[i]}: ComBat needs finite values (impute first)`);
  });
  covariates.forEach((c, k) => {
    if (c.length !== n) throw new CombatError(`covariate ${k} has ${c.length} values for ${n} samples`);
    if (c.some((v) => !Number.isFinite(v))) throw new CombatError(`covariate ${k} has a non-finite value`);
  });
}

function indicesWhere(labels: Int32Array, level: number): Int32Array {
  const out: number[] = [];
  labels.forEach((v, i) => {
    if (v === level) out.push(i);
  });
  return Int32Array.from(out);
}

/** sva 3.46: features whose variance is 0 inside any batch of size > 1 are excluded from the fit. */
function keptFeatureIndices(features: readonly Float64Array[], members: Int32Array[]): number[] {
  const kept: number[] = [];
  features.forEach((x, g) => {
    const constantSomewhere = members.some((m) => {
      if (m.length < 2) return false;
      const first = x[m[0]];
      return m.every((i) => x[i] === first);
    });
    if (!constantSomewhere) kept.push(g);
  });
  if (kept.length === 0) throw new CombatError('every feature has zero variance within some batch');
  return kept;
}

/**
 * Rank check of the design, as sva's `qr(design)$rank < ncol(design)`: Gram–Schmidt with LINPACK's relative
 * tolerance 1e-7. A deficient design means a covariate is confounded with batch.
 */
function assertFullRank(design: Float64Array[]): void {
  const basis: Float64Array[] = [];
  for (const column of design) {
    const v = Float64Array.from(column);
    const norm0 = Math.sqrt(dot(v, v));
    for (const q of basis) axpy(-dot(q, v), q, v);
    const norm = Math.sqrt(dot(v, v));
    if (norm <= 1e-7 * norm0) {
      throw new CombatError('the covariate is confounded with batch (design not of full rank): remove it and rerun ComBat');
    }
    basis.push(v.map((x) => x / norm));
  }
}

/** OLS coefficients `[column][feature]` of every feature on the design columns: \((X^\top X)^{-1}X^\top y\). */
function leastSquares(design: Float64Array[], rows: Float64Array[]): Float64Array[] {
  const p = design.length;
  const xtx = new Matrix(p, p);
  for (let a = 0; a < p; a++) for (let c = 0; c < p; c++) xtx.set(a, c, dot(design[a], design[c]));
  const inv = inverse(xtx).to2DArray();
  const B = design.map(() => new Float64Array(rows.length));
  const xty = new Float64Array(p);
  rows.forEach((y, g) => {
    for (let a = 0; a < p; a++) xty[a] = dot(design[a], y);
    for (let a = 0; a < p; a++) {
      let acc = 0;
      for (let c = 0; c < p; c++) acc += inv[a][c] * xty[c];
      B[a][g] = acc;
    }
  });
  return B;
}

/** Per feature and sample: \(\bar\alpha_g + Z_i\hat\beta_g\) (sva `stand.mean`). */
function standardisationMean(
  grandMean: Float64Array,
  covariateCoefficients: Float64Array[],
  covariates: readonly Float64Array[],
  n: number,
): Float64Array[] {
  return Array.from(grandMean, (gm, g) => {
    const row = new Float64Array(n).fill(gm);
    covariates.forEach((z, c) => {
      const beta = covariateCoefficients[c][g];
      for (let i = 0; i < n; i++) row[i] += z[i] * beta;
    });
    return row;
  });
}

function parametricEb(
  s: Float64Array[],
  rows: Int32Array,
  gammaHat: Float64Array,
  deltaHat: Float64Array,
  gammaBar: number,
  t2: number,
  a: number,
  b: number,
): { gamma: Float64Array; delta: Float64Array; iterations: number } {
  const G = gammaHat.length;
  const nb = rows.length;
  let gOld = Float64Array.from(gammaHat);
  let dOld = Float64Array.from(deltaHat);
  for (let iteration = 1; iteration <= EB_MAX_ITERATIONS; iteration++) {
    const gNew = new Float64Array(G);
    const dNew = new Float64Array(G);
    let change = -Infinity;
    for (let g = 0; g < G; g++) {
      gNew[g] = (t2 * nb * gammaHat[g] + dOld[g] * gammaBar) / (t2 * nb + dOld[g]);
      const ss = residualSumOfSquares(s[g], rows, gNew[g]);
      dNew[g] = (0.5 * ss + b) / (nb / 2 + a - 1);
      const cg = Math.abs(gNew[g] - gOld[g]) / gOld[g];
      const cd = Math.abs(dNew[g] - dOld[g]) / dOld[g];
      if (Number.isNaN(cg) || Number.isNaN(cd)) {
        throw new CombatError(`parametric EB: relative change undefined at feature ${g} (0/0), as in sva's it.sol`);
      }
      change = Math.max(change, cg, cd);
    }
    gOld = gNew;
    dOld = dNew;
    if (!(change > EB_TOLERANCE)) return { gamma: gNew, delta: dNew, iterations: iteration };
  }
  throw new CombatError(`parametric EB did not converge in ${EB_MAX_ITERATIONS} iterations`);
}

/** \(\sum_{i\in b}(s_i-\gamma)^2\), summed directly as sva does. */
function residualSumOfSquares(x: Float64Array, rows: Int32Array, gamma: number): number {
  let acc = 0;
  for (const i of rows) {
    const r = x[i] - gamma;
    acc += r * r;
  }
  return acc;
}

/**
 * sva `int.eprior`: for each feature, a likelihood-weighted average of the other features' (γ̂, δ̂²).
 * Weights are formed in log space and rescaled by their maximum, which gives the same ratios as sva's
 * linear-scale weights wherever those do not underflow (sva returns NaN when all of them underflow).
 * \(\sum_i(s_{gi}-\hat\gamma_j)^2\) uses \(\sum s^2 - 2\hat\gamma_j\sum s + n_b\hat\gamma_j^2\) so the cost is
 * O(G²) rather than O(G² n_b).
 */
function nonParametricEb(
  s: Float64Array[],
  rows: Int32Array,
  gammaHat: Float64Array,
  deltaHat: Float64Array,
): { gamma: Float64Array; delta: Float64Array } {
  const G = gammaHat.length;
  const nb = rows.length;
  const sum = new Float64Array(G);
  const sumSq = new Float64Array(G);
  s.forEach((x, g) => {
    let s1 = 0;
    let s2 = 0;
    for (const i of rows) {
      s1 += x[i];
      s2 += x[i] * x[i];
    }
    sum[g] = s1;
    sumSq[g] = s2;
  });
  const logNorm = Float64Array.from(deltaHat, (d) => (-nb / 2) * Math.log(2 * Math.PI * d));
  const halfInvDelta = Float64Array.from(deltaHat, (d) => 1 / (2 * d));
  const logW = new Float64Array(G);
  const gamma = new Float64Array(G);
  const delta = new Float64Array(G);
  for (let g = 0; g < G; g++) {
    const s1 = sum[g];
    const s2 = sumSq[g];
    let maxLog = -Infinity;
    for (let j = 0; j < G; j++) {
      if (j === g) continue;
      const gj = gammaHat[j];
      const ss = s2 - 2 * gj * s1 + nb * gj * gj;
      const lw = logNorm[j] - ss * halfInvDelta[j];
      logW[j] = lw;
      if (lw > maxLog && lw < Infinity) maxLog = lw;
    }
    let wSum = 0;
    let gAcc = 0;
    let dAcc = 0;
    for (let j = 0; j < G; j++) {
      if (j === g) continue;
      const w = Math.exp(logW[j] - maxLog);
      if (!Number.isFinite(w)) continue; // sva sets NaN weights to 0
      wSum += w;
      gAcc += gammaHat[j] * w;
      dAcc += deltaHat[j] * w;
    }
    gamma[g] = gAcc / wSum;
    delta[g] = dAcc / wSum;
  }
  return { gamma, delta };
}

/** Inverse-gamma shape from moments of δ̂² (sva `aprior`): \((2s^2+m^2)/s^2\). */
function inverseGammaShape(d: Float64Array): number {
  const m = mean(d);
  const s2 = sampleVarianceAll(d);
  return (2 * s2 + m * m) / s2;
}

/** Inverse-gamma scale from moments of δ̂² (sva `bprior`): \((ms^2+m^3)/s^2\). */
function inverseGammaScale(d: Float64Array): number {
  const m = mean(d);
  const s2 = sampleVarianceAll(d);
  return (m * s2 + m * m * m) / s2;
}

function mean(x: Float64Array): number {
  let acc = 0;
  for (const v of x) acc += v;
  return acc / x.length;
}

function sampleVarianceAll(x: Float64Array): number {
  const m = mean(x);
  let acc = 0;
  for (const v of x) acc += (v - m) * (v - m);
  return acc / (x.length - 1);
}

function sampleVariance(x: Float64Array, rows: Int32Array): number {
  let m = 0;
  for (const i of rows) m += x[i];
  m /= rows.length;
  let acc = 0;
  for (const i of rows) acc += (x[i] - m) * (x[i] - m);
  return acc / (rows.length - 1);
}

function dot(a: Float64Array, b: Float64Array): number {
  let acc = 0;
  for (let i = 0; i < a.length; i++) acc += a[i] * b[i];
  return acc;
}

function axpy(alpha: number, x: Float64Array, y: Float64Array): void {
  for (let i = 0; i < x.length; i++) y[i] += alpha * x[i];
}

/** Places the kept features' values back at their original indices; dropped features get NaN. */
function scatter(values: Float64Array, kept: number[], total: number): Float64Array {
  if (kept.length === total) return values;
  const out = new Float64Array(total).fill(NaN);
  kept.forEach((g, k) => (out[g] = values[k]));
  return out;
}
