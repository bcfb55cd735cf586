import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { appRoot } from './appRoot';

let version: string | undefined;

/** The application version from package.json. */
export function appVersion(): string {
  version ??= (JSON.parse(readFileSync(join(appRoot(), 'package.json'), 'utf8')) as { version: string }).version;
  return version;
}
