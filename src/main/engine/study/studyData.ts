/**
 * The data a study runs on, independent of where it came from (CSV files of the feature-table route or
 * the project's SQLite tables): a wide feature matrix, clinical columns and optionally an ICC ratings table.
 * Patients are identified by string ids; values are doubles, NaN = missing.
 */

/** Features × patients: `columns[j][i]` = feature `names[j]` of patient `ids[i]` (NaN = missing). */
export interface FeatureMatrix {
  ids: string[];
  names: string[];
  columns: Float64Array[];
  /** Columns of the source that were not features (text metadata, file paths, diagnostics). */
  ignoredColumns: string[];
  /** Per-patient extraction errors reported by the source (e.g. the `Error` column of `dlrn extract`). */
  extractionErrors: { id: string; message: string }[];
}

/** One clinical column: numbers (NaN = missing) or text (null = missing). */
export type ClinicalColumn = { kind: 'number'; values: Float64Array } | { kind: 'text'; values: (string | null)[] };

/** Clinical table: one row per patient, columns by name (file order of rows kept). */
export interface ClinicalData {
  ids: string[];
  columns: Map<string, ClinicalColumn>;
}

/**
 * Repeated measurements for ICC: long format, one row per (feature, patient) with one value per rating
 * column (e.g. reader1, reader2, reader1_repeat).
 */
export interface IccRatings {
  feature: string[];
  patient: string[];
  ratings: Map<string, Float64Array>;
}

/** Everything a study reads. */
export interface StudyInput {
  features: FeatureMatrix;
  clinical: ClinicalData;
  icc?: IccRatings;
}

/** Value of a clinical column as text (numbers in their shortest round-trip form), null when missing. */
export function clinicalText(column: ClinicalColumn, i: number): string | null {
  if (column.kind === 'text') return column.values[i];
  const v = column.values[i];
  return Number.isNaN(v) ? null : String(v);
}

/** Value of a clinical column as a number (NaN when missing or not numeric). */
export function clinicalNumber(column: ClinicalColumn, i: number): number {
  if (column.kind === 'number') return column.values[i];
  const t = column.values[i];
  return t === null ? NaN : parseDecimal(t);
}

/** Strict decimal parsing ('.' separator, optional exponent); NaN for anything else. */
export function parseDecimal(text: string): number {
  const s = text.trim();
  return /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(s) ? Number(s) : NaN;
}

/** Cell texts meaning "missing" (case-insensitive): empty, NA, N/A, NaN, null, '.', and Python's nan. */
export function isMissingText(text: string): boolean {
  return /^(|na|n\/a|nan|null|none|\.)$/i.test(text.trim());
}
