/** Types of the parts of svg-to-pdfkit 0.1.8 the report uses (the package ships none). */
declare module 'svg-to-pdfkit' {
  interface SvgToPdfOptions {
    width?: number;
    height?: number;
    preserveAspectRatio?: string;
    /** Treat unitless SVG lengths as points (our figures are drawn in points). */
    assumePt?: boolean;
    /** Returns the name of a font registered in the document. */
    fontCallback?: (family: string, bold: boolean, italic: boolean, fontOptions: { fauxBold?: boolean; fauxItalic?: boolean }) => string;
    imageCallback?: (link: string) => string | Buffer;
    warningCallback?: (message: string) => void;
    precision?: number;
  }
  function SVGtoPDF(doc: PDFKit.PDFDocument, svg: string, x: number, y: number, options?: SvgToPdfOptions): void;
  export default SVGtoPDF;
}
