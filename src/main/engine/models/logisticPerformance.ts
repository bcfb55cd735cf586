/**
 * Apparent performance indexes of a fitted logistic model as `rms::lrm` prints them (rms 6.5-0 `stats`).
 */
import { pchisq } from '../stats/distributions';
import { midRanks } from '../stats/ranks';
import type { LogisticModel } from './logistic';

/** `lrm` statistics: Obs, Model L.R., d.f., P, C, Dxy, R2, Brier. */
export interface LrmStatistics {
  obs: number;
  /** Likelihood-ratio χ² against the intercept-only model, \(D_0 - D\), its df and upper-tail p. */
  modelLR: number;
  df: number;
  p: number;
  /** Concordance index (AUC of the fitted probabilities, ties ½) and Somers' \(D_{xy} = 2(C - ½)\). */
  c: number;
  dxy: number;
  /** Nagelkerke \(R^2 = (1 - e^{-LR/n})/(1 - e^{-D_0/n})\). */
  r2: number;
  /** Brier score \(\frac1n\sum_i(\hat p_i - y_i)^2\). */
  brier: number;
}

/**
 * Computes rms's `lrm` summary statistics from a fitted model (apparent, i.e. on the fitting data).
 * C uses mid-ranks of the fitted probabilities: \(C = (\bar R_1 - (n_1+1)/2)/n_0\) with \(\bar R_1\) the mean rank of events.
 */
export function lrmStatistics(model: LogisticModel): LrmStatistics {
  const { y, fitted, n } = model;
  const modelLR = model.nullDeviance - model.deviance;
  const df = model.terms.length - 1;
  const { ranks } = midRanks(fitted);
  let n1 = 0;
  let rankSum = 0;
  let brier = 0;
  for (let i = 0; i < n; i++) {
    if (y[i] === 1) {
      n1++;
      rankSum += ranks[i];
    }
    brier += (fitted[i] - y[i]) ** 2;
  }
  const n0 = n - n1;
  const c = (rankSum - (n1 * (n1 + 1)) / 2) / (n1 * n0);
  return {
    obs: n,
    modelLR,
    df,
    p: pchisq(modelLR, df, false),
    c,
    dxy: 2 * (c - 0.5),
    r2: (1 - Math.exp(-modelLR / n)) / (1 - Math.exp(-model.nullDeviance / n)),
    brier: brier / n,
  };
}
