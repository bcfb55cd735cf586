/**
 * Minimum-redundancy maximum-relevance feature selection (Peng, Long & Ding 2005, IEEE TPAMI 27:1226),
 * the "classic" greedy scheme of mRMRe 2.1 (De Jay et al. 2013, Bioinformatics 29:2365) for a numeric
 * (continuous or 0/1) target.
 *
 * Mutual-information estimator (mRMRe's, for continuous variables): the Gaussian MI of the Pearson
 * correlation, \(I(x;y) = -\tfrac12\log(1-r_{xy}^2)\) (nats). With a 0/1 target r is the point-biserial
 * correlation. This is exact for jointly Gaussian variables and a monotone transform of |r| otherwise.
 *
 * Greedy selection with S the selected set and t the target:
 * - step 1: \(\arg\max_f I(f;t)\);
 * - MID step: \(\arg\max_{f\notin S} I(f;t) - \frac1{|S|}\sum_{s\in S} I(f;s)\) (what `mRMRe::scores()` reports);
 * - MIQ step: \(\arg\max_{f\notin S} I(f;t) \big/ \frac1{|S|}\sum_{s\in S} I(f;s)\) (Peng's quotient form).
 * Ties go to the first feature in input order. mRMRe's C++ ranks MID candidates by
 * \(I(f;t) - (I(f;t)+\sum_s I(f;s))/(|S|+1)\), a positive multiple of the MID score, so the selection is
 * the same; it is returned as `internalScore` for cross-checking (step 1: the relevance itself).
 *
 * Cost: O(G n) per step (one correlation of every candidate with the newest selected feature).
 */

/** Greedy scheme: difference (MID) or quotient (MIQ) of relevance and mean redundancy. */
export type MrmrScheme = 'MID' | 'MIQ';

export interface MrmrResult {
  scheme: MrmrScheme;
  /** Selected feature indices (0-based, into the input array), in selection order. */
  selected: number[];
  /** Score of each selected feature at the step it was selected (nats for MID, a ratio for MIQ). */
  score: Float64Array;
  /** mRMRe's internal C++ ranking score (MID only; NaN entries for MIQ). */
  internalScore: Float64Array;
  /** \(I(f;t)\) for every input feature (NaN for excluded constant features). */
  relevance: Float64Array;
  /** Constant features (zero variance: correlation undefined) excluded from selection. */
  excludedConstant: number[];
  warnings: string[];
}

/** Thrown for inputs the selection cannot use (NaN, constant target, k too large, ...). */
export class MrmrError extends Error {
  override name = 'MrmrError';
}

/**
 * Gaussian mutual information of a correlation: \(-\tfrac12\log(1-r^2)\) in nats; +Inf at |r| = 1.
 * |r| is clamped to 1 so that round-off above 1 does not give NaN.
 */
export function gaussianMutualInformation(r: number): number {
  const a = Math.min(Math.abs(r), 1);
  return -0.5 * Math.log1p(-a * a);
}

/**
 * Centred, unit-length copy of x (\((x-\bar x)/\lVert x-\bar x\rVert\)), so that the Pearson correlation of two
 * variables is the dot product of their normalised vectors. Returns null for a constant x.
 */
export function normaliseForCorrelation(x: Float64Array): Float64Array | null {
  const n = x.length;
  let m = 0;
  for (let i = 0; i < n; i++) m += x[i];
  m /= n;
  const z = new Float64Array(n);
  let ss = 0;
  for (let i = 0; i < n; i++) {
    const d = x[i] - m;
    z[i] = d;
    ss += d * d;
  }
  if (!(ss > 0)) return null;
  const inv = 1 / Math.sqrt(ss);
  for (let i = 0; i < n; i++) z[i] *= inv;
  return z;
}

/** Pearson correlation of two samples (R `cor(x, y)`); NaN if either is constant. */
export function pearsonCorrelation(x: Float64Array, y: Float64Array): number {
  const zx = normaliseForCorrelation(x);
  const zy = normaliseForCorrelation(y);
  return zx === null || zy === null ? NaN : dot(zx, zy);
}

/**
 * Feature × feature Gaussian MI matrix (row-major G×G, diagonal +Inf), for inspection and reports.
 * Selection itself never builds it.
 */
