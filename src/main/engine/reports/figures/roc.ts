/**
 * ROC curves of several models in one panel per cohort, with each model's AUC and its 95 % CI in the legend
 * (as in the study's Fig. 4 and Table 3; R: `pROC::plot.roc` with `print.auc`).
 */
import { bottomAxis, BOTTOM_AXIS_HEIGHT, leftAxis, leftAxisWidth, type PlotArea } from './axes';
import { Obstacles, placeLegend, type LegendEntry } from './legend';
import { composeFigure, type Panel } from './panels';
import { linearScale } from './scale';
import { formatNumber } from '../format';
import { el, FigureInputError, polylinePath, type Figure } from './svg';
import { FONT, LINE, REFERENCE_GREY, seriesStyle, text } from './style';

/** One model's ROC curve in a cohort. */
export interface RocSeries {
  label: string;
  /** False-positive rates 1 − specificity, in curve order. */
  fpr: ArrayLike<number>;
  /** True-positive rates (sensitivity), same length. */
  tpr: ArrayLike<number>;
  auc: number;
  /** 95 % CI of the AUC (DeLong). */
  lower: number;
  upper: number;
}

export interface RocPanelInput {
  /** Panel title, e.g. "Training cohort (n = 110)". */
  title: string;
  series: readonly RocSeries[];
}

const PLOT = 150;
const TOP = 16;
const RIGHT = 8;

/** Legend text of a model: "DLRN, AUC 0.890 (0.833–0.948)". */
export function rocLegendLabel(s: RocSeries): string {
  return `${s.label}, AUC ${formatNumber(s.auc, 3)} (${formatNumber(s.lower, 3)}–${formatNumber(s.upper, 3)})`;
}

/** One cohort's panel: curves, chance diagonal, legend in the emptiest corner (normally bottom-right). */
export function rocPanel(input: RocPanelInput): Panel {
  if (input.series.length === 0) throw new FigureInputError('ROC panel: no models');
  const ticks = [0, 0.2, 0.4, 0.6, 0.8, 1];
  const labels = ticks.map((t) => formatNumber(t, 1));
  const left = leftAxisWidth(labels) + 2;
  const area: PlotArea = { left, top: TOP, width: PLOT, height: PLOT };
  const sx = linearScale([0, 1], [area.left, area.left + area.width]);
  const sy = linearScale([0, 1], [area.top + area.height, area.top]);
  const obstacles = new Obstacles();
  const parts: string[] = [];
  parts.push(el('line', { x1: sx.map(0), y1: sy.map(0), x2: sx.map(1), y2: sy.map(1), stroke: REFERENCE_GREY, 'stroke-width': LINE.reference, 'stroke-dasharray': '3 3', class: 'reference' }));
  obstacles.polyline([sx.map(0), sx.map(1)], [sy.map(0), sy.map(1)]);
  const entries: LegendEntry[] = [];
  input.series.forEach((s, k) => {
    if (s.fpr.length !== s.tpr.length || s.fpr.length < 2) throw new FigureInputError(`ROC "${s.label}": needs matching fpr/tpr with at least 2 points`);
    const xs = Array.from(s.fpr, (v) => sx.map(v));
    const ys = Array.from(s.tpr, (v) => sy.map(v));
    const { colour, dash } = seriesStyle(k);
    parts.push(el('path', { d: polylinePath(xs, ys), fill: 'none', stroke: colour, 'stroke-width': LINE.data, 'stroke-dasharray': dash, 'stroke-linejoin': 'round', class: 'series' }));
    obstacles.polyline(xs, ys);
    entries.push({ label: rocLegendLabel(s), colour, dash, kind: 'line' });
  });
  const belowY = area.top + area.height + BOTTOM_AXIS_HEIGHT + 4;
  const legend = placeLegend(entries, area, obstacles, belowY, ['bottom-right', 'top-left', 'top-right', 'bottom-left']);
  parts.push(bottomAxis(area, sx, ticks, '1 − Specificity (false-positive rate)', { labels }));
  parts.push(leftAxis(area, sy, ticks, 'Sensitivity (true-positive rate)', { labels }));
  parts.push(text(area.left + area.width / 2, 4, input.title, { size: FONT.title, anchor: 'middle', align: 'top', bold: true }));
  parts.push(legend.svg);
  const width = Math.max(area.left + area.width + RIGHT, legend.box.x + legend.box.width + 2);
  const height = legend.position === 'below' ? legend.box.y + legend.box.height + 2 : belowY;
  return { width, height, body: parts.join('') };
}

/** ROC figure: one panel per cohort, side by side. */
export function rocFigure(cohorts: readonly RocPanelInput[]): Figure {
  return composeFigure('roc', 'ROC curves', cohorts.map(rocPanel));
}
