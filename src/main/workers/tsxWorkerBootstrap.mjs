// Runs a TypeScript worker module under tsx (CLI, tests, `npm run dlrn`), where sources are not
// pre-built. The electron-vite build uses the compiled worker directly and never loads this file.
import { register } from 'tsx/esm/api';
import { workerData } from 'node:worker_threads';

register();
await import(workerData.__tsEntry);
