/**
 * Lays out a report model (`engine/reports/document.ts`) on A4 pages with PDFKit: running head, footer with
 * the research-use notice and "page i of n", headings, paragraphs, journal-style tables (booktabs rules, header
 * repeated after a page break, landscape pages for tables too wide for portrait), vector figures with
 * captions, formulas and key–value lists. Text is drawn with the embedded report fonts only.
 */
/// <reference types="pdfkit" />
import type { Block, ReportDocument, ReportTable, TableCell } from '../../engine/reports/document';
import type { Figure } from '../../engine/reports/figures/svg';
import { fontForText, missingGlyphs, ReportFontError } from './fonts';
import { drawSvg } from './svg';

/** A4 page size, points. */
export const A4 = { width: 595.28, height: 841.89 } as const;
/** Page margins, points (the running head and footer sit inside the top and bottom margins). */
export const MARGIN = { top: 64, bottom: 64, left: 56, right: 56 } as const;

const SIZE = { body: 9.5, note: 8, table: 7.5, caption: 8, h1: 14, h2: 11, h3: 9.5, head: 7.5 } as const;
const CELL_PAD = 3;
const MIN_TABLE_FONT = 7;

type Doc = PDFKit.PDFDocument;

/** Draws blocks top to bottom, breaking pages as needed. */
export class PageWriter {
  private y: number = MARGIN.top;
  private landscape = false;
  /** Characters the fonts could not draw, collected over the document. */
  readonly missing = new Set<string>();

  constructor(private readonly doc: Doc) {}

  get width(): number {
    return (this.landscape ? A4.height : A4.width) - MARGIN.left - MARGIN.right;
  }

  private get bottom(): number {
    return (this.landscape ? A4.width : A4.height) - MARGIN.bottom;
  }

  /** Starts a new page (portrait unless `landscape`). */
  newPage(landscape = false): void {
    this.landscape = landscape;
    this.doc.addPage({ size: 'A4', layout: landscape ? 'landscape' : 'portrait', margins: { ...MARGIN } });
    this.y = MARGIN.top;
  }

  private ensure(height: number): void {
    if (this.y + height > this.bottom && this.y > MARGIN.top + 1) this.newPage(this.landscape);
  }

  private font(text: string, size: number, bold = false): void {
    for (const ch of missingGlyphs(this.doc, text, bold)) this.missing.add(ch);
    this.doc.font(fontForText(text, bold)).fontSize(size);
  }

  /** Height of `text` wrapped to `width` in the font it will be drawn with. */
  private textHeight(text: string, size: number, width: number, bold = false): number {
    this.doc.font(fontForText(text, bold)).fontSize(size);
    return this.doc.heightOfString(text || ' ', { width, lineGap: 1 });
  }

  private write(text: string, x: number, y: number, size: number, o: { width: number; bold?: boolean; align?: 'left' | 'center' | 'right'; colour?: string }): void {
    this.font(text, size, o.bold);
    this.doc.fillColor(o.colour ?? '#000000').text(text, x, y, { width: o.width, align: o.align ?? 'left', lineGap: 1 });
  }

  /** A heading kept on the same page as the first `keep` points of what follows it. */
  heading(level: 1 | 2 | 3, text: string, keep = 40): void {
    const size = level === 1 ? SIZE.h1 : level === 2 ? SIZE.h2 : SIZE.h3;
    const before = level === 1 ? 6 : 8;
    const h = this.textHeight(text, size, this.width, true);
    this.ensure(before + h + 4 + Math.min(keep, this.bottom - MARGIN.top - before - h - 4));
    this.y += before;
    this.write(text, MARGIN.left, this.y, size, { width: this.width, bold: true });
    this.y += h + 4;
  }

  paragraph(text: string, style: 'body' | 'note' | 'notice' = 'body'): void {
    const size = style === 'body' ? SIZE.body : SIZE.note;
    const bold = style === 'notice';
    const h = this.textHeight(text, size, this.width, bold);
    if (h > this.bottom - this.y && h < this.bottom - MARGIN.top) this.ensure(h);
    else this.ensure(Math.min(h, 3 * size));
    this.write(text, MARGIN.left, this.y, size, { width: this.width, bold, colour: style === 'note' ? '#333333' : '#000000' });
    this.y = this.doc.y + 5;
  }

  bullets(items: readonly string[]): void {
    for (const item of items) {
      const h = this.textHeight(item, SIZE.body, this.width - 12);
      this.ensure(h);
      this.write('•', MARGIN.left, this.y, SIZE.body, { width: 10 });
      this.write(item, MARGIN.left + 12, this.y, SIZE.body, { width: this.width - 12 });
      this.y += h + 2;
    }
    this.y += 3;
  }

