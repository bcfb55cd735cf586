import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { appRoot } from '../appRoot';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/** Numbered, append-only migrations `db/migrations/NNNN_name.sql`, in order; gaps are an error. */
export function loadMigrations(dir = join(appRoot(), 'db', 'migrations')): Migration[] {
  const files = readdirSync(dir)
    .filter((f) => /^\d{4}_[a-z0-9_]+\.sql$/.test(f))
    .sort();
  return files.map((file, i) => {
    const version = Number(file.slice(0, 4));
    if (version !== i + 1) throw new Error(`migration numbering gap at ${file} (expected ${String(i + 1).padStart(4, '0')})`);
    return { version, name: file.slice(5, -4), sql: readFileSync(join(dir, file), 'utf8') };
  });
}
