import type { JobEvent } from '../jobs/events';
import type { Channel, ChannelInput, ChannelOutput } from './contract';
import type { Result } from './result';

/** How calls reach the main process: Electron IPC in the app, HTTP in the loopback test bridge. */
export interface Transport {
  invoke(channel: string, input: unknown): Promise<unknown>;
  /** Subscribe to job events; returns the unsubscribe function. */
  subscribe(listener: (event: JobEvent) => void): () => void;
}

/** What the renderer sees as `window.api`: one function per channel, returning a Result envelope. */
export type RendererApi = {
  [C in Channel]: (input: ChannelInput<C>) => Promise<Result<ChannelOutput<C>>>;
} & { onJobEvent(listener: (event: JobEvent) => void): () => void };

/** Build the API object from the channel list and a transport. */
export function buildApi(channelNames: readonly Channel[], transport: Transport): RendererApi {
  const api: Record<string, unknown> = {};
  for (const channel of channelNames) {
    api[channel] = (input: unknown) => transport.invoke(channel, input ?? {});
  }
  api.onJobEvent = (listener: (event: JobEvent) => void) => transport.subscribe(listener);
  return api as RendererApi;
}
