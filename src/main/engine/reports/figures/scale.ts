/**
 * Linear scales and tick values for figure axes.
 */
import { prettyTicks } from '../../models/prettyTicks';
import { FigureInputError } from './svg';
import { formatNumber } from '../format';

/** Maps data values in `domain` linearly onto figure coordinates in `range` (points). */
export interface LinearScale {
  domain: readonly [number, number];
  range: readonly [number, number];
  map(v: number): number;
}

/** \(s(v) = r_0 + (v - d_0)\,(r_1 - r_0)/(d_1 - d_0)\). */
export function linearScale(domain: readonly [number, number], range: readonly [number, number]): LinearScale {
  const [d0, d1] = domain;
  const [r0, r1] = range;
  if (!(Number.isFinite(d0) && Number.isFinite(d1)) || d0 === d1) throw new FigureInputError(`scale domain [${d0}, ${d1}] is empty or not finite`);
  const k = (r1 - r0) / (d1 - d0);
  return { domain, range, map: (v) => r0 + (v - d0) * k };
}

/**
 * Round tick values inside [lo, hi]: R's `pretty(c(lo, hi), n)` (the same rule rms and base graphics use),
 * keeping the ticks that fall inside the range (within 1e-9 of its width).
 */
export function ticksWithin(lo: number, hi: number, n = 5): number[] {
  const eps = (hi - lo) * 1e-9;
  return prettyTicks(lo, hi, n).filter((t) => t >= lo - eps && t <= hi + eps);
}

/** Domain extended outwards to the enclosing pretty ticks: [first tick ≤ lo, last tick ≥ hi]. */
export function niceDomain(lo: number, hi: number, n = 5): [number, number] {
  if (lo === hi) {
    const pad = lo === 0 ? 1 : Math.abs(lo) * 0.1;
    lo -= pad;
    hi += pad;
  }
  const t = prettyTicks(lo, hi, n);
  return [t[0], t[t.length - 1]];
}

/** Decimals needed to tell ticks `step` apart (0 for integer steps, 1 for 0.5, 2 for 0.05 …). */
export function decimalsForStep(step: number): number {
  if (!(step > 0)) return 0;
  for (let d = 0; d < 10; d++) if (Math.abs(Math.round(step * 10 ** d) - step * 10 ** d) < 1e-6 * 10 ** d * step) return d;
  return 10;
}

/** Tick labels with the decimals of the tick spacing. */
export function tickLabels(ticks: readonly number[]): string[] {
  const step = ticks.length > 1 ? Math.min(...ticks.slice(1).map((t, i) => Math.abs(t - ticks[i]))) : 1;
  const d = decimalsForStep(step);
  return ticks.map((t) => formatNumber(t, d));
}
