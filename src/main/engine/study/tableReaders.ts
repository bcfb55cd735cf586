/**
 * Readers of the feature-table route: a wide feature CSV (an id column plus one column per feature; the
 * pyradiomics batch output and `dlrn extract` are accepted as is), a clinical CSV and an ICC ratings CSV.
 * Numbers use '.' decimals; a ';'-delimited file (Excel in decimal-comma locales, see `io/csv`) may also use
 * ',' decimals.
 */
import { parseCsv } from '../io/csv';
import { isMissingText, parseDecimal, type ClinicalColumn, type ClinicalData, type FeatureMatrix, type IccRatings } from './studyData';
import { StudyInputError, problemMessage } from './studyErrors';

/** Id column names tried, in order, when the study does not name one. */
const ID_CANDIDATES = ['id', 'ID', 'Id', 'PatientID', 'patient_id', 'patient', 'Patient', 'case', 'Case'];

/**
 * pyradiomics / `dlrn extract` bookkeeping columns that are never features, with or without a phase prefix
 * (`A_Image`, `V_diagnostics_...`).
 */
const NON_FEATURE = /^(?:.*_)?(?:Image|Mask|Label|Label_channel|Prefix|Error)$|(?:^|_)diagnostics_/;

function resolveIdColumn(header: string[], wanted: string | undefined, source: string): number {
  if (wanted !== undefined) {
    const k = header.indexOf(wanted);
    if (k < 0) throw new StudyInputError(`${source}: no id column "${wanted}" (columns: ${header.slice(0, 12).join(', ')}${header.length > 12 ? ', …' : ''})`);
    return k;
  }
  for (const c of ID_CANDIDATES) {
    const k = header.indexOf(c);
    if (k >= 0) return k;
  }
  throw new StudyInputError(`${source}: no patient id column (tried ${ID_CANDIDATES.join(', ')}); name it with featureTable.idColumn`);
}

function duplicateIds(ids: string[]): string[] {
  const seen = new Set<string>();
  const dup = new Set<string>();
  for (const id of ids) (seen.has(id) ? dup : seen).add(id);
  return [...dup];
}

/** Short list of names for messages: the first `max`, then a count. */
export function listNames(names: readonly string[], max = 10): string {
  return names.length <= max ? names.join(', ') : `${names.slice(0, max).join(', ')} and ${names.length - max} more`;
}

/**
 * Reads a feature table. Layouts:
 * - wide: one row per patient, `id` + feature columns (multi-phase features carry a phase prefix, e.g. `A_original_…`);
 * - pyradiomics batch with a `Prefix` column: one row per (patient, phase); feature names become prefix + name.
 * Columns `Image`, `Mask`, `Label`, `Label_channel`, `Prefix`, `diagnostics_*` and text-only columns are not
 * features (listed in `ignoredColumns`). A non-empty `Error` cell (dlrn extract) is reported per patient.
 * Missing cells (empty, NA, nan, …) become NaN; a cell that is neither a number nor missing in an otherwise
 * numeric column is an error naming the patient and column.
 */
export function readFeatureTableCsv(text: string, source: string, idColumn?: string): FeatureMatrix {
  const csv = parseCsv(text, source);
  const { header, rows } = csv;
  const comma = csv.delimiter === ';';
  const idCol = resolveIdColumn(header, idColumn, source);
  const prefixCol = header.indexOf('Prefix');
  const errorCols = header.flatMap((h, k) => (/^(?:.*_)?Error$/.test(h) ? [k] : []));
  const extractionErrors: { id: string; message: string }[] = [];
  for (const r of rows) for (const k of errorCols) if (r[k].trim()) extractionErrors.push({ id: r[idCol].trim(), message: r[k].trim() });

  const candidates = header.flatMap((h, k) => (k === idCol || NON_FEATURE.test(h) ? [] : [k]));
  const ignoredColumns = header.filter((h, k) => k !== idCol && NON_FEATURE.test(h));
  const numericCols: number[] = [];
  const problems: string[] = [];
  for (const k of candidates) {
    const bad: string[] = [];
    let numbers = 0;
    for (const r of rows) {
      const t = r[k];
      if (isMissingText(t) || /^[+-]?inf(inity)?$/i.test(t.trim())) continue;
      if (Number.isNaN(cellNumber(t, comma))) bad.push(r[idCol]);
      else numbers++;
    }
    if (numbers === 0 && bad.length > 0) ignoredColumns.push(header[k]);
    else if (bad.length) problems.push(`column "${header[k]}": not a number for patient(s) ${listNames(bad)}`);
    else numericCols.push(k);
  }
  if (problems.length) throw new StudyInputError(problemMessage(`${source}: unreadable feature values`, problems), problems);

  if (prefixCol >= 0 && duplicateIds(rows.map((r) => r[idCol].trim())).length) {
    return pivotPrefixed(rows, header, idCol, prefixCol, numericCols, ignoredColumns, extractionErrors, source, comma);
  }
  const ids = rows.map((r) => r[idCol].trim());
  const dup = duplicateIds(ids);
  if (dup.length) throw new StudyInputError(`${source}: patient id(s) ${listNames(dup)} occur more than once`);
  return {
    ids,
    names: numericCols.map((k) => header[k]),
    columns: numericCols.map((k) => Float64Array.from(rows, (r) => cellNumber(r[k], comma))),
    ignoredColumns,
    extractionErrors,
  };
}

