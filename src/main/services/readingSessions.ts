/**
 * Reading sessions of the agreement study (the paper: radiologist 1 delineated every patient; three
 * weeks later 60 random patients were delineated again by radiologists 1 and 2). A coordinator creates a
 * session for one reader: kind `primary` (first reading), `inter` (a second reader) or `intra` (the same
 * reader again, after a wash-out), a task (delineation, semantic ratings or both), the phases and the
 * patients (a list, all patients, or a seeded random subset). Sessions are entered one at a time
 * (src/main/services/blinding.ts keeps other reads hidden meanwhile), and a submitted session is
 * immutable: its rows never change (database triggers) and any later edit is a new version row pointing
 * to its parent, with the reason in the audit log.
 */
import type { Volume } from '../engine/image/volume';
import { agreementSubsetSize, drawAgreementSubset } from '../engine/reading/agreementSubset';
import { PAPER_SEMANTIC_VARIABLES } from '../engine/reading/semanticAgreement';
import { DEFAULT_WASHOUT_DAYS, washoutStatus, type WashoutStatus } from '../engine/reading/washout';
import type { Project } from '../storage/project';
import { audit } from './audit';
import { findReader, requireCoordinator, type ReaderProfile } from './readers';
import { saveSegment, type SegmentRecord } from './segmentationService';
import { ServiceError } from './serviceError';
import { volumeGeometry } from './volumeService';

export type SessionKind = 'primary' | 'inter' | 'intra';
export type SessionTask = 'delineation' | 'semantic' | 'both';
export type ReadingPhase = 'arterial' | 'venous' | 'delayed' | 'non-contrast';

export const READING_PHASES: readonly ReadingPhase[] = ['arterial', 'venous', 'delayed', 'non-contrast'];
export const DEFAULT_PHASES: readonly ReadingPhase[] = ['arterial', 'venous', 'delayed'];

/** The semantic variables a session with a semantic task asks for (the paper's CECT features). */
export const SESSION_SEMANTIC_VARIABLES: readonly string[] = PAPER_SEMANTIC_VARIABLES.map((v) => v.name);

export interface SessionInfo {
  id: number;
  name: string | null;
  readerId: number;
  readerName: string;
  kind: SessionKind;
  task: SessionTask;
  phases: ReadingPhase[];
  status: 'open' | 'submitted';
  createdAt: string;
  createdBy: string | null;
  repeatOf: number | null;
  washoutDays: number | null;
  washoutOverride: string | null;
  subsetSeed: number | null;
  openedAt: string | null;
  submittedAt: string | null;
  patients: string[];
}

interface SessionRow {
  id: number;
  name: string | null;
  reader_id: number;
  reader_name: string;
  kind: SessionKind;
  task: SessionTask;
  phases: string;
  status: 'open' | 'submitted';
  created_at: string;
  created_by_name: string | null;
  repeat_of: number | null;
  washout_days: number | null;
  washout_override: string | null;
  subset_seed: number | null;
  opened_at: string | null;
  submitted_at: string | null;
}

const SESSION_SELECT = `SELECT s.*, r.name AS reader_name, c.name AS created_by_name FROM reading_sessions s
  JOIN readers r ON r.id = s.reader_id LEFT JOIN readers c ON c.id = s.created_by`;

function sessionPatients(project: Project, sessionId: number): string[] {
  return (project.db.prepare('SELECT patient_id FROM session_patients WHERE session_id = ? ORDER BY patient_id').all(sessionId) as { patient_id: string }[]).map(
    (r) => r.patient_id,
  );
}

function info(project: Project, r: SessionRow): SessionInfo {
  return {
    id: r.id,
    name: r.name,
    readerId: r.reader_id,
    readerName: r.reader_name,
    kind: r.kind,
    task: r.task,
    phases: JSON.parse(r.phases) as ReadingPhase[],
    status: r.status,
    createdAt: r.created_at,
    createdBy: r.created_by_name,
    repeatOf: r.repeat_of,
    washoutDays: r.washout_days,
    washoutOverride: r.washout_override,
    subsetSeed: r.subset_seed,
    openedAt: r.opened_at,
    submittedAt: r.submitted_at,
    patients: sessionPatients(project, r.id),
  };
}

