/**
 * Validation and margins of an r × c contingency table of counts, shared by the chi-square and
 * Fisher tests.
 */
import { StatsInputError } from '../errors';

export interface Margins {
  rowSums: number[];
  colSums: number[];
  total: number;
}

/**
 * Checks that `table` is a rectangular r × c matrix (r, c ≥ 2) of non-negative integer counts
 * with no empty row or column, and returns its margins.
 */
export function tableMargins(table: readonly (readonly number[])[], what: string): Margins {
  const r = table.length;
  if (r < 2) throw new StatsInputError(`${what}: table needs at least 2 rows, got ${r}`);
  const c = table[0].length;
  if (c < 2) throw new StatsInputError(`${what}: table needs at least 2 columns, got ${c}`);
  const rowSums = new Array<number>(r).fill(0);
  const colSums = new Array<number>(c).fill(0);
  for (let i = 0; i < r; i++) {
    if (table[i].length !== c) throw new StatsInputError(`${what}: row ${i} has ${table[i].length} cells, expected ${c}`);
    for (let j = 0; j < c; j++) {
      const v = table[i][j];
      if (!(Number.isInteger(v) && v >= 0)) throw new StatsInputError(`${what}: cell [${i}][${j}] = ${v} is not a count`);
      rowSums[i] += v;
      colSums[j] += v;
    }
  }
  rowSums.forEach((s, i) => {
    if (s === 0) throw new StatsInputError(`${what}: row ${i} is empty (all counts zero)`);
  });
  colSums.forEach((s, j) => {
    if (s === 0) throw new StatsInputError(`${what}: column ${j} is empty (all counts zero)`);
  });
  return { rowSums, colSums, total: rowSums.reduce((a, b) => a + b, 0) };
}
