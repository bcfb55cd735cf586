import { BrowserWindow, ipcMain, type IpcMainInvokeEvent } from 'electron';
import { JOB_EVENT_CHANNEL } from '../../shared/ipc/channels';
import { channels } from '../../shared/ipc/contract';
import type { JobEvent } from '../../shared/jobs/events';
import type { HandlerContext } from './context';
import { dispatch } from './dispatch';

/** Only windows this app created, showing our own renderer, may call handlers. */
function trustedSender(event: IpcMainInvokeEvent, allowedOrigin: (url: string) => boolean): boolean {
  const win = BrowserWindow.fromWebContents(event.sender);
  if (!win || event.senderFrame === null) return false;
  return allowedOrigin(event.senderFrame.url);
}

/** Serve every channel of the contract on ipcMain through the shared dispatcher. */
export function registerIpc(ctx: HandlerContext, allowedOrigin: (url: string) => boolean): void {
  for (const channel of channels) {
    ipcMain.handle(channel, async (event, input: unknown) => {
      if (!trustedSender(event, allowedOrigin)) {
        return { ok: false, error: { kind: 'forbidden', message: 'IPC call from an untrusted frame' } };
      }
      return dispatch(channel, input, ctx);
    });
  }
}

/** Push a job event to every app window. */
export function broadcastJobEvent(event: JobEvent): void {
  for (const win of BrowserWindow.getAllWindows()) win.webContents.send(JOB_EVENT_CHANNEL, event);
}
