/**
 * Z-score standardisation with a fit/apply split: means and standard deviations are estimated on the
 * training samples only and then applied unchanged to any other samples (no leakage).
 *
 * \(z_{gi} = (x_{gi} - \bar x_g)/s_g\) with \(\bar x_g\) the training mean and \(s_g\) the training **sample**
 * standard deviation \(\sqrt{\sum_i (x_{gi}-\bar x_g)^2/(n-1)}\) - R's `sd()` and `scale()` convention, the one the
 * pipeline oracle uses. (glmnet's internal standardisation divides by n instead; see the LASSO module.)
 * Output is unitless.
 */
import { StatsInputError } from '../stats/errors';

export interface ZScoreFit {
  /** Training mean per feature (feature units). */
  mean: Float64Array;
  /** Training sample SD per feature (divisor n − 1; feature units). 0 for constant features. */
  sd: Float64Array;
  /** Features constant on the training samples: they are centred but not scaled (see {@link applyZScore}). */
  constantFeatures: number[];
  warnings: string[];
}

/**
 * Estimates per-feature mean and sample SD from the training samples (`features[g]` = feature g over the
 * training samples). Throws {@link StatsInputError} for NaN/Inf or fewer than 2 samples; a feature that is
 * constant on the training data is recorded in `constantFeatures` with a warning (its SD is 0).
 */
export function fitZScore(features: readonly Float64Array[]): ZScoreFit {
  const G = features.length;
  const mean = new Float64Array(G);
  const sd = new Float64Array(G);
  const constantFeatures: number[] = [];
  features.forEach((x, g) => {
    const n = x.length;
    if (n < 2) throw new StatsInputError(`z-score: feature ${g} has ${n} training value(s); need at least 2 for an SD`);
    let m = 0;
    for (let i = 0; i < n; i++) {
      if (!Number.isFinite(x[i])) throw new StatsInputError(`z-score: feature ${g} sample ${i} is ${x[i]}`);
      m += x[i];
    }
    m /= n;
    let ss = 0;
    for (let i = 0; i < n; i++) ss += (x[i] - m) * (x[i] - m);
    mean[g] = m;
    sd[g] = Math.sqrt(ss / (n - 1));
    if (sd[g] === 0) constantFeatures.push(g);
  });
  const warnings =
    constantFeatures.length > 0
      ? [`${constantFeatures.length} feature(s) constant on the training data: centred only (z = x − mean)`]
      : [];
  return { mean, sd, constantFeatures, warnings };
}

/**
 * Applies a {@link ZScoreFit} to any samples: \((x - \bar x_g)/s_g\). Constant training features (s = 0) are
 * only centred, so they stay 0 on the training data instead of becoming NaN. NaN/Inf inputs throw.
 */
export function applyZScore(fit: ZScoreFit, features: readonly Float64Array[]): Float64Array[] {
  if (features.length !== fit.mean.length) {
    throw new StatsInputError(`z-score: fit has ${fit.mean.length} features, data have ${features.length}`);
  }
  return features.map((x, g) => {
    const m = fit.mean[g];
    const s = fit.sd[g] === 0 ? 1 : fit.sd[g];
    return Float64Array.from(x, (v, i) => {
      if (!Number.isFinite(v)) throw new StatsInputError(`z-score: feature ${g} sample ${i} is ${v}`);
      return (v - m) / s;
    });
  });
}
