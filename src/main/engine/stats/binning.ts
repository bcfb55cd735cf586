/**
 * Interval binning as R's `cut(x, breaks, include.lowest, right = TRUE)`, with R's interval labels, and
 * the probability grids R builds with `seq(from, to, by)`. Used by Hosmer–Lemeshow groups and binned
 * calibration curves.
 */
import { StatsInputError } from './errors';

/** Result of {@link cutRightClosed}: bin index per value and one label per interval. */
export interface CutResult {
  /** 0-based interval index of each value, or -1 when it lies outside [breaks₀, breaks_last]. */
  bin: Int32Array;
  /** R-style labels: "(a,b]", the first "[a,b]" when `includeLowest`. */
  labels: string[];
}

/**
 * Right-closed intervals \((b_k, b_{k+1}]\), the first one closed on both sides when `includeLowest`
 * (R `cut(x, breaks, include.lowest = TRUE)` / `.bincode`). `breaks` must be strictly increasing.
 * Labels use R's rule: breaks printed with `formatC(digits = d, format = "g")`, d = `digLab` (3) raised
 * until consecutive labels differ.
 */
export function cutRightClosed(x: ArrayLike<number>, breaks: ArrayLike<number>, includeLowest = true, digLab = 3): CutResult {
  const nb = breaks.length;
  if (nb < 2) throw new StatsInputError(`cut: need at least two breaks, got ${nb}`);
  for (let k = 1; k < nb; k++) {
    if (!(breaks[k] > breaks[k - 1])) throw new StatsInputError('cut: breaks must be strictly increasing');
  }
  const bin = new Int32Array(x.length);
  for (let i = 0; i < x.length; i++) {
    const v = x[i];
    if (!(v >= breaks[0] && v <= breaks[nb - 1]) || (v === breaks[0] && !includeLowest)) {
      bin[i] = -1;
      continue;
    }
    let lo = 0;
    let hi = nb - 1;
    while (hi - lo >= 2) {
      const mid = (hi + lo) >> 1;
      if (v > breaks[mid]) lo = mid;
      else hi = mid;
    }
    bin[i] = lo;
  }
  return { bin, labels: cutLabels(breaks, includeLowest, digLab) };
}

/** R's `cut` labels for right-closed intervals (see {@link cutRightClosed}). */
export function cutLabels(breaks: ArrayLike<number>, includeLowest = true, digLab = 3): string[] {
  const nb = breaks.length;
  let text: string[] = [];
  for (let digits = digLab; digits <= Math.max(12, digLab); digits++) {
    text = Array.from(breaks, (b) => formatSignificant(b, digits));
    if (text.every((t, k) => k === 0 || t !== text[k - 1])) break;
  }
  const labels: string[] = [];
  for (let k = 0; k < nb - 1; k++) labels.push(`(${text[k]},${text[k + 1]}]`);
  if (includeLowest) labels[0] = `[${labels[0].slice(1)}`;
  return labels;
}

/**
 * C's `%.{digits}g` (R `formatC(x, digits, format = "g")`): `digits` significant digits, trailing zeros
 * dropped, exponent form when the decimal exponent is < −4 or ≥ digits. Exact decimal ties round up
 * here (C rounds them to even), which only matters for values exactly halfway in binary.
 */
export function formatSignificant(x: number, digits: number): string {
  if (x === 0) return '0';
  if (!Number.isFinite(x)) return String(x);
  const [mantissa, expText] = x.toExponential(digits - 1).split('e');
  const exponent = Number(expText);
  if (exponent < -4 || exponent >= digits) {
    const m = stripZeros(mantissa);
    const e = Math.abs(exponent);
    return `${m}e${exponent < 0 ? '-' : '+'}${e < 10 ? '0' : ''}${e}`;
  }
  return stripZeros(x.toFixed(digits - 1 - exponent));
}

function stripZeros(s: string): string {
  return s.includes('.') ? s.replace(/0+$/, '').replace(/\.$/, '') : s;
}

/**
 * R's `seq(from, to, by)`: \(x_k = \text{from} + k\cdot\text{by}\), k = 0..⌊(to−from)/by + 10^{-10}⌋, capped at `to`.
 * (So `seq(0.01, 0.99, 0.01)[7]` is 0.07000000000000001, exactly as in R.)
 */
export function seqBy(from: number, to: number, by: number): Float64Array {
  if (!(by > 0) || !(to >= from)) throw new StatsInputError(`seq: need by > 0 and to >= from (${from}, ${to}, ${by})`);
  const n = Math.floor((to - from) / by + 1e-10);
  return Float64Array.from({ length: n + 1 }, (_, k) => Math.min(from + k * by, to));
}
