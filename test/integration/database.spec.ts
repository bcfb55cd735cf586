import Database from 'better-sqlite3';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { migrate, openDatabase, ProjectDatabaseError } from '../../src/main/storage/database';
import { loadMigrations } from '../../src/main/storage/migrations';
import { initProject, openProject, projectInfo, DATABASE_FILE } from '../../src/main/storage/project';
import { tempDir } from '../support/tmp';

const migrations = loadMigrations();

function tables(db: Database.Database): string[] {
  return (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as { name: string }[]).map((r) => r.name);
}

describe('migrations on a real SQLite file', () => {
  it('are numbered 1..n without gaps', () => {
    expect(migrations.map((m) => m.version)).toEqual(migrations.map((_, i) => i + 1));
  });

  it.each(migrations.map((m) => m.version - 1))('upgrade from schema v%i to the latest, keeping data', (from) => {
    const file = join(tempDir(), 'p.sqlite');
    const db = new Database(file);
    db.pragma('foreign_keys = ON');
    migrate(db, migrations, from);
    if (from >= 1) {
      db.prepare("INSERT INTO centres (code, name) VALUES ('C1', 'Centre 1')").run();
      db.prepare("INSERT INTO patients (id, centre_id, cohort) VALUES ('RLS-0001', 1, 'train')").run();
    }
    db.close();
    const upgraded = openDatabase(file);
    expect(upgraded.pragma('user_version', { simple: true })).toBe(migrations.length);
    expect(tables(upgraded)).toEqual(
      expect.arrayContaining(['centres', 'patients', 'studies', 'series', 'volumes', 'segmentations', 'reading_sessions',
        'readers', 'clinical_variables', 'outcomes', 'feature_runs', 'feature_values', 'models', 'evaluations', 'reports',
        'jobs', 'audit_log']),
    );
    if (from >= 1) expect(upgraded.prepare('SELECT id FROM patients').all()).toEqual([{ id: 'RLS-0001' }]);
    upgraded.close();
  });

  it('enforces foreign keys and runs in WAL mode', () => {
    const dir = tempDir();
    const db = openDatabase(join(dir, 'p.sqlite'), { create: true });
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(() => db.prepare("INSERT INTO patients (id, centre_id) VALUES ('X', 999)").run()).toThrow(/FOREIGN KEY/);
    db.close();
  });

  it('keeps the audit log append-only', () => {
    const db = openDatabase(join(tempDir(), 'p.sqlite'), { create: true });
    db.prepare("INSERT INTO audit_log (actor, action, entity) VALUES ('r1', 'mask.save', 'segmentation')").run();
    expect(() => db.prepare("UPDATE audit_log SET actor = 'x'").run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM audit_log').run()).toThrow(/append-only/);
    db.close();
  });
});

describe('bad project databases are refused and never modified', () => {
  it('rejects a corrupt file with a clear error and leaves its bytes unchanged', () => {
    const dir = tempDir();
    initProject(join(dir, 'p'), { appVersion: 'test' }).close();
    const file = join(dir, 'p', DATABASE_FILE);
    const garbage = Buffer.from('this is not a database at all, just text');
    writeFileSync(file, garbage);
    expect(() => openProject(join(dir, 'p'))).toThrow(ProjectDatabaseError);
    expect(() => openProject(join(dir, 'p'))).toThrow(/not a DLRN Studio project database/);
    expect(readFileSync(file)).toEqual(garbage);
  });

  it('rejects a damaged SQLite file (valid header, broken pages) without writing to it', () => {
    const dir = tempDir();
    const p = initProject(join(dir, 'p'), { appVersion: 'test' });
    p.db.pragma('wal_checkpoint(TRUNCATE)');
    p.close();
    const file = join(dir, 'p', DATABASE_FILE);
    const bytes = readFileSync(file);
    bytes.fill(0xab, 4096, 8192); // page 2 overwritten
    writeFileSync(file, bytes);
    expect(() => openProject(join(dir, 'p'))).toThrow(/corrupt|cannot read|malformed/);
    expect(readFileSync(file)).toEqual(bytes);
  });

  it('rejects a database written by a newer schema version and leaves it unchanged', () => {
    const dir = tempDir();
    const p = initProject(join(dir, 'p'), { appVersion: 'test' });
    p.db.pragma(`user_version = ${migrations.length + 1}`);
    p.db.pragma('wal_checkpoint(TRUNCATE)');
    p.close();
    const file = join(dir, 'p', DATABASE_FILE);
    const before = readFileSync(file);
    expect(() => openProject(join(dir, 'p'))).toThrow(/newer DLRN Studio/);
    expect(readFileSync(file)).toEqual(before);
  });
});

describe('project folders', () => {
  it('init creates the manifest, the database at the latest schema, and info reports it', () => {
    const dir = join(tempDir(), 'my-study');
    initProject(dir, { appVersion: 'test', name: 'RLS study' }).close();
    const p = openProject(dir);
    const info = projectInfo(p);
    p.close();
    expect(info.name).toBe('RLS study');
    expect(info.schemaVersion).toBe(migrations.length);
    expect(info.counts.audit_log).toBe(1);
  });

  it('refuses to initialise into a non-empty folder', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'something.txt'), 'x');
    expect(() => initProject(dir, { appVersion: 'test' })).toThrow(/not empty/);
  });
});
