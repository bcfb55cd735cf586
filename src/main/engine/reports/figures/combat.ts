/**
 * ComBat harmonisation check: for a few features, the values of each centre before and after harmonisation as
 * box plots with the individual patients as jittered points, so a centre's shift in location and spread (and
 * its removal) is visible. One small panel per feature, on the feature's own scale. A centre given as a
 * summary instead of values (results.json keeps no per-patient values) is drawn as its box alone, with only
 * the minimum and maximum as open circles where they lie beyond the whiskers.
 */
import { BOTTOM_AXIS_HEIGHT, leftAxis, leftAxisWidth, type PlotArea } from './axes';
import { boxStats, drawBox, jitter, type BoxStats } from './boxplot';
import { composeFigure, type Panel } from './panels';
import { linearScale, niceDomain, tickLabels, ticksWithin } from './scale';
import { el, FigureInputError, type Figure } from './svg';
import { FONT, LINE, seriesStyle, text } from './style';
import { wrapIdentifier } from './wrap';

export interface CombatFeatureInput<G extends CentreValues = CentreValues> {
  /** Feature name (panel title). */
  feature: string;
  /** Axis title with the feature's unit where it has one, e.g. "Value (HU)". */
  axisLabel: string;
  /** Values (or a box summary) per centre, before and after ComBat (same centre order). */
  before: readonly G[];
  after: readonly G[];
}

/** A centre's patients' values, or only their box summary. */
export type CentreValues = { centre: string; values: readonly number[] } | { centre: string; box: BoxStats };

/** The values that set the axis range: every value, or the box's whiskers and drawn extremes. */
function extent(g: CentreValues): readonly number[] {
  return 'values' in g ? g.values : [g.box.lowerWhisker, g.box.upperWhisker, g.box.q1, g.box.q3, ...g.box.outliers];
}

const PLOT_HEIGHT = 120;
const SLOT = 22;

/** One feature's panel: [centres before] | [centres after]. */
export function combatPanel(input: CombatFeatureInput): Panel {
  const k = input.before.length;
  if (k === 0 || input.after.length !== k) throw new FigureInputError(`ComBat panel "${input.feature}": before/after need the same centres`);
  input.before.forEach((b, j) => {
    if (input.after[j].centre !== b.centre) throw new FigureInputError(`ComBat panel "${input.feature}": centre order differs before/after`);
  });
  const all = [...input.before, ...input.after].flatMap(extent);
  if (all.length === 0) throw new FigureInputError(`ComBat panel "${input.feature}": no values`);
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of all) {
    if (!Number.isFinite(v)) throw new FigureInputError(`ComBat panel "${input.feature}": non-finite value`);
    lo = Math.min(lo, v);
    hi = Math.max(hi, v);
  }
  const domain = niceDomain(lo, hi);
  const ticks = ticksWithin(domain[0], domain[1]);
  const labels = tickLabels(ticks);
  const groupWidth = k * SLOT;
  const left = leftAxisWidth(labels) + 2;
  const plotWidth = 2 * groupWidth + 16;
  // long feature names wrap at their separators over the plot, clear of the panel letter
  const titleLines = wrapIdentifier(input.feature, plotWidth, FONT.title, true);
  const area: PlotArea = { left, top: 6 + titleLines.length * (FONT.title + 2), width: plotWidth, height: PLOT_HEIGHT };
  const sy = linearScale(domain, [area.top + area.height, area.top]);
  const parts: string[] = [leftAxis(area, sy, ticks, input.axisLabel, { labels, grid: true })];
  const stages = [
    { name: 'Before', groups: input.before, x0: area.left + 4 },
    { name: 'After', groups: input.after, x0: area.left + 12 + groupWidth },
  ];
  for (const stage of stages) {
    stage.groups.forEach((g, j) => {
      const cx = stage.x0 + j * SLOT + SLOT / 2;
      const { colour } = seriesStyle(j);
      if ('box' in g) parts.push(drawBox(g.box, sy.map, cx, SLOT * 0.5, colour, false));
      else {
        g.values.forEach((v, i) => parts.push(el('circle', { cx: cx + jitter(i + 1) * SLOT * 0.28, cy: sy.map(v), r: 0.9, fill: colour, 'fill-opacity': 0.5 })));
        if (g.values.length) parts.push(drawBox(boxStats(g.values, `${input.feature} ${stage.name} ${g.centre}`), sy.map, cx, SLOT * 0.5, colour, false));
      }
      parts.push(text(cx, area.top + area.height + 3, g.centre, { size: FONT.tick, anchor: 'middle', align: 'top' }));
    });
    parts.push(text(stage.x0 + groupWidth / 2, area.top + area.height + 4 + FONT.tick + 3, stage.name, { size: FONT.axisLabel, anchor: 'middle', align: 'top' }));
  }
  const sepX = area.left + 8 + groupWidth;
  parts.push(el('line', { x1: sepX, y1: area.top, x2: sepX, y2: area.top + area.height, stroke: '#bfbfbf', 'stroke-width': LINE.grid, 'stroke-dasharray': '2 2' }));
  parts.push(el('line', { x1: area.left, y1: area.top + area.height, x2: area.left + area.width, y2: area.top + area.height, stroke: '#000', 'stroke-width': LINE.axis }));
  titleLines.forEach((line, i) => parts.push(text(area.left + area.width / 2, 4 + i * (FONT.title + 2), line, { size: FONT.title, anchor: 'middle', align: 'top', bold: true })));
  return { width: area.left + area.width + 6, height: area.top + area.height + BOTTOM_AXIS_HEIGHT + 2, body: parts.join('') };
}

/** ComBat figure: one panel per feature, up to `columns` per row. */
export function combatFigure(features: readonly CombatFeatureInput[], columns = 3): Figure {
  return composeFigure('combat', 'ComBat harmonisation by centre', features.map(combatPanel), { columns });
}
