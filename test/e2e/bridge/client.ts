// Runs in the page before the renderer boots: builds window.api from the same channel list and
// buildApi() the preload uses, over HTTP to the loopback bridge instead of Electron IPC.
import { buildApi } from '../../../src/shared/ipc/buildApi';
import { channelNames } from '../../../src/shared/ipc/channels';
import type { JobEvent } from '../../../src/shared/jobs/events';
import { binaryField, encodeBinaryBody } from './binaryBody';

declare const __BRIDGE_TOKEN__: string;

const listeners = new Set<(e: JobEvent) => void>();
let source: EventSource | undefined;

window.api = buildApi(channelNames, {
  async invoke(channel, input) {
    const field = binaryField(input);
    if (field) {
      const res = await fetch(`/ipc-binary/${channel}`, {
        method: 'POST',
        headers: { 'content-type': 'application/octet-stream', 'x-dlrn-token': __BRIDGE_TOKEN__ },
        body: encodeBinaryBody(input as Record<string, unknown>, field),
      });
      return res.json();
    }
    const res = await fetch(`/ipc/${channel}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-dlrn-token': __BRIDGE_TOKEN__ },
      body: JSON.stringify(input),
    });
    return res.json();
  },
  subscribe(listener) {
    listeners.add(listener);
    source ??= new EventSource(`/events?token=${__BRIDGE_TOKEN__}`);
    source.onmessage = (m) => {
      const event = JSON.parse(m.data as string) as JobEvent;
      for (const l of listeners) l(event);
    };
    return () => listeners.delete(listener);
  },
});
