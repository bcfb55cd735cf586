import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { appRoot } from '../appRoot';

/**
 * better-sqlite3 is not N-API: inside Electron it must load the copy built for Electron's ABI by
 * scripts/rebuildForElectron.cjs; under plain Node (CLI, tests, the loopback bridge) the default
 * build in node_modules is used.
 */
export function sqliteNativeBinding(): { nativeBinding?: string } {
  if (!process.versions.electron) return {};
  const built = join(appRoot(), '.electron-native', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node');
  return existsSync(built) ? { nativeBinding: built } : {};
}
