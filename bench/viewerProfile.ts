/// <reference lib="dom" />
/**
 * Viewer profile (where does a frame's time go?): drives the built renderer like bench/viewer.ts,
 * but takes the view's requestAnimationFrame callbacks over so that each scroll step / brush move
 * is timed in three parts, synchronously and without the display's 60 Hz pacing:
 *   event   – the DOM event handler plus Vue's watcher flush (store update, overlay bookkeeping);
 *   render  – the view's frame callback (vtk.js: texture uploads, draw calls issued);
 *   gpu     – a 1-pixel gl.readPixels right after, which waits until the WebGL commands have been
 *             executed (SwiftShader in headless runs).
 * A JS CPU profile (CDP Profiler) of the label-scroll and brush loops lists the hottest functions.
 * Opening the viewer is profiled too: a page-side timeline (view mounted, image loaded, first
 * render, label map) and each request's server time and body transfer time.
 *
 *   npx electron-vite build && node --import tsx bench/viewerProfile.ts [--steps N] [--gpu]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CDPSession, Page } from '@playwright/test';
import { initProject } from '../src/main/storage/project';
import { startBridge } from '../test/e2e/bridge/server';
import { addSyntheticPatient } from '../test/support/syntheticCtProject';
import { clickViewCentre, launchChromium, openProjectPatients } from './viewerPage';

const stepsArg = process.argv.indexOf('--steps');
const steps = stepsArg > 0 ? Number(process.argv[stepsArg + 1]) : 60;
const gpu = process.argv.includes('--gpu');

interface Parts { event: number[]; render: number[]; gpu: number[] }

const med = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const p95 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(0.95 * xs.length))];
const show = (label: string, p: Parts) => {
  const f = (xs: number[]) => `${med(xs).toFixed(2)}/${p95(xs).toFixed(2)}`;
  const total = p.event.map((e, i) => e + p.render[i] + p.gpu[i]);
  console.log(`${label.padEnd(34)} event ${f(p.event)}  render ${f(p.render)}  gpu ${f(p.gpu)}  total ${f(total)} ms (median/p95)`);
};

async function profiled<T>(cdp: CDPSession, label: string, run: () => Promise<T>): Promise<T> {
  await cdp.send('Profiler.start');
  const out = await run();
  const { profile } = await cdp.send('Profiler.stop');
  const self = new Map<string, number>();
  const dt = profile.timeDeltas ?? [];
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  (profile.samples ?? []).forEach((id, i) => {
    const n = byId.get(id)!;
    const c = n.callFrame;
    const key = `${c.functionName || '(anon)'} ${c.url.split('/').pop()}:${c.lineNumber + 1}`;
    self.set(key, (self.get(key) ?? 0) + (dt[i] ?? 0) / 1000);
  });
  const top = [...self].sort((a, b) => b[1] - a[1]).slice(0, 12);
  console.log(`  JS self time, ${label}: ${top.map(([k, v]) => `${k} ${v.toFixed(0)} ms`).join('; ')}`);
  return out;
}

/** Install the frame takeover in the page: queued rAF callbacks run when the profile says so. */
async function takeOverFrames(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as { __frames: FrameRequestCallback[] };
    w.__frames = [];
    window.requestAnimationFrame = (cb) => w.__frames.push(cb);
    window.cancelAnimationFrame = () => {};
  });
}

async function steps3(page: Page, kind: 'scroll' | 'brush', n: number): Promise<Parts> {
  return page.evaluate(
    async ({ kind, n }) => {
      const w = window as unknown as { __frames: FrameRequestCallback[] };
      const el = document.querySelector<HTMLElement>('[data-testid="slice-view"]')!;
      const gl = el.querySelector('canvas')!.getContext('webgl2')!;
      const box = el.getBoundingClientRect();
      const cx = box.left + box.width / 2;
      const cy = box.top + box.height / 2;
      const pe = (type: string, x: number, y: number) =>
        new PointerEvent(type, { clientX: x, clientY: y, button: 0, buttons: type === 'pointerup' ? 0 : 1, pointerId: 1, bubbles: true });
      const flush = () => new Promise((r) => setTimeout(r, 0));
      // readPixels waits for every queued command (in Chromium, finish() need not).
      const px = new Uint8Array(4);
      const out = { event: [] as number[], render: [] as number[], gpu: [] as number[] };
      const first = Number(el.dataset.slice);
      let direction = 1;
      if (kind === 'brush') el.dispatchEvent(pe('pointerdown', cx - 100, cy));
      await flush();
      for (const cb of w.__frames.splice(0)) cb(performance.now());
      gl.finish();
      for (let i = 1; i <= n; i++) {
        const before = Number(el.dataset.slice);
        const t0 = performance.now();
        if (kind === 'scroll') {
          if (Math.abs(before + direction - first) > 15) direction = -direction;
          el.dispatchEvent(new WheelEvent('wheel', { deltaY: direction, bubbles: true, cancelable: true }));
        } else {
          el.dispatchEvent(pe('pointermove', cx - 100 + (200 * i) / n, cy + 40 * Math.sin(i / 5)));
        }
        // Vue flushes its watchers in a microtask; await one so they have run (timer delay excluded below).
        await Promise.resolve();
        await Promise.resolve();
        const t1 = performance.now();
        for (const cb of w.__frames.splice(0)) cb(t1);
        const t2 = performance.now();
        gl.readPixels(0, 0, 1, 1, gl.RGBA, gl.UNSIGNED_BYTE, px);
        const t3 = performance.now();
        out.event.push(t1 - t0);
        out.render.push(t2 - t1);
        out.gpu.push(t3 - t2);
        if (kind === 'scroll' && Number(el.dataset.slice) === before) direction = -direction;
      }
      if (kind === 'brush') el.dispatchEvent(pe('pointerup', cx + 100, cy));
      await flush();
      for (const cb of w.__frames.splice(0)) cb(performance.now());
      return out;
    },
    { kind, n },
  );
}

