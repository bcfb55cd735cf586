import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

let cached: string | undefined;

/**
 * The application root (the folder holding package.json and db/migrations). Found by walking up
 * from this module, so it works from sources under tsx, from the electron-vite bundle in out/main,
 * and from a packaged app.
 */
export function appRoot(): string {
  if (cached) return cached;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(join(dir, 'db', 'migrations')) && existsSync(join(dir, 'package.json'))) {
      cached = dir;
      return dir;
    }
    const up = dirname(dir);
    if (up === dir) throw new Error('application root (db/migrations) not found above ' + fileURLToPath(import.meta.url));
    dir = up;
  }
}
