/**
 * Summary limits of a numeric predictor as `rms::datadist` stores them (rms 6.5-0), used to choose effect
 * ranges, adjustment values and plotting ranges.
 */
import { quantileType7 } from '../stats/descriptive';

/** The seven rows of `datadist(...)$limits` for one numeric variable. */
export interface DatadistLimits {
  /** 25th percentile (`Low:effect`), median (`Adjust to`), 75th percentile (`High:effect`). */
  lowEffect: number;
  adjustTo: number;
  highEffect: number;
  /** q-th and (1 − q)-th percentiles, q = 10 / max(n, 200) (`Low:prediction`, `High:prediction`). */
  lowPrediction: number;
  highPrediction: number;
  /** Minimum and maximum (`Low`, `High`). */
  low: number;
  high: number;
}

/**
 * `datadist` limits of a numeric variable with type-7 quantiles (R's default `quantile`):
 * Low:effect = Q(0.25), Adjust to = Q(0.5), High:effect = Q(0.75), Low/High:prediction = Q(q), Q(1 − q) with
 * \(q = 10/\max(n, 200)\), Low/High = min/max. Units: those of the variable.
 * @throws StatsInputError on an empty sample or NaN (from the quantile routine)
 */
export function datadistLimits(x: ArrayLike<number>): DatadistLimits {
  const q = 10 / Math.max(x.length, 200);
  const [lowEffect, adjustTo, highEffect, lowPrediction, highPrediction, low, high] = quantileType7(x, [
    0.25,
    0.5,
    0.75,
    q,
    1 - q,
    0,
    1,
  ]);
  return { lowEffect, adjustTo, highEffect, lowPrediction, highPrediction, low, high };
}
