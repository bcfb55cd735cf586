/**
 * Poppler command-line tools for PDF tests (pdfinfo, pdffonts, pdftotext, pdftoppm): page count, embedded
 * fonts, extracted text, and greyscale rasters of pages (PGM parsed here) to check that a page is not blank.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

function run(cmd: string, args: string[]): string {
  return execFileSync(cmd, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
}

/** Page count from pdfinfo. */
export function pdfPageCount(path: string): number {
  const m = /^Pages:\s+(\d+)/m.exec(run('pdfinfo', [path]));
  if (!m) throw new Error(`pdfinfo gave no page count for ${path}`);
  return Number(m[1]);
}

/** Fonts listed by pdffonts: name, type and whether embedded. */
export function pdfFonts(path: string): { name: string; type: string; embedded: boolean }[] {
  const lines = run('pdffonts', [path]).split('\n').slice(2).filter((l) => l.trim());
  return lines.map((l) => {
    const cols = l.trim().split(/\s+/);
    // name type... encoding emb sub uni object ID: emb is the 5th field from the end
    return { name: cols[0], type: cols.slice(1, cols.length - 6).join(' '), embedded: cols[cols.length - 5] === 'yes' };
  });
}

/** Text of a page range (1-based, inclusive) with `-layout`, one string per page. */
export function pdfTextPages(path: string): string[] {
  return run('pdftotext', ['-layout', '-enc', 'UTF-8', path, '-']).split('\f').slice(0, pdfPageCount(path));
}

/** A page rasterised in greyscale at `dpi` (pdftoppm -gray → binary PGM). */
export function rasterPage(path: string, page: number, dpi: number, pngOut?: string): { width: number; height: number; pixels: Uint8Array } {
  const dir = mkdtempSync(join(tmpdir(), 'dlrn-raster-'));
  try {
    const stem = join(dir, 'p');
    execFileSync('pdftoppm', ['-gray', '-r', String(dpi), '-f', String(page), '-l', String(page), '-singlefile', path, stem]);
    if (pngOut) execFileSync('pdftoppm', ['-png', '-r', String(dpi * 2), '-f', String(page), '-l', String(page), '-singlefile', path, pngOut.replace(/\.png$/, '')]);
    const bytes = readFileSync(`${stem}.pgm`);
    const header = /^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(bytes.subarray(0, 64).toString('latin1'));
    if (!header) throw new Error('pdftoppm did not write a binary PGM');
    const width = Number(header[1]);
    const height = Number(header[2]);
    return { width, height, pixels: bytes.subarray(header[0].length, header[0].length + width * height) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Variance of the grey levels (0 for a blank page). */
export function pixelVariance(pixels: Uint8Array): number {
  let s = 0;
  let s2 = 0;
  for (const p of pixels) {
    s += p;
    s2 += p * p;
  }
  const m = s / pixels.length;
  return s2 / pixels.length - m * m;
}

/** Share of pixels darker than mid-grey. */
export function inkFraction(pixels: Uint8Array): number {
  let n = 0;
  for (const p of pixels) if (p < 128) n++;
  return n / pixels.length;
}

/** Writes bytes to a temporary file and returns its path (removed by the caller's temp-dir cleanup). */
export function writeTemp(dir: string, name: string, bytes: Uint8Array): string {
  const path = join(dir, name);
  writeFileSync(path, bytes);
  return path;
}

/**
 * Numbers in a line of extracted text, as printed: U+2212 read as a minus, en dashes between numbers as
 * separators, "< 0.001" as the string "<0.001".
 */
export function numbersIn(line: string): (number | string)[] {
  const normal = line.replace(/−/g, '-').replace(/(\d)–(-?\d)/g, '$1 $2').replace(/<\s+0\.001/g, '<0.001');
  const out: (number | string)[] = [];
  for (const m of normal.matchAll(/<0\.001|-?\d+(?:\.\d+)?/g)) out.push(m[0] === '<0.001' ? m[0] : Number(m[0]));
  return out;
}
