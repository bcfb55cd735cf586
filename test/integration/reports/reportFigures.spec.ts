/**
 * Report figures drawn from a real results.json (the oracle study run through the pipeline): the calibration
 * band the study stores and draws, and the figures rasterised to PNG (written to artifacts/report-figures/
 * for visual review).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import type { StudyResults } from '../../../src/main/engine/study/resultsSchema';
import { calibrationReportFigure } from '../../../src/main/engine/reports/reportFigures';
import { buildStudyReport } from '../../../src/main/engine/reports/studyReport';
import { reportFigures } from '../../../src/main/export/csv';
import { figurePng } from '../../../src/main/export/png';
import { oracleStudyResults } from '../../support/reportFixture';
import { byClass, checkFigureSvg, texts } from '../../support/svgTree';

const ROOT = resolve(fileURLToPath(new URL('.', import.meta.url)), '../../..');
const ARTIFACTS = join(ROOT, 'artifacts', 'report-figures');

let results: StudyResults;
beforeAll(() => {
  results = oracleStudyResults();
}, 120_000);

describe('calibration band in the results and the figure', () => {
  it('every model has a 95% band on the training grid that lies around the bias-corrected curve', () => {
    for (const m of results.evaluation.models) {
      const b = results.evaluation.calibration[m.id].training.bootstrap;
      expect(b, m.id).not.toBeNull();
      if (!b) continue;
      expect(b.band.level).toBe(0.95);
      expect(b.band.definition).toMatch(/percentile interval .* shifted by the estimated optimism/);
      expect(b.band.lower).toHaveLength(b.predicted.length);
      let defined = 0;
      let inside = 0;
      b.predicted.forEach((_, k) => {
        const [lo, hi, c] = [b.band.lower[k], b.band.upper[k], b.corrected[k]];
        if (lo === null || hi === null || c === null) return;
        defined++;
        expect(hi, `${m.id} grid ${k}`).toBeGreaterThanOrEqual(lo);
        if (lo <= c && c <= hi) inside++;
      });
      expect(defined, m.id).toBeGreaterThanOrEqual(40);
      expect(inside / defined, m.id).toBeGreaterThanOrEqual(0.9);
      for (const key of ['lower', 'upper'] as const) {
        if (b.band[key].some((v) => v === null)) expect(b.band.reasons?.[key], `${m.id}: null band ${key} has its reason`).toBeTruthy();
      }
    }
  });

  it('the calibration figure draws the band with its legend entry, and the caption defines it', () => {
    const f = calibrationReportFigure(results);
    if (!('figure' in f)) throw new Error(f.skipped);
    const root = checkFigureSvg(f.figure.svg);
    expect(byClass(root, 'band')).toHaveLength(1);
    expect(byClass(root, 'corrected')).toHaveLength(1);
    expect(texts(root).join('\n')).toContain('95% bootstrap band');
    expect(f.caption).toContain('shaded band: bootstrap percentile interval of the apparent curve shifted by the optimism');
  });
});

describe('PNG figures of the study report', () => {
  it('every figure rasterises at 300 dpi to a non-blank PNG (saved to artifacts/report-figures)', () => {
    const model = buildStudyReport(results, { generatedAt: new Date('2025-06-01T12:00:00Z') });
    const figures = reportFigures(model);
    expect(figures.length).toBeGreaterThanOrEqual(8);
    mkdirSync(ARTIFACTS, { recursive: true });
    for (const f of figures) {
      const r = figurePng(f);
      expect(r.width, f.id).toBe(Math.round((f.width * 300) / 72));
      let ink = 0;
      for (let i = 0; i < r.pixels.length; i += 4) if (r.pixels[i] < 250 || r.pixels[i + 1] < 250 || r.pixels[i + 2] < 250) ink++;
      expect(ink / (r.width * r.height), f.id).toBeGreaterThan(0.005);
      writeFileSync(join(ARTIFACTS, `${f.id}.png`), r.png);
    }
  });
});