export function mutualInformationMatrix(features: readonly Float64Array[]): Float64Array {
  const G = features.length;
  const z = features.map(normaliseForCorrelation);
  const out = new Float64Array(G * G);
  for (let a = 0; a < G; a++) {
    out[a * G + a] = Infinity;
    for (let b = a + 1; b < G; b++) {
      const za = z[a];
      const zb = z[b];
      const mi = za === null || zb === null ? NaN : gaussianMutualInformation(dot(za, zb));
      out[a * G + b] = mi;
      out[b * G + a] = mi;
    }
  }
  return out;
}

/**
 * Classic mRMR: greedily selects `k` of `features` (each a Float64Array over the n samples) against a
 * numeric `target` (0/1 outcome as numbers), with the MID or MIQ criterion (see the module comment).
 *
 * Edge cases: NaN/Inf values, a constant target, fewer than 3 samples or `k` larger than the number of
 * usable features throw {@link MrmrError}; constant features are excluded (listed in `excludedConstant`,
 * noted in `warnings`). A candidate whose score is NaN (MIQ with zero mean redundancy over zero relevance)
 * is never selected while another candidate has a defined score.
 */
export function mrmrClassic(
  features: readonly Float64Array[],
  target: Float64Array,
  k: number,
  scheme: MrmrScheme = 'MID',
): MrmrResult {
  const n = target.length;
  if (n < 3) throw new MrmrError(`mRMR needs at least 3 samples, got ${n}`);
  if (!Number.isInteger(k) || k < 1) throw new MrmrError(`k must be a positive integer, got ${k}`);
  if (target.some((v) => !Number.isFinite(v))) throw new MrmrError('target has a non-finite value');
  const zt = normaliseForCorrelation(target);
  if (zt === null) throw new MrmrError('target is constant (single class): relevance is undefined');

  const G = features.length;
  const z: (Float64Array | null)[] = features.map((x, g) => {
    if (x.length !== n) throw new MrmrError(`feature ${g} has ${x.length} values, target has ${n}`);
    const bad = x.findIndex((v) => !Number.isFinite(v));
    if (bad >= 0) throw new MrmrError(`feature ${g} sample ${bad} is ${x[bad]}: impute or drop it before mRMR`);
    return normaliseForCorrelation(x);
  });
  const excludedConstant = z.flatMap((v, g) => (v === null ? [g] : []));
  const usable = G - excludedConstant.length;
  if (k > usable) throw new MrmrError(`k = ${k} exceeds the ${usable} non-constant features`);
  const warnings =
    excludedConstant.length > 0 ? [`${excludedConstant.length} constant feature(s) excluded from mRMR`] : [];

  const relevance = Float64Array.from(z, (v) => (v === null ? NaN : gaussianMutualInformation(dot(v, zt))));
  const redundancySum = new Float64Array(G);
  const isSelected = new Uint8Array(G);
  const selected: number[] = [];
  const score = new Float64Array(k);
  const internalScore = new Float64Array(k).fill(NaN);

  for (let step = 0; step < k; step++) {
    const m = selected.length;
    let best = -1;
    let bestScore = NaN;
    for (let g = 0; g < G; g++) {
      if (isSelected[g] || z[g] === null) continue;
      let sc: number;
      if (m === 0) sc = relevance[g];
      else if (scheme === 'MID') sc = relevance[g] - redundancySum[g] / m;
      else sc = relevance[g] / (redundancySum[g] / m);
      if (best < 0 || sc > bestScore || (Number.isNaN(bestScore) && !Number.isNaN(sc))) {
        best = g;
        bestScore = sc;
      }
    }
    selected.push(best);
    isSelected[best] = 1;
    score[step] = bestScore;
    if (scheme === 'MID') {
      internalScore[step] = m === 0 ? relevance[best] : relevance[best] - (relevance[best] + redundancySum[best]) / (m + 1);
    }
    if (step + 1 < k) {
      const zs = z[best] as Float64Array;
      for (let g = 0; g < G; g++) {
        const zg = z[g];
        if (isSelected[g] || zg === null) continue;
        redundancySum[g] += gaussianMutualInformation(dot(zg, zs));
      }
    }
  }
  return { scheme, selected, score, internalScore, relevance, excludedConstant, warnings };
}

function dot(a: Float64Array, b: Float64Array): number {
  let acc = 0;
  for (let i = 0; i < a.length; i++) acc += a[i] * b[i];
  return acc;
}
