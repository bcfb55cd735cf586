/**
 * Locale-proof feature tables: '.' as decimal separator and the shortest string that round-trips
 * each double (Python `repr`, as pyradiomics writes: `3057.0`, `nan`), RFC 4180 quoting.
 */
import type { FeatureValue } from '../../main/engine/radiomics/extractor';
import { pyFloat } from '../../main/engine/radiomics/pyRepr';

/** One output row: column → value (strings pass through, numbers as Python floats). */
export type OutputRow = Map<string, FeatureValue>;

/** A cell as text: numbers via Python's float repr, never locale-formatted. */
export function cellText(v: FeatureValue | undefined): string {
  if (v === undefined) return '';
  return typeof v === 'number' ? pyFloat(v) : v;
}

function quote(s: string): string {
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** Columns of a table: the union of the rows' keys in first-seen order. */
export function columnsOf(rows: readonly OutputRow[]): string[] {
  const seen = new Set<string>();
  for (const r of rows) for (const k of r.keys()) seen.add(k);
  return [...seen];
}

/** CSV text (header + one line per row, LF line ends). */
export function toCsv(rows: readonly OutputRow[]): string {
  const columns = columnsOf(rows);
  const lines = [columns.map(quote).join(',')];
  for (const r of rows) lines.push(columns.map((c) => quote(cellText(r.get(c)))).join(','));
  return `${lines.join('\n')}\n`;
}

/** JSON value of a row: numbers stay numbers (NaN/±Inf become null, JSON has none), strings stay strings. */
function jsonRow(r: OutputRow): Record<string, string | number | null> {
  return Object.fromEntries([...r].map(([k, v]) => [k, typeof v === 'number' && !Number.isFinite(v) ? null : v]));
}

/** JSON text: one object for a single case, an array for a batch. */
export function toJson(rows: readonly OutputRow[], single: boolean): string {
  return `${JSON.stringify(single ? jsonRow(rows[0]!) : rows.map(jsonRow), null, 2)}\n`;
}
