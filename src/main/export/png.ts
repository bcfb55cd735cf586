/**
 * Report figures as PNG: the figure's SVG rasterised by resvg (`@resvg/resvg-js`, a native module — hence here
 * in export, not in the pure engine) with the bundled report fonts only (no system fonts, so a PNG is the same
 * on every machine), on a white background, at print resolution: a figure W pt wide becomes
 * round(W · dpi / 72) pixels wide (default 300 dpi), and the PNG carries that resolution in its pHYs chunk
 * (pixels per metre = dpi / 0.0254), so viewers and word processors place it at its print size.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { crc32 } from 'node:zlib';
import { Resvg } from '@resvg/resvg-js';
import type { Figure } from '../engine/reports/figures/svg';
import { FONT_FAMILY } from '../engine/reports/figures/style';
import { resolveReportFonts, type ReportFontFiles } from './pdf/fonts';

/** Print resolution of exported PNG figures (dots per inch). */
export const PNG_DPI = 300;

export interface PngOptions {
  /** Dots per inch at the figure's print size (default {@link PNG_DPI}). */
  dpi?: number;
  /** Font files (default: the bundled report fonts, see `resolveReportFonts`). */
  fonts?: ReportFontFiles;
}

/** A rasterised figure: the PNG file bytes and the RGBA pixels it encodes (row-major, 4 bytes per pixel). */
export interface FigurePng {
  png: Buffer;
  width: number;
  height: number;
  pixels: Buffer;
}

/** PNG chunk: length, type, data, CRC-32 of type + data (ISO/IEC 15948 §5.3). */
function chunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

/** Inserts a pHYs chunk (unit = metre) after IHDR (signature 8 bytes + IHDR chunk 25 bytes). */
function withResolution(png: Buffer, dpi: number): Buffer {
  const ppm = Math.round(dpi / 0.0254);
  const data = Buffer.alloc(9);
  data.writeUInt32BE(ppm, 0);
  data.writeUInt32BE(ppm, 4);
  data.writeUInt8(1, 8);
  return Buffer.concat([png.subarray(0, 33), chunk('pHYs', data), png.subarray(33)]);
}

/** Rasterises one figure (see the module comment). */
export function figurePng(figure: Figure, o: PngOptions = {}): FigurePng {
  const dpi = o.dpi ?? PNG_DPI;
  if (!(dpi > 0)) throw new RangeError(`PNG resolution must be positive, got ${dpi}`);
  const fonts = o.fonts ?? resolveReportFonts();
  const resvg = new Resvg(figure.svg, {
    font: { loadSystemFonts: false, fontFiles: [fonts.regular, fonts.bold, fonts.cjk], defaultFontFamily: FONT_FAMILY, sansSerifFamily: FONT_FAMILY },
    fitTo: { mode: 'width', value: Math.max(1, Math.round((figure.width * dpi) / 72)) },
    background: '#ffffff',
    logLevel: 'off',
  });
  const image = resvg.render();
  return { png: withResolution(image.asPng(), dpi), width: image.width, height: image.height, pixels: image.pixels };
}

/** Writes every figure as `<id>.png` into `dir`; returns the file names. */
export function writeFigurePngs(figures: readonly Figure[], dir: string, o: PngOptions = {}): string[] {
  mkdirSync(dir, { recursive: true });
  const fonts = o.fonts ?? resolveReportFonts();
  return figures.map((f) => {
    const name = `${f.id}.png`;
    writeFileSync(join(dir, name), figurePng(f, { ...o, fonts }).png);
    return name;
  });
}
