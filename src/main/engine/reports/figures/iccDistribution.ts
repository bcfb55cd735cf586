/**
 * Distribution of the feature reproducibility ICCs per feature class, filter (image type) and phase:
 * horizontal box plots with the retention threshold as a dashed line and, per group, the number of features
 * kept (ICC above the threshold) out of all.
 */
import { bottomAxis, BOTTOM_AXIS_HEIGHT, type PlotArea } from './axes';
import { boxStats, drawBox, jitter } from './boxplot';
import { composeFigure, type Panel } from './panels';
import { linearScale, niceDomain, tickLabels, ticksWithin } from './scale';
import { el, FigureInputError, type Figure } from './svg';
import { FONT, LINE, OKABE_ITO, REFERENCE_GREY, text } from './style';
import { textWidth } from './textMetrics';

export interface IccGroup {
  label: string;
  values: readonly number[];
}

export interface IccPanelInput {
  /** e.g. "By feature class". */
  title: string;
  groups: readonly IccGroup[];
}

export interface IccFigureInput {
  panels: readonly IccPanelInput[];
  threshold: number;
  /** '>' keeps ICC > threshold (the paper's rule), '>=' keeps ICC ≥ threshold. */
  comparison: '>' | '>=';
  /** Axis title, e.g. "ICC(2,1), absolute agreement". */
  axisLabel: string;
}

const ROW = 14;
const PLOT_WIDTH = 190;
/** Groups up to this size also show their individual ICCs as jittered points. */
const STRIP_LIMIT = 300;

/** One grouping's panel. */
export function iccPanel(input: IccPanelInput, threshold: number, comparison: '>' | '>=', axisLabel: string, domain: [number, number]): Panel {
  if (input.groups.length === 0) throw new FigureInputError(`ICC panel "${input.title}": no groups`);
  const keep = (v: number): boolean => (comparison === '>' ? v > threshold : v >= threshold);
  const counts = input.groups.map((g) => `${g.values.filter(keep).length}/${g.values.length}`);
  const nameWidth = Math.max(...input.groups.map((g) => textWidth(g.label, FONT.tick)));
  const countWidth = Math.max(...counts.map((c) => textWidth(c, FONT.tick)), textWidth('kept', FONT.tick, true));
  const area: PlotArea = { left: nameWidth + 8, top: 18 + FONT.tick + 4, width: PLOT_WIDTH, height: input.groups.length * ROW };
  const sx = linearScale(domain, [area.left, area.left + area.width]);
  const ticks = ticksWithin(domain[0], domain[1]);
  const parts: string[] = [bottomAxis(area, sx, ticks, axisLabel, { labels: tickLabels(ticks), grid: true })];
  input.groups.forEach((g, k) => {
    const cy = area.top + k * ROW + ROW / 2;
    parts.push(text(area.left - 4, cy, g.label, { size: FONT.tick, anchor: 'end', align: 'middle' }));
    parts.push(text(area.left + area.width + 6 + countWidth, cy, counts[k], { size: FONT.tick, anchor: 'end', align: 'middle' }));
    if (g.values.length === 0) return;
    if (g.values.length <= STRIP_LIMIT) {
      g.values.forEach((v, i) => parts.push(el('circle', { cx: sx.map(v), cy: cy + jitter(i + 1) * (ROW * 0.3), r: 0.9, fill: OKABE_ITO.blue, 'fill-opacity': 0.45 })));
    }
    parts.push(drawBox(boxStats(g.values, `ICC group ${g.label}`), sx.map, cy, ROW * 0.55, OKABE_ITO.skyBlue, true));
  });
  const tx = sx.map(threshold);
  parts.push(el('line', { x1: tx, y1: area.top, x2: tx, y2: area.top + area.height, stroke: OKABE_ITO.vermillion, 'stroke-width': LINE.reference, 'stroke-dasharray': '3 2', class: 'threshold' }));
  parts.push(text(tx, area.top - 3, `ICC ${comparison === '>' ? '>' : '≥'} ${threshold}`, { size: FONT.annotation, anchor: 'middle', fill: OKABE_ITO.vermillion }));
  parts.push(text(area.left + area.width + 6 + countWidth, area.top - 3, 'kept', { size: FONT.tick, anchor: 'end', bold: true }));
  parts.push(el('line', { x1: area.left, y1: area.top, x2: area.left, y2: area.top + area.height, stroke: REFERENCE_GREY, 'stroke-width': LINE.grid }));
  parts.push(text(area.left + area.width / 2, 4, input.title, { size: FONT.title, anchor: 'middle', align: 'top', bold: true }));
  return { width: area.left + area.width + 10 + countWidth, height: area.top + area.height + BOTTOM_AXIS_HEIGHT + 2, body: parts.join('') };
}

/** ICC figure: one panel per grouping (class, filter, phase), stacked, on a common ICC axis. */
export function iccFigure(input: IccFigureInput): Figure {
  const all = input.panels.flatMap((p) => p.groups.flatMap((g) => g.values));
  if (all.length === 0) throw new FigureInputError('ICC figure: no values');
  let lo = input.threshold;
  for (const v of all) lo = Math.min(lo, v);
  const domain: [number, number] = [Math.min(0, niceDomain(lo, 1)[0]), 1];
  return composeFigure(
    'icc',
    'Feature reproducibility (ICC)',
    input.panels.map((p) => iccPanel(p, input.threshold, input.comparison, input.axisLabel, domain)),
    { columns: 1 },
  );
}
