/**
 * Reader blinding, enforced where data leaves the main process: every IPC handler (and the voxel route)
 * that returns patient-level data calls one of these guards. While a reader's session is active
 * (AppServices.reading), the guards refuse with kind `forbidden`:
 *
 * - patients outside the session, and their volumes;
 * - other readers' masks and ratings;
 * - the reader's own reads outside this session (in a repeat session: the earlier reading) — masks and
 *   ratings are scoped to the active session, so no request can reach another session's version chain;
 * - outcomes and clinical data (the patient list hides those columns) and every agreement analysis,
 *   which shows other readers' work;
 * - coordinator actions (creating sessions, overriding a wash-out).
 *
 * Outside a reading session nothing is hidden (coordinator mode). The app has no log-in, so blinding
 * prevents accidental unblinding during a reading; it is not a barrier against a user who leaves the
 * session on purpose (which is audited).
 */
import type { PatientRow, SegmentationStatus } from '../../shared/ipc/imaging';
import type { Project } from '../storage/project';
import type { AppServices } from './appServices';
import type { ReadingContext } from './readingSessions';
import type { SegmentScope } from './segmentationService';
import { ServiceError } from './serviceError';

function forbidden(ctx: ReadingContext, what: string): never {
  throw new ServiceError('forbidden', `${what} is hidden while '${ctx.readerName}' reads session ${ctx.sessionId} (leave the reading session first)`);
}

/** The active reading, if any. */
export function activeReading(services: AppServices): ReadingContext | undefined {
  return services.reading.current();
}

/** Refuse a channel that must not run during a reading (agreement results, coordinator actions). */
export function guardNotReading(services: AppServices, what: string): void {
  const ctx = activeReading(services);
  if (ctx) forbidden(ctx, what);
}

/** Refuse a patient outside the active session. */
export function guardPatient(services: AppServices, patientId: string): void {
  const ctx = activeReading(services);
  if (ctx && !ctx.patients.has(patientId)) forbidden(ctx, `patient ${patientId} (not in this session)`);
}

function patientOfVolume(project: Project, volumeId: number): string | undefined {
  return (project.db.prepare('SELECT patient_id FROM volumes WHERE id = ?').get(volumeId) as { patient_id: string } | undefined)?.patient_id;
}

/** Refuse a volume of a patient outside the active session (unknown volumes fall through to not_found). */
export function guardVolume(services: AppServices, project: Project, volumeId: number): void {
  const ctx = activeReading(services);
  if (!ctx) return;
  const patient = patientOfVolume(project, volumeId);
  if (patient !== undefined && !ctx.patients.has(patient)) forbidden(ctx, `volume ${volumeId} (patient not in this session)`);
}

/**
 * Guard a mask request and give the version chain it works on: outside a reading, masks drawn outside
 * sessions; in a reading, only the reader's own masks of the active session, on session patients, and
 * (`write`) only while the session is open and takes masks.
 */
export function segmentScope(services: AppServices, project: Project, volumeId: number, readerId: number, opts: { write: boolean; tool?: string }): SegmentScope {
  const ctx = activeReading(services);
  if (!ctx) return { sessionId: null, tool: opts.tool };
  if (readerId !== ctx.readerId) forbidden(ctx, `reader ${readerId}'s masks`);
  guardVolume(services, project, volumeId);
  if (opts.write) {
    const s = project.db.prepare('SELECT status, task FROM reading_sessions WHERE id = ?').get(ctx.sessionId) as { status: string; task: string } | undefined;
    if (!s || s.status !== 'open') throw new ServiceError('conflict', `session ${ctx.sessionId} is submitted: its masks can no longer be edited here`);
    if (s.task === 'semantic') throw new ServiceError('conflict', `session ${ctx.sessionId} is a semantic-rating session: it takes no masks`);
  }
  return { sessionId: ctx.sessionId, tool: opts.tool };
}

/**
 * The patient list as a reader in a session may see it: session patients only, no clinical or outcome
 * columns, and only the reader's own status in this session.
 */
export function blindPatientList(services: AppServices, project: Project, rows: PatientRow[]): PatientRow[] {
  const ctx = activeReading(services);
  if (!ctx) return rows;
  const statuses = project.db
    .prepare(
      `SELECT v.patient_id AS p, s.status FROM segmentations s JOIN volumes v ON v.id = s.volume_id
       WHERE s.session_id = ? AND s.reader_id = ?
         AND s.version = (SELECT max(version) FROM segmentations t WHERE t.session_id = s.session_id AND t.volume_id = s.volume_id AND t.reader_id = s.reader_id AND t.label = s.label)`,
    )
    .all(ctx.sessionId, ctx.readerId) as { p: string; status: SegmentationStatus }[];
  const byPatient = new Map<string, SegmentationStatus[]>();
  for (const s of statuses) (byPatient.get(s.p) ?? byPatient.set(s.p, []).get(s.p)!).push(s.status);
  const overall = (list: SegmentationStatus[]): SegmentationStatus =>
    list.includes('flagged') ? 'flagged' : list.every((s) => s === 'completed') ? 'completed' : list.some((s) => s !== 'not_started') ? 'in_progress' : 'not_started';
  return rows
    .filter((r) => ctx.patients.has(r.id))
    .map((r) => {
      const own = byPatient.get(r.id);
      return {
        ...r,
        readers: own ? [{ readerId: ctx.readerId, readerName: ctx.readerName, status: overall(own) }] : [],
        clinical: null,
        outcome: null,
      };
    });
}

/**
 * Guard a stored object fetched by content hash (the voxel route): in a reading only CT volumes of
 * session patients and the reader's own masks of the active session are served.
 */
export function guardStoredObject(services: AppServices, project: Project, hash: string): void {
  const ctx = activeReading(services);
  if (!ctx) return;
  const volumePatients = project.db.prepare('SELECT patient_id FROM volumes WHERE content_hash = ?').all(hash) as { patient_id: string }[];
  if (volumePatients.some((v) => ctx.patients.has(v.patient_id))) return;
  const ownMask = project.db.prepare('SELECT 1 FROM segmentations WHERE content_hash = ? AND session_id = ? AND reader_id = ? LIMIT 1').get(hash, ctx.sessionId, ctx.readerId);
  if (ownMask) return;
  forbidden(ctx, 'this stored object');
}
