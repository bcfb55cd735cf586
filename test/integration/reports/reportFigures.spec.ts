/**
 * Report figures drawn from a real results.json (the oracle study run through the pipeline): the calibration
 * band the study stores and draws, the ComBat figure of a study whose batches mix the cohorts (per-centre
 * summaries), and the figures rasterised to PNG (written to artifacts/report-figures/ for visual review).
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import type { StudyResults } from '../../../src/main/engine/study/resultsSchema';
import { calibrationReportFigure, combatReportFigure } from '../../../src/main/engine/reports/reportFigures';
import { parseStudyDefinition } from '../../../src/main/engine/study/definition';
import { studyDefinitionOf } from '../../../src/main/engine/reports/studyReport';
import { distributionSummary } from '../../../src/main/engine/study/batchSummary';
import { featureTableSource, runStudy } from '../../../src/main/services/studyRunner';
import { oraclePath } from '../../support/oracle';
import { loadCohort, readCsvTable, type CsvTable } from '../../support/statsOracle';
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

/** The oracle cohort split at random, so both centres are in both cohorts; ComBat by centre fitted on training. */
const MIXED_YAML = `
name: Mixed-centre study
outcome: { column: outcome, label: MDM }
cohorts: { method: random, seed: 7, validationFraction: 0.3 }
featureGroups:
  radiomics: ['/^f[0-9]{2}$/']
harmonisation: { method: combat, batchColumn: centre, fit: training, covariates: [age] }
selection:
  mrmr: { k: 8 }
  lasso: { folds: 5, seed: 3 }
signatures:
  - { name: dlrs, label: DLRS, groups: [radiomics] }
clinical:
  candidates:
    - { name: age, label: Age }
    - { name: lymph_node_meta, label: Clinical N stage }
dlrn: { signature: dlrs }
evaluation:
  bootstrap: { B: 10, seed: 1 }
`;

describe('ComBat figure when the centres mix the cohorts (per-centre summaries)', () => {
  it('results keep per-centre box summaries of the signature features; the report draws them', () => {
    const definition = parseStudyDefinition(MIXED_YAML, 'mixed study');
    const cohortCsv = oraclePath('stats', 'data', 'cohort.csv');
    const out = mkdtempSync(join(tmpdir(), 'dlrn-mixed-'));
    let r: StudyResults;
    let harmonised: CsvTable;
    try {
      const source = featureTableSource({ features: cohortCsv, clinical: cohortCsv, label: (p) => p.slice(p.lastIndexOf('/') + 1) });
      r = runStudy({ definition, source, outDir: out, cache: false, software: { name: 'DLRN Studio', version: 'test' } }).results;
      harmonised = readCsvTable(join(out, 'tables', 'harmonised_features.csv'));
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
    const pc = r.harmonisation.perCentre;
    if (!pc) throw new Error('no perCentre summaries');
    const sig = r.signatures[0];
    const adjusted = sig.coefficients.features.filter((f) => r.harmonisation.features.includes(f.feature) && !r.harmonisation.unadjusted.includes(f.feature));
    expect(adjusted.length).toBeGreaterThan(0);
    expect(pc.features.map((f) => f.feature)).toEqual([...adjusted].sort((a, b) => Math.abs(b.coefficient) - Math.abs(a.coefficient)).map((f) => f.feature));
    // "before" = the cohort.csv values of the batch's patients, summarised independently here
    const cohort = loadCohort();
    const centre = cohort.str('centre');
    for (const f of pc.features) {
      expect(f.batches.map((b) => b.batch)).toEqual(['A', 'B']);
      for (const b of f.batches) {
        const raw = cohort.f64(f.feature).filter((_, i) => centre[i] === b.batch);
        const expected = distributionSummary(raw);
        const sorted = Float64Array.from(raw).sort();
        expect(b.before?.n).toBe(raw.length);
        expect(b.before?.min).toBe(sorted[0]);
        expect(b.before?.max).toBe(sorted[sorted.length - 1]);
        expect(b.before?.median).toBeCloseTo(raw.length % 2 ? sorted[(raw.length - 1) / 2] : (sorted[raw.length / 2 - 1] + sorted[raw.length / 2]) / 2, 12);
        expect(b.before).toEqual(expected);
        // "after" = the harmonised values the study wrote to tables/harmonised_features.csv
        const ids = cohort.str('id').filter((_, i) => centre[i] === b.batch);
        const hid = harmonised.str('id');
        const after = ids.map((id) => harmonised.f64(f.feature)[hid.indexOf(id)]);
        const want = distributionSummary(after) as NonNullable<ReturnType<typeof distributionSummary>>;
        for (const k of ['n', 'mean', 'sd', 'min', 'q1', 'median', 'q3', 'max', 'lowerWhisker', 'upperWhisker'] as const) {
          expect(Math.abs((b.after?.[k] as number) - (want[k] as number)), `${f.feature} ${b.batch} after.${k}`).toBeLessThanOrEqual(1e-12 * Math.abs(want[k] as number) + 1e-12);
        }
      }
    }
    const fig = combatReportFigure(r, studyDefinitionOf(r));
    if (!('figure' in fig)) throw new Error(fig.skipped);
    const root = checkFigureSvg(fig.figure.svg);
    expect(byClass(root, 'box')).toHaveLength(Math.min(6, pc.features.length) * 4);
    expect(fig.caption).toContain('box plots of all study patients per centre');
    mkdirSync(ARTIFACTS, { recursive: true });
    writeFileSync(join(ARTIFACTS, 'combat-mixed-centres.png'), figurePng(fig.figure).png);
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
