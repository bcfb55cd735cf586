/**
 * The study report PDF of a real pipeline run (oracle cohort): it opens, has the expected sections, embeds
 * every font, has a non-blank raster for every figure page, and every number of Tables 1–3 and the signature
 * table, as pdftotext reads it back, equals the value in results.json to the printed precision.
 * Page images are saved to artifacts/report-pages/ for visual review.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { studyReportPdf } from '../../../src/main/export/pdf/studyReport';
import type { StudyResults } from '../../../src/main/engine/study/resultsSchema';
import { oracleStudyResults } from '../../support/reportFixture';
import { inkFraction, numbersIn, pdfFonts, pdfPageCount, pdfTextPages, pixelVariance, rasterPage } from '../../support/pdfTools';

const ROOT = resolve(fileURLToPath(new URL('.', import.meta.url)), '../../..');
const ARTIFACTS = join(ROOT, 'artifacts', 'report-pages');

let results: StudyResults;
let pdfPath: string;
let pages: string[];

/** The printed value equals `v` rounded to `decimals` (|printed − v| ≤ half a unit of the last digit). */
function expectPrinted(printed: number | string | undefined, v: number, decimals: number, what: string): void {
  if (printed === '<0.001') {
    expect(v, what).toBeLessThan(0.001);
    return;
  }
  expect(typeof printed, `${what}: printed token`).toBe('number');
  expect(Math.abs((printed as number) - v), `${what}: printed ${printed}, results ${v}`).toBeLessThanOrEqual(0.5 * 10 ** -decimals + 1e-12);
}

/** Text from the line holding `marker` to the end of the document (tables start after their caption). */
function section(marker: string): string[] {
  const k = pages.findIndex((p) => p.includes(marker));
  if (k < 0) throw new Error(`no page contains "${marker}"`);
  const text = pages.slice(k).join('\n');
  return text.slice(text.indexOf(marker)).split('\n');
}

function rowLine(lines: string[], label: string): string {
  const re = new RegExp(`^\\s*${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s{2,}\\S`);
  const line = lines.find((l) => re.test(l));
  if (!line) throw new Error(`no row "${label}" in:\n${lines.slice(0, 40).join('\n')}`);
  return line.slice(line.indexOf(label) + label.length);
}

beforeAll(async () => {
  results = oracleStudyResults();
  const pdf = await studyReportPdf(results, { generatedAt: new Date('2025-06-01T12:00:00Z') });
  mkdirSync(ARTIFACTS, { recursive: true });
  pdfPath = join(ARTIFACTS, 'study-report.pdf');
  writeFileSync(pdfPath, pdf);
  pages = pdfTextPages(pdfPath);
}, 120_000);

