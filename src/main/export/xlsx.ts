/**
 * XLSX exports (SheetJS): the feature table in pyradiomics' batch layout (numbers as numeric cells), and a
 * workbook with one sheet per report table (text as printed) plus one per numeric results table (numbers at
 * full precision). Sheet names are the table ids, cut to Excel's 31 characters.
 */
import * as XLSX from 'xlsx';
import type { ReportDocument } from '../engine/reports/document';
import { studyTables } from '../engine/study/tables';
import type { StudyResults } from '../engine/study/resultsSchema';
import { featuresGrid, type FeatureCase } from './csv';
import { reportTables, tableGrid } from './tables';

type Cell = string | number | boolean | null | undefined;

function sheetName(name: string, used: Set<string>): string {
  const base = name.replace(/[\\/?*[\]:]/g, '_').slice(0, 31) || 'sheet';
  let n = base;
  for (let k = 2; used.has(n); k++) n = `${base.slice(0, 31 - String(k).length - 1)}_${k}`;
  used.add(n);
  return n;
}

function addSheet(wb: XLSX.WorkBook, name: string, header: string[], rows: Cell[][], used: Set<string>): void {
  const aoa = [header, ...rows.map((r) => r.map((v) => (typeof v === 'number' && !Number.isFinite(v) ? null : (v ?? null))))];
  XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet(aoa), sheetName(name, used));
}

function bytes(wb: XLSX.WorkBook): Uint8Array {
  return new Uint8Array(XLSX.write(wb, { type: 'array', bookType: 'xlsx', compression: true }) as ArrayBuffer);
}

/** Feature table workbook (sheet "features"): input columns, then diagnostics and features; NaN as empty cells. */
export function featuresXlsx(cases: readonly FeatureCase[]): Uint8Array {
  const { header, numbers } = featuresGrid(cases);
  const wb = XLSX.utils.book_new();
  addSheet(wb, 'features', header, numbers, new Set());
  return bytes(wb);
}

/** Report tables as printed, then results.json's numeric tables, one sheet each. */
export function tablesXlsx(report: ReportDocument, results: StudyResults): Uint8Array {
  const wb = XLSX.utils.book_new();
  const used = new Set<string>();
  for (const t of reportTables(report)) {
    const g = tableGrid(t);
    addSheet(wb, t.id, g.header, g.rows, used);
  }
  for (const t of studyTables(results)) addSheet(wb, `results_${t.file.replace(/\.csv$/, '')}`, t.header, t.rows, used);
  return bytes(wb);
}
