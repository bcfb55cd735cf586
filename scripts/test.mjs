#!/usr/bin/env node
// `npm test`: everything CI checks, in order — build, type-checks, lint, vitest (node + web
// projects: unit, golden, integration), then the Playwright e2e specs (bridge in Debian's
// chromium; the Electron project skips itself where no Electron binary exists).
import { spawnSync } from 'node:child_process';

const steps = [
  ['build', 'npx', ['electron-vite', 'build']],
  ['typecheck:node', 'npx', ['tsc', '--noEmit', '-p', 'tsconfig.node.json']],
  ['typecheck:e2e', 'npx', ['tsc', '--noEmit', '-p', 'tsconfig.e2e.json']],
  ['typecheck:web', 'npx', ['vue-tsc', '--noEmit', '-p', 'tsconfig.web.json']],
  ['typecheck:webtest', 'npx', ['vue-tsc', '--noEmit', '-p', 'tsconfig.webtest.json']],
  ['lint', 'npx', ['eslint', 'src', 'test', 'bench']],
  ['vitest', 'npx', ['vitest', 'run']],
  ['e2e', 'npx', ['playwright', 'test']],
];

const only = process.argv.slice(2);
const timings = [];
for (const [name, cmd, args] of steps) {
  if (only.length && !only.includes(name)) continue;
  const started = Date.now();
  console.log(`\n=== ${name}: ${cmd} ${args.join(' ')}`);
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, FORCE_COLOR: '0' } });
  timings.push(`${name} ${((Date.now() - started) / 1000).toFixed(1)} s`);
  if (r.status !== 0) {
    console.error(`\n✗ ${name} failed (exit ${r.status ?? r.signal})`);
    process.exit(r.status ?? 1);
  }
}
console.log(`\n✓ all steps passed: ${timings.join(', ')}`);
