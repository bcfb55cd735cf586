/**
 * Import one reader's semantic ratings from a table (e.g. the demo cohort's `semantic_ratings.csv`):
 * a patient column (pseudonym or source id), optionally a reader column selecting the rows, and one
 * column per variable (numeric codes; empty = not rated). All rows go in or none (one transaction).
 */
import type { CsvText } from '../engine/io/csv';
import type { Project } from '../storage/project';
import { audit } from './audit';
import { findReader } from './readers';
import { saveRating } from './readingSessions';
import { resolvePatient } from './pseudonyms';
import { ServiceError } from './serviceError';

const PATIENT_COLUMNS = ['patient_id', 'patient', 'id'];

export interface RatingsImportRequest {
  table: CsvText;
  source: string;
  /** Session the ratings belong to; null: outside sessions (the reader's rows of `clinical_variables`). */
  sessionId: number | null;
  reader: string;
  actor: string;
  /** Keep only rows whose `reader` column equals this value. */
  readerValue?: string;
}

/** Returns how many ratings were stored; throws naming every bad cell, storing nothing. */
export function importRatings(project: Project, req: RatingsImportRequest): { patients: number; ratings: number; variables: string[] } {
  const { header, rows, delimiter } = req.table;
  const lower = header.map((h) => h.trim().toLowerCase());
  const pCol = lower.findIndex((h) => PATIENT_COLUMNS.includes(h));
  if (pCol < 0) throw new ServiceError('invalid_input', `${req.source}: no patient column (${PATIENT_COLUMNS.join(', ')})`);
  const rCol = lower.indexOf('reader');
  if (req.readerValue !== undefined && rCol < 0) throw new ServiceError('invalid_input', `${req.source}: no 'reader' column to select reader ${req.readerValue}`);
  const varCols = lower.flatMap((_, k) => (k === pCol || k === rCol ? [] : [k]));
  const reader = findReader(project, req.reader);
  const problems: string[] = [];
  const todo: { patientId: string; name: string; value: number }[] = [];
  const patients = new Set<string>();
  rows.forEach((row, i) => {
    if (req.readerValue !== undefined && row[rCol].trim() !== req.readerValue) return;
    const patientId = resolvePatient(project, row[pCol].trim());
    if (!patientId) {
      problems.push(`line ${i + 2}: patient '${row[pCol]}' is not in this project`);
      return;
    }
    patients.add(patientId);
    for (const k of varCols) {
      const text = row[k].trim();
      if (text === '' || text.toUpperCase() === 'NA') continue;
      const value = Number(delimiter === ';' ? text.replace(',', '.') : text);
      if (!Number.isFinite(value)) problems.push(`line ${i + 2}, ${header[k]}: '${text}' is not a number`);
      else todo.push({ patientId, name: lower[k], value });
    }
  });
  if (problems.length) throw new ServiceError('invalid_input', `${req.source}: nothing imported:\n  ${problems.slice(0, 20).join('\n  ')}${problems.length > 20 ? `\n  … and ${problems.length - 20} more` : ''}`);
  const db = project.db;
  db.transaction(() => {
    for (const t of todo) {
      if (req.sessionId !== null) {
        saveRating(project, { sessionId: req.sessionId, readerId: reader.id, patientId: t.patientId, name: t.name, value: t.value, actor: req.actor, tool: 'import' });
        continue;
      }
      db.prepare('DELETE FROM clinical_variables WHERE patient_id = ? AND name = ? AND reader_id = ?').run(t.patientId, t.name, reader.id);
      db.prepare('INSERT INTO clinical_variables (patient_id, name, value_num, reader_id) VALUES (?, ?, ?, ?)').run(t.patientId, t.name, t.value, reader.id);
    }
    if (req.sessionId === null) audit(project, req.actor, 'rating.import', 'clinical_variable', null, { source: req.source, reader: reader.name, ratings: todo.length });
  })();
  return { patients: patients.size, ratings: todo.length, variables: varCols.map((k) => lower[k]) };
}
