import * as XLSX from 'xlsx';
import { validateClinicalRows, type ClinicalTable } from './clinicalTable';

/** Read the first worksheet of an XLSX workbook as a clinical table (cells as displayed text). */
export function readClinicalXlsx(bytes: Uint8Array, source: string): ClinicalTable {
  let workbook: XLSX.WorkBook;
  try {
    workbook = XLSX.read(bytes, { type: 'array', cellDates: false });
  } catch (err) {
    throw new Error(`${source}: not a readable XLSX workbook (${(err as Error).message})`);
  }
  const name = workbook.SheetNames[0];
  if (!name) throw new Error(`${source}: the workbook has no sheets`);
  const grid = XLSX.utils.sheet_to_json<unknown[]>(workbook.Sheets[name], { header: 1, raw: true, defval: '', blankrows: false });
  if (grid.length === 0) throw new Error(`${source}: sheet '${name}' is empty`);
  const cell = (v: unknown): string => (typeof v === 'number' ? String(v) : String(v ?? ''));
  const header = grid[0].map(cell);
  const rows = grid.slice(1).map((r) => header.map((_, k) => cell(r[k])));
  return validateClinicalRows(header, rows, { source });
}
