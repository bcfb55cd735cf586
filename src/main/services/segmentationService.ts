import type { Reader, SegmentationStatus } from '../../shared/ipc/imaging';
import type { Project } from '../storage/project';
import { ServiceError } from './serviceError';
import { volumeGeometry } from './volumeService';

/** One version of one segment (label) drawn by one reader on one volume. */
export interface SegmentRecord {
  id: number;
  volumeId: number;
  readerId: number;
  label: number;
  name: string;
  version: number;
  status: SegmentationStatus;
  hash: string | null;
  createdAt: string;
}

interface SegmentRow {
  id: number;
  volume_id: number;
  reader_id: number;
  label: number;
  name: string;
  version: number;
  status: SegmentationStatus;
  content_hash: string | null;
  created_at: string;
}

function record(r: SegmentRow): SegmentRecord {
  return {
    id: r.id,
    volumeId: r.volume_id,
    readerId: r.reader_id,
    label: r.label,
    name: r.name,
    version: r.version,
    status: r.status,
    hash: r.content_hash,
    createdAt: r.created_at,
  };
}

function readerName(project: Project, readerId: number): string {
  const row = project.db.prepare('SELECT name FROM readers WHERE id = ?').get(readerId) as { name: string } | undefined;
  if (!row) throw new ServiceError('not_found', `reader ${readerId} is not in this project`);
  return row.name;
}

/**
 * Which version chain a call works on: the masks of one reading session, or (null) those drawn outside
 * any reading session. Set by the reading-session guard (src/main/services/blinding.ts).
 */
export interface SegmentScope {
  sessionId: number | null;
  /** Drawing tool of the edit, recorded in the audit log. */
  tool?: string;
}

const FREE: SegmentScope = { sessionId: null };

function latest(project: Project, volumeId: number, readerId: number, label: number, scope: SegmentScope): SegmentRow | undefined {
  return project.db
    .prepare('SELECT * FROM segmentations WHERE volume_id = ? AND reader_id = ? AND label = ? AND session_id IS ? ORDER BY version DESC LIMIT 1')
    .get(volumeId, readerId, label, scope.sessionId) as SegmentRow | undefined;
}

export function listReaders(project: Project): Reader[] {
  return project.db.prepare('SELECT id, name, role FROM readers ORDER BY name').all() as Reader[];
}

export function createReader(project: Project, name: string): Reader {
  if (project.db.prepare('SELECT 1 FROM readers WHERE name = ?').get(name)) throw new ServiceError('conflict', `a reader named '${name}' already exists`);
  const id = Number(project.db.prepare('INSERT INTO readers (name) VALUES (?)').run(name).lastInsertRowid);
  return { id, name, role: 'reader' };
}

/** The latest version of every segment a reader has on a volume, by label. */
export function listSegments(project: Project, volumeId: number, readerId: number, scope: SegmentScope = FREE): SegmentRecord[] {
  volumeGeometry(project, volumeId);
  readerName(project, readerId);
  const rows = project.db
    .prepare(
      `SELECT s.* FROM segmentations s
       WHERE s.volume_id = ? AND s.reader_id = ? AND s.session_id IS ?
         AND s.version = (SELECT max(version) FROM segmentations t
                          WHERE t.volume_id = s.volume_id AND t.reader_id = s.reader_id AND t.label = s.label AND t.session_id IS s.session_id)
       ORDER BY s.label`,
    )
    .all(volumeId, readerId, scope.sessionId) as SegmentRow[];
  return rows.map(record);
}

export interface SaveSegmentRequest {
  volumeId: number;
  readerId: number;
  label: number;
  name: string;
  baseVersion: number | null;
  status?: SegmentationStatus;
  autosave: boolean;
  mask: Uint8Array;
}

