/**
 * Locale-proof CSV writing: ',' delimiter, '.' decimals, numbers in their shortest round-trip
 * form (full double precision), NaN/undefined as empty, RFC 4180 quoting, LF line ends.
 */
export type CsvCell = string | number | boolean | null | undefined;

function cell(v: CsvCell): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : Number.isNaN(v) ? '' : v > 0 ? 'Inf' : '-Inf';
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  return /[",\r\n]/.test(v) || /^\s|\s$/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

export function toCsv(header: string[], rows: CsvCell[][], options: { bom?: boolean } = {}): string {
  const lines = [header.map(cell).join(','), ...rows.map((r) => r.map(cell).join(','))];
  return (options.bom ? '\uFEFF' : '') + lines.join('\n') + '\n';
}
