/**
 * CSV exports, locale-proof (',' separator, '.' decimals, UTF-8, RFC 4180 quoting, optional BOM for
 * spreadsheet programs that guess the encoding) through `engine/io/csvWrite`:
 * - feature tables in pyradiomics' batch layout (the input columns of each case, then `diagnostics_*` and the
 *   feature columns, one row per case; numbers as Python's `repr(float)`, as pyradiomics writes them);
 * - the report's tables exactly as printed, and results.json's numeric tables at full precision;
 * - figures as SVG files (vector, fonts by name: DejaVu Sans / WenQuanYi Micro Hei).
 * PNG figures are not exported: no pure-JS SVG rasteriser is installed; the SVG and the PDF are the supported
 * figure formats.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { toCsv, type CsvCell } from '../engine/io/csvWrite';
import { pyFloat } from '../engine/radiomics/pyRepr';
import type { ReportDocument } from '../engine/reports/document';
import type { Figure } from '../engine/reports/figures/svg';
import { studyTables } from '../engine/study/tables';
import type { StudyResults } from '../engine/study/resultsSchema';
import { reportTables, tableGrid } from './tables';

/** Options of the CSV writers. */
export interface CsvOptions {
  /** Prefix a UTF-8 byte-order mark (Excel on Windows then reads non-ASCII text correctly). */
  bom?: boolean;
}

/** One case of a feature table: its input columns (Image, Mask, ID, …) and its values (diagnostics and features). */
export interface FeatureCase {
  inputs: Record<string, string>;
  values: ReadonlyMap<string, number | string>;
}

/**
 * Feature table in pyradiomics' batch-output layout: columns = input columns (first-seen order), then every
 * value key (first-seen order); numbers as Python floats (`3057.0`, `nan`), strings as they are.
 */
export function featuresBatchCsv(cases: readonly FeatureCase[], o: CsvOptions = {}): string {
  const { header, rows } = featuresGrid(cases);
  return toCsv(header, rows, o);
}

/** Header and cells of {@link featuresBatchCsv} (shared with the XLSX export). */
export function featuresGrid(cases: readonly FeatureCase[]): { header: string[]; rows: CsvCell[][]; numbers: (number | string | null)[][] } {
  const inputCols: string[] = [];
  const valueCols: string[] = [];
  const seenIn = new Set<string>();
  const seenVal = new Set<string>();
  for (const c of cases) {
    for (const k of Object.keys(c.inputs)) {
      if (seenIn.has(k)) continue;
      seenIn.add(k);
      inputCols.push(k);
    }
    for (const k of c.values.keys()) {
      if (seenVal.has(k) || seenIn.has(k)) continue;
      seenVal.add(k);
      valueCols.push(k);
    }
  }
  const numbers = cases.map((c) => [...inputCols.map((k) => c.inputs[k] ?? null), ...valueCols.map((k) => c.values.get(k) ?? null)]);
  const rows = numbers.map((r) => r.map((v) => (typeof v === 'number' ? pyFloat(v) : v)));
  return { header: [...inputCols, ...valueCols], rows, numbers };
}

/** The report's tables as printed, one CSV text per table id. */
export function reportTablesCsv(report: ReportDocument, o: CsvOptions = {}): Map<string, string> {
  const out = new Map<string, string>();
  for (const t of reportTables(report)) {
    const g = tableGrid(t);
    out.set(t.id, toCsv(g.header, g.rows, o));
  }
  return out;
}

/** results.json's numeric tables at full precision (performance, DeLong, Table 1/2, predictions, …). */
export function resultsTablesCsv(results: StudyResults, o: CsvOptions = {}): Map<string, string> {
  return new Map(studyTables(results).map((t) => [t.file.replace(/\.csv$/, ''), toCsv(t.header, t.rows, o)]));
}

/** Writes every figure as `<id>.svg` into `dir`; returns the file names. */
export function writeFigureSvgs(figures: readonly Figure[], dir: string): string[] {
  mkdirSync(dir, { recursive: true });
  return figures.map((f) => {
    const name = `${f.id}.svg`;
    writeFileSync(join(dir, name), `<?xml version="1.0" encoding="UTF-8"?>\n${f.svg}\n`);
    return name;
  });
}

/** Writes the printed report tables (`<id>.csv`) and the numeric results tables (`results_<name>.csv`) into `dir`. */
export function writeTableCsvs(report: ReportDocument, results: StudyResults, dir: string, o: CsvOptions = {}): string[] {
  mkdirSync(dir, { recursive: true });
  const files: string[] = [];
  for (const [id, text] of reportTablesCsv(report, o)) {
    writeFileSync(join(dir, `${id}.csv`), text);
    files.push(`${id}.csv`);
  }
  for (const [id, text] of resultsTablesCsv(results, o)) {
    writeFileSync(join(dir, `results_${id}.csv`), text);
    files.push(`results_${id}.csv`);
  }
  return files;
}

/** The figures of a report model, in order. */
export function reportFigures(report: ReportDocument): Figure[] {
  return report.blocks.flatMap((b) => (b.kind === 'figure' ? [b.figure] : []));
}
