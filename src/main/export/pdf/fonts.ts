/**
 * The fonts every report embeds: DejaVu Sans (regular, bold) for Latin/Greek/Cyrillic text and a CJK face
 * (bundled: WenQuanYi Micro Hei, GBK subset) for Chinese, Japanese kana and fullwidth text. Reports never
 * fall back to the PDF standard fonts (which are not embedded) or to system fonts.
 */
/// <reference types="pdfkit" />
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isCjkCharacter } from '../../engine/reports/figures/textMetrics';

/** Font files of a report. */
export interface ReportFontFiles {
  regular: string;
  bold: string;
  /** A TrueType/OpenType CJK font (or a collection with {@link cjkFace}). */
  cjk: string;
  /** PostScript name of the face inside a .ttc collection. */
  cjkFace?: string;
}

/** Names under which the fonts are registered in a PDFKit document. */
export const FONT_NAMES = { regular: 'DLRN-Regular', bold: 'DLRN-Bold', cjk: 'DLRN-CJK' } as const;

/** A font file is missing, or text has characters no report font can draw. */
export class ReportFontError extends Error {
  override name = 'ReportFontError';
}

/** The repository's (or packaged app's) `assets/fonts`, found by walking up from this module. */
export function bundledFontDir(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = join(dir, 'assets', 'fonts');
    if (existsSync(join(candidate, 'DejaVuSans.ttf'))) return candidate;
    const up = dirname(dir);
    if (up === dir) throw new ReportFontError(`bundled report fonts (assets/fonts/DejaVuSans.ttf) not found above ${fileURLToPath(import.meta.url)}`);
    dir = up;
  }
}

/**
 * Font files to use: `overrides` first, then the environment (`DLRN_FONT_DIR` for a folder holding the three
 * bundled file names, `DLRN_CJK_FONT` / `DLRN_CJK_FONT_FACE` for another CJK font), then the bundled fonts.
 * @throws ReportFontError naming a file that does not exist
 */
export function resolveReportFonts(overrides: Partial<ReportFontFiles> = {}, env: NodeJS.ProcessEnv = process.env): ReportFontFiles {
  const dir = env.DLRN_FONT_DIR ? resolve(env.DLRN_FONT_DIR) : bundledFontDir();
  const files: ReportFontFiles = {
    regular: overrides.regular ?? join(dir, 'DejaVuSans.ttf'),
    bold: overrides.bold ?? join(dir, 'DejaVuSans-Bold.ttf'),
    cjk: overrides.cjk ?? env.DLRN_CJK_FONT ?? join(dir, 'WenQuanYiMicroHei-GBK.ttf'),
    cjkFace: overrides.cjkFace ?? (overrides.cjk ? undefined : env.DLRN_CJK_FONT_FACE),
  };
  for (const [role, path] of Object.entries(files)) {
    if (role !== 'cjkFace' && path && !existsSync(path)) throw new ReportFontError(`report font (${role}) not found: ${path}`);
  }
  return files;
}

/** Registers the three fonts in `doc` under {@link FONT_NAMES}. */
export function registerReportFonts(doc: PDFKit.PDFDocument, files: ReportFontFiles): void {
  doc.registerFont(FONT_NAMES.regular, files.regular);
  doc.registerFont(FONT_NAMES.bold, files.bold);
  if (files.cjkFace) doc.registerFont(FONT_NAMES.cjk, files.cjk, files.cjkFace);
  else doc.registerFont(FONT_NAMES.cjk, files.cjk);
}

/** The registered font for a run of text: the CJK face when the text has CJK characters. */
export function fontForText(s: string, bold = false): string {
  for (const ch of s) if (isCjkCharacter(ch.codePointAt(0) as number)) return FONT_NAMES.cjk;
  return bold ? FONT_NAMES.bold : FONT_NAMES.regular;
}

/**
 * Characters of `s` that the font chosen by {@link fontForText} cannot draw (they would print as empty
 * boxes). Uses the font's character map through PDFKit.
 */
export function missingGlyphs(doc: PDFKit.PDFDocument, s: string, bold = false): string[] {
  const name = fontForText(s, bold);
  doc.font(name);
  const font = (doc as unknown as { _font: { font: { hasGlyphForCodePoint(c: number): boolean } } })._font.font;
  const missing = new Set<string>();
  for (const ch of s) {
    const c = ch.codePointAt(0) as number;
    if (c < 0x20 || c === 0x20) continue;
    if (!font.hasGlyphForCodePoint(c)) missing.add(ch);
  }
  return [...missing];
}
