import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { buildApi } from '../shared/ipc/buildApi';
import { channelNames, JOB_EVENT_CHANNEL } from '../shared/ipc/channels';
import type { JobEvent } from '../shared/jobs/events';

// Only named, typed functions reach the page; ipcRenderer itself is never exposed.
const api = buildApi(channelNames, {
  invoke: (channel, input) => ipcRenderer.invoke(channel, input),
  subscribe: (listener) => {
    const wrapped = (_e: IpcRendererEvent, event: JobEvent) => listener(event);
    ipcRenderer.on(JOB_EVENT_CHANNEL, wrapped);
    return () => ipcRenderer.removeListener(JOB_EVENT_CHANNEL, wrapped);
  },
});

contextBridge.exposeInMainWorld('api', api);
