/**
 * Activation-map overlay figure for the patient report: per phase, the CT slice with the signature-weighted
 * class-activation map (`deepFeatures/cam`: M = ReLU(Σ_k w_k A_k) scaled to its maximum, "jet" colours blended
 * over the grey slice) as an embedded PNG, the ROI box the network saw, one shared colour bar for the
 * relative activation M ∈ [0, 1], and a legend naming the network (so a random-init test network can never
 * pass for an ImageNet-pretrained one).
 */
import { Buffer } from 'node:buffer';
import { jet } from '../../deepFeatures/cam';
import { formatNumber } from '../format';
import { PRINT_WIDTH } from './panels';
import { el, FigureInputError, svgDocument, type Figure } from './svg';
import { FONT, rootStyle, text } from './style';
import { wrapText } from './wrap';

export interface ActivationPanelInput {
  /** e.g. "Arterial phase (A)". */
  title: string;
  /** RGB overlay as PNG bytes, `width` × `height` pixels. */
  png: Uint8Array;
  width: number;
  height: number;
  /** ROI bounding box in the PNG's pixel coordinates (inclusive), drawn as a dashed outline. */
  box?: { x0: number; y0: number; x1: number; y1: number };
  /** A line under the title, e.g. the phase's contribution to the score. */
  note?: string;
}

const IMAGE_MAX = 150;
const GAP = 10;
const BAR_WIDTH = 8;
const BAR_STEPS = 48;
/** Narrowest figure, so the legend under a single phase wraps to readable lines. */
const MIN_WIDTH = 300;

/** The figure (see the module comment); `legend` lines are wrapped to the figure width under the images. */
export function activationMapFigure(panels: readonly ActivationPanelInput[], legend: string): Figure {
  if (!panels.length) throw new FigureInputError('activation map: no phase to draw');
  const barArea = BAR_WIDTH + 44;
  const side = Math.min(IMAGE_MAX, (PRINT_WIDTH - barArea - GAP * (panels.length - 1)) / panels.length);
  const heights = panels.map((p) => {
    if (!(p.width > 0 && p.height > 0)) throw new FigureInputError(`activation map "${p.title}": empty image`);
    return (side * p.height) / p.width;
  });
  const imageHeight = Math.max(...heights);
  const top = 6 + FONT.title + (panels.some((p) => p.note) ? FONT.annotation + 4 : 0) + 4;
  const parts: string[] = [];
  panels.forEach((p, k) => {
    const x = k * (side + GAP);
    parts.push(text(x + side / 2, 4, p.title, { size: FONT.title, bold: true, anchor: 'middle', align: 'top' }));
    if (p.note) parts.push(text(x + side / 2, 6 + FONT.title + 2, p.note, { size: FONT.annotation, anchor: 'middle', align: 'top' }));
    const href = `data:image/png;base64,${Buffer.from(p.png).toString('base64')}`;
    parts.push(el('image', { x, y: top, width: side, height: heights[k], href, preserveAspectRatio: 'none', class: 'activation-map' }));
    if (p.box) {
      const s = side / p.width;
      parts.push(
        el('rect', {
          x: x + p.box.x0 * s,
          y: top + p.box.y0 * s,
          width: (p.box.x1 - p.box.x0 + 1) * s,
          height: (p.box.y1 - p.box.y0 + 1) * s,
          fill: 'none',
          stroke: '#ffffff',
          'stroke-width': 0.6,
          'stroke-dasharray': '2 1.5',
          class: 'roi-box',
        }),
      );
    }
  });
  const barX = panels.length * side + (panels.length - 1) * GAP + GAP;
  const step = imageHeight / BAR_STEPS;
  for (let i = 0; i < BAR_STEPS; i++) {
    const [r, g, b] = jet((i + 0.5) / BAR_STEPS).map((c) => Math.round(255 * c));
    parts.push(el('rect', { x: barX, y: top + imageHeight - (i + 1) * step, width: BAR_WIDTH, height: step + 0.05, fill: `rgb(${r},${g},${b})`, stroke: 'none', class: 'colour-bar' }));
  }
  parts.push(el('rect', { x: barX, y: top, width: BAR_WIDTH, height: imageHeight, fill: 'none', stroke: '#000000', 'stroke-width': 0.5 }));
  for (const t of [0, 0.5, 1]) {
    const y = top + imageHeight * (1 - t);
    parts.push(el('line', { x1: barX + BAR_WIDTH, y1: y, x2: barX + BAR_WIDTH + 2, y2: y, stroke: '#000000', 'stroke-width': 0.5 }));
    parts.push(text(barX + BAR_WIDTH + 4, y, formatNumber(t, 1), { size: FONT.tick, align: 'middle' }));
  }
  const labelX = barX + BAR_WIDTH + 26;
  parts.push(text(labelX, top + imageHeight / 2, 'Relative activation', { size: FONT.axisLabel, anchor: 'middle', rotate: -90, align: 'middle' }));
  const width = Math.max(labelX + FONT.axisLabel, panels.length * side + (panels.length - 1) * GAP, MIN_WIDTH);
  const lines = wrapText(legend, width, FONT.annotation);
  const legendTop = top + imageHeight + 6;
  lines.forEach((l, k) => parts.push(text(0, legendTop + k * (FONT.annotation + 2.5), l, { size: FONT.annotation, align: 'top' })));
  const height = legendTop + lines.length * (FONT.annotation + 2.5) + 2;
  return { id: 'activation-map', title: 'Activation map', width, height, svg: svgDocument(width, height, 'Activation map', [rootStyle(parts)]) };
}
