import { readFileSync } from 'node:fs';
import { oraclePath } from './oracle';

/** One test column of a transposed pyradiomics baseline CSV: row key → raw cell text. */
export type BaselineColumn = Map<string, string>;

/** Split one CSV line (double-quoted cells may contain commas). */
function splitCsvLine(line: string): string[] {
  const cells: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') {
        cur += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cur += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      cells.push(cur);
      cur = '';
    } else cur += c;
  }
  cells.push(cur);
  return cells;
}

/** `oracle/pyradiomics/data/baseline/baseline_<cls>.csv` as column name → column. */
export function loadBaseline(cls: string): Map<string, BaselineColumn> {
  const text = readFileSync(oraclePath('pyradiomics', 'data', 'baseline', `baseline_${cls}.csv`), 'utf8');
  const rows = text.split(/\r?\n/).filter(Boolean).map(splitCsvLine);
  const header = rows[0]!;
  const out = new Map<string, BaselineColumn>();
  header.slice(1).forEach((name, c) => {
    const col: BaselineColumn = new Map();
    for (const row of rows.slice(1)) if (row[c + 1] !== undefined && row[c + 1] !== '') col.set(row[0]!, row[c + 1]!);
    out.set(name, col);
  });
  return out;
}
