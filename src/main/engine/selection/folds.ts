/**
 * Cross-validation fold assignment as `cv.glmnet` makes it when no `foldid` is given.
 */
import { Rng } from '../stats/rng';
import { StatsInputError } from '../stats/errors';

/**
 * Random balanced fold ids 1..k for n observations: R's `sample(rep(seq(nfolds), length = n))`
 * (the rule inside `cv.glmnet`). With the same seed, `set.seed(seed); cv.glmnet(...)` draws the same folds,
 * because this is the first use of the generator there. Every fold gets ⌊n/k⌋ or ⌈n/k⌉ observations.
 *
 * @param n number of observations
 * @param nfolds number of folds k (3 ≤ k ≤ n, as `cv.glmnet` requires)
 * @param seed integer seed as for R's `set.seed`
 */
export function randomFoldIds(n: number, nfolds: number, seed: number): Int32Array {
  if (!Number.isInteger(nfolds) || nfolds < 3) {
    throw new StatsInputError(`randomFoldIds: nfolds must be an integer ≥ 3 (cv.glmnet), got ${nfolds}`);
  }
  if (nfolds > n) throw new StatsInputError(`randomFoldIds: ${nfolds} folds for only ${n} observations`);
  const perm = new Rng(seed).permutation(n);
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) out[i] = (perm[i] % nfolds) + 1;
  return out;
}