/** One session with its patients; not_found when it does not exist. */
export function getSession(project: Project, sessionId: number): SessionInfo {
  const row = project.db.prepare(`${SESSION_SELECT} WHERE s.id = ?`).get(sessionId) as SessionRow | undefined;
  if (!row) throw new ServiceError('not_found', `reading session ${sessionId} is not in this project`);
  return info(project, row);
}

/** Every session (optionally one reader's), oldest first. */
export function listSessions(project: Project, filter: { readerId?: number } = {}): SessionInfo[] {
  const rows = (
    filter.readerId === undefined
      ? project.db.prepare(`${SESSION_SELECT} ORDER BY s.id`).all()
      : project.db.prepare(`${SESSION_SELECT} WHERE s.reader_id = ? ORDER BY s.id`).all(filter.readerId)
  ) as SessionRow[];
  return rows.map((r) => info(project, r));
}

/** How the patients of a new session are chosen. */
export type PatientChoice =
  | { all: true }
  | { ids: string[] }
  /** The same patients as another session (e.g. the repeat session of the readers' common subset). */
  | { sameAs: number }
  /** A seeded random subset of the candidates (default size: 60, scaled for smaller cohorts). */
  | { subset: { seed: number; size?: number } };

export interface CreateSessionRequest {
  coordinator: number | string;
  reader: number | string;
  kind: SessionKind;
  task: SessionTask;
  phases?: ReadingPhase[];
  name?: string;
  patients?: PatientChoice;
  /** intra: the same reader's earlier session (null: the reader's reads outside any session). */
  repeatOf?: number | null;
  /** intra: the wash-out interval in days (default 21). */
  washoutDays?: number;
}

/** Patients that have a volume of one of `phases` (the candidates a session may read). */
function candidates(project: Project, phases: readonly ReadingPhase[]): string[] {
  const marks = phases.map(() => '?').join(',');
  return (project.db.prepare(`SELECT DISTINCT patient_id FROM volumes WHERE phase IN (${marks}) ORDER BY patient_id`).all(...phases) as { patient_id: string }[]).map(
    (r) => r.patient_id,
  );
}

/**
 * Patients a reader read in a session, or (null) outside any session: masks, and semantic ratings (those of
 * a session in `semantic_ratings`, those outside sessions as the reader's rows of `clinical_variables`).
 */
export function patientsReadIn(project: Project, readerId: number, sessionId: number | null): string[] {
  const ratings =
    sessionId === null
      ? 'SELECT DISTINCT patient_id FROM clinical_variables WHERE reader_id = ? AND ? IS NULL'
      : 'SELECT DISTINCT patient_id FROM semantic_ratings WHERE reader_id = ? AND session_id = ?';
  return (
    project.db
      .prepare(
        `SELECT DISTINCT v.patient_id AS p FROM segmentations s JOIN volumes v ON v.id = s.volume_id WHERE s.reader_id = ? AND s.session_id IS ? AND s.content_hash IS NOT NULL
         UNION ${ratings} ORDER BY 1`,
      )
      .all(readerId, sessionId, readerId, sessionId) as { p: string }[]
  ).map((r) => r.p);
}

function choosePatients(project: Project, req: CreateSessionRequest, phases: readonly ReadingPhase[], pool: string[]): { patients: string[]; seed: number | null } {
  const choice: PatientChoice = req.patients ?? (req.kind === 'intra' ? { ids: pool } : { all: true });
  if ('all' in choice) return { patients: pool, seed: null };
  if ('sameAs' in choice) return { patients: getSession(project, choice.sameAs).patients, seed: null };
  if ('ids' in choice) {
    const known = new Set((project.db.prepare('SELECT id FROM patients').all() as { id: string }[]).map((r) => r.id));
    const unknown = choice.ids.filter((p) => !known.has(p));
    if (unknown.length) throw new ServiceError('not_found', `patients not in this project: ${unknown.slice(0, 10).join(', ')}${unknown.length > 10 ? ` … (${unknown.length})` : ''}`);
    return { patients: [...new Set(choice.ids)].sort(), seed: null };
  }
  const { seed, size } = choice.subset;
  if (!Number.isInteger(seed)) throw new ServiceError('invalid_input', `the subset seed must be an integer, got ${seed}`);
  const n = size ?? agreementSubsetSize(pool.length);
  if (!Number.isInteger(n) || n < 1) throw new ServiceError('invalid_input', `the subset size must be a positive integer, got ${n}`);
  if (n > pool.length) throw new ServiceError('invalid_input', `cannot draw ${n} patients from ${pool.length} with ${phases.join('/')} volumes`);
  return { patients: drawAgreementSubset(pool, n, seed), seed };
}

