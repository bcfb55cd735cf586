/**
 * Report tables as plain grids (header row + body rows of text) for CSV and XLSX export: multi-row headers
 * are flattened column by column ("Training cohort (n = 110): AUC"), spanning cells are repeated over the
 * columns they cover, and cell text is exactly what the PDF prints.
 */
import type { ReportDocument, ReportTable, TableCell } from '../engine/reports/document';

/** Cell texts of a row, each spanning cell repeated over its columns. */
function expand(row: readonly TableCell[]): string[] {
  return row.flatMap((c) => new Array<string>(c.span ?? 1).fill(c.text));
}

/** One table as a header and rows of text. */
export function tableGrid(t: ReportTable): { header: string[]; rows: string[][] } {
  const headerRows = t.header.map(expand);
  const n = Math.max(...headerRows.map((r) => r.length), ...t.rows.map((r) => expand(r).length));
  const header = Array.from({ length: n }, (_, j) => {
    const parts: string[] = [];
    for (const r of headerRows) {
      const v = (r[j] ?? '').replace(/\u00a0/g, ' ').trim();
      if (v && parts[parts.length - 1] !== v) parts.push(v);
    }
    return parts.join(': ') || `column ${j + 1}`;
  });
  const rows = t.rows.map((r) => {
    const texts = expand(r).map((s) => s.replace(/\u00a0/g, ' '));
    r.forEach((c, k) => {
      if (c.indent) texts[k] = `${'  '.repeat(c.indent)}${texts[k]}`;
    });
    return texts;
  });
  return { header, rows };
}

/** Every table of a report, by table id. */
export function reportTables(report: ReportDocument): ReportTable[] {
  return report.blocks.flatMap((b) => (b.kind === 'table' ? [b.table] : []));
}
