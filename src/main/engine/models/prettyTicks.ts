/**
 * "Pretty" axis ticks — R's `pretty(x, n)` (base R 4.2, `R_pretty` with its default biases), which rms uses to
 * choose nomogram tick values.
 */

const HIGH_U_BIAS = 1.5;
const U5_BIAS = 0.5 + 1.5 * HIGH_U_BIAS;
const ROUNDING_EPS = 1e-10;
const SHRINK_SML = 0.75;

/**
 * About `n + 1` equally spaced round values covering [min(x), max(x)]:
 * the step is 1, 2, 5 or 10 × a power of ten, chosen from the cell width \(c = (\max-\min)/n\) with R's
 * bias rule (2·b preferred when \(2b - c < 1.5(c - b)\), then 5·b when \(5b - c < 2.75(c - 2b)\), then 10·b);
 * the range is extended outwards to multiples of the step; at least ⌊n/3⌋ intervals. Values within
 * 1e-14 steps of zero are set to exactly 0.
 *
 * @param lo smallest value to cover
 * @param hi largest value to cover
 * @param n desired number of intervals (R default 5; rms nomograms use 10)
 */
export function prettyTicks(lo: number, hi: number, n = 5): number[] {
  if (!(Number.isFinite(lo) && Number.isFinite(hi)) || hi < lo) throw new RangeError(`prettyTicks: invalid range [${lo}, ${hi}]`);
  const minN = Math.floor(n / 3);
  const dx = hi - lo;
  let cell: number;
  let small: boolean;
  if (dx === 0 && hi === 0) {
    cell = 1;
    small = true;
  } else {
    cell = Math.max(Math.abs(lo), Math.abs(hi));
    const u = 1 + (U5_BIAS >= 1.5 * HIGH_U_BIAS + 0.5 ? 1 / (1 + HIGH_U_BIAS) : 1.5 / (1 + U5_BIAS));
    small = dx < cell * u * Math.max(1, n) * Number.EPSILON * 3;
  }
  if (small) {
    if (cell > 10) cell = 9 + cell / 10;
    cell *= SHRINK_SML;
    if (minN > 1) cell /= minN;
  } else {
    cell = dx;
    if (n > 1) cell /= n;
  }
  const base = 10 ** Math.floor(Math.log10(cell));
  let unit = base;
  if (2 * base - cell < HIGH_U_BIAS * (cell - unit)) {
    unit = 2 * base;
    if (5 * base - cell < U5_BIAS * (cell - unit)) {
      unit = 5 * base;
      if (10 * base - cell < HIGH_U_BIAS * (cell - unit)) unit = 10 * base;
    }
  }
  let ns = Math.floor(lo / unit + ROUNDING_EPS);
  let nu = Math.ceil(hi / unit - ROUNDING_EPS);
  while (ns * unit > lo + ROUNDING_EPS * unit) ns--;
  while (nu * unit < hi - ROUNDING_EPS * unit) nu++;
  let k = Math.floor(0.5 + nu - ns);
  if (k < minN) {
    k = minN - k;
    if (ns >= 0) {
      nu += Math.floor(k / 2);
      ns -= Math.floor(k / 2) + (k % 2);
    } else {
      ns -= Math.floor(k / 2);
      nu += Math.floor(k / 2) + (k % 2);
    }
    k = minN;
  }
  const from = ns * unit;
  const to = nu * unit;
  const step = k > 0 ? (to - from) / k : 0;
  const out: number[] = [];
  for (let i = 0; i <= k; i++) {
    let v = i === k ? to : from + i * step;
    if (Math.abs(v) < 1e-14 * step) v = 0;
    out.push(v);
  }
  return out;
}