  /** Key–value rows; values at 7.5 pt so a 64-digit SHA-256 fits on one line. */
  keyValues(rows: readonly [string, string][]): void {
    const keyWidth = Math.min(160, this.width * 0.33);
    const size = 7.5;
    for (const [k, v] of rows) {
      const h = Math.max(this.textHeight(k, size, keyWidth - 6, true), this.textHeight(v, size, this.width - keyWidth));
      this.ensure(h + 2);
      this.write(k, MARGIN.left, this.y, size, { width: keyWidth - 6, bold: true });
      this.write(v, MARGIN.left + keyWidth, this.y, size, { width: this.width - keyWidth });
      this.y += h + 3;
    }
    this.y += 4;
  }

  /** A formula as "lhs term₀" then one wrapped line per group of terms, indented under the first term. */
  formula(lhs: string, terms: readonly string[]): void {
    const size = SIZE.body;
    this.font(lhs, size);
    const lhsWidth = this.doc.widthOfString(`${lhs} `);
    const avail = this.width - lhsWidth;
    const lines: string[] = [];
    let line = '';
    for (const t of terms) {
      const candidate = line ? `${line} ${t}` : t;
      this.font(candidate, size);
      if (line && this.doc.widthOfString(candidate) > avail) {
        lines.push(line);
        line = t;
      } else line = candidate;
    }
    lines.push(line);
    const lineHeight = size * 1.35;
    this.ensure(lines.length * lineHeight + 6);
    this.y += 2;
    this.write(lhs, MARGIN.left, this.y, size, { width: lhsWidth + 2 });
    for (const l of lines) {
      this.write(l, MARGIN.left + lhsWidth, this.y, size, { width: avail });
      this.y += lineHeight;
    }
    this.y += 6;
  }

  /** A figure at print size (scaled down only if it is larger than the page), caption below. */
  figure(fig: Figure, caption: string): void {
    const capH = this.textHeight(caption, SIZE.caption, this.width);
    const maxH = this.bottom - MARGIN.top - capH - 10;
    const scale = Math.min(1, this.width / fig.width, maxH / fig.height);
    const w = fig.width * scale;
    const h = fig.height * scale;
    this.ensure(h + capH + 10);
    const x = MARGIN.left + (this.width - w) / 2;
    drawSvg(this.doc, fig.svg, x, this.y + 4, w, h);
    this.y += h + 8;
    this.write(caption, MARGIN.left, this.y, SIZE.caption, { width: this.width });
    this.y += capH + 10;
  }

  /** A PNG image scaled to at most `maxWidth` (and the page), centred, caption below. */
  image(png: Uint8Array, caption: string, maxWidth: number): void {
    const img = (this.doc as unknown as { openImage(src: Buffer): { width: number; height: number } }).openImage(Buffer.from(png));
    const capH = this.textHeight(caption, SIZE.caption, this.width);
    const scale = Math.min(maxWidth / img.width, this.width / img.width, (this.bottom - MARGIN.top - capH - 10) / img.height);
    const w = img.width * scale;
    const h = img.height * scale;
    this.ensure(h + capH + 10);
    this.doc.image(Buffer.from(png), MARGIN.left + (this.width - w) / 2, this.y + 4, { width: w, height: h });
    this.y += h + 8;
    this.write(caption, MARGIN.left, this.y, SIZE.caption, { width: this.width });
    this.y += capH + 10;
  }

  /** Natural column widths of a table at `size` (spanning cells excluded). */
  private columnWidths(t: ReportTable, size: number): number[] {
    const n = t.header[t.header.length - 1].reduce((s, c) => s + (c.span ?? 1), 0);
    const widths = new Array<number>(n).fill(0);
    const measure = (row: TableCell[], isHeader: boolean): void => {
      let col = 0;
      for (const c of row) {
        const span = c.span ?? 1;
        if (span === 1) {
          this.doc.font(fontForText(c.text, c.bold)).fontSize(size);
          const indent = (c.indent ?? 0) * 8;
          const words = isHeader ? Math.max(...c.text.split(/\s+/).map((w) => this.doc.widthOfString(w))) : 0;
          const full = this.doc.widthOfString(c.text);
          const w = isHeader ? Math.max(words, Math.min(full, 70)) : full;
          widths[col] = Math.max(widths[col], w + indent + 2 * CELL_PAD);
        }
        col += span;
      }
    };
    for (const r of t.header) measure(r, true);
    for (const r of t.rows) measure(r, false);
    return widths;
  }

