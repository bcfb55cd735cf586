/**
 * The inference host as an Electron `utilityProcess` (the app's spawner for
 * {@link InferenceClient.start}). The electron-vite build must emit `inference.host.js` next to the
 * main bundle (an input entry `'inference.host': 'src/main/workers/inference.host.ts'`).
 * Crash reasons come from `app`'s 'child-process-gone' event ('crashed', 'oom', 'killed', …), which
 * Electron emits for utility processes alongside the child's own 'exit'.
 */
import { app, utilityProcess, type Details } from 'electron';
import { fileURLToPath } from 'node:url';
import type { HostChannel, HostExit, HostSpawner } from '../services/inferenceClient';
import type { HostReply } from '../workers/inferenceProtocol';

const SERVICE_NAME = 'DLRN inference';
const STDERR_TAIL = 4000;

export const utilityInferenceHost: HostSpawner = (env) => {
  const child = utilityProcess.fork(fileURLToPath(new URL('./inference.host.js', import.meta.url)), [], {
    serviceName: SERVICE_NAME,
    stdio: ['ignore', 'inherit', 'pipe'],
    env: { ...process.env, ...env },
  });
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => {
    stderr = (stderr + d.toString()).slice(-STDERR_TAIL);
  });
  let reason: HostExit['reason'];
  const onGone = (_e: unknown, details: Details): void => {
    if (details.type === 'Utility' && details.serviceName === SERVICE_NAME) {
      reason = details.reason === 'integrity-failure' || details.reason === 'memory-eviction' ? 'killed' : details.reason;
    }
  };
  app.on('child-process-gone', onGone);
  const exitListeners: ((e: HostExit) => void)[] = [];
  child.on('exit', (code) => {
    app.off('child-process-gone', onGone);
    // Let a same-tick 'child-process-gone' land first so the reason is known.
    setImmediate(() => {
      for (const l of exitListeners) l({ code, signal: null, reason: reason ?? (code === 0 ? 'clean-exit' : undefined), stderrTail: stderr.trim() || undefined });
    });
  });
  const channel: HostChannel = {
    send: (msg) => child.postMessage(msg),
    onMessage: (l) => child.on('message', (m) => l(m as HostReply)),
    onExit: (l) => exitListeners.push(l),
    kill: () => void child.kill(),
  };
  return channel;
};
