/**
 * Patient flow diagram (STARD/TRIPOD style, the study's Fig. 1): patients assessed, exclusions with reasons
 * in a side box, patients included, then one box per cohort with its size and outcome counts.
 */
import { composeFigure, type Panel } from './panels';
import { el, FigureInputError, type Figure } from './svg';
import { FONT, text } from './style';
import { wrapText } from './wrap';

export interface FlowInput {
  /** e.g. "Patients with surgically treated RLS assessed for eligibility". */
  assessed: { label: string; n: number };
  exclusions: readonly { reason: string; n: number }[];
  /** e.g. "Patients included". */
  included: { label: string; n: number };
  cohorts: readonly { label: string; n: number; lines: readonly string[] }[];
}

const BOX_WIDTH = 170;
const LINE_HEIGHT = FONT.tick + 2.5;
const PAD = 5;

interface DrawnBox {
  svg: string;
  height: number;
}

function box(x: number, y: number, width: number, lines: readonly { text: string; bold?: boolean }[]): DrawnBox {
  const wrapped = lines.flatMap((l) => wrapText(l.text, width - 2 * PAD, FONT.tick, l.bold).map((t) => ({ text: t, bold: l.bold })));
  const height = 2 * PAD + wrapped.length * LINE_HEIGHT - 2.5;
  const parts = [el('rect', { x, y, width, height, fill: '#ffffff', stroke: '#000', 'stroke-width': 0.6 })];
  wrapped.forEach((l, k) => parts.push(text(x + width / 2, y + PAD + k * LINE_HEIGHT, l.text, { size: FONT.tick, anchor: 'middle', align: 'top', bold: l.bold })));
  return { svg: el('g', { class: 'flow-box' }, ...parts), height };
}

function arrow(x1: number, y1: number, x2: number, y2: number): string {
  const dx = x2 - x1;
  const dy = y2 - y1;
  const len = Math.hypot(dx, dy);
  const ux = dx / len;
  const uy = dy / len;
  const hx = x2 - ux * 4;
  const hy = y2 - uy * 4;
  return el(
    'g',
    { class: 'flow-arrow' },
    el('line', { x1, y1, x2: hx, y2: hy, stroke: '#000', 'stroke-width': 0.6 }),
    el('path', { d: `M${x2} ${y2}L${hx - uy * 2.2} ${hy + ux * 2.2}L${hx + uy * 2.2} ${hy - ux * 2.2}Z`, fill: '#000' }),
  );
}

/** The flow diagram panel. */
export function patientFlowPanel(input: FlowInput): Panel {
  if (input.cohorts.length === 0) throw new FigureInputError('patient flow: no cohorts');
  const cohortWidth = BOX_WIDTH + 20;
  const gap = 20;
  const totalWidth = Math.max(BOX_WIDTH * 2 + 30, input.cohorts.length * cohortWidth + (input.cohorts.length - 1) * gap);
  const cx = totalWidth / 2;
  const parts: string[] = [];
  let y = 4;
  const a = box(cx - BOX_WIDTH / 2, y, BOX_WIDTH, [{ text: input.assessed.label }, { text: `n = ${input.assessed.n}`, bold: true }]);
  parts.push(a.svg);
  const midY = y + a.height + 14;
  let exclHeight = 0;
  if (input.exclusions.length) {
    const total = input.exclusions.reduce((s, e) => s + e.n, 0);
    const ex = box(cx + 14, midY, totalWidth - cx - 14, [{ text: `Excluded (n = ${total})`, bold: true }, ...input.exclusions.map((e) => ({ text: `${e.reason} (n = ${e.n})` }))]);
    parts.push(ex.svg);
    parts.push(arrow(cx, midY + 8, cx + 14, midY + 8));
    exclHeight = ex.height;
  }
  y = Math.max(midY + exclHeight + 14, y + a.height + 24);
  parts.push(arrow(cx, 4 + a.height, cx, y));
  const inc = box(cx - BOX_WIDTH / 2, y, BOX_WIDTH, [{ text: input.included.label }, { text: `n = ${input.included.n}`, bold: true }]);
  parts.push(inc.svg);
  const forkY = y + inc.height + 10;
  const cohortY = forkY + 12;
  const k = input.cohorts.length;
  const startX = (totalWidth - (k * cohortWidth + (k - 1) * gap)) / 2;
  parts.push(el('line', { x1: cx, y1: y + inc.height, x2: cx, y2: forkY, stroke: '#000', 'stroke-width': 0.6 }));
  let bottom = cohortY;
  input.cohorts.forEach((c, j) => {
    const bx = startX + j * (cohortWidth + gap);
    const mid = bx + cohortWidth / 2;
    parts.push(el('line', { x1: cx, y1: forkY, x2: mid, y2: forkY, stroke: '#000', 'stroke-width': 0.6 }));
    parts.push(arrow(mid, forkY, mid, cohortY));
    const b = box(bx, cohortY, cohortWidth, [{ text: c.label, bold: true }, { text: `n = ${c.n}`, bold: true }, ...c.lines.map((t) => ({ text: t }))]);
    parts.push(b.svg);
    bottom = Math.max(bottom, cohortY + b.height);
  });
  return { width: totalWidth + 2, height: bottom + 4, body: parts.join('') };
}

/** Patient flow figure. */
export function patientFlowFigure(input: FlowInput): Figure {
  return composeFigure('patient-flow', 'Patient flow', [patientFlowPanel(input)], { letters: false });
}
