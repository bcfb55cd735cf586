/**
 * Calibration curves: observed against predicted risk with the ideal diagonal, the apparent (smoothed) curve,
 * the bootstrap optimism-corrected curve with an optional band, and the observed event rate of risk groups
 * with binomial 95 % CIs (R: `plot(rms::calibrate(fit, B))`, `rms::val.prob`).
 */
import { bottomAxis, BOTTOM_AXIS_HEIGHT, leftAxis, leftAxisWidth, type PlotArea } from './axes';
import { clipPolylineY } from './clip';
import { Obstacles, placeLegend, type LegendEntry } from './legend';
import { composeFigure, type Panel } from './panels';
import { linearScale } from './scale';
import { formatNumber } from '../format';
import { el, FigureInputError, polygonPath, polylinePath, type Figure } from './svg';
import { FONT, LINE, OKABE_ITO, REFERENCE_GREY, text } from './style';

export interface CalibrationPanelInput {
  title: string;
  /** Grid of predicted probabilities. */
  predicted: ArrayLike<number>;
  /** Apparent smoothed observed risk at the grid (NaN where undefined). */
  apparent: ArrayLike<number>;
  /** Bootstrap optimism-corrected observed risk at the grid (training cohort). */
  corrected?: ArrayLike<number>;
  /** Band around the corrected (or apparent) curve, e.g. bootstrap percentile limits. */
  band?: { lower: ArrayLike<number>; upper: ArrayLike<number>; label: string };
  /** Risk groups: mean predicted, observed rate and its CI. */
  groups?: { predicted: readonly number[]; observed: readonly number[]; lower: readonly number[]; upper: readonly number[] };
  /** Lines printed under the x axis (e.g. "Hosmer–Lemeshow p = 0.57", "B = 1000"). */
  notes?: readonly string[];
}

const PLOT = 150;
const TOP = 16;

function finitePairs(xs: ArrayLike<number>, ys: ArrayLike<number>): { xs: number[]; ys: number[] } {
  const out = { xs: [] as number[], ys: [] as number[] };
  for (let i = 0; i < xs.length; i++) {
    if (Number.isFinite(xs[i]) && Number.isFinite(ys[i])) {
      out.xs.push(xs[i]);
      out.ys.push(ys[i]);
    }
  }
  return out;
}

