/**
 * Kaplan–Meier curves by risk group: right-continuous step functions with pointwise 95 % CI bands (log
 * transformation, as `survfit`'s default), censoring marks, the log-rank p-value and a number-at-risk table
 * under the time axis (R: `survminer::ggsurvplot(fit, conf.int = TRUE, risk.table = TRUE, pval = TRUE)`).
 */
import { bottomAxis, BOTTOM_AXIS_HEIGHT, leftAxis, leftAxisWidth, type PlotArea } from './axes';
import { emptiestCorner, legendSize, drawLegend, Obstacles, type LegendEntry } from './legend';
import { composeFigure, type Panel } from './panels';
import { linearScale, niceDomain, ticksWithin } from './scale';
import { el, FigureInputError, polygonPath, polylinePath, type Figure } from './svg';
import { FONT, LINE, seriesStyle, text } from './style';
import { pStatement } from '../format';
import { textWidth } from './textMetrics';

/** One group's survival curve: the rows of `survfit` (every distinct time, events and censorings). */
export interface KmGroupCurve {
  label: string;
  time: ArrayLike<number>;
  /** S(t) just after each time. */
  surv: ArrayLike<number>;
  /** Pointwise CI limits at each time (NaN where undefined, e.g. S = 0). */
  lower: ArrayLike<number>;
  upper: ArrayLike<number>;
  /** Censored subjects at each time (a mark is drawn where > 0). */
  nCensor: ArrayLike<number>;
  /** Number at risk at each of the panel's `riskTimes`. */
  atRisk: readonly number[];
}

export interface KmPanelInput {
  title: string;
  groups: readonly KmGroupCurve[];
  /** Times of the number-at-risk table; they are also the time-axis ticks. */
  riskTimes: readonly number[];
  /** Time-axis title with its unit, e.g. "Time since surgery (months)". */
  timeLabel: string;
  /** Survival-axis title, e.g. "Distant-metastasis-free survival". */
  survivalLabel: string;
  /** Log-rank p-value (left out when absent, e.g. a single group). */
  pValue?: number;
}

const WIDTH = 170;
const HEIGHT = 130;
const TOP = 16;
const ROW = FONT.tick + 3;

/** Step-function vertices of S(t): (0, 1), then at each time a horizontal then a vertical move. */
function stepPoints(time: ArrayLike<number>, surv: ArrayLike<number>, start = 1): { xs: number[]; ys: number[] } {
  const xs = [0];
  const ys = [start];
  let prev = start;
  for (let j = 0; j < time.length; j++) {
    if (!Number.isFinite(surv[j])) break;
    xs.push(time[j], time[j]);
    ys.push(prev, surv[j]);
    prev = surv[j];
  }
  return { xs, ys };
}

