/**
 * Legends that do not cover data: the legend box is tried in each inside corner of the plot area and put in
 * the first one where it crosses no data segment; when every corner would cover data it goes below the plot.
 */
import { el } from './svg';
import { FONT, LINE, text } from './style';
import { textWidth } from './textMetrics';
import type { PlotArea } from './axes';

export interface LegendEntry {
  label: string;
  colour: string;
  /** line: a stroke sample; band: a filled square; point: a marker; bar: a filled bar. */
  kind: 'line' | 'band' | 'point' | 'bar';
  dash?: string;
  /** Band/bar fill opacity (default 0.25 for bands, 1 for bars). */
  opacity?: number;
  /** Stroke width of a line sample (default {@link LINE.data}). */
  width?: number;
}

/** Data drawn in a panel, in panel coordinates: polyline segments and filled polygons. */
export class Obstacles {
  readonly segments: number[] = [];
  readonly polygons: { xs: number[]; ys: number[] }[] = [];

  /** Adds the segments of a polyline (already mapped to panel coordinates). */
  polyline(xs: ArrayLike<number>, ys: ArrayLike<number>): this {
    for (let i = 1; i < xs.length; i++) this.segments.push(xs[i - 1], ys[i - 1], xs[i], ys[i]);
    if (xs.length === 1) this.segments.push(xs[0], ys[0], xs[0], ys[0]);
    return this;
  }

  polygon(xs: ArrayLike<number>, ys: ArrayLike<number>): this {
    this.polygons.push({ xs: Array.from(xs), ys: Array.from(ys) });
    return this.polyline([...Array.from(xs), xs[0]], [...Array.from(ys), ys[0]]);
  }

  /** Number of segments crossing the rectangle, plus one per polygon containing its centre. */
  overlap(x: number, y: number, w: number, h: number): number {
    let count = 0;
    const s = this.segments;
    for (let k = 0; k < s.length; k += 4) if (segmentHitsRect(s[k], s[k + 1], s[k + 2], s[k + 3], x, y, w, h)) count++;
    for (const p of this.polygons) if (pointInPolygon(x + w / 2, y + h / 2, p.xs, p.ys)) count++;
    return count;
  }
}

/** Liang–Barsky clipping: does the segment (x0,y0)–(x1,y1) meet the rectangle? */
function segmentHitsRect(x0: number, y0: number, x1: number, y1: number, rx: number, ry: number, rw: number, rh: number): boolean {
  const dx = x1 - x0;
  const dy = y1 - y0;
  let t0 = 0;
  let t1 = 1;
  const p = [-dx, dx, -dy, dy];
  const q = [x0 - rx, rx + rw - x0, y0 - ry, ry + rh - y0];
  for (let i = 0; i < 4; i++) {
    if (p[i] === 0) {
      if (q[i] < 0) return false;
    } else {
      const t = q[i] / p[i];
      if (p[i] < 0) t0 = Math.max(t0, t);
      else t1 = Math.min(t1, t);
      if (t0 > t1) return false;
    }
  }
  return true;
}

function pointInPolygon(x: number, y: number, xs: number[], ys: number[]): boolean {
  let inside = false;
  for (let i = 0, j = xs.length - 1; i < xs.length; j = i++) {
    if (ys[i] > y !== ys[j] > y && x < ((xs[j] - xs[i]) * (y - ys[i])) / (ys[j] - ys[i]) + xs[i]) inside = !inside;
  }
  return inside;
}

export type LegendCorner = 'top-left' | 'top-right' | 'bottom-left' | 'bottom-right';

export interface PlacedLegend {
  svg: string;
  /** Where it went. */
  position: LegendCorner | 'below';
  /** Legend box in panel coordinates. */
  box: Box;
}

const SAMPLE = 16;
const ROW = FONT.legend + 3;
const PAD = 3;

/** Width and height of the legend box for these entries, points. */
export function legendSize(entries: readonly LegendEntry[]): { width: number; height: number } {
  const widest = Math.max(...entries.map((e) => textWidth(e.label, FONT.legend)));
  return { width: PAD * 2 + SAMPLE + 4 + widest, height: PAD * 2 + entries.length * ROW - 3 };
}

/** Draws the legend box at (x, y). */
export function drawLegend(entries: readonly LegendEntry[], x: number, y: number): string {
  const { width, height } = legendSize(entries);
  const rows = entries.map((e, k) => {
    const cy = y + PAD + k * ROW + FONT.legend / 2;
    const sx = x + PAD;
    let sample: string;
    if (e.kind === 'line') {
      sample = el('line', { x1: sx, y1: cy, x2: sx + SAMPLE, y2: cy, stroke: e.colour, 'stroke-width': e.width ?? LINE.data, 'stroke-dasharray': e.dash });
    } else if (e.kind === 'point') {
      sample = el('circle', { cx: sx + SAMPLE / 2, cy, r: 2.2, fill: e.colour });
    } else {
      sample = el('rect', { x: sx + 2, y: cy - 3.5, width: SAMPLE - 4, height: 7, fill: e.colour, 'fill-opacity': e.opacity ?? (e.kind === 'band' ? 0.25 : 1) });
    }
    return el('g', { class: 'legend-entry' }, sample, text(sx + SAMPLE + 4, cy, e.label, { size: FONT.legend, align: 'middle' }));
  });
  const box = el('rect', { x, y, width, height, fill: '#ffffff', 'fill-opacity': 0.9, stroke: '#bfbfbf', 'stroke-width': 0.4 });
  return el('g', { class: 'legend' }, box, ...rows);
}

/** A box in panel coordinates. */
export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/**
 * The inside corner of `area` (tried in `corners` order, `inset` points from the edges) where a box of this
 * size crosses the fewest obstacles; null when the box does not fit or every corner crosses data.
 */
export function emptiestCorner(
  width: number,
  height: number,
  area: PlotArea,
  obstacles: Obstacles,
  corners: readonly LegendCorner[],
  inset = 4,
): { corner: LegendCorner; box: Box } | null {
  if (width > area.width - 2 * inset || height > area.height - 2 * inset) return null;
  for (const c of corners) {
    const x = c.endsWith('left') ? area.left + inset : area.left + area.width - inset - width;
    const y = c.startsWith('top') ? area.top + inset : area.top + area.height - inset - height;
    if (obstacles.overlap(x, y, width, height) === 0) return { corner: c, box: { x, y, width, height } };
  }
  return null;
}

/**
 * Places the legend in the first inside corner of `area` (in `corners` order) where it covers no data;
 * when there is none, below the panel at `belowY`, left-aligned with the plot.
 */
export function placeLegend(
  entries: readonly LegendEntry[],
  area: PlotArea,
  obstacles: Obstacles,
  belowY: number,
  corners: readonly LegendCorner[] = ['bottom-right', 'top-left', 'top-right', 'bottom-left'],
): PlacedLegend {
  const { width, height } = legendSize(entries);
  const found = emptiestCorner(width, height, area, obstacles, corners);
  const box = found ? found.box : { x: area.left, y: belowY, width, height };
  return { svg: drawLegend(entries, box.x, box.y), position: found ? found.corner : 'below', box };
}