/**
 * Create a session (coordinators only). An intra-observer session repeats `repeatOf` (a submitted session
 * of the same reader, or null = the reader's reads outside sessions) on a subset of its patients, and
 * opens only after the wash-out; primary and inter sessions take the listed patients, every patient with
 * volumes of the phases, or a seeded subset of them.
 */
export function createSession(project: Project, req: CreateSessionRequest): SessionInfo {
  const coordinator = requireCoordinator(project, req.coordinator);
  const reader = findReader(project, req.reader);
  const phases = [...new Set(req.phases ?? DEFAULT_PHASES)];
  if (phases.length === 0) throw new ServiceError('invalid_input', 'a session needs at least one phase');
  for (const p of phases) if (!READING_PHASES.includes(p)) throw new ServiceError('invalid_input', `unknown phase '${p}' (${READING_PHASES.join(', ')})`);
  let repeatOf: number | null = null;
  let washoutDays: number | null = null;
  let pool = candidates(project, phases);
  if (req.kind === 'intra') {
    if (req.repeatOf === undefined) throw new ServiceError('invalid_input', 'an intra-observer session needs the earlier session it repeats (repeatOf; null = reads outside sessions)');
    repeatOf = req.repeatOf;
    if (repeatOf !== null) {
      const earlier = getSession(project, repeatOf);
      if (earlier.readerId !== reader.id) throw new ServiceError('conflict', `session ${repeatOf} was read by '${earlier.readerName}', not '${reader.name}': an intra-observer repeat is the same reader`);
      if (earlier.status !== 'submitted') throw new ServiceError('conflict', `session ${repeatOf} is still open: submit it before scheduling its repeat`);
    }
    const read = new Set(patientsReadIn(project, reader.id, repeatOf));
    pool = pool.filter((p) => read.has(p));
    washoutDays = req.washoutDays ?? DEFAULT_WASHOUT_DAYS;
    if (!(washoutDays >= 0)) throw new ServiceError('invalid_input', `the wash-out must be ≥ 0 days, got ${washoutDays}`);
  } else if (req.repeatOf !== undefined && req.repeatOf !== null) {
    throw new ServiceError('invalid_input', `only an intra-observer session repeats an earlier one (this is '${req.kind}')`);
  }
  const { patients, seed } = choosePatients(project, req, phases, pool);
  if (patients.length === 0) throw new ServiceError('invalid_input', 'the session would have no patients');
  if (req.kind === 'intra') {
    const read = new Set(pool);
    const unread = patients.filter((p) => !read.has(p));
    if (unread.length) throw new ServiceError('conflict', `'${reader.name}' has no earlier read to repeat for: ${unread.slice(0, 10).join(', ')}${unread.length > 10 ? ' …' : ''}`);
  }
  const db = project.db;
  const id = db.transaction(() => {
    const sid = Number(
      db
        .prepare(
          `INSERT INTO reading_sessions (reader_id, kind, task, phases, name, created_by, repeat_of, washout_days, subset_seed)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(reader.id, req.kind, req.task, JSON.stringify(phases), req.name ?? null, coordinator.id, repeatOf, washoutDays, seed).lastInsertRowid,
    );
    const add = db.prepare('INSERT INTO session_patients (session_id, patient_id) VALUES (?, ?)');
    for (const p of patients) add.run(sid, p);
    audit(project, coordinator.name, 'session.create', 'reading_session', sid, {
      reader: reader.name,
      kind: req.kind,
      task: req.task,
      phases,
      patients: patients.length,
      choice: req.patients ?? null,
      subsetSeed: seed,
      repeatOf,
      washoutDays,
    });
    return sid;
  })();
  return getSession(project, id);
}

/**
 * Latest time (ISO) the reader read any of `patients` in the reference of a repeat (mask versions and
 * session ratings; ratings outside sessions carry no time); null when never.
 */
export function lastReadAt(project: Project, readerId: number, referenceSession: number | null, patients: readonly string[]): string | null {
  if (patients.length === 0) return null;
  const marks = patients.map(() => '?').join(',');
  const row = project.db
    .prepare(
      `SELECT max(t) AS t FROM (
         SELECT s.created_at AS t FROM segmentations s JOIN volumes v ON v.id = s.volume_id
           WHERE s.reader_id = ? AND s.session_id IS ? AND v.patient_id IN (${marks})
         UNION ALL SELECT created_at FROM semantic_ratings WHERE reader_id = ? AND session_id IS ? AND patient_id IN (${marks}))`,
    )
    .get(readerId, referenceSession, ...patients, readerId, referenceSession, ...patients) as { t: string | null };
  return row.t;
}

/** Wash-out state of a session: always open for primary/inter sessions. */
export function sessionWashout(project: Project, s: SessionInfo, now: Date): WashoutStatus {
  if (s.kind !== 'intra') return { open: true, availableAt: null, daysLeft: 0, reason: `${s.kind} session: no wash-out` };
  return washoutStatus({
    lastReadAt: lastReadAt(project, s.readerId, s.repeatOf, s.patients),
    intervalDays: s.washoutDays ?? DEFAULT_WASHOUT_DAYS,
    now,
    override: s.washoutOverride,
  });
}

/** A coordinator opens a repeat session before its wash-out ended; the reason is kept and audited. */
export function overrideWashout(project: Project, sessionId: number, coordinator: number | string, reason: string): SessionInfo {
  const c = requireCoordinator(project, coordinator);
  const why = reason.trim();
  if (why.length < 3) throw new ServiceError('invalid_input', 'give the reason for overriding the wash-out');
  const s = getSession(project, sessionId);
  if (s.kind !== 'intra') throw new ServiceError('conflict', `session ${sessionId} is a ${s.kind} session: it has no wash-out`);
  if (s.status === 'submitted') throw new ServiceError('conflict', `session ${sessionId} is already submitted`);
  project.db.transaction(() => {
    project.db.prepare('UPDATE reading_sessions SET washout_override = ? WHERE id = ?').run(why, sessionId);
    audit(project, c.name, 'session.washout_override', 'reading_session', sessionId, { reason: why, washoutDays: s.washoutDays });
  })();
  return getSession(project, sessionId);
}

/** The active reading of one reader in one session (what the blinding guard enforces). */
export interface ReadingContext {
  sessionId: number;
  readerId: number;
  readerName: string;
  kind: SessionKind;
  task: SessionTask;
  phases: ReadingPhase[];
  patients: ReadonlySet<string>;
}

/**
 * A reader starts (or resumes) reading a session: it must be theirs and open, and a repeat session's
 * wash-out must be over (or overridden). Audited; the first entry records `opened_at`.
 */
export function enterSession(project: Project, sessionId: number, reader: number | string, now: Date = new Date()): ReadingContext {
  const r: ReaderProfile = findReader(project, reader);
  const s = getSession(project, sessionId);
  if (s.readerId !== r.id) throw new ServiceError('forbidden', `session ${sessionId} belongs to '${s.readerName}', not '${r.name}'`);
  if (s.status === 'submitted') throw new ServiceError('conflict', `session ${sessionId} was submitted ${s.submittedAt}; it is closed for reading`);
  const w = sessionWashout(project, s, now);
  if (!w.open) throw new ServiceError('forbidden', `session ${sessionId} cannot open yet: ${w.reason}`);
  project.db.transaction(() => {
    if (s.openedAt === null) project.db.prepare('UPDATE reading_sessions SET opened_at = ? WHERE id = ?').run(now.toISOString(), sessionId);
    audit(project, r.name, 'session.enter', 'reading_session', sessionId, { washout: w.reason });
  })();
  return { sessionId, readerId: r.id, readerName: r.name, kind: s.kind, task: s.task, phases: s.phases, patients: new Set(s.patients) };
}

export interface PatientProgress {
  patientId: string;
  /** Delineation tasks: the status of the reader's latest mask per phase (null: no volume of that phase). */
  phases: { phase: ReadingPhase; volumeId: number | null; status: string }[];
  /** Semantic tasks: variables rated so far, of `SESSION_SEMANTIC_VARIABLES`. */
  rated: number;
  done: boolean;
}

export interface SessionProgress {
  sessionId: number;
  readerName: string;
  total: number;
  done: number;
  patients: PatientProgress[];
}

/**
 * Per-patient progress of a session: a patient is done when every phase volume it has carries a
 * `completed` mask of the reader in this session (delineation) and every semantic variable is rated
 * (semantic); `both` needs both.
 */
export function sessionProgress(project: Project, sessionId: number): SessionProgress {
  const s = getSession(project, sessionId);
  const db = project.db;
  const volumes = db.prepare('SELECT id, phase FROM volumes WHERE patient_id = ? ORDER BY id');
  const status = db.prepare(
    `SELECT status FROM segmentations WHERE volume_id = ? AND reader_id = ? AND session_id = ? ORDER BY version DESC, id DESC LIMIT 1`,
  );
  const rated = db.prepare('SELECT count(DISTINCT name) AS n FROM semantic_ratings WHERE session_id = ? AND reader_id = ? AND patient_id = ?');
  const needMasks = s.task !== 'semantic';
  const needRatings = s.task !== 'delineation';
  const patients = s.patients.map((patientId): PatientProgress => {
    const vols = volumes.all(patientId) as { id: number; phase: ReadingPhase }[];
    const phases = s.phases.map((phase) => {
      const v = vols.find((x) => x.phase === phase);
      if (!v) return { phase, volumeId: null, status: 'no volume' };
      const row = status.get(v.id, s.readerId, sessionId) as { status: string } | undefined;
      return { phase, volumeId: v.id, status: row?.status ?? 'not_started' };
    });
    const n = (rated.get(sessionId, s.readerId, patientId) as { n: number }).n;
    const masksDone = phases.every((p) => p.volumeId === null || p.status === 'completed') && phases.some((p) => p.volumeId !== null);
    const done = (!needMasks || masksDone) && (!needRatings || n >= SESSION_SEMANTIC_VARIABLES.length);
    return { patientId, phases, rated: n, done };
  });
  return { sessionId, readerName: s.readerName, total: patients.length, done: patients.filter((p) => p.done).length, patients };
}

/** The first patient of the session (id order) that is not done; null when all are. */
export function nextPatient(project: Project, sessionId: number): string | null {
  return sessionProgress(project, sessionId).patients.find((p) => !p.done)?.patientId ?? null;
}

/**
 * Submit a session: it becomes immutable. The reader or a coordinator submits; an incomplete session
 * needs a reason. The audit entry lists the segmentation and rating rows as submitted.
 */
export function submitSession(project: Project, sessionId: number, actor: number | string, opts: { incompleteReason?: string; now?: Date } = {}): SessionInfo {
  const who = findReader(project, actor);
  const s = getSession(project, sessionId);
  if (who.id !== s.readerId && who.role !== 'coordinator') throw new ServiceError('forbidden', `only '${s.readerName}' or a coordinator may submit session ${sessionId}`);
  if (s.status === 'submitted') throw new ServiceError('conflict', `session ${sessionId} was already submitted ${s.submittedAt}`);
  const progress = sessionProgress(project, sessionId);
  const open = progress.total - progress.done;
  if (open > 0 && !opts.incompleteReason?.trim()) {
    throw new ServiceError('conflict', `${open} of ${progress.total} patients of session ${sessionId} are not done; finish them or give a reason to submit anyway`);
  }
  const db = project.db;
  db.transaction(() => {
    const segs = db
      .prepare(
        `SELECT s.id, s.version FROM segmentations s WHERE s.session_id = ?
           AND s.version = (SELECT max(version) FROM segmentations t WHERE t.session_id = s.session_id AND t.volume_id = s.volume_id AND t.reader_id = s.reader_id AND t.label = s.label)`,
      )
      .all(sessionId);
    const ratings = db
      .prepare(
        `SELECT r.id, r.version FROM semantic_ratings r WHERE r.session_id = ?
           AND r.version = (SELECT max(version) FROM semantic_ratings t WHERE t.session_id = r.session_id AND t.patient_id = r.patient_id AND t.reader_id = r.reader_id AND t.name = r.name)`,
      )
      .all(sessionId);
    const at = (opts.now ?? new Date()).toISOString();
    db.prepare("UPDATE reading_sessions SET status = 'submitted', submitted_at = ? WHERE id = ?").run(at, sessionId);
    audit(project, who.name, 'session.submit', 'reading_session', sessionId, {
      done: progress.done,
      total: progress.total,
      incompleteReason: open > 0 ? opts.incompleteReason!.trim() : null,
      segmentations: segs,
      ratings,
    });
  })();
  return getSession(project, sessionId);
}

/** The volume of a patient's phase, or not_found. */
export function phaseVolume(project: Project, patientId: string, phase: ReadingPhase): { id: number } {
  const v = project.db.prepare('SELECT id FROM volumes WHERE patient_id = ? AND phase = ? ORDER BY id LIMIT 1').get(patientId, phase) as { id: number } | undefined;
  if (!v) throw new ServiceError('not_found', `patient ${patientId} has no ${phase} volume`);
  return v;
}

/**
 * Store a mask drawn elsewhere (e.g. ITK-SNAP, the demo cohort) as the reader's next version in a
 * session. Into a submitted session only as an amendment with a reason (a new version row pointing to
 * the submitted one; the submitted rows stay as they were).
 */
export function saveSessionMask(
  project: Project,
  req: { sessionId: number; patientId: string; phase: ReadingPhase; mask: Volume; actor: number | string; tool: string; amendReason?: string; status?: 'in_progress' | 'completed' },
): SegmentRecord {
  const s = getSession(project, req.sessionId);
  const actor = findReader(project, req.actor);
  if (s.task === 'semantic') throw new ServiceError('conflict', `session ${s.id} is a semantic-rating session: it takes no masks`);
  if (!s.patients.includes(req.patientId)) throw new ServiceError('forbidden', `patient ${req.patientId} is not in session ${s.id}`);
  if (!s.phases.includes(req.phase)) throw new ServiceError('invalid_input', `session ${s.id} reads ${s.phases.join(', ')}, not ${req.phase}`);
  if (actor.id !== s.readerId && actor.role !== 'coordinator') throw new ServiceError('forbidden', `only '${s.readerName}' or a coordinator may store masks in session ${s.id}`);
  const amend = req.amendReason?.trim();
  if (s.status === 'submitted' && !amend) throw new ServiceError('conflict', `session ${s.id} is submitted: an edit needs an amendment reason and becomes a new version`);
  const volume = phaseVolume(project, req.patientId, req.phase);
  const g = volumeGeometry(project, volume.id);
  const near = (u: readonly number[], v: readonly number[], tol: number): boolean => u.every((x, i) => Math.abs(x - v[i]) <= tol);
  if (!near(req.mask.size, g.size, 0) || !near(req.mask.spacing, g.spacing, 1e-4) || !near(req.mask.origin, g.origin, 1e-3)) {
    throw new ServiceError(
      'invalid_input',
      `the mask grid (size ${req.mask.size.join('×')}, spacing ${req.mask.spacing.join(',')}, origin ${req.mask.origin.join(',')}) is not the grid of ${req.patientId}'s ${req.phase} volume (size ${g.size.join('×')}, spacing ${g.spacing.join(',')}, origin ${g.origin.join(',')})`,
    );
  }
  const mask = Uint8Array.from(req.mask.data, (v) => (v !== 0 ? 1 : 0));
  const prev = project.db
    .prepare('SELECT version FROM segmentations WHERE volume_id = ? AND reader_id = ? AND label = 1 AND session_id = ? ORDER BY version DESC LIMIT 1')
    .get(volume.id, s.readerId, s.id) as { version: number } | undefined;
  return project.db.transaction(() => {
    const saved = saveSegment(
      project,
      { volumeId: volume.id, readerId: s.readerId, label: 1, name: 'tumour', baseVersion: prev?.version ?? null, status: req.status ?? 'completed', autosave: false, mask },
      { sessionId: s.id, tool: req.tool },
    );
    if (s.status === 'submitted') audit(project, actor.name, 'segmentation.amend', 'segmentation', saved.id, { sessionId: s.id, reason: amend, version: saved.version });
    return saved;
  })();
}

export interface RatingValue {
  name: string;
  value: number | null;
  version: number;
  createdAt: string;
}

/** A reader's latest ratings of one patient in one session. */
export function readerRatings(project: Project, sessionId: number, readerId: number, patientId: string): RatingValue[] {
  return (
    project.db
      .prepare(
        `SELECT r.name, r.value_num AS value, r.version, r.created_at AS createdAt FROM semantic_ratings r
         WHERE r.session_id = ? AND r.reader_id = ? AND r.patient_id = ?
           AND r.version = (SELECT max(version) FROM semantic_ratings t WHERE t.session_id = r.session_id AND t.reader_id = r.reader_id AND t.patient_id = r.patient_id AND t.name = r.name)
         ORDER BY r.name`,
      )
      .all(sessionId, readerId, patientId) as RatingValue[]
  );
}

/**
 * Record a semantic rating in a session as the next version (ratings are append-only): a semantic session
 * of the reader, open, or submitted only as an amendment with a reason. (Ratings outside sessions are the
 * reader's rows of `clinical_variables`.)
 */
export function saveRating(
  project: Project,
  req: { sessionId: number; readerId: number; patientId: string; name: string; value: number | null; actor: string; tool?: string; amendReason?: string },
): RatingValue {
  if (req.value !== null && !Number.isFinite(req.value)) throw new ServiceError('invalid_input', `rating ${req.name}: ${req.value} is not a number`);
  if (!/^[a-z][a-z0-9_]{0,63}$/.test(req.name)) throw new ServiceError('invalid_input', `'${req.name}' is not a variable name (lower case, digits, _)`);
  if (!project.db.prepare('SELECT 1 FROM patients WHERE id = ?').get(req.patientId)) throw new ServiceError('not_found', `patient '${req.patientId}' is not in this project`);
  const amend = req.amendReason?.trim();
  const s = getSession(project, req.sessionId);
  if (s.readerId !== req.readerId) throw new ServiceError('forbidden', `session ${s.id} belongs to '${s.readerName}'`);
  if (s.task === 'delineation') throw new ServiceError('conflict', `session ${s.id} is a delineation session: it takes no semantic ratings`);
  if (!s.patients.includes(req.patientId)) throw new ServiceError('forbidden', `patient ${req.patientId} is not in session ${s.id}`);
  if (s.status === 'submitted' && !amend) throw new ServiceError('conflict', `session ${s.id} is submitted: an edit needs an amendment reason and becomes a new version`);
  const db = project.db;
  return db.transaction(() => {
    const prev = db
      .prepare('SELECT id, version FROM semantic_ratings WHERE session_id = ? AND reader_id = ? AND patient_id = ? AND name = ? ORDER BY version DESC LIMIT 1')
      .get(req.sessionId, req.readerId, req.patientId, req.name) as { id: number; version: number } | undefined;
    const id = Number(
      db
        .prepare('INSERT INTO semantic_ratings (session_id, patient_id, reader_id, name, value_num, version, parent_id) VALUES (?, ?, ?, ?, ?, ?, ?)')
        .run(req.sessionId, req.patientId, req.readerId, req.name, req.value, (prev?.version ?? 0) + 1, prev?.id ?? null).lastInsertRowid,
    );
    audit(project, req.actor, amend ? 'rating.amend' : 'rating.save', 'semantic_rating', id, {
      sessionId: req.sessionId,
      patientId: req.patientId,
      name: req.name,
      value: req.value,
      version: (prev?.version ?? 0) + 1,
      tool: req.tool ?? null,
      reason: amend ?? null,
    });
    return db.prepare('SELECT name, value_num AS value, version, created_at AS createdAt FROM semantic_ratings WHERE id = ?').get(id) as RatingValue;
  })();
}
