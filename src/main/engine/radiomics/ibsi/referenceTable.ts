/**
 * IBSI-1 reference values in the IBSI compliance-sheet layout (as distributed with z-rad's tests:
 * `ibsi_1_reference_values_<dataset>.csv`, UTF-8 with BOM): columns `dataset, family, feature,
 * consensus, reference value, tolerance, your result, difference, check, tag`. Rows without a reference
 * value (no consensus) are dropped.
 */
import { readFileSync } from 'node:fs';
import { parseCsv } from '../../io/csv';

/** One reference row. */
export interface IbsiReference {
  /** e.g. 'configuration A', 'digital phantom'. */
  dataset: string;
  /** IBSI family as printed, e.g. 'Co-occurrence matrix (2D, averaged)', 'Diagnostics-initial ROI'. */
  family: string;
  feature: string;
  consensus: string;
  tag: string;
  value: number;
  tolerance: number;
}

/** Parse the text of a reference sheet. */
export function parseIbsiReferences(text: string, source = 'IBSI reference table'): IbsiReference[] {
  const { header, rows } = parseCsv(text.replace(/^\uFEFF/, ''), source);
  const col = (name: string): number => {
    const i = header.indexOf(name);
    if (i < 0) throw new Error(`${source}: missing column '${name}'`);
    return i;
  };
  const [dataset, family, feature, consensus, value, tolerance, tag] = ['dataset', 'family', 'feature', 'consensus', 'reference value', 'tolerance', 'tag'].map(col) as number[];
  return rows
    .filter((r) => (r[value!] ?? '').trim() !== '')
    .map((r) => ({
      dataset: r[dataset!]!,
      family: r[family!]!,
      feature: r[feature!]!,
      consensus: r[consensus!]!,
      tag: r[tag!]!,
      value: Number(r[value!]),
      tolerance: Number(r[tolerance!] || 0),
    }));
}

/** Read a reference sheet from disk. */
export function readIbsiReferences(path: string): IbsiReference[] {
  return parseIbsiReferences(readFileSync(path, 'utf8'), path);
}