  /** Fits the table: natural widths, wrapping the first column if needed, at the largest font ≥ 7 pt that fits. */
  private fitTable(t: ReportTable, available: number): { widths: number[]; size: number } | null {
    for (let size: number = SIZE.table; size >= MIN_TABLE_FONT; size -= 0.25) {
      const widths = this.columnWidths(t, size);
      const total = widths.reduce((a, b) => a + b, 0);
      if (total <= available) {
        widths[0] += available - total;
        return { widths, size };
      }
      const rest = total - widths[0];
      if (available - rest >= 90) {
        widths[0] = available - rest;
        return { widths, size };
      }
    }
    return null;
  }

  private rowHeight(row: TableCell[], widths: number[], size: number): number {
    let col = 0;
    let h = 0;
    for (const c of row) {
      const span = c.span ?? 1;
      const w = widths.slice(col, col + span).reduce((a, b) => a + b, 0) - 2 * CELL_PAD - (c.indent ?? 0) * 8;
      h = Math.max(h, this.textHeight(c.text, size, Math.max(10, w), c.bold));
      col += span;
    }
    return h + 2 * CELL_PAD - 1;
  }

  private drawRow(row: TableCell[], widths: number[], size: number, y: number, height: number, rules: boolean): void {
    let x = MARGIN.left;
    let col = 0;
    for (const c of row) {
      const span = c.span ?? 1;
      const w = widths.slice(col, col + span).reduce((a, b) => a + b, 0);
      const indent = (c.indent ?? 0) * 8;
      if (c.text) this.write(c.text, x + CELL_PAD + indent, y + CELL_PAD - 0.5, size, { width: w - 2 * CELL_PAD - indent, bold: c.bold, align: c.align ?? 'left' });
      if (rules && span > 1) this.rule(x + 3, x + w - 3, y + height, 0.4);
      x += w;
      col += span;
    }
  }

  private rule(x1: number, x2: number, y: number, width: number): void {
    this.doc.save().moveTo(x1, y).lineTo(x2, y).lineWidth(width).strokeColor('#000000').stroke().restore();
  }

  /** A table with caption, booktabs rules, repeated header on each page, notes. */
  table(t: ReportTable): void {
    let fit = this.fitTable(t, this.width);
    if (!fit && !this.landscape) {
      const wide = this.fitTable(t, A4.height - MARGIN.left - MARGIN.right);
      if (wide) {
        this.newPage(true);
        fit = wide;
      }
    }
    if (!fit) throw new Error(`table "${t.id}" does not fit a landscape A4 page at ${MIN_TABLE_FONT} pt`);
    const { widths, size } = fit;
    const tableWidth = widths.reduce((a, b) => a + b, 0);
    const headerHeights = t.header.map((r) => this.rowHeight(r, widths, size));
    const headerTotal = headerHeights.reduce((a, b) => a + b, 0);
    const capH = this.textHeight(t.caption, SIZE.caption, tableWidth, true);
    const firstRow = t.rows.length ? this.rowHeight(t.rows[0], widths, size) : 0;
    this.ensure(capH + 4 + headerTotal + firstRow + 4);
    const drawHeader = (caption: string): void => {
      const ch = this.textHeight(caption, SIZE.caption, tableWidth, true);
      this.write(caption, MARGIN.left, this.y, SIZE.caption, { width: tableWidth, bold: true });
      this.y += ch + 3;
      this.rule(MARGIN.left, MARGIN.left + tableWidth, this.y, 0.8);
      t.header.forEach((r, k) => {
        this.drawRow(r, widths, size, this.y, headerHeights[k], k < t.header.length - 1);
        this.y += headerHeights[k];
      });
      this.rule(MARGIN.left, MARGIN.left + tableWidth, this.y, 0.5);
    };
    drawHeader(t.caption);
    t.rows.forEach((row, k) => {
      const h = this.rowHeight(row, widths, size);
      if (this.y + h > this.bottom) {
        this.rule(MARGIN.left, MARGIN.left + tableWidth, this.y, 0.8);
        this.newPage(this.landscape);
        drawHeader(`${t.caption} (continued)`);
      }
      if (t.groupStarts?.includes(k)) this.rule(MARGIN.left, MARGIN.left + tableWidth, this.y, 0.5);
      this.drawRow(row, widths, size, this.y, h, false);
      this.y += h;
    });
    this.rule(MARGIN.left, MARGIN.left + tableWidth, this.y, 0.8);
    this.y += 3;
    for (const note of t.notes) {
      const h = this.textHeight(note, SIZE.note - 0.5, tableWidth);
      this.ensure(h);
      this.write(note, MARGIN.left, this.y, SIZE.note - 0.5, { width: tableWidth, colour: '#333333' });
      this.y += h + 1;
    }
    this.y += 8;
    if (this.landscape) this.newPage(false);
  }