async function main(): Promise<void> {
  const root = mkdtempSync(join(tmpdir(), 'dlrn-profile-viewer-'));
  const dir = join(root, 'study');
  const project = initProject(dir, { name: 'Viewer profile', appVersion: 'bench' });
  addSyntheticPatient(project, {
    grids: [{ phase: 'venous', size: [512, 512, 120], spacing: [0.7, 0.7, 2.5], origin: [-178.85, -178.85, -148.75] }],
  });
  project.close();
  const bridge = await startBridge({ userDataDir: join(root, 'user') });
  const browser = await launchChromium(gpu);
  try {
    const page = await (await browser.newContext({ viewport: { width: 1366, height: 768 } })).newPage();
    await page.addInitScript('globalThis.__name = (f) => f');
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
    await page.goto(bridge.url);
    await openProjectPatients(page, bridge, dir);
    const t0 = Date.now();
    const requests: string[] = [];
    page.on('requestfinished', (r) => {
      const t = r.timing();
      requests.push(`${new URL(r.url()).pathname.slice(0, 24)} +${Math.round(t.startTime - t0)} ms (server ${Math.round(t.responseStart - t.requestStart)} ms, body ${Math.round(t.responseEnd - t.responseStart)} ms)`);
    });
    // Page-side timeline of the opening: when the view appears, gets its slices, its overlay, its first render.
    await page.evaluate(() => {
      const w = window as unknown as { __open: Record<string, number> };
      const t0 = performance.now();
      w.__open = {};
      const seen = (k: string) => (w.__open[k] ??= Math.round(performance.now() - t0));
      new MutationObserver(() => {
        const el = document.querySelector<HTMLElement>('[data-testid="slice-view"]');
        if (!el) return;
        seen('view mounted');
        if (el.dataset.slices === '120') seen('image loaded');
        if (el.dataset.overlay === 'true') seen('label map loaded');
        if (Number(el.dataset.renderMs) > 0) seen('first render');
      }).observe(document.body, { subtree: true, childList: true, attributes: true });
    });
    await profiled(cdp, 'open viewer', async () => {
      await page.getByTestId('open-viewer-PT-0001').click();
      await page.locator('[data-testid="slice-view"][data-slices="120"][data-overlay="true"]').waitFor({ timeout: 120_000 });
      await page.waitForFunction(() => Number(document.querySelector('[data-testid="slice-view"]')?.getAttribute('data-render-ms')) > 0);
    });
    console.log(`open viewer: ${Date.now() - t0} ms; in the page: ${JSON.stringify(await page.evaluate(() => (window as unknown as { __open: object }).__open))}`);
    console.log(`  requests: ${requests.join('; ')}`);

    await page.getByTestId('tool-brush').click();
    await page.getByTestId('brush-sphere').check();
    await page.getByTestId('brush-size').fill('60');
    await clickViewCentre(page);
    await page.locator('[data-testid="save-status"][data-dirty="false"][data-state="idle"]').waitFor({ timeout: 60_000 });
    await page.getByTestId('brush-sphere').uncheck();
    await page.getByTestId('brush-size').fill('10');
    await takeOverFrames(page);

    const sync = await page.evaluate(() => {
      const gl = document.querySelector<HTMLCanvasElement>('[data-testid="slice-view"] canvas')!.getContext('webgl2')!;
      const px = new Uint8Array(4);
      const xs: number[] = [];
      for (let i = 0; i < 30; i++) {
        const t0 = performance.now();
        gl.readPixels(0, 0, 1, 1, gl.RGBA, gl.UNSIGNED_BYTE, px);
        xs.push(performance.now() - t0);
      }
      return xs.sort((a, b) => a - b)[15];
    });
    console.log(`readPixels with nothing drawn (the sync's own cost): median ${sync.toFixed(2)} ms`);
    show('scroll, labels shown', await profiled(cdp, 'scroll with labels', () => steps3(page, 'scroll', steps)));
    show('brush move (10 mm disc)', await profiled(cdp, 'brush', () => steps3(page, 'brush', steps)));
    await page.getByTestId('segment-row-1').locator('input[type=checkbox]').uncheck();
    show('scroll, segment hidden', await steps3(page, 'scroll', steps));
    console.log(`load average: ${loadavg().map((x) => x.toFixed(2)).join(' ')}`);
  } finally {
    await browser.close();
    await bridge.close();
    rmSync(root, { recursive: true, force: true });
  }
}

await main();
