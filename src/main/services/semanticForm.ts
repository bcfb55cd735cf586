/**
 * The semantic-features form next to the viewer: one reader's ratings of the paper's Table 1 CECT features
 * (necrosis, enhancement degree and pattern, contours, adjacent organ involvement, tumour size) for one patient.
 *
 * Outside a reading session they are clinical variables of that reader (`clinical_variables.reader_id`; the
 * clinical record is the row without a reader). In a reading session the form writes the session's versioned
 * ratings instead (readingSessions.saveRating), so the agreement analysis sees them and blinding applies.
 */
import { SEMANTIC_VARIABLES } from '../../shared/ipc/semanticVariables';
import type { SemanticValues } from '../../shared/ipc/workflow';
import type { Project } from '../storage/project';
import { audit } from './audit';
import { readerRatings, saveRating, type ReadingContext } from './readingSessions';
import { ServiceError } from './serviceError';

const NAMES = SEMANTIC_VARIABLES.map((v) => v.name);

function empty(): SemanticValues {
  return { necrosis: null, enhancement_degree: null, enhancement_pattern: null, contours: null, adjacent_organ_involvement: null, tumour_size_mm: null };
}

function fill(rows: { name: string; value: number | null }[]): SemanticValues {
  const out = empty() as Record<string, number | null>;
  for (const r of rows) if ((NAMES as readonly string[]).includes(r.name)) out[r.name] = r.value;
  return out as SemanticValues;
}

function requirePatientAndReader(project: Project, patientId: string, readerId: number): string {
  if (!project.db.prepare('SELECT 1 FROM patients WHERE id = ?').get(patientId)) throw new ServiceError('not_found', `patient '${patientId}' is not in this project`);
  const reader = project.db.prepare('SELECT name FROM readers WHERE id = ?').get(readerId) as { name: string } | undefined;
  if (!reader) throw new ServiceError('not_found', `reader ${readerId} is not in this project`);
  return reader.name;
}

/** A reader's semantic ratings of a patient (null = not rated); in a reading, those of the active session. */
export function semanticRatings(project: Project, patientId: string, readerId: number, reading: ReadingContext | undefined): SemanticValues {
  requirePatientAndReader(project, patientId, readerId);
  if (reading) return fill(readerRatings(project, reading.sessionId, readerId, patientId));
  const rows = project.db
    .prepare('SELECT name, value_num AS value FROM clinical_variables WHERE patient_id = ? AND reader_id = ?')
    .all(patientId, readerId) as { name: string; value: number | null }[];
  return fill(rows);
}

/** Store a reader's ratings of a patient (only changed values are written; each change is audited). */
export function saveSemanticRatings(project: Project, patientId: string, readerId: number, values: SemanticValues, reading: ReadingContext | undefined): SemanticValues {
  const readerName = requirePatientAndReader(project, patientId, readerId);
  const before = semanticRatings(project, patientId, readerId, reading);
  const changed = NAMES.filter((n) => before[n] !== values[n]);
  const db = project.db;
  db.transaction(() => {
    for (const name of changed) {
      if (reading) {
        saveRating(project, { sessionId: reading.sessionId, readerId, patientId, name, value: values[name], actor: readerName, tool: 'semantic-form' });
        continue;
      }
      db.prepare('DELETE FROM clinical_variables WHERE patient_id = ? AND name = ? AND reader_id = ?').run(patientId, name, readerId);
      db.prepare('INSERT INTO clinical_variables (patient_id, name, value_num, reader_id) VALUES (?, ?, ?, ?)').run(patientId, name, values[name], readerId);
      audit(project, readerName, 'semantic.save', 'clinical_variable', null, { patientId, name, from: before[name], to: values[name] });
    }
  })();
  return semanticRatings(project, patientId, readerId, reading);
}
