import { parseCsv } from './csv';

/**
 * The clinical table of a study (the paper's Table 1 variables, outcome and follow-up), validated
 * row by row. Canonical column names are below; common aliases are accepted (case- and
 * punctuation-insensitive). Columns that are not recognised are kept as custom variables.
 */
export type VariableKind =
  | { type: 'number'; min?: number; max?: number; integer?: boolean }
  | { type: 'binary'; labels: [string[], string[]] } // [values meaning 0, values meaning 1]
  | { type: 'text' };

export interface VariableSpec {
  name: string;
  aliases: string[];
  kind: VariableKind;
  description: string;
}

const NO = ['0', 'no', 'n', 'absent', 'not present', 'false', 'negative'];
const YES = ['1', 'yes', 'y', 'present', 'true', 'positive'];

export const CLINICAL_VARIABLES: VariableSpec[] = [
  { name: 'centre', aliases: ['center', 'site', 'hospital'], kind: { type: 'text' }, description: 'recruiting centre' },
  { name: 'cohort', aliases: ['set', 'split'], kind: { type: 'text' }, description: "cohort, e.g. 'train' or 'validation'" },
  { name: 'age', aliases: ['age_years'], kind: { type: 'number', min: 0, max: 120 }, description: 'age at surgery, years' },
  { name: 'sex', aliases: ['gender'], kind: { type: 'binary', labels: [['f', 'female', '0'], ['m', 'male', '1']] }, description: '1 = male, 0 = female' },
  { name: 'ki67', aliases: ['ki_67', 'ki67_index', 'ki_67_index', 'ki67_percent', 'ki_67_percent'], kind: { type: 'number', min: 0, max: 100 }, description: 'Ki-67 index, %' },
  { name: 'tumour_size_mm', aliases: ['tumor_size_mm', 'size_mm'], kind: { type: 'number', min: 0, max: 1000 }, description: 'largest tumour diameter, mm' },
  { name: 'tumour_size_cm', aliases: ['tumor_size_cm', 'size_cm'], kind: { type: 'number', min: 0, max: 100 }, description: 'largest tumour diameter, cm' },
  { name: 'n_stage', aliases: ['clinical_n_stage', 'n'], kind: { type: 'binary', labels: [['n0', '0'], ['n1', '1']] }, description: 'clinical N stage, 1 = N1' },
  { name: 'necrosis', aliases: ['cystic_spaces_or_necrosis', 'cystic_necrosis'], kind: { type: 'binary', labels: [NO, YES] }, description: 'cystic spaces or necrosis present' },
  {
    name: 'enhancement_degree',
    aliases: ['degree_of_enhancement'],
    kind: { type: 'binary', labels: [['0', 'slightly below or equal to muscle', 'low', 'lower'], ['1', 'higher than muscle', 'high', 'higher']] },
    description: '1 = higher than muscle',
  },
  {
    name: 'enhancement_pattern',
    aliases: ['pattern_of_enhancement'],
    kind: { type: 'binary', labels: [['0', 'homogeneous'], ['1', 'heterogeneous']] },
    description: '1 = heterogeneous',
  },
  { name: 'contours', aliases: ['tumour_contours', 'tumor_contours', 'margin'], kind: { type: 'binary', labels: [['0', 'smooth'], ['1', 'irregular']] }, description: '1 = irregular' },
  { name: 'adjacent_organ_involvement', aliases: ['organ_involvement', 'adjacent_organ'], kind: { type: 'binary', labels: [NO, YES] }, description: 'adjacent organ involvement present' },
  { name: 'mdm', aliases: ['outcome', 'metastasis', 'distant_metastasis'], kind: { type: 'binary', labels: [NO, YES] }, description: 'metachronous distant metastasis (outcome)' },
  { name: 'followup_months', aliases: ['time', 'followup', 'dmfs_months', 'time_months'], kind: { type: 'number', min: 0, max: 600 }, description: 'follow-up, months' },
  { name: 'event', aliases: ['status', 'dmfs_event'], kind: { type: 'binary', labels: [NO, YES] }, description: '1 = event, 0 = censored' },
];

const PATIENT_ID_ALIASES = ['patient_id', 'patientid', 'patient', 'id', 'pid', 'case'];

function normaliseName(s: string): string {
  return s.trim().toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^_|_$/g, '');
}

export interface ClinicalRow {
  /** 1-based line number in the file (header = line 1), for error reports. */
  line: number;
  patientId: string;
  /** Canonical variable → number (binary as 0/1) or text; null = missing. */
  values: Map<string, number | string | null>;
}

export interface RowError {
  line: number;
  patientId: string | null;
  column: string;
  message: string;
}

export interface ClinicalTable {
  rows: ClinicalRow[];
  errors: RowError[];
  /** Header name → canonical variable (custom columns map to their normalised name). */
  columns: { header: string; variable: string; custom: boolean }[];
}

