/**
 * LASSO figures as `plot(glmnet)` and `plot(cv.glmnet)` draw them: the coefficient paths against log(λ) with
 * the number of non-zero coefficients on a top axis, and the cross-validated loss with ±1 SE bars and dashed
 * vertical lines at λ_min and λ_1se.
 */
import { bottomAxis, BOTTOM_AXIS_HEIGHT, leftAxis, leftAxisWidth, topAxis, TOP_AXIS_HEIGHT, type PlotArea } from './axes';
import { composeFigure, type Panel } from './panels';
import { linearScale, niceDomain, tickLabels, ticksWithin } from './scale';
import { el, FigureInputError, polylinePath, type Figure } from './svg';
import { FONT, LINE, OKABE_ITO, REFERENCE_GREY, seriesStyle, text } from './style';
import { textWidth } from './textMetrics';

export interface LassoPathInput {
  /** λ values, decreasing (glmnet order). */
  lambda: ArrayLike<number>;
  /** Coefficients, column-major p × L: `beta[l * p + j]`. */
  beta: ArrayLike<number>;
  featureNames: readonly string[];
  /** Non-zero coefficients per λ. */
  df: ArrayLike<number>;
  lambdaMin: number;
  lambda1se: number;
  /** Label at most this many paths (largest |β| at λ_min) at the right edge; default 10. */
  maxLabels?: number;
}

export interface LassoCvInput {
  lambda: ArrayLike<number>;
  cvm: ArrayLike<number>;
  cvlo: ArrayLike<number>;
  cvup: ArrayLike<number>;
  nzero: ArrayLike<number>;
  lambdaMin: number;
  lambda1se: number;
  /** Loss name for the axis, e.g. "Binomial deviance". */
  measure: string;
  /** Number of CV folds (panel title). */
  folds: number;
}

const WIDTH = 210;
const HEIGHT = 140;

function logLambda(lambda: ArrayLike<number>): number[] {
  return Array.from(lambda, (l) => {
    if (!(l > 0)) throw new FigureInputError(`LASSO: λ = ${l} has no logarithm`);
    return Math.log(l);
  });
}

/** Top-axis ticks: the df at about five evenly spaced λ positions. */
function dfTicks(logl: number[], df: ArrayLike<number>, sx: { map(v: number): number }, xDomain: readonly [number, number]): { at: number[]; labels: string[] } {
  const at: number[] = [];
  const labels: string[] = [];
  const ticks = ticksWithin(xDomain[0], xDomain[1]);
  for (const t of ticks) {
    let best = 0;
    for (let l = 1; l < logl.length; l++) if (Math.abs(logl[l] - t) < Math.abs(logl[best] - t)) best = l;
    if (Math.abs(sx.map(logl[best]) - sx.map(t)) > 12) continue;
    at.push(logl[best]);
    labels.push(String(df[best]));
  }
  return { at, labels };
}

function lambdaLines(parts: string[], area: PlotArea, sx: { map(v: number): number }, lambdaMin: number, lambda1se: number): void {
  for (const [l, label] of [
    [lambdaMin, 'λmin'],
    [lambda1se, 'λ1se'],
  ] as const) {
    const x = sx.map(Math.log(l));
    parts.push(el('line', { x1: x, y1: area.top, x2: x, y2: area.top + area.height, stroke: REFERENCE_GREY, 'stroke-width': LINE.reference, 'stroke-dasharray': '3 2', class: 'lambda-line' }));
    parts.push(text(x + 2, area.top + area.height - 3, label, { size: FONT.annotation, fill: '#404040' }));
  }
}

