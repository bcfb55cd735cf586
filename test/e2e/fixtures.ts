import { test as base, _electron, type Page } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(fileURLToPath(new URL('.', import.meta.url)), '../..');
export const screenshotDir = join(root, 'artifacts', 'screenshots');

/** The app as a spec sees it, whichever host runs it. */
export interface AppHandle {
  page: Page;
  /** Answer the next native dialog (folder, file to open, file to save) with `folder`. */
  answerFolderDialog(folder: string): Promise<void>;
  screenshot(name: string): Promise<string>;
}

function electronBinary(): string | null {
  try {
    const p = createRequire(import.meta.url)('electron') as unknown;
    return typeof p === 'string' && existsSync(p) ? p : null;
  } catch {
    return null;
  }
}

function startBridgeProcess(): Promise<{ child: ChildProcess; url: string; token: string }> {
  return new Promise((ok, fail) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'test/e2e/bridge/server.ts')], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    const onData = (d: Buffer): void => {
      out += d.toString();
      const m = /BRIDGE_URL (\S+)/.exec(out);
      if (m) {
        const url = m[1];
        ok({ child, url, token: new URL(url).searchParams.get('token') ?? '' });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    child.on('exit', (code) => fail(new Error(`bridge exited (${code}): ${out}`)));
  });
}

export const test = base.extend<{ app: AppHandle }>({
  app: async ({ playwright }, use, testInfo) => {
    mkdirSync(screenshotDir, { recursive: true });
    const shot = (page: Page) => async (name: string) => {
      const file = join(screenshotDir, `${testInfo.project.name}-${name}.png`);
      await page.screenshot({ path: file, fullPage: true });
      return file;
    };
    if (testInfo.project.name === 'electron') {
      const bin = electronBinary();
      testInfo.skip(!bin, 'skipped: no Electron binary');
      const electronApp = await _electron.launch({ executablePath: bin ?? undefined, args: [join(root, 'out/main/index.js')] });
      const page = await electronApp.firstWindow();
      await use({
        page,
        answerFolderDialog: async (folder) => {
          // Open (folder or file) and save dialogs alike: the next one answers with this path.
          await electronApp.evaluate(({ dialog }, answer) => {
            dialog.showOpenDialog = (async () => ({ canceled: false, filePaths: [answer] })) as typeof dialog.showOpenDialog;
            dialog.showSaveDialog = (async () => ({ canceled: false, filePath: answer })) as typeof dialog.showSaveDialog;
          }, folder);
        },
        screenshot: shot(page),
      });
      await electronApp.close();
      return;
    }
    const bridge = await startBridgeProcess();
    const browser = await playwright.chromium.launch(testInfo.project.use.launchOptions);
    const context = await browser.newContext({ viewport: testInfo.project.use.viewport ?? null });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    await page.goto(bridge.url);
    await use({
      page,
      answerFolderDialog: async (folder) => {
        const res = await fetch(new URL('/__test/dialog', bridge.url), {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-dlrn-token': bridge.token },
          body: JSON.stringify({ answer: folder }),
        });
        if (!res.ok) throw new Error(`bridge refused dialog answer: ${res.status}`);
      },
      screenshot: shot(page),
    });
    await context.close();
    await browser.close();
    bridge.child.kill('SIGTERM');
    if (errors.length) throw new Error(`page errors: ${errors.join('\n')}`);
  },
});

export { expect } from '@playwright/test';