const MISSING = new Set(['', 'na', 'n/a', 'nan', 'null', '.', '-']);

function parseNumber(raw: string, decimalComma: boolean): number {
  const s = decimalComma ? raw.replace(',', '.') : raw;
  if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(s)) return NaN;
  return Number(s);
}

function validateCell(spec: VariableSpec, raw: string, decimalComma: boolean): { value: number | string | null; error?: string } {
  const v = raw.trim();
  if (MISSING.has(v.toLowerCase())) return { value: null };
  const kind = spec.kind;
  if (kind.type === 'text') return { value: v };
  if (kind.type === 'binary') {
    const lower = v.toLowerCase();
    if (kind.labels[0].includes(lower)) return { value: 0 };
    if (kind.labels[1].includes(lower)) return { value: 1 };
    return { value: null, error: `'${v}' is not one of ${kind.labels[0][0]}/${kind.labels[1][0]} (${spec.description})` };
  }
  const n = parseNumber(v, decimalComma);
  if (!Number.isFinite(n)) return { value: null, error: `'${v}' is not a number` };
  if (kind.min !== undefined && n < kind.min) return { value: null, error: `${n} is below ${kind.min} (${spec.description})` };
  if (kind.max !== undefined && n > kind.max) return { value: null, error: `${n} is above ${kind.max} (${spec.description})` };
  return { value: n };
}

/** Validate a table given as header + string rows (from CSV or a spreadsheet). */
export function validateClinicalRows(header: string[], rows: string[][], options: { decimalComma?: boolean; source?: string } = {}): ClinicalTable {
  const source = options.source ?? 'clinical table';
  const normalised = header.map(normaliseName);
  const idCol = normalised.findIndex((h) => PATIENT_ID_ALIASES.includes(h));
  if (idCol < 0) throw new Error(`${source}: no patient id column (expected one of: ${PATIENT_ID_ALIASES.join(', ')})`);
  const columns = header.map((h, k) => {
    if (k === idCol) return { header: h, variable: 'patient_id', custom: false };
    const spec = CLINICAL_VARIABLES.find((s) => s.name === normalised[k] || s.aliases.includes(normalised[k]));
    return { header: h, variable: spec ? spec.name : normalised[k], custom: !spec };
  });
  const seenVars = new Map<string, string>();
  for (const c of columns) {
    const prev = seenVars.get(c.variable);
    if (prev !== undefined) throw new Error(`${source}: columns '${prev}' and '${c.header}' both map to '${c.variable}'`);
    seenVars.set(c.variable, c.header);
  }
  const errors: RowError[] = [];
  const out: ClinicalRow[] = [];
  const seenIds = new Map<string, number>();
  rows.forEach((cells, k) => {
    const line = k + 2;
    const patientId = cells[idCol].trim();
    if (!patientId) {
      errors.push({ line, patientId: null, column: header[idCol], message: 'patient id is empty' });
      return;
    }
    const dup = seenIds.get(patientId);
    if (dup !== undefined) errors.push({ line, patientId, column: header[idCol], message: `patient ${patientId} also on line ${dup}` });
    seenIds.set(patientId, line);
    const values = new Map<string, number | string | null>();
    columns.forEach((c, j) => {
      if (j === idCol) return;
      const spec = CLINICAL_VARIABLES.find((s) => s.name === c.variable) ?? {
        name: c.variable,
        aliases: [],
        kind: inferCustomKind(rows.map((r) => r[j]), options.decimalComma ?? false),
        description: 'custom variable',
      };
      const { value, error } = validateCell(spec, cells[j], options.decimalComma ?? false);
      if (error) errors.push({ line, patientId, column: c.header, message: error });
      values.set(c.variable, value);
    });
    if (values.has('tumour_size_cm') && !values.has('tumour_size_mm')) {
      const cm = values.get('tumour_size_cm');
      values.set('tumour_size_mm', typeof cm === 'number' ? cm * 10 : null);
      values.delete('tumour_size_cm');
    }
    const event = values.get('event');
    const time = values.get('followup_months');
    if (event !== undefined && event !== null && (time === null || time === undefined)) {
      errors.push({ line, patientId, column: 'followup_months', message: 'event given without follow-up time' });
    }
    out.push({ line, patientId, values });
  });
  return { rows: out, errors, columns };
}

function inferCustomKind(cells: string[], decimalComma: boolean): VariableKind {
  const present = cells.map((c) => c.trim()).filter((c) => !MISSING.has(c.toLowerCase()));
  return present.length > 0 && present.every((c) => Number.isFinite(parseNumber(c, decimalComma))) ? { type: 'number' } : { type: 'text' };
}

/** Parse and validate a clinical CSV (',' or ';' delimited; ';' files may use decimal commas). */
export function readClinicalCsv(text: string, source: string): ClinicalTable {
  const csv = parseCsv(text, source);
  return validateClinicalRows(csv.header, csv.rows, { decimalComma: csv.delimiter === ';', source });
}
