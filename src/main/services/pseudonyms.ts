import { createHmac } from 'node:crypto';
import type { Project } from '../storage/project';

/** Keyed hash of a source (hospital) patient id: stable within a project, useless without its key. */
export function sourceIdHash(project: Project, sourceId: string): string {
  return createHmac('sha256', Buffer.from(project.manifest.pseudonymKey, 'hex')).update(sourceId.trim()).digest('hex');
}

/** The pseudonym of a patient given either its pseudonym or its source id; undefined if unknown. */
export function resolvePatient(project: Project, id: string): string | undefined {
  const direct = project.db.prepare('SELECT id FROM patients WHERE id = ?').get(id) as { id: string } | undefined;
  if (direct) return direct.id;
  const viaHash = project.db
    .prepare('SELECT patient_id FROM patient_identity WHERE source_id_hash = ?')
    .get(sourceIdHash(project, id)) as { patient_id: string } | undefined;
  return viaHash?.patient_id;
}

export interface NewPatient {
  sourceId: string;
  centreId?: number | null;
  cohort?: string | null;
  /** Keep identifying data (source id, name, birth date) in the project: opt-in only. */
  keepIdentity?: boolean;
  name?: string | null;
  birthDate?: string | null;
}

/** Next free pseudonym 'PT-0001', 'PT-0002', … */
function nextPseudonym(project: Project): string {
  const row = project.db
    .prepare("SELECT max(CAST(substr(id, 4) AS INTEGER)) AS n FROM patients WHERE id GLOB 'PT-[0-9]*'")
    .get() as { n: number | null };
  return `PT-${String((row.n ?? 0) + 1).padStart(4, '0')}`;
}

/** Create a patient under a new pseudonym (call inside the caller's transaction). */
export function createPatient(project: Project, p: NewPatient): string {
  const id = nextPseudonym(project);
  project.db.prepare('INSERT INTO patients (id, centre_id, cohort) VALUES (?, ?, ?)').run(id, p.centreId ?? null, p.cohort ?? null);
  project.db
    .prepare('INSERT INTO patient_identity (patient_id, source_id_hash, source_patient_id, patient_name, birth_date) VALUES (?, ?, ?, ?, ?)')
    .run(
      id,
      sourceIdHash(project, p.sourceId),
      p.keepIdentity ? p.sourceId : null,
      p.keepIdentity ? (p.name ?? null) : null,
      p.keepIdentity ? (p.birthDate ?? null) : null,
    );
  return id;
}

/** The pseudonym ↔ source-id table for the data steward (only rows whose identity was kept). */
export function identityMapping(project: Project): { patientId: string; sourcePatientId: string; name: string | null; birthDate: string | null }[] {
  return (
    project.db
      .prepare(
        'SELECT patient_id AS patientId, source_patient_id AS sourcePatientId, patient_name AS name, birth_date AS birthDate FROM patient_identity WHERE source_patient_id IS NOT NULL ORDER BY patient_id',
      )
      .all() as { patientId: string; sourcePatientId: string; name: string | null; birthDate: string | null }[]
  );
}

/** Find or create a centre by code. */
export function centreId(project: Project, code: string): number {
  const row = project.db.prepare('SELECT id FROM centres WHERE code = ?').get(code) as { id: number } | undefined;
  if (row) return row.id;
  return Number(project.db.prepare('INSERT INTO centres (code, name) VALUES (?, ?)').run(code, code).lastInsertRowid);
}
