/**
 * Mid-ranks with tie bookkeeping (R: `rank(x, ties.method = "average")`, `table(rank)`).
 */

/** Mid-ranks (1-based; tied values share the mean of their ranks) and the sizes of the tie groups. */
export interface MidRanks {
  ranks: Float64Array;
  /** Size t of every group of equal values (groups of size 1 included). */
  tieSizes: number[];
}

/** Mid-ranks of x (values must be finite; the caller validates). */
export function midRanks(x: ArrayLike<number>): MidRanks {
  const n = x.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => x[a] - x[b]);
  const ranks = new Float64Array(n);
  const tieSizes: number[] = [];
  let i = 0;
  while (i < n) {
    let j = i;
    while (j + 1 < n && x[order[j + 1]] === x[order[i]]) j++;
    const r = (i + j + 2) / 2;
    for (let k = i; k <= j; k++) ranks[order[k]] = r;
    tieSizes.push(j - i + 1);
    i = j + 1;
  }
  return { ranks, tieSizes };
}
