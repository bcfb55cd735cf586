/**
 * Nomogram in the layout of `plot(rms::nomogram(fit, fun = plogis, lp = TRUE))`: a Points axis (0–100) on top,
 * one axis per predictor placed by its points, then Total Points, Linear Predictor and the risk axis, all
 * sharing the horizontal position of their points. A patient can be marked: their value on every predictor
 * axis with a dashed drop to the points it earns, and their total points projected onto the risk axis.
 */
import type { Nomogram } from '../../models/nomogram';
import { composeFigure, type Panel } from './panels';
import { linearScale, tickLabels } from './scale';
import { formatNumber } from '../format';
import { el, FigureInputError, type Figure } from './svg';
import { FONT, LINE, OKABE_ITO, TICK_LENGTH, text } from './style';
import { textWidth } from './textMetrics';

/** A patient read off the nomogram (from `scorePatient`), with their raw predictor values. */
export interface NomogramPatient {
  /** Points per predictor, in axis order. */
  points: readonly number[];
  totalPoints: number;
  linearPredictor: number;
  risk: number;
  /** Displayed value per predictor (e.g. "12.3" or "> 10 cm"). */
  valueLabels: readonly string[];
}

export interface NomogramFigureInput {
  nomogram: Nomogram;
  /** Display name of each predictor axis (e.g. "DLR-score", "Tumour size > 10 cm"). */
  axisLabels: readonly string[];
  /** Tick labels of categorical axes (one per level); numeric axes are labelled with their values. */
  levelLabels?: readonly (readonly string[] | undefined)[];
  /** Name of the risk axis, e.g. "Risk of MDM". */
  riskLabel: string;
  patient?: NomogramPatient;
}

const AXIS_WIDTH = 300;
const ROW = 30;

/** Draws one horizontal axis at height y: the line, ticks at `xs` and their labels (alternating sides if crowded). */
function axisRow(y: number, xs: readonly number[], labels: readonly string[], cls: string, minorXs: readonly number[] = []): string {
  const parts: string[] = [];
  const lo = Math.min(...xs);
  const hi = Math.max(...xs);
  parts.push(el('line', { x1: lo, y1: y, x2: hi, y2: y, stroke: '#000', 'stroke-width': LINE.axis }));
  for (const x of minorXs) parts.push(el('line', { x1: x, y1: y, x2: x, y2: y - TICK_LENGTH / 2, stroke: '#000', 'stroke-width': LINE.tick }));
  const order = xs.map((x, k) => ({ x, k })).sort((a, b) => a.x - b.x);
  let lastBelow = -Infinity;
  let lastAbove = -Infinity;
  for (const { x, k } of order) {
    const w = textWidth(labels[k], FONT.tick);
    let above = false;
    if (x - w / 2 < lastBelow + 2) {
      if (x - w / 2 < lastAbove + 2) continue;
      above = true;
    }
    parts.push(el('line', { x1: x, y1: y, x2: x, y2: above ? y + TICK_LENGTH : y - TICK_LENGTH, stroke: '#000', 'stroke-width': LINE.tick }));
    if (above) {
      parts.push(text(x, y - 2.5, labels[k], { size: FONT.tick, anchor: 'middle' }));
      lastAbove = x + w / 2;
    } else {
      parts.push(text(x, y + 2.5, labels[k], { size: FONT.tick, anchor: 'middle', align: 'top' }));
      lastBelow = x + w / 2;
    }
  }
  return el('g', { class: cls }, ...parts);
}