/** The panel: curves, bands, censor marks, legend and p-value in empty corners, number-at-risk table below. */
export function kaplanMeierPanel(input: KmPanelInput): Panel {
  if (input.groups.length === 0) throw new FigureInputError('Kaplan–Meier: no groups');
  let tmax = 0;
  for (const g of input.groups) {
    if (g.time.length !== g.surv.length || g.time.length !== g.lower.length || g.time.length !== g.upper.length || g.time.length !== g.nCensor.length) {
      throw new FigureInputError(`Kaplan–Meier "${g.label}": time, surv, lower, upper and nCensor differ in length`);
    }
    if (g.atRisk.length !== input.riskTimes.length) throw new FigureInputError(`Kaplan–Meier "${g.label}": ${g.atRisk.length} at-risk counts for ${input.riskTimes.length} times`);
    for (let j = 0; j < g.time.length; j++) tmax = Math.max(tmax, g.time[j]);
  }
  const xDomain = niceDomain(0, Math.max(tmax, ...input.riskTimes));
  const yTicks = [0, 0.2, 0.4, 0.6, 0.8, 1];
  const yLabels = yTicks.map((t) => t.toFixed(1));
  const nameWidth = Math.max(...input.groups.map((g) => textWidth(g.label, FONT.tick)));
  const countWidth = Math.max(...input.groups.flatMap((g) => g.atRisk.map((v) => textWidth(String(v), FONT.tick))));
  const left = Math.max(leftAxisWidth(yLabels), 2 + nameWidth + 6 + countWidth / 2) + 2;
  const area: PlotArea = { left, top: TOP, width: WIDTH, height: HEIGHT };
  const sx = linearScale(xDomain, [area.left, area.left + area.width]);
  const sy = linearScale([0, 1], [area.top + area.height, area.top]);
  const obstacles = new Obstacles();
  const parts: string[] = [];
  const entries: LegendEntry[] = [];
  input.groups.forEach((g, k) => {
    const { colour, dash } = seriesStyle(k);
    const lo = stepPoints(g.time, g.lower);
    const hi = stepPoints(g.time, g.upper);
    const m = Math.min(lo.xs.length, hi.xs.length);
    if (m >= 3) {
      const bx = [...lo.xs.slice(0, m), ...hi.xs.slice(0, m).reverse()].map(sx.map);
      const by = [...lo.ys.slice(0, m), ...hi.ys.slice(0, m).reverse()].map(sy.map);
      parts.push(el('path', { d: polygonPath(bx, by), fill: colour, 'fill-opacity': 0.15, stroke: 'none', class: 'band' }));
      obstacles.polygon(bx, by);
    }
    const s = stepPoints(g.time, g.surv);
    const px = s.xs.map(sx.map);
    const py = s.ys.map(sy.map);
    parts.push(el('path', { d: polylinePath(px, py), fill: 'none', stroke: colour, 'stroke-width': LINE.data, 'stroke-dasharray': dash, class: 'series' }));
    obstacles.polyline(px, py);
    for (let j = 0; j < g.time.length; j++) {
      if (!(g.nCensor[j] > 0) || !Number.isFinite(g.surv[j])) continue;
      const cx = sx.map(g.time[j]);
      const cy = sy.map(g.surv[j]);
      parts.push(el('line', { x1: cx, y1: cy - 2.2, x2: cx, y2: cy + 2.2, stroke: colour, 'stroke-width': 0.7, class: 'censor' }));
    }
    entries.push({ label: g.label, colour, dash, kind: 'line' });
  });
  const legendBox = legendSize(entries);
  const legendAt = emptiestCorner(legendBox.width, legendBox.height, area, obstacles, ['top-right', 'bottom-left', 'bottom-right', 'top-left']);
  const pText = input.pValue === undefined ? '' : `Log-rank ${pStatement(input.pValue)}`;
  const pWidth = textWidth(pText, FONT.annotation) + 4;
  if (legendAt) obstacles.polygon([legendAt.box.x, legendAt.box.x + legendAt.box.width, legendAt.box.x + legendAt.box.width, legendAt.box.x], [legendAt.box.y, legendAt.box.y, legendAt.box.y + legendAt.box.height, legendAt.box.y + legendAt.box.height]);
  const pAt = emptiestCorner(pWidth, FONT.annotation + 4, area, obstacles, ['bottom-left', 'bottom-right', 'top-right']);
  const xTicks = input.riskTimes.length >= 2 ? input.riskTimes.filter((t) => t >= xDomain[0] && t <= xDomain[1]) : ticksWithin(xDomain[0], xDomain[1]);
  parts.push(bottomAxis(area, sx, xTicks, input.timeLabel));
  parts.push(leftAxis(area, sy, yTicks, input.survivalLabel, { labels: yLabels }));
  parts.push(text(area.left + area.width / 2, 4, input.title, { size: FONT.title, anchor: 'middle', align: 'top', bold: true }));
  let y = area.top + area.height + BOTTOM_AXIS_HEIGHT + 4;
  const below: string[] = [];
  if (!legendAt) {
    below.push(drawLegend(entries, area.left, y));
    y += legendBox.height + 4;
  }
  if (pText && pAt) parts.push(text(pAt.box.x + 2, pAt.box.y + pAt.box.height / 2, pText, { size: FONT.annotation, align: 'middle' }));
  else if (pText) {
    below.push(text(area.left, y, pText, { size: FONT.annotation, align: 'top' }));
    y += FONT.annotation + 4;
  }
  parts.push(...below);
  parts.push(legendAt ? drawLegend(entries, legendAt.box.x, legendAt.box.y) : '');
  const table: string[] = [text(2, y, 'Number at risk', { size: FONT.tick, bold: true, align: 'top' })];
  y += ROW + 1;
  input.groups.forEach((g, k) => {
    const { colour } = seriesStyle(k);
    table.push(text(2, y, g.label, { size: FONT.tick, align: 'top', fill: colour }));
    input.riskTimes.forEach((t, j) => table.push(text(sx.map(t), y, String(g.atRisk[j]), { size: FONT.tick, anchor: 'middle', align: 'top' })));
    y += ROW;
  });
  parts.push(el('g', { class: 'risk-table' }, ...table));
  const titleRight = area.left + area.width / 2 + textWidth(input.title, FONT.title, true) / 2 + 4;
  return { width: Math.max(area.left + area.width + 10, titleRight), height: y + 2, body: parts.join('') };
}

/** Kaplan–Meier figure: one panel per cohort. */
export function kaplanMeierFigure(panels: readonly KmPanelInput[]): Figure {
  return composeFigure('kaplan-meier', 'Kaplan–Meier curves by risk group', panels.map(kaplanMeierPanel));
}
