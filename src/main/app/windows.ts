import { BrowserWindow, shell } from 'electron';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(new URL('.', import.meta.url));

/** The renderer's own origin: the built file in production, the dev server in development. */
export function rendererUrl(): string {
  return process.env.ELECTRON_RENDERER_URL ?? new URL('../renderer/index.html', import.meta.url).href;
}

export function isOwnRendererUrl(url: string): boolean {
  const own = new URL(rendererUrl());
  try {
    const u = new URL(url);
    return own.protocol === 'file:' ? u.protocol === 'file:' && u.pathname === own.pathname : u.origin === own.origin;
  } catch {
    return false;
  }
}

/** The main window, locked down: isolated, sandboxed, no Node, no navigation, no pop-ups. */
export function createMainWindow(): BrowserWindow {
  const win = new BrowserWindow({
    width: 1440,
    height: 900,
    minWidth: 1280,
    minHeight: 720,
    show: false,
    title: 'DLRN Studio',
    webPreferences: {
      preload: join(here, '../preload/index.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: false,
    },
  });
  win.once('ready-to-show', () => win.show());
  win.webContents.setWindowOpenHandler(({ url }) => {
    // External documentation links open in the system browser; nothing opens inside the app.
    if (url.startsWith('https://')) void shell.openExternal(url);
    return { action: 'deny' };
  });
  win.webContents.on('will-navigate', (event, url) => {
    if (!isOwnRendererUrl(url)) event.preventDefault();
  });
  void win.loadURL(rendererUrl());
  return win;
}
