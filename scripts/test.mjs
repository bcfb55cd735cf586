#!/usr/bin/env node
// `npm test`: everything CI checks, in order — build, type-checks, lint, vitest (node + web
// projects: unit, golden, integration), then the Playwright e2e specs (bridge in Debian's
// chromium; the Electron project skips itself where no Electron binary exists).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';

mkdirSync('artifacts', { recursive: true });
const PLAYWRIGHT_JSON = 'artifacts/playwright.json';

/** Passed/failed/skipped counts of the vitest and Playwright JSON reports (for the closing line). */
function counts() {
  const c = { passed: 0, failed: 0, skipped: 0 };
  if (existsSync('artifacts/vitest.json')) {
    const v = JSON.parse(readFileSync('artifacts/vitest.json', 'utf8'));
    c.passed += v.numPassedTests;
    c.failed += v.numFailedTests;
    c.skipped += v.numPendingTests + v.numTodoTests;
  }
  if (existsSync(PLAYWRIGHT_JSON)) {
    const s = JSON.parse(readFileSync(PLAYWRIGHT_JSON, 'utf8')).stats;
    c.passed += s.expected;
    c.failed += s.unexpected;
    c.skipped += s.skipped;
  }
  return c;
}

const steps = [
  ['build', 'npx', ['electron-vite', 'build']],
  ['typecheck:node', 'npx', ['tsc', '--noEmit', '-p', 'tsconfig.node.json']],
  ['typecheck:e2e', 'npx', ['tsc', '--noEmit', '-p', 'tsconfig.e2e.json']],
  ['typecheck:web', 'npx', ['vue-tsc', '--noEmit', '-p', 'tsconfig.web.json']],
  ['typecheck:webtest', 'npx', ['vue-tsc', '--noEmit', '-p', 'tsconfig.webtest.json']],
  ['lint', 'npx', ['eslint', 'src', 'test', 'bench']],
  ['vitest', 'npx', ['vitest', 'run', '--reporter=default', '--reporter=json', '--outputFile.json=artifacts/vitest.json']],
  ['e2e', 'npx', ['playwright', 'test', '--reporter=list,json']],
];

const only = process.argv.slice(2);
const timings = [];
for (const [name, cmd, args] of steps) {
  if (only.length && !only.includes(name)) continue;
  const started = Date.now();
  console.log(`\n=== ${name}: ${cmd} ${args.join(' ')}`);
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, FORCE_COLOR: '0', PLAYWRIGHT_JSON_OUTPUT_NAME: PLAYWRIGHT_JSON } });
  timings.push(`${name} ${((Date.now() - started) / 1000).toFixed(1)} s`);
  if (r.status !== 0) {
    console.error(`\n✗ ${name} failed (exit ${r.status ?? r.signal})`);
    const c = counts();
    console.log(`\n${c.passed} passed, ${Math.max(1, c.failed)} failed, ${c.skipped} skipped`);
    process.exit(r.status ?? 1);
  }
}
console.log(`\n✓ all steps passed: ${timings.join(', ')}`);
const c = counts();
console.log(`\n${c.passed} passed, ${c.failed} failed, ${c.skipped} skipped`);
