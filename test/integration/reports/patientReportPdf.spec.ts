/**
 * Patient report: the prediction equals the pipeline's own DLRN prediction for a study patient and the rms
 * nomogram scoring of `models/nomogram`; the PDF carries the patient's Chinese name as text (pdftotext), embeds
 * its fonts (CJK included), shows the activation map, and refuses characters no bundled font can draw.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execFileSync } from 'node:child_process';
import { beforeAll, describe, expect, it } from 'vitest';
import { patientReportPdf } from '../../../src/main/export/pdf/patientReport';
import { predictPatient, PatientInputError } from '../../../src/main/engine/reports/patientPrediction';
import { studyDefinitionOf } from '../../../src/main/engine/reports/studyReport';
import { nomogramOf } from '../../../src/main/engine/reports/reportFigures';
import { scorePatient, type NomogramTerm } from '../../../src/main/engine/models/nomogram';
import { ReportFontError } from '../../../src/main/export/pdf/fonts';
import type { StudyResults } from '../../../src/main/engine/study/resultsSchema';
import { oracleStudyResults } from '../../support/reportFixture';
import { oraclePath } from '../../support/oracle';
import { numbersIn, pdfFonts, pdfPageCount, pdfTextPages, pixelVariance, rasterPage } from '../../support/pdfTools';

const ROOT = resolve(fileURLToPath(new URL('.', import.meta.url)), '../../..');
const ARTIFACTS = join(ROOT, 'artifacts', 'report-pages');
let results: StudyResults;

beforeAll(() => {
  results = oracleStudyResults();
  mkdirSync(ARTIFACTS, { recursive: true });
}, 120_000);

/** Values of a training patient as the pipeline used them. */
function patientValues(i: number): Record<string, number> {
  const sig = results.signatures.find((s) => s.name === results.dlrn.signature);
  if (!sig) throw new Error('no DLRN signature');
  const score = sig.scores.training.lp?.[i];
  if (score === undefined) throw new Error('no score');
  const id = results.cohorts.training.ids[i];
  const cohort = readFileSync(oraclePath('stats', 'data', 'cohort.csv'), 'utf8').split('\n');
  const header = cohort[0].split(',').map((h) => h.replace(/"/g, ''));
  const row = cohort.find((l) => l.startsWith(`"${id}"`))?.split(',') ?? [];
  const values: Record<string, number> = { score };
  for (const p of results.dlrn.predictors) if (p !== 'score') values[p] = Number(row[header.indexOf(p)]);
  return values;
}

describe('patient prediction', () => {
  it('equals the pipeline DLRN probability of every training patient (≤ 1e-12)', () => {
    const d = studyDefinitionOf(results);
    const probs = results.dlrn.predictions.training.probability;
    let worst = 0;
    for (let i = 0; i < probs.length; i++) worst = Math.max(worst, Math.abs(predictPatient(results, d, patientValues(i)).risk - probs[i]));
    expect(worst).toBeLessThanOrEqual(1e-12);
  });

  it('gives the same points, total and risk as rms-style scorePatient on the stored nomogram', () => {
    const d = studyDefinitionOf(results);
    const nom = nomogramOf(results);
    const terms: NomogramTerm[] = nom.axes.map((a) => {
      const beta = results.dlrn.model.terms.find((t) => t.term === a.name)?.estimate as number;
      return { kind: 'linear', name: a.name, beta, ticks: a.x };
    });
    for (const i of [0, 5, 17, 42]) {
      const v = patientValues(i);
      const p = predictPatient(results, d, v);
      const s = scorePatient(nom, terms, nom.axes.map((a) => v[a.name]));
      p.points.forEach((x, k) => expect(x).toBeCloseTo(s.points[k], 10));
      expect(p.totalPoints).toBeCloseTo(s.totalPoints, 10);
      expect(p.risk).toBeCloseTo(s.risk, 12);
      expect(p.riskLower).toBeLessThan(p.risk);
      expect(p.riskUpper).toBeGreaterThan(p.risk);
    }
  });

  it('computes the signature score from feature values when no score is given', () => {
    const d = studyDefinitionOf(results);
    const sig = results.signatures[0];
    const i = 3;
    const values: Record<string, number> = {};
    for (const f of sig.coefficients.features) values[f.feature] = sig.featureValues.values[f.feature][sig.featureValues.ids.indexOf(results.cohorts.training.ids[i])] * f.sd + f.mean;
    for (const p of results.dlrn.predictors) if (p !== 'score') values[p] = patientValues(i)[p];
    const p = predictPatient(results, d, values);
    expect(p.score.source).toBe('features');
    expect(p.score.value).toBeCloseTo(sig.scores.training.lp?.[i] as number, 10);
  });

  it('names a missing predictor', () => {
    expect(() => predictPatient(results, studyDefinitionOf(results), { score: 1 })).toThrow(PatientInputError);
  });
});

describe('patient report PDF', () => {
  it('renders the Chinese name as text, embeds every font, shows the prediction and the activation map', async () => {
    const png = execFileSync('pdftoppm', ['-png', '-r', '20', '-f', '1', '-l', '1', '-singlefile', join(ARTIFACTS, 'study-report.pdf')]);
    const values = patientValues(0);
    const { pdf, prediction } = await patientReportPdf(results, {
      patient: { name: '张伟（测试）', id: 'P001' },
      values,
      activationMap: png,
      generatedAt: new Date('2025-06-01T00:00:00Z'),
    });
    const path = join(ARTIFACTS, 'patient-report.pdf');
    writeFileSync(path, pdf);
    const n = pdfPageCount(path);
    expect(n).toBeGreaterThanOrEqual(1);
    const text = pdfTextPages(path).join('\n');
    expect(text).toContain('张伟（测试）');
    expect(text.replace(/\s+/g, ' ')).toContain('For research use only');
    const line = text.split('\n').find((l) => /Predicted probability/.test(l)) as string;
    expect(Math.abs((numbersIn(line)[0] as number) - prediction.risk)).toBeLessThanOrEqual(0.0005);
    expect(text).toContain(`${prediction.riskGroup?.level} (cut-off`);
    const fonts = pdfFonts(path);
    expect(fonts.every((f) => f.embedded)).toBe(true);
    expect(fonts.some((f) => /WenQuanYi/.test(f.name))).toBe(true);
    expect(execFileSync('pdfimages', ['-list', path], { encoding: 'utf8' }).split('\n').filter((l) => /^\s*\d+\s+\d+\s+image/.test(l))).toHaveLength(1);
    for (let page = 1; page <= n; page++) {
      const r = rasterPage(path, page, 40, join(ARTIFACTS, `patient-page-${page}.png`));
      expect(pixelVariance(r.pixels)).toBeGreaterThan(200);
    }
  });

  it('refuses a name with characters no bundled font has, naming them', async () => {
    await expect(patientReportPdf(results, { patient: { name: '김민준' }, values: patientValues(0) })).rejects.toThrow(ReportFontError);
    await expect(patientReportPdf(results, { patient: { name: '김민준' }, values: patientValues(0) })).rejects.toThrow(/김/);
  });
});
