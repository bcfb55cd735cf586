#!/usr/bin/env node
// Entry point of the `dlrn` CLI. The engine is TypeScript; tsx compiles it on the fly so the
// CLI runs under plain Node 20 straight after `npm ci`, sharing the exact code the app runs.
import { register } from 'tsx/esm/api';

register();
try {
  const { main } = await import('../src/cli/main.ts');
  process.exitCode = await main(process.argv.slice(2));
} catch (err) {
  console.error(`dlrn: ${err instanceof Error ? err.message : String(err)}`);
  process.exitCode = 1;
}