describe('study report PDF', () => {
  it('opens, has the sections and the research-use notice on every page', () => {
    const n = pdfPageCount(pdfPath);
    expect(n).toBeGreaterThanOrEqual(10);
    expect(pages).toHaveLength(n);
    const all = pages.join('\n');
    for (const s of ['Oracle cohort study', 'Summary', 'Methods', 'Patients and cohorts', 'Reproducibility (readers and ICC)', 'Statistical analysis', 'Results', 'Table 1', 'Table 2', 'Table 3', 'Appendix: provenance', 'TRIPOD']) {
      expect(all).toContain(s);
    }
    pages.forEach((p, k) => {
      expect(p.replace(/\s+/g, ' '), `page ${k + 1}`).toContain('For research use only');
      expect(p, `page ${k + 1}`).toContain(`Page ${k + 1} of ${n}`);
    });
  });

  it('embeds every font (no standard-14 fallback)', () => {
    const fonts = pdfFonts(pdfPath);
    expect(fonts.length).toBeGreaterThan(0);
    for (const f of fonts) expect(f.embedded, f.name).toBe(true);
    expect(fonts.some((f) => /Helvetica|Times|Courier/.test(f.name))).toBe(false);
  });

  it('every figure page rasterises to a non-blank image (pages saved to artifacts/report-pages)', () => {
    const figurePages = pages.flatMap((p, k) => (/Fig\. \d+ /.test(p) ? [k + 1] : []));
    expect(figurePages.length).toBeGreaterThanOrEqual(6);
    for (const page of figurePages) {
      const r = rasterPage(pdfPath, page, 40, join(ARTIFACTS, `study-page-${String(page).padStart(2, '0')}.png`));
      expect(pixelVariance(r.pixels), `page ${page}`).toBeGreaterThan(200);
      expect(inkFraction(r.pixels), `page ${page}`).toBeGreaterThan(0.002);
    }
  });

  it('Table 3: SEN, SPE, PPV, NPV, ACC, AUC and CI of every model equal results.json', () => {
    const lines = section('Table 3 Model performance');
    for (const m of results.evaluation.models) {
      const nums = numbersIn(rowLine(lines, m.label));
      expect(nums, m.label).toHaveLength(16);
      const roc = results.evaluation.roc[m.id];
      (['training', 'validation'] as const).forEach((c, k) => {
        const a = roc[c].atThreshold;
        const expected = [a.sensitivity.estimate, a.specificity.estimate, a.ppv?.estimate, a.npv?.estimate, a.accuracy.estimate, roc[c].auc, roc[c].lower, roc[c].upper];
        expected.forEach((v, j) => expectPrinted(nums[k * 8 + j], v as number, 3, `${m.label} ${c} column ${j}`));
      });
    }
  });

  it('Table 3: the DeLong comparisons (ΔAUC, CI, p) equal results.json', () => {
    const lines = section('Table 3 Model performance');
    const label = (id: string): string => results.evaluation.models.find((m) => m.id === id)?.label ?? id;
    for (const pair of results.evaluation.delong.training) {
      const nums = numbersIn(rowLine(lines, `${label(pair.model1)} vs. ${label(pair.model2)}`));
      (['training', 'validation'] as const).forEach((c, k) => {
        const p = results.evaluation.delong[c].find((x) => x.pair === pair.pair);
        if (!p || p.p === null || p.diffLower === null || p.diffUpper === null) throw new Error(`pair ${pair.pair} incomplete`);
        const at = k * 5;
        expectPrinted(nums[at], p.auc1 - p.auc2, 3, `${pair.pair} ${c} ΔAUC`);
        expectPrinted(nums[at + 2], p.diffLower, 3, `${pair.pair} ${c} lower`);
        expectPrinted(nums[at + 3], p.diffUpper, 3, `${pair.pair} ${c} upper`);
        expectPrinted(nums[at + 4], p.p, 3, `${pair.pair} ${c} p`);
      });
    }
  });

  it('Table 2: odds ratios, CIs and p-values equal results.json', () => {
    const lines = section('Table 2 Univariable');
    const definition = results.study.definition as { clinical: { candidates: { name: string; label?: string }[] } };
    const sig = results.signatures.find((s) => s.name === results.dlrn.signature);
    for (const row of results.tables.table2.rows) {
      const name = row.variable === 'score' ? `${sig?.label} score` : (definition.clinical.candidates.find((c) => c.name === row.variable)?.label ?? row.variable);
      const nums = numbersIn(rowLine(lines, name));
      const u = row.univariate;
      [u.oddsRatio, u.lower, u.upper].forEach((v, j) => expectPrinted(nums[j], v, 3, `${name} univariable ${j}`));
      expectPrinted(nums[3], u.p, 3, `${name} univariable p`);
      if (row.multivariable) {
        const m = row.multivariable;
        [m.oddsRatio, m.lower, m.upper, m.p].forEach((v, j) => expectPrinted(nums[4 + j], v, 3, `${name} multivariable ${j}`));
      } else expect(nums, name).toHaveLength(4);
    }
  });

  it('Table 1: medians, quartiles, counts, percentages and p-values equal results.json', () => {
    const lines = section('Table 1 Clinical characteristics');
    const keys = ['training_0', 'training_1', 'validation_0', 'validation_1'];
    let current = '';
    for (const row of results.tables.table1.rows) {
      if (row.type === 'continuous') {
        const nums = numbersIn(rowLine(lines, `${row.label}, median [IQR]`));
        const expected: [number, number][] = [];
        keys.forEach((k, j) => {
          const s = row.summaries[k];
          for (const v of [s.median, s.q1, s.q3]) expected.push([v as number, 1]);
          if (j === 1) expected.push([row.p.training as number, 3]);
          if (j === 3) expected.push([row.p.validation as number, 3], [row.p.cohorts as number, 3]);
        });
        expect(nums, row.label).toHaveLength(expected.length);
        expected.forEach(([v, d], j) => expectPrinted(nums[j], v, d, `${row.label} value ${j}`));
      } else if (row.level === null) {
        current = row.label;
        const nums = numbersIn(rowLine(lines, `${row.label} (n, %)`));
        [row.p.training, row.p.validation, row.p.cohorts].forEach((p, j) => expectPrinted(nums[j], p as number, 3, `${row.label} p ${j}`));
      } else {
        const idx = lines.findIndex((l) => l.includes(`${current} (n, %)`));
        const line = lines.slice(idx + 1).find((l) => new RegExp(`^\\s*${row.level}\\s{2,}\\d`).test(l));
        if (!line) throw new Error(`no level row ${current} = ${row.level}`);
        const nums = numbersIn(line).slice(1);
        keys.forEach((k, j) => {
          const s = row.summaries[k];
          expect(nums[2 * j], `${current} ${row.level} ${k} count`).toBe(s.count);
          expectPrinted(nums[2 * j + 1], s.percent as number, 1, `${current} ${row.level} ${k} percent`);
        });
      }
    }
  });

  it('the signature table and formula print every coefficient to six significant digits', () => {
    const s = results.signatures[0];
    const lines = section(`Table S1 Features of the ${s.label}`);
    for (const f of s.coefficients.features) {
      const nums = numbersIn(rowLine(lines, f.feature)).filter((x): x is number => typeof x === 'number');
      const sig = (v: number, printed: number): void => expect(Math.abs(printed - v), `${f.feature}: ${printed} vs ${v}`).toBeLessThanOrEqual(Math.abs(v) * 5e-6 + 1e-15);
      sig(f.coefficient, nums[0]);
      sig(f.mean, nums[1]);
      sig(f.sd, nums[2]);
      sig(f.coefficientRaw, nums[3]);
    }
  });

  it('the provenance appendix carries the definition, input and model hashes and the seeds', () => {
    const all = pages.join('\n');
    expect(all).toContain(results.study.definitionHash);
    expect(all).toContain(results.input.hashes.features);
    expect(all).toContain(results.input.hashes.clinical);
    expect(all).toContain('Params.yaml');
    expect(all).toContain('Seed: bootstrap calibration');
  });
});
