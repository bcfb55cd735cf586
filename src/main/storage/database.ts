import Database from 'better-sqlite3';
import { closeSync, existsSync, openSync, readSync, statSync } from 'node:fs';
import { loadMigrations, type Migration } from './migrations';
import { sqliteNativeBinding } from './nativeBinding';

export type Db = Database.Database;

/** A project database that cannot be opened safely; the file is left untouched. */
export class ProjectDatabaseError extends Error {
  constructor(
    readonly file: string,
    message: string,
  ) {
    super(`${file}: ${message}`);
    this.name = 'ProjectDatabaseError';
  }
}

const SQLITE_MAGIC = 'SQLite format 3\0';

function assertSqliteHeader(file: string): void {
  if (statSync(file).size === 0) return; // an empty file is a fresh database
  const fd = openSync(file, 'r');
  try {
    const buf = Buffer.alloc(16);
    const n = readSync(fd, buf, 0, 16, 0);
    if (n < 16 || buf.toString('latin1') !== SQLITE_MAGIC) {
      throw new ProjectDatabaseError(file, 'not a DLRN Studio project database (no SQLite header); the file was not modified');
    }
  } finally {
    closeSync(fd);
  }
}

/**
 * Inspect an existing database read-only: integrity and schema version. Throws before anything is
 * written, so a corrupt or newer-version file is never modified.
 */
export function inspectDatabase(file: string, migrations: Migration[] = loadMigrations()): { version: number } {
  assertSqliteHeader(file);
  let ro: Db | undefined;
  try {
    ro = new Database(file, { readonly: true, fileMustExist: true, ...sqliteNativeBinding() });
    const check = ro.pragma('quick_check', { simple: true }) as string;
    if (check !== 'ok') throw new ProjectDatabaseError(file, `database is corrupt (quick_check: ${check}); the file was not modified`);
    const version = ro.pragma('user_version', { simple: true }) as number;
    const latest = migrations.length;
    if (version > latest) {
      throw new ProjectDatabaseError(
        file,
        `schema version ${version} was written by a newer DLRN Studio (this version knows up to ${latest}); upgrade the app — the file was not modified`,
      );
    }
    return { version };
  } catch (err) {
    if (err instanceof ProjectDatabaseError) throw err;
    throw new ProjectDatabaseError(file, `cannot read the database (${(err as Error).message}); the file was not modified`);
  } finally {
    ro?.close();
  }
}

/** Apply every migration above the current user_version, each in its own transaction. */
export function migrate(db: Db, migrations: Migration[] = loadMigrations(), upTo = migrations.length): number {
  const current = db.pragma('user_version', { simple: true }) as number;
  for (const m of migrations) {
    if (m.version <= current || m.version > upTo) continue;
    db.transaction(() => {
      db.exec(m.sql);
      db.pragma(`user_version = ${m.version}`);
    })();
  }
  return db.pragma('user_version', { simple: true }) as number;
}

/**
 * Open (and create or upgrade) a project database: checked read-only first, then opened with
 * WAL, foreign keys on and a busy timeout, and migrated to the latest schema.
 */
export function openDatabase(file: string, options: { create?: boolean; migrations?: Migration[] } = {}): Db {
  const migrations = options.migrations ?? loadMigrations();
  const exists = existsSync(file);
  if (!exists && !options.create) throw new ProjectDatabaseError(file, 'project database not found');
  if (exists) inspectDatabase(file, migrations);
  const db = new Database(file, sqliteNativeBinding());
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    db.pragma('synchronous = NORMAL');
    migrate(db, migrations);
    return db;
  } catch (err) {
    db.close();
    throw err;
  }
}
