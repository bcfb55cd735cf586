import type { RendererApi } from '../../../shared/ipc/buildApi';
import type { Channel, ChannelInput, ChannelOutput } from '../../../shared/ipc/contract';
import type { IpcError } from '../../../shared/ipc/result';
import type { JobEvent } from '../../../shared/jobs/events';

/** An IPC call that the main process refused or that failed there. */
export class ApiError extends Error {
  constructor(
    readonly kind: IpcError['kind'],
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

// The only module that touches window.api (injected by the preload, or by the test bridge).
function api(): RendererApi {
  if (!window.api) throw new Error('window.api is missing: the preload (or test bridge) did not run');
  return window.api;
}

export async function call<C extends Channel>(channel: C, input: ChannelInput<C>): Promise<ChannelOutput<C>> {
  const fn = api()[channel] as (i: ChannelInput<C>) => Promise<{ ok: true; value: ChannelOutput<C> } | { ok: false; error: IpcError }>;
  const result = await fn(input);
  if (!result.ok) throw new ApiError(result.error.kind, result.error.message);
  return result.value;
}

export function onJobEvent(listener: (e: JobEvent) => void): () => void {
  return api().onJobEvent(listener);
}
