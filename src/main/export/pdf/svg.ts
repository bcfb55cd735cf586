/**
 * Draws an engine figure (SVG string, user units = points) into a PDFKit document as vector graphics,
 * with the report's embedded fonts.
 */
/// <reference types="pdfkit" />
import SVGtoPDF from 'svg-to-pdfkit';
import { FONT_NAMES } from './fonts';

/** Error raised when svg-to-pdfkit reports a problem with a figure (it would otherwise only warn). */
export class FigureRenderError extends Error {
  override name = 'FigureRenderError';
}

/**
 * Draws `svg` with its top-left corner at (x, y), scaled to `width` points wide (aspect kept).
 * Any svg-to-pdfkit warning (unparsable path, unknown font …) is raised as a {@link FigureRenderError}.
 */
export function drawSvg(doc: PDFKit.PDFDocument, svg: string, x: number, y: number, width: number, height: number): void {
  const warnings: string[] = [];
  SVGtoPDF(doc, svg, x, y, {
    width,
    height,
    assumePt: true,
    preserveAspectRatio: 'xMinYMin meet',
    fontCallback: (family, bold) => (/WenQuanYi|CJK/i.test(family) ? FONT_NAMES.cjk : bold ? FONT_NAMES.bold : FONT_NAMES.regular),
    warningCallback: (m) => warnings.push(m),
  });
  if (warnings.length) throw new FigureRenderError(`figure could not be drawn exactly: ${warnings.join('; ')}`);
}
