/**
 * Coefficients of the selected features as horizontal bars sorted by value (the study's Fig. 3c): positive
 * bars to the right in vermillion, negative to the left in blue, the feature name at the bar's root side.
 */
import { bottomAxis, BOTTOM_AXIS_HEIGHT, type PlotArea } from './axes';
import { composeFigure, type Panel } from './panels';
import { linearScale, niceDomain, tickLabels, ticksWithin } from './scale';
import { el, FigureInputError, type Figure } from './svg';
import { FONT, LINE, OKABE_ITO, text } from './style';
import { textWidth } from './textMetrics';

export interface CoefficientBarsInput {
  title: string;
  /** Feature names and their (non-zero) coefficients. */
  terms: readonly { name: string; coefficient: number }[];
  /** Axis title, e.g. "LASSO coefficient (per SD)". */
  axisLabel: string;
}

const BAR = 9;
const PLOT_WIDTH = 170;

/** The bar chart panel; bars are sorted from the most negative (bottom) to the most positive (top). */
export function coefficientBarsPanel(input: CoefficientBarsInput): Panel {
  if (input.terms.length === 0) throw new FigureInputError('coefficient bars: no terms');
  for (const t of input.terms) if (!Number.isFinite(t.coefficient)) throw new FigureInputError(`coefficient of ${t.name} is ${t.coefficient}`);
  const terms = input.terms.slice().sort((a, b) => b.coefficient - a.coefficient);
  const nameWidth = Math.max(...terms.map((t) => textWidth(t.name, FONT.tick)));
  const lo = Math.min(0, ...terms.map((t) => t.coefficient));
  const hi = Math.max(0, ...terms.map((t) => t.coefficient));
  const domain = niceDomain(lo, hi);
  const area: PlotArea = { left: nameWidth + 8, top: 18, width: PLOT_WIDTH, height: terms.length * (BAR + 3) };
  const sx = linearScale(domain, [area.left, area.left + area.width]);
  const ticks = ticksWithin(domain[0], domain[1]);
  const parts: string[] = [bottomAxis(area, sx, ticks, input.axisLabel, { labels: tickLabels(ticks), grid: true })];
  terms.forEach((t, k) => {
    const y = area.top + k * (BAR + 3) + 1.5;
    const x0 = sx.map(0);
    const x1 = sx.map(t.coefficient);
    parts.push(el('rect', { x: Math.min(x0, x1), y, width: Math.max(0.5, Math.abs(x1 - x0)), height: BAR, fill: t.coefficient >= 0 ? OKABE_ITO.vermillion : OKABE_ITO.blue, class: 'bar' }));
    parts.push(text(area.left - 4, y + BAR / 2, t.name, { size: FONT.tick, anchor: 'end', align: 'middle' }));
  });
  parts.push(el('line', { x1: sx.map(0), y1: area.top, x2: sx.map(0), y2: area.top + area.height, stroke: '#000', 'stroke-width': LINE.axis }));
  parts.push(text(area.left + area.width / 2, 4, input.title, { size: FONT.title, anchor: 'middle', align: 'top', bold: true }));
  return { width: area.left + area.width + 10, height: area.top + area.height + BOTTOM_AXIS_HEIGHT + 2, body: parts.join('') };
}

/** Coefficient bar chart figure. */
export function coefficientFigure(input: CoefficientBarsInput): Figure {
  return composeFigure('coefficients', input.title, [coefficientBarsPanel(input)]);
}
