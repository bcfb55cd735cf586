import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { randomBytes, randomUUID } from 'node:crypto';
import Database from 'better-sqlite3';
import { openDatabase, type Db } from './database';
import { sqliteNativeBinding } from './nativeBinding';
import { ContentStore } from './contentStore';
import { loadMigrations } from './migrations';

export const DATABASE_FILE = 'project.sqlite';
export const MANIFEST_FILE = 'dlrn-project.json';
export const STORE_DIR = 'store';

export interface ProjectManifest {
  format: 'dlrn-project-1';
  id: string;
  name: string;
  createdAt: string;
  createdWith: string;
  /** Secret key (hex) of the keyed hash that maps source patient ids to pseudonyms. */
  pseudonymKey: string;
}

export interface Project {
  dir: string;
  manifest: ProjectManifest;
  db: Db;
  store: ContentStore;
  close(): void;
}

export class ProjectError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ProjectError';
  }
}

function readManifest(dir: string): ProjectManifest {
  const file = join(dir, MANIFEST_FILE);
  if (!existsSync(file)) throw new ProjectError(`${dir} is not a DLRN Studio project (no ${MANIFEST_FILE})`);
  let m: ProjectManifest;
  try {
    m = JSON.parse(readFileSync(file, 'utf8')) as ProjectManifest;
  } catch (err) {
    throw new ProjectError(`${file}: unreadable project manifest (${(err as Error).message})`);
  }
  if (m.format !== 'dlrn-project-1') throw new ProjectError(`${file}: unknown project format '${String(m.format)}'`);
  if (!/^[0-9a-f]{64}$/.test(m.pseudonymKey ?? '')) throw new ProjectError(`${file}: missing or invalid pseudonymKey`);
  return m;
}

/** Create a new project folder: manifest, SQLite database at the latest schema, empty store. */
export function initProject(dirArg: string, opts: { name?: string; appVersion: string }): Project {
  const dir = resolve(dirArg);
  if (existsSync(dir) && readdirSync(dir).length > 0) {
    throw new ProjectError(`${dir} already exists and is not empty; choose a new folder`);
  }
  mkdirSync(dir, { recursive: true });
  const manifest: ProjectManifest = {
    format: 'dlrn-project-1',
    id: randomUUID(),
    name: opts.name ?? dir.split(/[\\/]/).pop() ?? 'study',
    createdAt: new Date().toISOString(),
    createdWith: opts.appVersion,
    pseudonymKey: randomBytes(32).toString('hex'),
  };
  const db = openDatabase(join(dir, DATABASE_FILE), { create: true });
  writeFileSync(join(dir, MANIFEST_FILE), JSON.stringify(manifest, null, 2) + '\n', { mode: 0o600 });
  db.prepare('INSERT INTO audit_log (actor, action, entity, entity_id) VALUES (?, ?, ?, ?)').run(
    'system',
    'project.create',
    'project',
    manifest.id,
  );
  return wrap(dir, manifest, db);
}

/** Open an existing project; the database is checked read-only and upgraded only if sound. */
export function openProject(dirArg: string): Project {
  const dir = resolve(dirArg);
  const manifest = readManifest(dir);
  const db = openDatabase(join(dir, DATABASE_FILE));
  return wrap(dir, manifest, db);
}

/**
 * An existing project opened read-only: no integrity check, migration or write, so another thread (a compute
 * worker reading feature runs for a study) can read while the app holds the project open (the database is in
 * WAL mode: readers see the last committed state and never block the writer).
 */
export function openProjectReadOnly(dirArg: string): Project {
  const dir = resolve(dirArg);
  const manifest = readManifest(dir);
  const db = new Database(join(dir, DATABASE_FILE), { readonly: true, fileMustExist: true, ...sqliteNativeBinding() });
  db.pragma('busy_timeout = 5000');
  return wrap(dir, manifest, db);
}

function wrap(dir: string, manifest: ProjectManifest, db: Db): Project {
  const store = new ContentStore(join(dir, STORE_DIR));
  return { dir, manifest, db, store, close: () => db.close() };
}

export interface ProjectInfo {
  dir: string;
  name: string;
  id: string;
  createdAt: string;
  schemaVersion: number;
  latestSchemaVersion: number;
  counts: Record<string, number>;
}

const COUNTED_TABLES = [
  'centres',
  'patients',
  'studies',
  'series',
  'volumes',
  'segmentations',
  'feature_runs',
  'feature_values',
  'models',
  'jobs',
  'audit_log',
] as const;

export function projectInfo(project: Project): ProjectInfo {
  const counts: Record<string, number> = {};
  for (const t of COUNTED_TABLES) counts[t] = (project.db.prepare(`SELECT count(*) AS n FROM ${t}`).get() as { n: number }).n;
  return {
    dir: project.dir,
    name: project.manifest.name,
    id: project.manifest.id,
    createdAt: project.manifest.createdAt,
    schemaVersion: project.db.pragma('user_version', { simple: true }) as number,
    latestSchemaVersion: loadMigrations().length,
    counts,
  };
}
