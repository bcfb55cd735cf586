import { readFileSync } from 'node:fs';
import { oraclePath } from '../../support/oracle';

/** One grid table of `06_Digital_phantom_texture_matrices.rst`: header names and numeric rows. */
export interface RstTable {
  header: string[];
  rows: number[][];
}

/**
 * Tables of the IBSI digital-phantom texture-matrix page, grouped by section title
 * (e.g. "Grey level co-occurrence matrix (3D, merged)"). Tables appear in document order; their
 * direction/slice captions are unreliable in the converted text, so tests compare multisets.
 */
export function readPhantomMatrixTables(): Map<string, RstTable[]> {
  const lines = readFileSync(oraclePath('ibsi', 'ibsi-doc', '06_Digital_phantom_texture_matrices.rst'), 'utf8').split(/\r?\n/);
  const sections = new Map<string, RstTable[]>();
  let current: RstTable[] | null = null;
  let table: RstTable | null = null;
  for (let k = 0; k < lines.length; k++) {
    const line = lines[k]!;
    const next = lines[k + 1] ?? '';
    if (/^-{4,}$/.test(next) && line.trim().length > 0) {
      current = [];
      sections.set(line.trim(), current);
      continue;
    }
    const cells = /^\s+\|(.*)\|\s*$/.exec(line);
    if (cells && current) {
      const fields = cells[1]!.split('|').map((f) => f.trim());
      if (!table) {
        table = { header: fields, rows: [] };
        current.push(table);
      } else table.rows.push(fields.map(Number));
    } else if (!/^\s+\+[-=+]+\+\s*$/.test(line)) table = null;
  }
  return sections;
}
