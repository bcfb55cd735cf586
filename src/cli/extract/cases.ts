/**
 * Batch input of `dlrn extract CASES.csv`, pyradiomics' batch CSV: columns `Image` and `Mask`
 * (paths relative to the CSV's folder), optional `Label`, `Label_channel` and `ROI` (structure/segment
 * name of an RTSTRUCT/SEG mask), any other columns passed
 * through to the output. With a `Prefix` column (multi-phase studies) the rows sharing the value of
 * the `ID` column form one patient, extracted phase by phase under each row's prefix.
 */
import { readFileSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import { parseCsv } from '../../main/engine/io/csv';
import { CliError } from '../command';

/** One phase of a case. */
export interface CasePhase {
  prefix: string;
  imagePath: string;
  maskPath: string;
  label?: number;
  labelChannel?: number;
  /** Structure (RTSTRUCT) or segment (DICOM SEG) name when the mask is DICOM. */
  roi?: string;
}

/** One output row: pass-through columns and the phases to extract. */
export interface BatchCase {
  /** Input columns copied to the output, in input order. */
  passThrough: [string, string][];
  phases: CasePhase[];
}

function optionalInt(value: string | undefined, column: string, row: number, file: string): number | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  const n = Number(value);
  if (!Number.isInteger(n)) throw new CliError(`${file}: row ${row}: ${column} '${value}' is not an integer`);
  return n;
}

/** Read and check a batch CSV. `prefix` is the --prefix option, used when there is no Prefix column. */
export function readBatchCsv(file: string, prefix = ''): BatchCase[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new CliError(`${file}: cannot read (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
  }
  const { header, rows } = parseCsv(text, file);
  for (const col of ['Image', 'Mask']) if (!header.includes(col)) throw new CliError(`${file}: missing column '${col}' (columns: ${header.join(', ')})`);
  const col = (name: string): number => header.indexOf(name);
  const hasPrefix = header.includes('Prefix');
  if (hasPrefix && !header.includes('ID')) throw new CliError(`${file}: a 'Prefix' column needs an 'ID' column to group the phases of a patient`);
  const base = dirname(resolve(file));
  const path = (p: string): string => (isAbsolute(p) ? p : resolve(base, p));
  const cases: BatchCase[] = [];
  const byId = new Map<string, BatchCase>();
  rows.forEach((cells, i) => {
    const rowNo = i + 2;
    const get = (name: string): string | undefined => (col(name) >= 0 ? cells[col(name)] : undefined);
    const phase: CasePhase = {
      prefix: hasPrefix ? get('Prefix')! : prefix,
      imagePath: path(get('Image')!),
      maskPath: path(get('Mask')!),
      label: optionalInt(get('Label'), 'Label', rowNo, file),
      labelChannel: optionalInt(get('Label_channel'), 'Label_channel', rowNo, file),
      roi: get('ROI')?.trim() || undefined,
    };
    if (!hasPrefix) {
      cases.push({ passThrough: header.map((h, c) => [h, cells[c]!]), phases: [phase] });
      return;
    }
    const id = get('ID')!;
    let group = byId.get(id);
    if (!group) {
      group = { passThrough: header.filter((h) => !['Image', 'Mask', 'Label', 'Label_channel', 'ROI', 'Prefix'].includes(h)).map((h) => [h, cells[col(h)]!]), phases: [] };
      byId.set(id, group);
      cases.push(group);
    }
    if (group.phases.some((p) => p.prefix === phase.prefix)) throw new CliError(`${file}: row ${rowNo}: patient '${id}' has prefix '${phase.prefix}' twice`);
    group.phases.push(phase);
    for (const h of ['Image', 'Mask']) group.passThrough.push([`${phase.prefix}${h}`, get(h)!]);
  });
  return cases;
}