  /** Whether a table is too wide for portrait and goes on a landscape page. */
  needsLandscape(t: ReportTable): boolean {
    return !this.landscape && this.fitTable(t, A4.width - MARGIN.left - MARGIN.right) === null;
  }

  /** Height the start of a block needs on the page (what a heading before it keeps with it), points. */
  startHeight(b: Block | undefined): number {
    if (!b) return 0;
    switch (b.kind) {
      case 'figure': {
        const scale = Math.min(1, this.width / b.figure.width);
        return Math.min(b.figure.height * scale + this.textHeight(b.caption, SIZE.caption, this.width) + 12, this.bottom - MARGIN.top - 40);
      }
      case 'table': {
        const fit = this.fitTable(b.table, this.width);
        if (!fit) return 0;
        const rows = [...b.table.header, ...b.table.rows.slice(0, 2)];
        return this.textHeight(b.table.caption, SIZE.caption, this.width, true) + rows.reduce((s, r) => s + this.rowHeight(r, fit.widths, fit.size), 0) + 8;
      }
      case 'paragraph':
        return Math.min(this.textHeight(b.text, SIZE.body, this.width), 3 * SIZE.body * 1.3);
      case 'heading':
        return 30;
      default:
        return 40;
    }
  }

  /** Draws the blocks, keeping each heading with the start of the next block. */
  blocks(blocks: readonly Block[]): void {
    blocks.forEach((b, k) => {
      if (b.kind === 'heading') {
        let next = k + 1;
        while (blocks[next]?.kind === 'heading') next++;
        const following = blocks[next];
        if (following?.kind === 'table' && this.needsLandscape(following.table)) this.newPage(true);
        const between = blocks.slice(k + 1, next).length * 30;
        this.heading(b.level, b.text, between + this.startHeight(following));
      } else this.block(b);
    });
  }

  block(b: Block): void {
    switch (b.kind) {
      case 'heading':
        return this.heading(b.level, b.text);
      case 'paragraph':
        return this.paragraph(b.text, b.style);
      case 'bullets':
        return this.bullets(b.items);
      case 'table':
        return this.table(b.table);
      case 'figure':
        return this.figure(b.figure, b.caption);
      case 'formula':
        return this.formula(b.lhs, b.terms);
      case 'keyValues':
        return this.keyValues(b.rows);
      case 'image':
        return this.image(b.png, b.caption, b.maxWidth);
      case 'pageBreak':
        if (this.y > MARGIN.top + 1) this.newPage(false);
        return;
      default: {
        const unknown: never = b;
        throw new Error(`unknown block ${JSON.stringify(unknown)}`);
      }
    }
  }
}

/** Running head and footer (notice, page i of n) on every buffered page. */
export function decoratePages(doc: Doc, report: Pick<ReportDocument, 'runningHead' | 'notice'>, skipFirst: boolean): void {
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const { width, height } = doc.page;
    const saved = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    const inner = width - MARGIN.left - MARGIN.right;
    if (!(skipFirst && i === range.start)) {
      doc.font(fontForText(report.runningHead)).fontSize(7.5).fillColor('#555555').text(report.runningHead, MARGIN.left, 34, { width: inner, align: 'left', lineBreak: false });
      doc.moveTo(MARGIN.left, 46).lineTo(width - MARGIN.right, 46).lineWidth(0.4).strokeColor('#999999').stroke();
    }
    doc.font(fontForText(report.notice)).fontSize(7).fillColor('#555555').text(report.notice, MARGIN.left, height - 40, { width: inner - 70, align: 'left', lineBreak: false });
    doc.font(fontForText('Page')).fontSize(7).text(`Page ${i - range.start + 1} of ${range.count}`, width - MARGIN.right - 70, height - 40, { width: 70, align: 'right', lineBreak: false });
    doc.page.margins.bottom = saved;
  }
}

/** Refuses a document whose text has characters no embedded font can draw (they would print as boxes). */
export function assertAllGlyphs(writer: PageWriter): void {
  if (writer.missing.size) {
    throw new ReportFontError(
      `the report fonts cannot draw these characters: ${[...writer.missing].join(' ')} — set DLRN_CJK_FONT (or the cjkFont option) to a font that covers them`,
    );
  }
}