function cellNumber(t: string, decimalComma: boolean): number {
  if (isMissingText(t)) return NaN;
  const s = t.trim();
  if (/^[+-]?inf(inity)?$/i.test(s)) return NaN;
  return parseDecimal(decimalComma ? s.replace(/^([+-]?\d*),(\d+(?:[eE][+-]?\d+)?)$/, '$1.$2') : s);
}

function pivotPrefixed(
  rows: string[][],
  header: string[],
  idCol: number,
  prefixCol: number,
  numericCols: number[],
  ignoredColumns: string[],
  extractionErrors: { id: string; message: string }[],
  source: string,
  decimalComma: boolean,
): FeatureMatrix {
  const ids: string[] = [];
  const rowOf = new Map<string, number>();
  const prefixes: string[] = [];
  const seen = new Set<string>();
  for (const r of rows) {
    const id = r[idCol].trim();
    const prefix = r[prefixCol];
    const key = `${id}\u0000${prefix}`;
    if (seen.has(key)) throw new StudyInputError(`${source}: patient "${id}" has prefix "${prefix}" twice`);
    seen.add(key);
    if (!rowOf.has(id)) {
      rowOf.set(id, ids.length);
      ids.push(id);
    }
    if (!prefixes.includes(prefix)) prefixes.push(prefix);
  }
  const names: string[] = [];
  const columns: Float64Array[] = [];
  for (const prefix of prefixes) {
    for (const k of numericCols) {
      const col = new Float64Array(ids.length).fill(NaN);
      for (const r of rows) if (r[prefixCol] === prefix) col[rowOf.get(r[idCol].trim()) as number] = cellNumber(r[k], decimalComma);
      names.push(`${prefix}${header[k]}`);
      columns.push(col);
    }
  }
  return { ids, names, columns, ignoredColumns, extractionErrors };
}

/**
 * Reads a clinical table: an id column and any other columns. A column whose non-missing cells are all
 * numbers is numeric (NaN = missing); any other column is text (null = missing).
 */
export function readClinicalCsv(text: string, source: string, idColumn: string): ClinicalData {
  const { header, rows, delimiter } = parseCsv(text, source);
  const comma = delimiter === ';';
  const idCol = header.indexOf(idColumn);
  if (idCol < 0) throw new StudyInputError(`${source}: no id column "${idColumn}" (set patients.idColumn)`);
  const ids = rows.map((r) => r[idCol].trim());
  const empty = ids.flatMap((id, i) => (id === '' ? [`row ${i + 2}`] : []));
  if (empty.length) throw new StudyInputError(`${source}: empty patient id at ${listNames(empty)}`);
  const dup = duplicateIds(ids);
  if (dup.length) throw new StudyInputError(`${source}: patient id(s) ${listNames(dup)} occur more than once`);
  const columns = new Map<string, ClinicalColumn>();
  header.forEach((name, k) => {
    if (k === idCol) return;
    const cells = rows.map((r) => r[k]);
    const numeric = cells.every((t) => isMissingText(t) || !Number.isNaN(cellNumber(t, comma)));
    columns.set(
      name,
      numeric
        ? { kind: 'number', values: Float64Array.from(cells, (t) => cellNumber(t, comma)) }
        : { kind: 'text', values: cells.map((t) => (isMissingText(t) ? null : t.trim())) },
    );
  });
  return { ids, columns };
}

/**
 * Reads ICC ratings in long format: columns `feature`, `patient` and one numeric column per reading
 * (e.g. `reader1`, `reader2`); missing ratings are errors naming the feature and patient.
 */
export function readIccRatingsCsv(text: string, source: string): IccRatings {
  const { header, rows } = parseCsv(text, source);
  const f = header.indexOf('feature');
  const p = header.indexOf('patient');
  if (f < 0 || p < 0) throw new StudyInputError(`${source}: an ICC ratings table needs columns "feature" and "patient"`);
  const ratingCols = header.flatMap((_, k) => (k === f || k === p ? [] : [k]));
  if (ratingCols.length < 2) throw new StudyInputError(`${source}: an ICC ratings table needs at least two rating columns`);
  const problems: string[] = [];
  const ratings = new Map<string, Float64Array>();
  for (const k of ratingCols) {
    ratings.set(
      header[k],
      Float64Array.from(rows, (r) => {
        const v = parseDecimal(r[k]);
        if (Number.isNaN(v) && problems.length < 20) problems.push(`${header[k]}: "${r[k]}" for feature ${r[f]}, patient ${r[p]}`);
        return v;
      }),
    );
  }
  if (problems.length) throw new StudyInputError(problemMessage(`${source}: ratings must be numbers`, problems), problems);
  return { feature: rows.map((r) => r[f].trim()), patient: rows.map((r) => r[p].trim()), ratings };
}
