/**
 * Decision curves: net benefit \(NB(p_t) = TP/n - FP/n \cdot p_t/(1-p_t)\) of every model against the
 * threshold probability, with the treat-all and treat-none strategies (Vickers & Elkin 2006; R `dcurves::dca`).
 * The vertical range runs from a little below zero to a little above the prevalence, and curves leaving it are
 * cut at the edge (treat-all falls steeply at high thresholds).
 */
import { bottomAxis, BOTTOM_AXIS_HEIGHT, leftAxis, leftAxisWidth, type PlotArea } from './axes';
import { clipPolylineY } from './clip';
import { Obstacles, placeLegend, type LegendEntry } from './legend';
import { composeFigure, type Panel } from './panels';
import { linearScale, niceDomain, tickLabels, ticksWithin } from './scale';
import { el, FigureInputError, polylinePath, type Figure } from './svg';
import { FONT, LINE, OKABE_ITO, REFERENCE_GREY, seriesStyle, text } from './style';

export interface DecisionCurvePanelInput {
  title: string;
  thresholds: ArrayLike<number>;
  models: readonly { label: string; netBenefit: ArrayLike<number> }[];
  treatAll: ArrayLike<number>;
  /** Outcome prevalence (sets the top of the vertical range). */
  prevalence: number;
}

const WIDTH = 175;
const HEIGHT = 140;
const TOP = 16;

/** One cohort's decision-curve panel. */
export function decisionCurvePanel(input: DecisionCurvePanelInput): Panel {
  const n = input.thresholds.length;
  if (n < 2) throw new FigureInputError('decision curve: needs at least 2 thresholds');
  for (const m of input.models) if (m.netBenefit.length !== n) throw new FigureInputError(`decision curve "${m.label}": ${m.netBenefit.length} values for ${n} thresholds`);
  if (input.treatAll.length !== n) throw new FigureInputError('decision curve: treat-all length differs from thresholds');
  let top = input.prevalence;
  for (const m of input.models) for (let i = 0; i < n; i++) if (Number.isFinite(m.netBenefit[i])) top = Math.max(top, m.netBenefit[i]);
  const ymin = -0.05 * Math.max(top, 0.2);
  const [y0, y1] = niceDomain(ymin, top * 1.05);
  const yDomain: [number, number] = [Math.max(y0, ymin), y1];
  const xDomain: [number, number] = [0, 1];
  const yTicks = ticksWithin(yDomain[0], yDomain[1]);
  const yLabels = tickLabels(yTicks);
  const area: PlotArea = { left: leftAxisWidth(yLabels) + 2, top: TOP, width: WIDTH, height: HEIGHT };
  const sx = linearScale(xDomain, [area.left, area.left + area.width]);
  const sy = linearScale(yDomain, [area.top + area.height, area.top]);
  const obstacles = new Obstacles();
  const parts: string[] = [];
  const entries: LegendEntry[] = [];
  const draw = (ys: ArrayLike<number>, colour: string, dash: string | undefined, width: number, cls: string): void => {
    for (const piece of clipPolylineY(input.thresholds, ys, yDomain[0], yDomain[1])) {
      const px = piece.xs.map(sx.map);
      const py = piece.ys.map(sy.map);
      parts.push(el('path', { d: polylinePath(px, py), fill: 'none', stroke: colour, 'stroke-width': width, 'stroke-dasharray': dash, class: cls }));
      obstacles.polyline(px, py);
    }
  };
  draw(new Float64Array(n), OKABE_ITO.black, undefined, LINE.reference, 'treat-none');
  draw(input.treatAll, REFERENCE_GREY, undefined, LINE.reference, 'treat-all');
  input.models.forEach((m, k) => {
    const { colour, dash } = seriesStyle(k);
    draw(m.netBenefit, colour, dash, LINE.data, 'series');
    entries.push({ label: m.label, colour, dash, kind: 'line' });
  });
  entries.push({ label: 'Treat all', colour: REFERENCE_GREY, kind: 'line', width: LINE.reference });
  entries.push({ label: 'Treat none', colour: OKABE_ITO.black, kind: 'line', width: LINE.reference });
  const belowY = area.top + area.height + BOTTOM_AXIS_HEIGHT + 4;
  const legend = placeLegend(entries, area, obstacles, belowY, ['top-right', 'bottom-left', 'bottom-right', 'top-left']);
  const xTicks = [0, 0.2, 0.4, 0.6, 0.8, 1];
  parts.push(bottomAxis(area, sx, xTicks, 'Threshold probability'));
  parts.push(leftAxis(area, sy, yTicks, 'Net benefit', { labels: yLabels }));
  parts.push(text(area.left + area.width / 2, 4, input.title, { size: FONT.title, anchor: 'middle', align: 'top', bold: true }));
  parts.push(legend.svg);
  const width = Math.max(area.left + area.width + 8, legend.box.x + legend.box.width + 2);
  const height = legend.position === 'below' ? legend.box.y + legend.box.height + 2 : belowY;
  return { width, height, body: parts.join('') };
}

/** Decision-curve figure: one panel per cohort. */
export function decisionCurveFigure(panels: readonly DecisionCurvePanelInput[]): Figure {
  return composeFigure('decision-curve', 'Decision curves', panels.map(decisionCurvePanel));
}
