import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildApi } from '../../../../src/shared/ipc/buildApi';
import { channelNames } from '../../../../src/shared/ipc/channels';
import type { JobEvent } from '../../../../src/shared/jobs/events';
import { dispatch } from '../../../../src/main/ipc/dispatch';
import type { HandlerContext } from '../../../../src/main/ipc/context';
import { AppServices } from '../../../../src/main/services/appServices';
import { TestDialogs } from '../../../e2e/bridge/testDialogs';

export interface InProcessApi {
  dialogs: TestDialogs;
  services: AppServices;
  ctx: HandlerContext;
}

/**
 * window.api backed in-process by the real dispatcher and services (real SQLite, real job queue and its job
 * events), as the loopback bridge serves them over HTTP and SSE.
 */
export function installInProcessApi(): InProcessApi {
  const listeners = new Set<(e: JobEvent) => void>();
  const dialogs = new TestDialogs();
  const services = new AppServices(mkdtempSync(join(tmpdir(), 'dlrn-web-')), (e) => {
    for (const l of listeners) l(e);
  });
  const ctx: HandlerContext = { services, dialogs, appVersion: 'test', host: 'bridge' };
  window.api = buildApi(channelNames, {
    invoke: (channel, input) => dispatch(channel, input, ctx),
    subscribe: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  });
  return { dialogs, services, ctx };
}

/** A new empty project folder path (not yet created). */
export function newProjectDir(): string {
  return join(mkdtempSync(join(tmpdir(), 'dlrn-web-')), 'project');
}
