/**
 * Multi-panel figures: panels laid out in a grid, each with a bold lower-case panel letter (a, b, …) in its
 * top-left corner, as journals label figure parts.
 */
import { el, FigureInputError, svgDocument, type Figure } from './svg';
import { FONT, rootStyle, text } from './style';

/** One panel: its size in points and its SVG content, drawn from (0, 0). */
export interface Panel {
  width: number;
  height: number;
  body: string;
}

export interface ComposeOptions {
  /** Panels per row (default: all in one row). */
  columns?: number;
  /** Draw panel letters (default: when there is more than one panel). */
  letters?: boolean;
  /** Space between panels, points (default 10). */
  gap?: number;
  /** Widest the figure may be; panels wrap to further rows to stay within it (default {@link PRINT_WIDTH}). */
  maxWidth?: number;
}

/** Text width of an A4 portrait page with 56 pt margins: figures are drawn to fit it at 100 %. */
export const PRINT_WIDTH = 483;

/** Lays out `panels` in rows of `columns` and returns the figure document. */
export function composeFigure(id: string, title: string, panels: readonly Panel[], o: ComposeOptions = {}): Figure {
  if (panels.length === 0) throw new FigureInputError(`figure ${id}: no panels`);
  const gap = o.gap ?? 10;
  const maxWidth = o.maxWidth ?? PRINT_WIDTH;
  let columns = Math.max(1, Math.min(o.columns ?? panels.length, panels.length));
  const rowWidth = (c: number): number => {
    let widest = 0;
    for (let k = 0; k < panels.length; k += c) widest = Math.max(widest, panels.slice(k, k + c).reduce((s, p) => s + p.width, 0) + gap * (c - 1));
    return widest;
  };
  while (columns > 1 && rowWidth(columns) > maxWidth) columns--;
  const letters = o.letters ?? panels.length > 1;
  const rows: Panel[][] = [];
  for (let k = 0; k < panels.length; k += columns) rows.push(panels.slice(k, k + columns));
  const colWidth = Array.from({ length: columns }, (_, c) => Math.max(...rows.map((r) => r[c]?.width ?? 0)));
  const rowHeight = rows.map((r) => Math.max(...r.map((p) => p.height)));
  const width = colWidth.reduce((a, b) => a + b, 0) + gap * (columns - 1);
  const height = rowHeight.reduce((a, b) => a + b, 0) + gap * (rows.length - 1);
  const body: string[] = [];
  let y = 0;
  rows.forEach((row, r) => {
    let x = 0;
    row.forEach((p, c) => {
      const k = r * columns + c;
      const parts = [p.body];
      if (letters) parts.push(text(2, 2, String.fromCharCode(97 + k), { size: FONT.panelLabel, bold: true, align: 'top' }));
      body.push(el('g', { class: 'panel', transform: x || y ? `translate(${x} ${y})` : undefined }, ...parts));
      x += colWidth[c] + gap;
    });
    y += rowHeight[r] + gap;
  });
  return { id, title, width, height, svg: svgDocument(width, height, title, [rootStyle(body)]) };
}
