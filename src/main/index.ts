import { app, session } from 'electron';
import { join } from 'node:path';
import { appVersion } from './appInfo';
import { electronDialogs } from './app/dialogs';
import { handleVolumeProtocol, registerVolumeScheme } from './app/protocol';
import { createMainWindow, isOwnRendererUrl } from './app/windows';
import { broadcastJobEvent, registerIpc } from './ipc/register';
import { VOLUME_SCHEME } from './ipc/handlers/imaging';
import { AppServices } from './services/appServices';

if (!app.requestSingleInstanceLock()) app.quit();
registerVolumeScheme();

app.whenReady().then(() => {
  // No remote content: every request that is not the app's own renderer is refused.
  session.defaultSession.webRequest.onBeforeRequest((details, callback) => {
    const u = details.url;
    const local = u.startsWith('file:') || u.startsWith('devtools:') || u.startsWith(`${VOLUME_SCHEME}:`) || isOwnRendererUrl(u);
    callback({ cancel: !local });
  });
  session.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));

  const services = new AppServices(join(app.getPath('userData'), 'state'), broadcastJobEvent);
  handleVolumeProtocol(services);
  registerIpc({ services, dialogs: electronDialogs, appVersion: appVersion(), host: 'electron' }, isOwnRendererUrl);
  createMainWindow();
});

app.on('window-all-closed', () => app.quit());
