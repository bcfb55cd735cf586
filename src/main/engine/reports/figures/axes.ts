/**
 * Axes in the report style: a left and a bottom axis line (no box), outward ticks, tick labels, axis titles
 * with units, optional top axis (e.g. number of non-zero coefficients above a LASSO plot).
 */
import { el } from './svg';
import { FONT, LINE, TICK_LENGTH, text } from './style';
import type { LinearScale } from './scale';
import { tickLabels } from './scale';
import { textWidth } from './textMetrics';

/** The data rectangle of a panel, in points from the panel's top-left corner. */
export interface PlotArea {
  left: number;
  top: number;
  width: number;
  height: number;
}

/** Right edge of a plot area, points. */
export const right = (a: PlotArea): number => a.left + a.width;
/** Bottom edge of a plot area, points. */
export const bottom = (a: PlotArea): number => a.top + a.height;

/** Options of the axis functions. */
export interface AxisOptions {
  /** Tick label text (default: formatted values). */
  labels?: readonly string[];
  /** Draw light grid lines across the plot at the ticks. */
  grid?: boolean;
}

/** Gap between a tick label and its tick, points. */
const LABEL_GAP = 2;

/** Bottom axis at the foot of `area` with its title centred below the tick labels. */
export function bottomAxis(area: PlotArea, scale: LinearScale, ticks: readonly number[], title: string, o: AxisOptions = {}): string {
  const y = bottom(area);
  const labels = o.labels ?? tickLabels(ticks);
  const parts = [el('line', { x1: area.left, y1: y, x2: right(area), y2: y, stroke: '#000', 'stroke-width': LINE.axis })];
  ticks.forEach((t, k) => {
    const x = scale.map(t);
    if (o.grid) parts.push(el('line', { x1: x, y1: area.top, x2: x, y2: y, stroke: '#e6e6e6', 'stroke-width': LINE.grid }));
    parts.push(el('line', { x1: x, y1: y, x2: x, y2: y + TICK_LENGTH, stroke: '#000', 'stroke-width': LINE.tick }));
    parts.push(text(x, y + TICK_LENGTH + LABEL_GAP, labels[k], { anchor: 'middle', align: 'top' }));
  });
  parts.push(text(area.left + area.width / 2, y + TICK_LENGTH + LABEL_GAP + FONT.tick + 4, title, { size: FONT.axisLabel, anchor: 'middle', align: 'top' }));
  return el('g', { class: 'axis axis-x' }, ...parts);
}

/** Space a bottom axis needs below the plot area (ticks, labels, title), points. */
export const BOTTOM_AXIS_HEIGHT = TICK_LENGTH + LABEL_GAP + FONT.tick + 4 + FONT.axisLabel + 2;

/** Top axis (ticks and labels above the plot, optional title above them). */
export function topAxis(area: PlotArea, scale: LinearScale, ticks: readonly number[], title: string | undefined, o: AxisOptions = {}): string {
  const y = area.top;
  const labels = o.labels ?? tickLabels(ticks);
  const parts = [el('line', { x1: area.left, y1: y, x2: right(area), y2: y, stroke: '#000', 'stroke-width': LINE.axis })];
  ticks.forEach((t, k) => {
    const x = scale.map(t);
    parts.push(el('line', { x1: x, y1: y, x2: x, y2: y - TICK_LENGTH, stroke: '#000', 'stroke-width': LINE.tick }));
    parts.push(text(x, y - TICK_LENGTH - LABEL_GAP, labels[k], { anchor: 'middle' }));
  });
  if (title) parts.push(text(area.left + area.width / 2, y - TICK_LENGTH - LABEL_GAP - FONT.tick - 3, title, { size: FONT.axisLabel, anchor: 'middle' }));
  return el('g', { class: 'axis axis-top' }, ...parts);
}

/** Space a top axis with a title needs above the plot area, points. */
export const TOP_AXIS_HEIGHT = TICK_LENGTH + LABEL_GAP + FONT.tick + 3 + FONT.axisLabel + 2;

/** Left axis with its title rotated −90° left of the tick labels. */
export function leftAxis(area: PlotArea, scale: LinearScale, ticks: readonly number[], title: string, o: AxisOptions = {}): string {
  const x = area.left;
  const labels = o.labels ?? tickLabels(ticks);
  const parts = [el('line', { x1: x, y1: area.top, x2: x, y2: bottom(area), stroke: '#000', 'stroke-width': LINE.axis })];
  ticks.forEach((t, k) => {
    const y = scale.map(t);
    if (o.grid) parts.push(el('line', { x1: x, y1: y, x2: right(area), y2: y, stroke: '#e6e6e6', 'stroke-width': LINE.grid }));
    parts.push(el('line', { x1: x - TICK_LENGTH, y1: y, x2: x, y2: y, stroke: '#000', 'stroke-width': LINE.tick }));
    parts.push(text(x - TICK_LENGTH - LABEL_GAP, y, labels[k], { anchor: 'end', align: 'middle' }));
  });
  const widest = Math.max(...labels.map((l) => textWidth(l, FONT.tick)));
  const titleX = x - TICK_LENGTH - LABEL_GAP - widest - 4;
  parts.push(text(titleX, area.top + area.height / 2, title, { size: FONT.axisLabel, anchor: 'middle', rotate: -90 }));
  return el('g', { class: 'axis axis-y' }, ...parts);
}

/** Space a left axis needs left of the plot area for these tick labels, points. */
export function leftAxisWidth(labels: readonly string[]): number {
  return TICK_LENGTH + LABEL_GAP + Math.max(0, ...labels.map((l) => textWidth(l, FONT.tick))) + 4 + FONT.axisLabel + 2;
}