function insertVersion(
  project: Project,
  req: { volumeId: number; readerId: number; label: number; name: string; status: SegmentationStatus },
  hash: string | null,
  prev: SegmentRow | undefined,
  scope: SegmentScope,
): SegmentRow {
  const info = project.db
    .prepare(
      `INSERT INTO segmentations (volume_id, reader_id, session_id, label, name, version, status, content_hash, parent_id)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(req.volumeId, req.readerId, scope.sessionId, req.label, req.name, (prev?.version ?? 0) + 1, req.status, hash, prev?.id ?? null);
  return project.db.prepare('SELECT * FROM segmentations WHERE id = ?').get(info.lastInsertRowid) as SegmentRow;
}

/**
 * Store a new version of a segment: the mask goes into the content store and the version row is
 * inserted in the same transaction, so a failure (disk full, store unwritable, version conflict)
 * leaves the previous version as the latest one and the error says why.
 */
export function saveSegment(project: Project, req: SaveSegmentRequest, scope: SegmentScope = FREE): SegmentRecord {
  const geometry = volumeGeometry(project, req.volumeId);
  const actor = readerName(project, req.readerId);
  const expected = geometry.size[0] * geometry.size[1] * geometry.size[2];
  if (req.mask.length !== expected) {
    throw new ServiceError(
      'invalid_input',
      `mask has ${req.mask.length} voxels but volume ${req.volumeId} has ${geometry.size.join('×')} = ${expected}`,
    );
  }
  let voxels = 0;
  for (let i = 0; i < req.mask.length; i++) {
    const v = req.mask[i];
    if (v > 1) throw new ServiceError('invalid_input', `mask must be binary (0/1); voxel ${i} is ${v}`);
    voxels += v;
  }
  const db = project.db;
  const saved = db.transaction(() => {
    const prev = latest(project, req.volumeId, req.readerId, req.label, scope);
    const current = prev?.version ?? null;
    if (current !== req.baseVersion) {
      throw new ServiceError(
        'conflict',
        `segment ${req.label} of volume ${req.volumeId} is at version ${current ?? 'none'} on disk, but these edits started from ${req.baseVersion ?? 'none'}; reload before saving`,
      );
    }
    // A copy, so that a caller reusing its buffer cannot change what was hashed.
    const hash = project.store.putVolume({
      size: geometry.size,
      spacing: geometry.spacing,
      origin: geometry.origin,
      direction: geometry.direction as Parameters<Project['store']['putVolume']>[0]['direction'],
      data: Uint8Array.from(req.mask),
    });
    const status = req.status ?? (prev && prev.status !== 'not_started' ? prev.status : 'in_progress');
    const row = insertVersion(project, { ...req, status }, hash, prev, scope);
    db.prepare('INSERT INTO audit_log (actor, action, entity, entity_id, detail_json) VALUES (?, ?, ?, ?, ?)').run(
      actor,
      req.autosave ? 'segmentation.autosave' : 'segmentation.save',
      'segmentation',
      String(row.id),
      JSON.stringify({ volumeId: req.volumeId, label: req.label, version: row.version, voxels, hash, sessionId: scope.sessionId, tool: scope.tool ?? null }),
    );
    return row;
  })();
  return record(saved);
}

/**
 * Set a segment's review status (not started / in progress / completed / flagged). The status
 * belongs to the latest version; a segment nobody has drawn yet gets a first, mask-less version.
 */
export function setSegmentStatus(
  project: Project,
  req: { volumeId: number; readerId: number; label: number; name: string; status: SegmentationStatus },
  scope: SegmentScope = FREE,
): SegmentRecord {
  volumeGeometry(project, req.volumeId);
  const actor = readerName(project, req.readerId);
  const db = project.db;
  const row = db.transaction(() => {
    const prev = latest(project, req.volumeId, req.readerId, req.label, scope);
    let out: SegmentRow;
    if (prev) {
      db.prepare('UPDATE segmentations SET status = ? WHERE id = ?').run(req.status, prev.id);
      out = { ...prev, status: req.status };
    } else {
      out = insertVersion(project, req, null, undefined, scope);
    }
    db.prepare('INSERT INTO audit_log (actor, action, entity, entity_id, detail_json) VALUES (?, ?, ?, ?, ?)').run(
      actor,
      'segmentation.status',
      'segmentation',
      String(out.id),
      JSON.stringify({ from: prev?.status ?? null, to: req.status, sessionId: scope.sessionId }),
    );
    return out;
  })();
  return record(row);
}
