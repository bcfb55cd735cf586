// Builds a copy of better-sqlite3 for Electron's ABI in .electron-native/ (run by postinstall only
// where the Electron binary exists, i.e. on a machine with internet: node-gyp downloads Electron's
// headers). The copy in node_modules stays built for plain Node, which the CLI and tests use; the
// Electron main process loads the copy through better-sqlite3's `nativeBinding` option
// (src/main/storage/nativeBinding.ts).
const { cpSync, existsSync, rmSync } = require('node:fs');
const { dirname, join } = require('node:path');
const { execFileSync } = require('node:child_process');

const root = join(__dirname, '..');
const electronVersion = require('electron/package.json').version;
const source = dirname(require.resolve('better-sqlite3/package.json'));
const target = join(root, '.electron-native', 'better-sqlite3');

function nodeGyp() {
  const bundled = join(dirname(process.execPath), '..', 'lib', 'node_modules', 'npm', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js');
  if (existsSync(bundled)) return [process.execPath, [bundled]];
  try {
    return [process.execPath, [require.resolve('node-gyp/bin/node-gyp.js')]];
  } catch {
    throw new Error('node-gyp not found: install it (npm i -g node-gyp) or set DLRN_SKIP_ELECTRON_REBUILD=1');
  }
}

rmSync(target, { recursive: true, force: true });
cpSync(source, target, { recursive: true, filter: (p) => !p.includes(`${join('build', 'Release', 'obj')}`) });
const [cmd, prefix] = nodeGyp();
execFileSync(
  cmd,
  [...prefix, 'rebuild', '--release', `--target=${electronVersion}`, '--runtime=electron', '--dist-url=https://electronjs.org/headers'],
  { cwd: target, stdio: 'inherit' },
);
console.log(`[dlrn] better-sqlite3 built for Electron ${electronVersion} in ${target}`);
