/**
 * Box-and-whisker summaries (Tukey): box from the first to the third type-7 quartile with the median, whiskers
 * to the most extreme values within 1.5 × IQR of the box, values beyond them drawn as outliers
 * (R: `boxplot.stats(x, coef = 1.5)` up to its use of hinges instead of type-7 quartiles).
 */
import { quantileSorted } from '../../stats/descriptive';
import { el, FigureInputError } from './svg';

export interface BoxStats {
  n: number;
  q1: number;
  median: number;
  q3: number;
  /** Whisker ends: extreme values inside the fences q1 − 1.5 IQR, q3 + 1.5 IQR. */
  lowerWhisker: number;
  upperWhisker: number;
  outliers: number[];
}

/** Box statistics of the finite values (NaN/±Inf are refused). */
export function boxStats(values: ArrayLike<number>, what: string): BoxStats {
  if (values.length === 0) throw new FigureInputError(`${what}: no values`);
  const s = Float64Array.from(values).sort();
  if (!s.every(Number.isFinite)) throw new FigureInputError(`${what}: non-finite value`);
  const q1 = quantileSorted(s, 0.25);
  const q3 = quantileSorted(s, 0.75);
  const lo = q1 - 1.5 * (q3 - q1);
  const hi = q3 + 1.5 * (q3 - q1);
  const inside = Array.from(s).filter((v) => v >= lo && v <= hi);
  return {
    n: s.length,
    q1,
    median: quantileSorted(s, 0.5),
    q3,
    lowerWhisker: inside[0] ?? q1,
    upperWhisker: inside[inside.length - 1] ?? q3,
    outliers: Array.from(s).filter((v) => v < lo || v > hi),
  };
}

/**
 * A box drawn across the value axis `map`: horizontal boxes when `horizontal` (values along x, the box centred
 * at `centre` on y), vertical otherwise.
 */
export function drawBox(b: BoxStats, map: (v: number) => number, centre: number, thickness: number, colour: string, horizontal: boolean): string {
  const half = thickness / 2;
  const line = (v1: number, c1: number, v2: number, c2: number, width = 0.6): string =>
    horizontal
      ? el('line', { x1: map(v1), y1: c1, x2: map(v2), y2: c2, stroke: '#000', 'stroke-width': width })
      : el('line', { x1: c1, y1: map(v1), x2: c2, y2: map(v2), stroke: '#000', 'stroke-width': width });
  const parts: string[] = [];
  parts.push(line(b.lowerWhisker, centre, b.q1, centre), line(b.q3, centre, b.upperWhisker, centre));
  parts.push(line(b.lowerWhisker, centre - half / 2, b.lowerWhisker, centre + half / 2), line(b.upperWhisker, centre - half / 2, b.upperWhisker, centre + half / 2));
  const a = map(b.q1);
  const c = map(b.q3);
  parts.push(
    horizontal
      ? el('rect', { x: Math.min(a, c), y: centre - half, width: Math.abs(c - a), height: thickness, fill: colour, 'fill-opacity': 0.35, stroke: '#000', 'stroke-width': 0.6 })
      : el('rect', { x: centre - half, y: Math.min(a, c), width: thickness, height: Math.abs(c - a), fill: colour, 'fill-opacity': 0.35, stroke: '#000', 'stroke-width': 0.6 }),
  );
  parts.push(line(b.median, centre - half, b.median, centre + half, 1.2));
  for (const v of b.outliers) {
    parts.push(horizontal ? el('circle', { cx: map(v), cy: centre, r: 1.2, fill: 'none', stroke: '#000', 'stroke-width': 0.4 }) : el('circle', { cx: centre, cy: map(v), r: 1.2, fill: 'none', stroke: '#000', 'stroke-width': 0.4 }));
  }
  return el('g', { class: 'box' }, ...parts);
}

/**
 * Deterministic jitter offsets in [−1, 1] (a fixed low-discrepancy sequence, so a figure is identical on
 * every run): the fractional parts of k·φ, rescaled.
 */
export function jitter(k: number): number {
  const phi = 0.6180339887498949;
  return ((k * phi) % 1) * 2 - 1;
}
