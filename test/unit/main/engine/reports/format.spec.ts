import { describe, expect, it } from 'vitest';
import PDFDocument from 'pdfkit';
import { formatInterval, formatNumber, formatP, pStatement, ReportFormatError } from '../../../../../src/main/engine/reports/format';
import { formatCompact } from '../../../../../src/main/engine/reports/tableFormat';
import { formatSignificant } from '../../../../../src/main/engine/reports/reportTables';
import { textWidth, needsCjkFont } from '../../../../../src/main/engine/reports/figures/textMetrics';
import { clipPolylineY } from '../../../../../src/main/engine/reports/figures/clip';
import { decimalsForStep, tickLabels, ticksWithin } from '../../../../../src/main/engine/reports/figures/scale';
import { Obstacles } from '../../../../../src/main/engine/reports/figures/legend';
import { bundledFontDir } from '../../../../../src/main/export/pdf/fonts';

describe('number formats', () => {
  it('fixed decimals with a true minus and no signed zero', () => {
    expect(formatNumber(0.8904569, 3)).toBe('0.890');
    expect(formatNumber(-0.0123, 3)).toBe('−0.012');
    expect(formatNumber(-0.0001, 3)).toBe('0.000');
    expect(formatNumber(12, 0)).toBe('12');
    expect(() => formatNumber(NaN, 3)).toThrow(ReportFormatError);
  });

  it('p-values as journals print them', () => {
    expect(formatP(0.0004)).toBe('< 0.001');
    expect(formatP(0.001)).toBe('0.001');
    expect(formatP(0.0499)).toBe('0.050');
    expect(formatP(1)).toBe('1.000');
    expect(pStatement(1.7e-9)).toBe('p < 0.001');
    expect(pStatement(0.0123)).toBe('p = 0.012');
    expect(() => formatP(1.5)).toThrow(ReportFormatError);
  });

  it('intervals, compact medians and six significant digits', () => {
    expect(formatInterval(0.8329, 0.948, 3)).toBe('0.833–0.948');
    expect(formatCompact(59, 1)).toBe('59');
    expect(formatCompact(48.25, 1)).toBe('48.3');
    expect(formatCompact(60.04, 1)).toBe('60');
    expect(formatSignificant(0.031597123, 6)).toBe('0.0315971');
    expect(formatSignificant(-36.755855, 6)).toBe('−36.7559');
    expect(formatSignificant(411.951486, 6)).toBe('411.951');
  });
});

describe('figure helpers', () => {
  it('DejaVu Sans advance widths equal the bundled font files (through pdfkit)', () => {
    const doc = new PDFDocument({ autoFirstPage: false });
    const dir = bundledFontDir();
    const sample = 'AUC 0.890 (0.833–0.948) Sensitivity −λ ≥ µ ×';
    for (const [file, bold] of [
      ['DejaVuSans.ttf', false],
      ['DejaVuSans-Bold.ttf', true],
    ] as const) {
      doc.font(`${dir}/${file}`).fontSize(10);
      for (let c = 0x20; c < 0x7f; c++) expect(textWidth(String.fromCharCode(c), 10, bold)).toBeCloseTo(doc.widthOfString(String.fromCharCode(c)), 2);
      // pdfkit applies kerning pairs, which the layout estimate leaves out: within 0.5 % on a mixed string
      expect(Math.abs(textWidth(sample, 10, bold) - doc.widthOfString(sample))).toBeLessThan(0.005 * doc.widthOfString(sample));
    }
  });

  it('detects text that needs the CJK face', () => {
    expect(needsCjkFont('张伟')).toBe(true);
    expect(needsCjkFont('Zhang Wei (°C, λ, ±)')).toBe(false);
    expect(needsCjkFont('（')).toBe(true);
  });

  it('clips a polyline to a vertical range at the crossing points', () => {
    const pieces = clipPolylineY([0, 1, 2, 3], [0.5, -0.5, 0.5, 0.2], 0, 1);
    expect(pieces).toEqual([
      { xs: [0, 0.5], ys: [0.5, 0] },
      { xs: [1.5, 2, 3], ys: [0, 0.5, 0.2] },
    ]);
    expect(clipPolylineY([0, 1], [2, 3], 0, 1)).toEqual([]);
  });

  it('ticks inside a range and labels with the decimals of the step', () => {
    const ticks = ticksWithin(0, 1);
    expect(ticks).toHaveLength(6);
    ticks.forEach((t, k) => expect(t).toBeCloseTo(k * 0.2, 12));
    expect(decimalsForStep(0.05)).toBe(2);
    expect(decimalsForStep(5)).toBe(0);
    expect(tickLabels([-0.1, 0, 0.1, 0.2])).toEqual(['−0.1', '0.0', '0.1', '0.2']);
  });

  it('counts data segments and filled areas under a legend box', () => {
    const o = new Obstacles().polyline([0, 10], [0, 10]).polygon([20, 30, 30, 20], [20, 20, 30, 30]);
    expect(o.overlap(4, 4, 2, 2)).toBe(1);
    expect(o.overlap(12, 0, 5, 5)).toBe(0);
    expect(o.overlap(23, 23, 2, 2)).toBe(1);
  });
});
