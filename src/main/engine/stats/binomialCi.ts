/**
 * Exact (Clopper–Pearson 1934) confidence interval of a binomial proportion, as R's
 * `binom.test(x, n)$conf.int`.
 */
import { StatsInputError } from './errors';
import { qbeta } from './distributions';

/** A proportion x/n with its exact confidence interval. */
export interface Proportion {
  x: number;
  n: number;
  estimate: number;
  lower: number;
  upper: number;
  confLevel: number;
}

/**
 * Clopper–Pearson interval: lower = B_{α/2}(x, n − x + 1) (0 when x = 0),
 * upper = B_{1−α/2}(x + 1, n − x) (1 when x = n), B_p the beta quantile.
 */
export function clopperPearson(x: number, n: number, confLevel = 0.95): Proportion {
  if (!(Number.isInteger(x) && Number.isInteger(n) && n > 0 && x >= 0 && x <= n)) {
    throw new StatsInputError(`clopperPearson: need integers 0 ≤ x ≤ n, n > 0 (got x=${x}, n=${n})`);
  }
  if (!(confLevel > 0 && confLevel < 1)) throw new StatsInputError(`clopperPearson: confLevel ${confLevel} not in (0, 1)`);
  const alpha = 1 - confLevel;
  return {
    x,
    n,
    estimate: x / n,
    lower: x === 0 ? 0 : qbeta(alpha / 2, x, n - x + 1),
    upper: x === n ? 1 : qbeta(alpha / 2, x + 1, n - x, false),
    confLevel,
  };
}
