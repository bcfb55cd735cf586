/**
 * PNG export of report figures (resvg with the bundled fonts only): the file is a valid PNG whose IHDR size is
 * the figure's print size at 300 dpi, it carries that resolution (pHYs), and it is not blank — including a
 * figure made of text alone (Latin and Chinese), which renders only if the bundled fonts were loaded (system
 * fonts are never loaded).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { calibrationFigure } from '../../../../src/main/engine/reports/figures/calibration';
import { svgDocument, type Figure } from '../../../../src/main/engine/reports/figures/svg';
import { text } from '../../../../src/main/engine/reports/figures/style';
import { figurePng, writeFigurePngs } from '../../../../src/main/export/png';

const SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** IHDR width/height and the pHYs resolution (pixels per metre, unit byte) read from the file bytes. */
function pngHeader(png: Buffer): { width: number; height: number; ppm?: [number, number, number] } {
  expect(Array.from(png.subarray(0, 8))).toEqual(SIGNATURE);
  expect(png.subarray(12, 16).toString('latin1')).toBe('IHDR');
  const out: { width: number; height: number; ppm?: [number, number, number] } = { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
  let at = 8;
  while (at < png.length) {
    const len = png.readUInt32BE(at);
    const type = png.subarray(at + 4, at + 8).toString('latin1');
    if (type === 'pHYs') out.ppm = [png.readUInt32BE(at + 8), png.readUInt32BE(at + 12), png.readUInt8(at + 16)];
    at += 12 + len;
  }
  return out;
}

/** Pixels (RGBA) that are not white. */
function inked(pixels: Buffer): number {
  let n = 0;
  for (let i = 0; i < pixels.length; i += 4) if (pixels[i] < 250 || pixels[i + 1] < 250 || pixels[i + 2] < 250) n++;
  return n;
}

const grid = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6];
const calibration = calibrationFigure([
  {
    title: '训练组 (training)',
    predicted: grid,
    apparent: [0.12, 0.18, 0.33, 0.41, 0.52, 0.58],
    corrected: [0.14, 0.2, 0.31, 0.38, 0.5, 0.55],
    band: { lower: grid.map((v) => v - 0.05), upper: grid.map((v) => v + 0.05), label: '95% bootstrap band' },
  },
]);

describe('figure PNG export (resvg, bundled fonts)', () => {
  it('is a PNG of the print size at 300 dpi with its resolution recorded, and not blank', () => {
    const r = figurePng(calibration);
    const h = pngHeader(r.png);
    expect(h.width).toBe(Math.round((calibration.width * 300) / 72));
    expect(Math.abs(h.height - (calibration.height * 300) / 72)).toBeLessThanOrEqual(1);
    expect([r.width, r.height]).toEqual([h.width, h.height]);
    expect(h.ppm).toEqual([11811, 11811, 1]);
    expect(r.pixels.length).toBe(4 * r.width * r.height);
    const share = inked(r.pixels) / (r.width * r.height);
    expect(share).toBeGreaterThan(0.01);
    expect(share).toBeLessThan(0.6);
  });

  it('draws text (Latin and CJK) with the bundled fonts: a text-only figure is not blank', () => {
    const only = (s: string): Figure => ({ id: 't', title: 't', width: 120, height: 30, svg: svgDocument(120, 30, 't', [text(4, 20, s, { size: 12 })]) });
    const latin = inked(figurePng(only('Calibration')).pixels);
    const cjk = inked(figurePng(only('张伟 校准曲线')).pixels);
    expect(latin).toBeGreaterThan(200);
    expect(cjk).toBeGreaterThan(200);
    expect(inked(figurePng(only('')).pixels)).toBe(0);
  });

  it('writes <id>.png files and honours another resolution', () => {
    const dir = mkdtempSync(join(tmpdir(), 'dlrn-png-'));
    try {
      expect(writeFigurePngs([calibration], dir, { dpi: 150 })).toEqual(['calibration.png']);
      const h = pngHeader(readFileSync(join(dir, 'calibration.png')));
      expect(h.width).toBe(Math.round((calibration.width * 150) / 72));
      expect(h.ppm?.[0]).toBe(5906);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