/** The nomogram panel. */
export function nomogramPanel(input: NomogramFigureInput): Panel {
  const nom = input.nomogram;
  if (input.axisLabels.length !== nom.axes.length) throw new FigureInputError(`nomogram: ${input.axisLabels.length} labels for ${nom.axes.length} axes`);
  const rowNames = ['Points', ...input.axisLabels, 'Total Points', 'Linear Predictor', input.riskLabel];
  const nameWidth = Math.max(...rowNames.map((n) => textWidth(n, FONT.axisLabel, true)));
  const x0 = nameWidth + 14;
  const pts = linearScale([0, 100], [x0, x0 + AXIS_WIDTH]);
  const totalMax = nom.totalPoints[nom.totalPoints.length - 1];
  if (!(totalMax > 0)) throw new FigureInputError('nomogram: total-points axis is empty');
  const tot = linearScale([0, totalMax], [x0, x0 + AXIS_WIDTH]);
  const parts: string[] = [];
  let y = 20;
  const rowY: number[] = [];
  const name = (label: string, yy: number): string => text(4, yy, label, { size: FONT.axisLabel, bold: true, align: 'middle' });
  // Points
  const major = Array.from({ length: 11 }, (_, k) => k * 10);
  const minor = Array.from({ length: 10 }, (_, k) => pts.map(k * 10 + 5));
  parts.push(name('Points', y), axisRow(y, major.map(pts.map), major.map(String), 'axis-points', minor));
  rowY.push(y);
  // Predictors
  nom.axes.forEach((axis, k) => {
    y += ROW;
    const labels = input.levelLabels?.[k] ?? tickLabels(axis.x);
    if (labels.length !== axis.x.length) throw new FigureInputError(`nomogram axis "${axis.name}": ${labels.length} labels for ${axis.x.length} ticks`);
    parts.push(name(input.axisLabels[k], y), axisRow(y, axis.points.map(pts.map), labels, 'axis-predictor'));
    rowY.push(y);
  });
  y += ROW;
  const totalY = y;
  parts.push(name('Total Points', y), axisRow(y, nom.totalPoints.map(tot.map), nom.totalPoints.map((v) => formatNumber(v, 0)), 'axis-total'));
  y += ROW;
  const lpY = y;
  parts.push(name('Linear Predictor', y), axisRow(y, nom.lpAxis.x.map(tot.map), tickLabels(nom.lpAxis.xReal), 'axis-lp'));
  y += ROW;
  const riskY = y;
  parts.push(name(input.riskLabel, y), axisRow(y, nom.riskAxis.x.map(tot.map), nom.riskAxis.xReal.map((r) => String(r)), 'axis-risk'));
  if (input.patient) parts.push(patientMarks(input, pts.map, tot.map, rowY, totalY, lpY, riskY));
  return { width: x0 + AXIS_WIDTH + 24, height: riskY + 20, body: parts.join('') };
}

function patientMarks(
  input: NomogramFigureInput,
  pts: (v: number) => number,
  tot: (v: number) => number,
  rowY: number[],
  totalY: number,
  lpY: number,
  riskY: number,
): string {
  const p = input.patient as NomogramPatient;
  const colour = OKABE_ITO.vermillion;
  const marks: string[] = [];
  if (p.points.length !== input.nomogram.axes.length) throw new FigureInputError('nomogram patient: one points value per predictor is needed');
  p.points.forEach((v, k) => {
    const x = pts(v);
    const y = rowY[k + 1];
    marks.push(el('line', { x1: x, y1: y, x2: x, y2: rowY[0], stroke: colour, 'stroke-width': 0.8, 'stroke-dasharray': '2 2' }));
    marks.push(el('circle', { cx: x, cy: y, r: 2.6, fill: colour }));
    marks.push(el('circle', { cx: x, cy: rowY[0], r: 2, fill: colour }));
    marks.push(text(x + 4, y - 4, `${p.valueLabels[k]} → ${formatNumber(v, 1)} pts`, { size: FONT.annotation, fill: colour }));
  });
  const xt = tot(p.totalPoints);
  marks.push(el('line', { x1: xt, y1: totalY, x2: xt, y2: riskY, stroke: colour, 'stroke-width': 0.8, 'stroke-dasharray': '2 2' }));
  for (const yy of [totalY, lpY, riskY]) marks.push(el('circle', { cx: xt, cy: yy, r: 2.6, fill: colour }));
  marks.push(text(xt + 4, totalY - 4, `${formatNumber(p.totalPoints, 1)} total points`, { size: FONT.annotation, fill: colour }));
  marks.push(text(xt + 4, riskY - 4, `risk ${formatNumber(p.risk, 3)}`, { size: FONT.annotation, fill: colour, bold: true }));
  return el('g', { class: 'patient' }, ...marks);
}

/** Nomogram figure (one panel). */
export function nomogramFigure(input: NomogramFigureInput, title = 'Nomogram'): Figure {
  return composeFigure('nomogram', title, [nomogramPanel(input)], { letters: false });
}
