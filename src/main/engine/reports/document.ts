/**
 * The report model: an ordered list of blocks (headings, paragraphs, tables, figures, formulas) with every
 * number already formatted. It is pure data, so the numbers can be checked without a PDF, and a PDF, HTML or
 * spreadsheet writer only lays it out (the PDF writer lives in `main/export/pdf`).
 */
import type { Figure } from './figures/svg';

/** One table cell. */
export interface TableCell {
  text: string;
  align?: 'left' | 'center' | 'right';
  bold?: boolean;
  /** Indentation level of a row label (categorical levels under their variable). */
  indent?: number;
  /** Columns this cell spans (header cells). */
  span?: number;
}

/** A table laid out like a journal table: caption above, header rows, body rows, notes below. */
export interface ReportTable {
  /** e.g. "table1"; also the CSV/XLSX sheet name. */
  id: string;
  /** e.g. "Table 1 Clinical characteristics of patients in the training and validation cohorts". */
  caption: string;
  header: TableCell[][];
  rows: TableCell[][];
  /** Rows that start a group (drawn with a rule above and bold label), by index into `rows`. */
  groupStarts?: number[];
  notes: string[];
}

export type Block =
  | { kind: 'heading'; level: 1 | 2 | 3; text: string }
  | { kind: 'paragraph'; text: string; style?: 'body' | 'note' | 'notice' }
  | { kind: 'bullets'; items: string[] }
  | { kind: 'table'; table: ReportTable }
  | { kind: 'figure'; figure: Figure; caption: string }
  /** A long formula: the left-hand side and its terms, wrapped term by term. */
  | { kind: 'formula'; lhs: string; terms: string[] }
  | { kind: 'keyValues'; rows: [string, string][] }
  /** A raster image (PNG bytes), drawn at most `maxWidth` points wide. */
  | { kind: 'image'; png: Uint8Array; caption: string; maxWidth: number }
  | { kind: 'pageBreak' };

/** A complete report. */
export interface ReportDocument {
  title: string;
  subtitle: string;
  /** Lines under the title on the title page (study, date, software, identity). */
  titleLines: string[];
  /** Draw a separate title page (study report) or start with the blocks on page 1 (patient report). */
  titlePage: boolean;
  /** Notice printed on the title page and in every page footer. */
  notice: string;
  /** Short running header (e.g. the study name). */
  runningHead: string;
  blocks: Block[];
  /** Metadata for the PDF info dictionary. */
  info: { title: string; subject: string; keywords: string; creationDate: Date };
}

/** The notice every report carries. */
export const RESEARCH_USE_NOTICE = 'For research use only. Not for use in diagnostic procedures or clinical decision making.';
