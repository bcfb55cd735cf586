/**
 * Local reader profiles: the radiologists who delineate and rate (role `reader`) and the coordinators who
 * set up reading sessions (role `coordinator`). Profiles name who did what in the audit log; the desktop
 * app has no log-in, so a profile is a declaration, not an authentication.
 */
import type { Project } from '../storage/project';
import { audit } from './audit';
import { ServiceError } from './serviceError';

export type ReaderRole = 'reader' | 'coordinator';

export interface ReaderProfile {
  id: number;
  name: string;
  role: ReaderRole;
  createdAt: string;
}

interface ReaderRow {
  id: number;
  name: string;
  role: ReaderRole;
  created_at: string;
}

const profile = (r: ReaderRow): ReaderProfile => ({ id: r.id, name: r.name, role: r.role, createdAt: r.created_at });

/** Every profile, by name. */
export function readerProfiles(project: Project): ReaderProfile[] {
  return (project.db.prepare('SELECT * FROM readers ORDER BY name').all() as ReaderRow[]).map(profile);
}

/** Add a profile; names are unique (trimmed, 1–120 characters). */
export function addReader(project: Project, name: string, role: ReaderRole = 'reader', actor = 'system'): ReaderProfile {
  const clean = name.trim();
  if (clean.length === 0 || clean.length > 120) throw new ServiceError('invalid_input', 'a reader name has 1 to 120 characters');
  if (project.db.prepare('SELECT 1 FROM readers WHERE name = ?').get(clean)) throw new ServiceError('conflict', `a reader named '${clean}' already exists`);
  return project.db.transaction(() => {
    const id = Number(project.db.prepare('INSERT INTO readers (name, role) VALUES (?, ?)').run(clean, role).lastInsertRowid);
    audit(project, actor, 'reader.add', 'reader', id, { name: clean, role });
    return profile(project.db.prepare('SELECT * FROM readers WHERE id = ?').get(id) as ReaderRow);
  })();
}

/** A profile by id or name; not_found names the profiles that exist. */
export function findReader(project: Project, who: number | string): ReaderProfile {
  const row = (typeof who === 'number'
    ? project.db.prepare('SELECT * FROM readers WHERE id = ?').get(who)
    : project.db.prepare('SELECT * FROM readers WHERE name = ?').get(who)) as ReaderRow | undefined;
  if (!row) {
    const names = readerProfiles(project).map((r) => r.name);
    throw new ServiceError('not_found', `no reader ${typeof who === 'number' ? `#${who}` : `'${who}'`} in this project${names.length ? ` (readers: ${names.join(', ')})` : ''}`);
  }
  return profile(row);
}

/** The profile of a coordinator; refuses a plain reader (only coordinators set up sessions). */
export function requireCoordinator(project: Project, who: number | string): ReaderProfile {
  const r = findReader(project, who);
  if (r.role !== 'coordinator') throw new ServiceError('conflict', `'${r.name}' is a reader, not a coordinator; only coordinators may do this`);
  return r;
}
