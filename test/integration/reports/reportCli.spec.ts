/**
 * `dlrn report` and `dlrn predict` end to end on a results.json written from the oracle study: exit codes,
 * PDF/CSV/XLSX/SVG/PNG outputs, the prediction printed, and usage errors.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import * as XLSX from 'xlsx';
import { main } from '../../../src/cli/main';
import { parsePatientValues } from '../../../src/cli/commands/predict';
import { oracleStudyResults } from '../../support/reportFixture';
import { pdfPageCount, pdfTextPages } from '../../support/pdfTools';
import { tempDir } from '../../support/tmp';
import type { StudyResults } from '../../../src/main/engine/study/resultsSchema';

async function run(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const o = vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void out.push(a.join(' ')));
  const e = vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => void err.push(a.join(' ')));
  try {
    return { code: await main(args), stdout: out.join('\n'), stderr: err.join('\n') };
  } finally {
    o.mockRestore();
    e.mockRestore();
  }
}

let results: StudyResults;
beforeAll(() => {
  results = oracleStudyResults();
}, 120_000);

function resultsFile(): string {
  const path = join(tempDir(), 'results.json');
  writeFileSync(path, JSON.stringify(results, null, 2));
  return path;
}

describe('dlrn report', () => {
  it('writes the PDF, the tables as CSV and XLSX, and the figures as SVG and PNG', async () => {
    const dir = tempDir();
    const r = await run(['report', '--results', resultsFile(), '-o', join(dir, 'report.pdf'), '--tables', join(dir, 'tables'), '--xlsx', join(dir, 'tables.xlsx'), '--figures', join(dir, 'fig'), '--bom']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(pdfPageCount(join(dir, 'report.pdf'))).toBeGreaterThanOrEqual(10);
    const tables = readdirSync(join(dir, 'tables'));
    for (const t of ['table1.csv', 'table2.csv', 'table3.csv', 'calibration.csv', 'results_performance.csv', 'results_delong.csv']) expect(tables).toContain(t);
    const t3 = readFileSync(join(dir, 'tables', 'table3.csv'), 'utf8');
    expect(t3.startsWith('\uFEFFModel,')).toBe(true);
    expect(t3).toContain(`DLRN,`);
    const wb = XLSX.read(readFileSync(join(dir, 'tables.xlsx')), { type: 'array' });
    expect(wb.SheetNames).toEqual(expect.arrayContaining(['table1', 'table2', 'table3', 'results_performance']));
    const perf = XLSX.utils.sheet_to_json<Record<string, unknown>>(wb.Sheets.results_performance);
    const dlrnTraining = perf.find((row) => row.model === 'dlrn' && row.cohort === 'training');
    expect(dlrnTraining?.auc).toBe(results.evaluation.roc.dlrn.training.auc);
    const svgs = readdirSync(join(dir, 'fig'));
    expect(svgs).toEqual(expect.arrayContaining(['roc.svg', 'calibration.svg', 'decision-curve.svg', 'kaplan-meier.svg', 'nomogram.svg', 'lasso.svg']));
    expect(readFileSync(join(dir, 'fig', 'roc.svg'), 'utf8')).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<svg /);
    const pngs = svgs.filter((f) => f.endsWith('.png'));
    expect(pngs.sort()).toEqual(svgs.filter((f) => f.endsWith('.svg')).map((f) => f.replace(/\.svg$/, '.png')).sort());
    for (const f of pngs) expect(Array.from(readFileSync(join(dir, 'fig', f)).subarray(0, 4)), f).toEqual([0x89, 0x50, 0x4e, 0x47]);
    expect(r.stdout).toMatch(new RegExp(`wrote ${pngs.length} SVG and ${pngs.length} PNG figures`));
  });

  it('usage errors exit 2 and a bad results file names the problem', async () => {
    expect((await run(['report', '-o', 'x.pdf'])).code).toBe(2);
    const bad = join(tempDir(), 'results.json');
    writeFileSync(bad, '{"format": "nope"}');
    const r = await run(['report', '--results', bad, '-o', join(tempDir(), 'r.pdf')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('schema');
  });
});

describe('dlrn predict', () => {
  it('prints the risk and writes the patient report', async () => {
    const dir = tempDir();
    const out = join(dir, 'patient.pdf');
    const r = await run(['predict', '--results', resultsFile(), '--patient-values', 'score=0.8', 'sex=1', '--name', '王芳', '--id', 'P-7', '-o', out]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^risk 0\.\d{3} \(95% CI 0\.\d{3}–0\.\d{3}\), total points \d+\.\d, (high|low)-risk group; wrote /);
    expect(existsSync(out)).toBe(true);
    expect(pdfTextPages(out).join('\n')).toContain('王芳');
  });

  it('a missing predictor or a decimal comma is a usage error', async () => {
    const path = resultsFile();
    const r = await run(['predict', '--results', path, '--patient-values', 'score=0.8', '-o', join(tempDir(), 'p.pdf')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('sex');
    expect(() => parsePatientValues(['score=0,8'])).toThrow(/not a number/);
    expect(parsePatientValues(['score=1.5 sex=1', 'age=6e1'])).toEqual({ score: 1.5, sex: 1, age: 60 });
  });
});