/** Coefficient-path panel (original-scale coefficients). */
export function lassoPathPanel(input: LassoPathInput): Panel {
  const L = input.lambda.length;
  const p = input.featureNames.length;
  if (L < 2) throw new FigureInputError('LASSO path: needs at least 2 λ values');
  if (input.beta.length !== L * p) throw new FigureInputError(`LASSO path: ${input.beta.length} coefficients for ${p} features × ${L} λ`);
  const logl = logLambda(input.lambda);
  let lo = 0;
  let hi = 0;
  for (let k = 0; k < input.beta.length; k++) {
    lo = Math.min(lo, input.beta[k]);
    hi = Math.max(hi, input.beta[k]);
  }
  const yDomain = niceDomain(lo, hi);
  const yTicks = ticksWithin(yDomain[0], yDomain[1]);
  const yLabels = tickLabels(yTicks);
  const xDomain: [number, number] = [Math.min(...logl), Math.max(...logl)];
  const iMin = nearestIndex(input.lambda, input.lambdaMin);
  const maxLabels = input.maxLabels ?? 10;
  const labelled = Array.from({ length: p }, (_, j) => j)
    .filter((j) => input.beta[iMin * p + j] !== 0)
    .sort((a, b) => Math.abs(input.beta[iMin * p + b]) - Math.abs(input.beta[iMin * p + a]))
    .slice(0, maxLabels);
  const labelWidth = Math.max(0, ...labelled.map((j) => textWidth(input.featureNames[j], FONT.annotation)));
  const area: PlotArea = { left: leftAxisWidth(yLabels) + 2, top: TOP_AXIS_HEIGHT + 14, width: WIDTH, height: HEIGHT };
  const sx = linearScale(xDomain, [area.left, area.left + area.width]);
  const sy = linearScale(yDomain, [area.top + area.height, area.top]);
  const parts: string[] = [];
  parts.push(el('line', { x1: area.left, y1: sy.map(0), x2: area.left + area.width, y2: sy.map(0), stroke: LINE_ZERO, 'stroke-width': LINE.grid }));
  const ends: { j: number; y: number }[] = [];
  for (let j = 0; j < p; j++) {
    const xs: number[] = [];
    const ys: number[] = [];
    for (let l = 0; l < L; l++) {
      xs.push(sx.map(logl[l]));
      ys.push(sy.map(input.beta[l * p + j]));
    }
    const { colour, dash } = seriesStyle(j);
    parts.push(el('path', { d: polylinePath(xs, ys), fill: 'none', stroke: colour, 'stroke-width': 1, 'stroke-dasharray': dash, class: 'series' }));
    if (labelled.includes(j)) ends.push({ j, y: ys[ys.length - 1] });
  }
  lambdaLines(parts, area, sx, input.lambdaMin, input.lambda1se);
  parts.push(...rightLabels(ends, area, input.featureNames));
  const df = dfTicks(logl, input.df, sx, xDomain);
  parts.push(topAxis(area, sx, df.at, 'Non-zero coefficients', { labels: df.labels }));
  parts.push(bottomAxis(area, sx, ticksWithin(xDomain[0], xDomain[1]), 'log(λ)'));
  parts.push(leftAxis(area, sy, yTicks, 'Coefficient (original scale)', { labels: yLabels }));
  parts.push(text(area.left + area.width / 2, 4, 'LASSO coefficient paths', { size: FONT.title, anchor: 'middle', align: 'top', bold: true }));
  const width = area.left + area.width + (labelWidth ? labelWidth + 16 : 8);
  return { width, height: area.top + area.height + BOTTOM_AXIS_HEIGHT + 2, body: parts.join('') };
}

const LINE_ZERO = '#bfbfbf';

