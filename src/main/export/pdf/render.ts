/**
 * Renders a report model to PDF bytes: A4, embedded fonts only, a title page, the blocks, running heads and
 * footers. The output is deterministic for a given model (fixed creation date from the model, no random IDs
 * beyond PDFKit's document ID derived from the info dictionary).
 */
import PDFDocument from 'pdfkit';
import type { ReportDocument } from '../../engine/reports/document';
import { registerReportFonts, resolveReportFonts, fontForText, type ReportFontFiles } from './fonts';
import { assertAllGlyphs, decoratePages, MARGIN, PageWriter } from './layout';

export interface RenderOptions {
  /** Font files (default: the bundled fonts, see `fonts.ts`). */
  fonts?: Partial<ReportFontFiles>;
}

/** A title page: title, subtitle, lines, and the research-use notice in a box. */
function titlePage(doc: PDFKit.PDFDocument, report: ReportDocument): void {
  const width = doc.page.width - MARGIN.left - MARGIN.right;
  let y = 190;
  doc.font(fontForText(report.title, true)).fontSize(22).fillColor('#000000').text(report.title, MARGIN.left, y, { width });
  y = doc.y + 10;
  doc.font(fontForText(report.subtitle)).fontSize(13).fillColor('#333333').text(report.subtitle, MARGIN.left, y, { width });
  y = doc.y + 24;
  for (const line of report.titleLines) {
    doc.font(fontForText(line)).fontSize(10).fillColor('#000000').text(line, MARGIN.left, y, { width });
    y = doc.y + 4;
  }
  y += 30;
  doc.font(fontForText(report.notice, true)).fontSize(11);
  const h = doc.heightOfString(report.notice, { width: width - 24 });
  doc.save().rect(MARGIN.left, y, width, h + 20).lineWidth(1.2).strokeColor('#D55E00').stroke().restore();
  doc.fillColor('#D55E00').text(report.notice, MARGIN.left + 12, y + 10, { width: width - 24 });
  doc.fillColor('#000000');
}

/** Renders `report` and resolves with the PDF bytes. */
export function renderReportPdf(report: ReportDocument, options: RenderOptions = {}): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margins: { ...MARGIN },
    bufferPages: true,
    autoFirstPage: false,
    info: {
      Title: report.info.title,
      Subject: report.info.subject,
      Keywords: report.info.keywords,
      Creator: 'DLRN Studio',
      Producer: 'DLRN Studio (PDFKit)',
      CreationDate: report.info.creationDate,
      ModDate: report.info.creationDate,
    },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  try {
    registerReportFonts(doc, resolveReportFonts(options.fonts));
    const writer = new PageWriter(doc);
    if (report.titlePage) {
      doc.addPage({ size: 'A4', margins: { ...MARGIN } });
      titlePage(doc, report);
    }
    writer.newPage(false);
    if (!report.titlePage) writer.block({ kind: 'heading', level: 1, text: `${report.title}: ${report.subtitle}` });
    writer.blocks(report.blocks);
    assertAllGlyphs(writer);
    decoratePages(doc, report, report.titlePage);
  } catch (err) {
    doc.end();
    return done.then(() => Promise.reject(err));
  }
  doc.end();
  return done;
}
