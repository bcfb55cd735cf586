// Runs a TypeScript entry module under tsx in a forked child process (CLI, tests, `npm run dlrn`),
// where sources are not pre-built: `fork(thisFile, [entryFileUrl])`. The electron-vite build forks the
// compiled entry directly and never loads this file. Companion of tsxWorkerBootstrap.mjs (threads).
import { register } from 'tsx/esm/api';

register();
await import(process.argv[2]);