/** Feature labels at the right edge, spread vertically so they do not overlap, with leader lines. */
function rightLabels(ends: { j: number; y: number }[], area: PlotArea, names: readonly string[]): string[] {
  const gap = FONT.annotation + 1.5;
  const sorted = ends.slice().sort((a, b) => a.y - b.y);
  const ys = sorted.map((e) => e.y);
  for (let k = 1; k < ys.length; k++) ys[k] = Math.max(ys[k], ys[k - 1] + gap);
  const overflow = ys.length ? ys[ys.length - 1] - (area.top + area.height) : 0;
  if (overflow > 0) for (let k = 0; k < ys.length; k++) ys[k] -= overflow;
  for (let k = ys.length - 2; k >= 0; k--) ys[k] = Math.min(ys[k], ys[k + 1] - gap);
  const x = area.left + area.width;
  return sorted.map((e, k) => {
    const { colour } = seriesStyle(e.j);
    return el(
      'g',
      { class: 'path-label' },
      el('line', { x1: x, y1: e.y, x2: x + 8, y2: ys[k], stroke: colour, 'stroke-width': 0.5 }),
      text(x + 10, ys[k], names[e.j], { size: FONT.annotation, align: 'middle' }),
    );
  });
}

function nearestIndex(values: ArrayLike<number>, v: number): number {
  let best = 0;
  for (let k = 1; k < values.length; k++) if (Math.abs(values[k] - v) < Math.abs(values[best] - v)) best = k;
  return best;
}

/** Cross-validation panel: mean loss ± 1 SE per λ. */
export function lassoCvPanel(input: LassoCvInput): Panel {
  const L = input.lambda.length;
  if (L < 2) throw new FigureInputError('LASSO CV: needs at least 2 λ values');
  for (const [name, a] of [
    ['cvm', input.cvm],
    ['cvlo', input.cvlo],
    ['cvup', input.cvup],
    ['nzero', input.nzero],
  ] as const) {
    if (a.length !== L) throw new FigureInputError(`LASSO CV: ${name} has ${a.length} values for ${L} λ`);
  }
  const logl = logLambda(input.lambda);
  const yDomain = niceDomain(Math.min(...Array.from(input.cvlo)), Math.max(...Array.from(input.cvup)));
  const yTicks = ticksWithin(yDomain[0], yDomain[1]);
  const yLabels = tickLabels(yTicks);
  const xDomain: [number, number] = [Math.min(...logl), Math.max(...logl)];
  const area: PlotArea = { left: leftAxisWidth(yLabels) + 2, top: TOP_AXIS_HEIGHT + 14, width: WIDTH, height: HEIGHT };
  const sx = linearScale(xDomain, [area.left, area.left + area.width]);
  const sy = linearScale(yDomain, [area.top + area.height, area.top]);
  const parts: string[] = [];
  for (let l = 0; l < L; l++) {
    const x = sx.map(logl[l]);
    parts.push(el('line', { x1: x, y1: sy.map(input.cvlo[l]), x2: x, y2: sy.map(input.cvup[l]), stroke: '#8c8c8c', 'stroke-width': 0.5, class: 'error-bar' }));
  }
  for (let l = 0; l < L; l++) parts.push(el('circle', { cx: sx.map(logl[l]), cy: sy.map(input.cvm[l]), r: 1.5, fill: OKABE_ITO.vermillion, class: 'cv-point' }));
  lambdaLines(parts, area, sx, input.lambdaMin, input.lambda1se);
  const df = dfTicks(logl, input.nzero, sx, xDomain);
  parts.push(topAxis(area, sx, df.at, 'Non-zero coefficients', { labels: df.labels }));
  parts.push(bottomAxis(area, sx, ticksWithin(xDomain[0], xDomain[1]), 'log(λ)'));
  parts.push(leftAxis(area, sy, yTicks, input.measure, { labels: yLabels }));
  parts.push(text(area.left + area.width / 2, 4, `${input.folds}-fold cross-validation`, { size: FONT.title, anchor: 'middle', align: 'top', bold: true }));
  return { width: area.left + area.width + 8, height: area.top + area.height + BOTTOM_AXIS_HEIGHT + 2, body: parts.join('') };
}

/** LASSO figure: (a) CV curve, (b) coefficient paths — the layout of the study's Fig. 3a–b. */
export function lassoFigure(cv: LassoCvInput, path: LassoPathInput): Figure {
  return composeFigure('lasso', 'LASSO feature selection', [lassoCvPanel(cv), lassoPathPanel(path)]);
}