/** One cohort's calibration panel on [0, 1] × [0, 1]. */
export function calibrationPanel(input: CalibrationPanelInput): Panel {
  if (input.predicted.length !== input.apparent.length) throw new FigureInputError('calibration: predicted and apparent differ in length');
  const ticks = [0, 0.2, 0.4, 0.6, 0.8, 1];
  const labels = ticks.map((t) => formatNumber(t, 1));
  const area: PlotArea = { left: leftAxisWidth(labels) + 2, top: TOP, width: PLOT, height: PLOT };
  const sx = linearScale([0, 1], [area.left, area.left + area.width]);
  const sy = linearScale([0, 1], [area.top + area.height, area.top]);
  const obstacles = new Obstacles();
  const parts: string[] = [];
  const entries: LegendEntry[] = [];
  const line = (xs: number[], ys: number[], colour: string, dash: string | undefined, cls: string): void => {
    for (const piece of clipPolylineY(xs, ys, 0, 1)) {
      const px = piece.xs.map(sx.map);
      const py = piece.ys.map(sy.map);
      parts.push(el('path', { d: polylinePath(px, py), fill: 'none', stroke: colour, 'stroke-width': LINE.data, 'stroke-dasharray': dash, class: cls }));
      obstacles.polyline(px, py);
    }
  };
  if (input.band) {
    const lo = finitePairs(input.predicted, input.band.lower);
    const hi = finitePairs(input.predicted, input.band.upper);
    if (lo.xs.length >= 2 && hi.xs.length >= 2) {
      const xs = [...lo.xs, ...hi.xs.slice().reverse()].map((v) => sx.map(v));
      const ys = [...lo.ys, ...hi.ys.slice().reverse()].map((v) => sy.map(Math.min(1, Math.max(0, v))));
      parts.push(el('path', { d: polygonPath(xs, ys), fill: OKABE_ITO.blue, 'fill-opacity': 0.18, stroke: 'none', class: 'band' }));
      obstacles.polygon(xs, ys);
      entries.push({ label: input.band.label, colour: OKABE_ITO.blue, kind: 'band', opacity: 0.18 });
    }
  }
  parts.push(el('line', { x1: sx.map(0), y1: sy.map(0), x2: sx.map(1), y2: sy.map(1), stroke: REFERENCE_GREY, 'stroke-width': LINE.reference, 'stroke-dasharray': '3 3', class: 'reference' }));
  obstacles.polyline([sx.map(0), sx.map(1)], [sy.map(0), sy.map(1)]);
  entries.push({ label: 'Ideal', colour: REFERENCE_GREY, kind: 'line', dash: '3 3', width: LINE.reference });
  const app = finitePairs(input.predicted, input.apparent);
  if (app.xs.length < 2) throw new FigureInputError(`calibration "${input.title}": the apparent curve has fewer than 2 finite points`);
  line(app.xs, app.ys, OKABE_ITO.vermillion, '4 2', 'apparent');
  entries.push({ label: 'Apparent', colour: OKABE_ITO.vermillion, kind: 'line', dash: '4 2' });
  if (input.corrected) {
    const cor = finitePairs(input.predicted, input.corrected);
    if (cor.xs.length >= 2) {
      line(cor.xs, cor.ys, OKABE_ITO.blue, undefined, 'corrected');
      entries.push({ label: 'Bias-corrected', colour: OKABE_ITO.blue, kind: 'line' });
    }
  }
  if (input.groups) {
    const g = input.groups;
    g.predicted.forEach((p, k) => {
      const x = sx.map(p);
      const lo = sy.map(Math.max(0, g.lower[k]));
      const hi = sy.map(Math.min(1, g.upper[k]));
      parts.push(el('line', { x1: x, y1: lo, x2: x, y2: hi, stroke: OKABE_ITO.black, 'stroke-width': 0.6, class: 'group-ci' }));
      parts.push(el('circle', { cx: x, cy: sy.map(g.observed[k]), r: 1.8, fill: OKABE_ITO.black, class: 'group' }));
      obstacles.polyline([x, x], [lo, hi]);
    });
    entries.push({ label: 'Risk groups (95% CI)', colour: OKABE_ITO.black, kind: 'point' });
  }
  // notes go under the axis, never over the data; the legend, when it does not fit inside, below them
  const notesY = area.top + area.height + BOTTOM_AXIS_HEIGHT + 4;
  const notes = input.notes ?? [];
  notes.forEach((n, k) => parts.push(text(area.left, notesY + k * (FONT.annotation + 2), n, { size: FONT.annotation, align: 'top', anchor: 'start' })));
  const belowY = notesY + notes.length * (FONT.annotation + 2) + (notes.length ? 2 : 0);
  const legend = placeLegend(entries, area, obstacles, belowY, ['bottom-right', 'top-left']);
  parts.push(bottomAxis(area, sx, ticks, 'Predicted probability', { labels }));
  parts.push(leftAxis(area, sy, ticks, 'Observed proportion', { labels }));
  parts.push(text(area.left + area.width / 2, 4, input.title, { size: FONT.title, anchor: 'middle', align: 'top', bold: true }));
  parts.push(legend.svg);
  const width = Math.max(area.left + area.width + 8, legend.box.x + legend.box.width + 2);
  const height = legend.position === 'below' ? legend.box.y + legend.box.height + 2 : belowY;
  return { width, height, body: parts.join('') };
}

/** Calibration figure: one panel per cohort. */
export function calibrationFigure(panels: readonly CalibrationPanelInput[], title = 'Calibration curves'): Figure {
  return composeFigure('calibration', title, panels.map(calibrationPanel));
}
