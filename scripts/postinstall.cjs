// Rebuild better-sqlite3 for Electron's ABI only where the Electron binary exists
// (a user's machine with internet). On offline build machines the plain-Node build
// stays as compiled by npm, which the CLI and tests use.
const { execFileSync } = require('node:child_process');

function electronBinaryPresent() {
  try {
    const electronPath = require('electron');
    return typeof electronPath === 'string' && require('node:fs').existsSync(electronPath);
  } catch {
    return false;
  }
}

if (process.env.DLRN_SKIP_ELECTRON_REBUILD === '1' || !electronBinaryPresent()) {
  console.log('[dlrn] Electron binary absent: keeping the plain-Node better-sqlite3 build (CLI and tests).');
} else {
  console.log('[dlrn] Electron binary found: building better-sqlite3 for Electron in .electron-native/ ...');
  execFileSync(process.execPath, [require.resolve('./rebuildForElectron.cjs')], { stdio: 'inherit' });
}
