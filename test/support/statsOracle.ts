import { readFileSync } from 'node:fs';
import { oraclePath } from './oracle';

/**
 * A CSV table of `oracle/stats/data/*.csv` as columns: numeric columns become `(number | null)[]`
 * (empty field = NA = null), quoted columns stay strings. Parsing the same decimal text R read gives
 * the same doubles (stats README §2).
 */
export interface CsvTable {
  header: string[];
  rows: number;
  num(column: string): (number | null)[];
  /** Numeric column with no NA, as a Float64Array; throws naming the column otherwise. */
  f64(column: string): Float64Array;
  str(column: string): string[];
}

function splitCsvLine(line: string): { value: string; quoted: boolean }[] {
  const out: { value: string; quoted: boolean }[] = [];
  let i = 0;
  while (i <= line.length) {
    if (line[i] === '"') {
      let j = i + 1;
      let v = '';
      while (j < line.length) {
        if (line[j] === '"' && line[j + 1] === '"') {
          v += '"';
          j += 2;
        } else if (line[j] === '"') break;
        else v += line[j++];
      }
      out.push({ value: v, quoted: true });
      i = j + 2;
    } else {
      const j = line.indexOf(',', i);
      const end = j < 0 ? line.length : j;
      out.push({ value: line.slice(i, end), quoted: false });
      i = end + 1;
    }
  }
  return out;
}

export function readCsvTable(path: string): CsvTable {
  const lines = readFileSync(path, 'utf8').replace(/^\uFEFF/, '').split('\n').filter((l) => l.length > 0);
  const header = splitCsvLine(lines[0]).map((c) => c.value);
  const cells = lines.slice(1).map(splitCsvLine);
  const col = (name: string): number => {
    const k = header.indexOf(name);
    if (k < 0) throw new Error(`column ${name} not in ${path}`);
    return k;
  };
  return {
    header,
    rows: cells.length,
    num(column) {
      const k = col(column);
      return cells.map((r) => (r[k].value === '' || r[k].value === 'NA' ? null : Number(r[k].value)));
    },
    f64(column) {
      const k = col(column);
      return Float64Array.from(
        cells.map((r, i) => {
          if (r[k].value === '' || r[k].value === 'NA') throw new Error(`NA in ${column} row ${i + 1}`);
          return Number(r[k].value);
        }),
      );
    },
    str(column) {
      const k = col(column);
      return cells.map((r) => r[k].value);
    },
  };
}

/** `oracle/stats/data/cohort.csv` (180 patients). */
export function loadCohort(): CsvTable {
  return readCsvTable(oraclePath('stats', 'data', 'cohort.csv'));
}

/** `oracle/stats/data/icc_readers.csv`. */
export function loadIccReaders(): CsvTable {
  return readCsvTable(oraclePath('stats', 'data', 'icc_readers.csv'));
}

/** Parsed `oracle/stats/expected/<area>.json`; JSON null stands for R's NA/NaN/±Inf. */
export function loadExpected<T = Record<string, unknown>>(area: string): T {
  return JSON.parse(readFileSync(oraclePath('stats', 'expected', `${area}.json`), 'utf8')) as T;
}

/** Row indices (0-based) where `predicate(value)` holds for a string column. */
export function whereStr(table: CsvTable, column: string, value: string): number[] {
  return table.str(column).flatMap((v, i) => (v === value ? [i] : []));
}
