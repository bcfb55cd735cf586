import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Root of the read-only oracle data, a sibling of the project root. */
export const ORACLE_ROOT = resolve(fileURLToPath(new URL('.', import.meta.url)), '../../../shared/oracle');

/**
 * Absolute path of an oracle file. A missing file is a test failure naming the expected path,
 * never a silent skip: skipped golden tests hide regressions.
 */
export function oraclePath(...parts: string[]): string {
  const p = resolve(ORACLE_ROOT, ...parts);
  if (!existsSync(p)) throw new Error(`oracle file missing: ${p}`);
  return p;
}
