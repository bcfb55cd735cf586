/// <reference lib="dom" />
/** Page actions shared by the viewer benchmarks (bench/viewer.ts, bench/viewerProfile.ts). */
import { chromium, type Browser, type Page } from '@playwright/test';

/** One brush click (pointer down and up) at the centre of the slice view. */
export async function clickViewCentre(page: Page): Promise<void> {
  await page.evaluate(() => {
    const el = document.querySelector<HTMLElement>('[data-testid="slice-view"]')!;
    const b = el.getBoundingClientRect();
    const at = (type: string) =>
      new PointerEvent(type, { clientX: b.left + b.width / 2, clientY: b.top + b.height / 2, button: 0, buttons: 1, pointerId: 1, bubbles: true });
    el.dispatchEvent(at('pointerdown'));
    el.dispatchEvent(at('pointerup'));
  });
}

/** Answer the bridge's folder dialog with `dir`, open that project and show its patients. */
export async function openProjectPatients(page: Page, bridge: { url: string; token: string }, dir: string): Promise<void> {
  await fetch(new URL('/__test/dialog', bridge.url), {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-dlrn-token': bridge.token },
    body: JSON.stringify({ answer: dir }),
  });
  await page.getByTestId('open-project').click();
  await page.getByTestId('open-patients').click();
}

/** Debian's headless Chromium (DLRN_CHROMIUM overrides the path); `gpu` keeps hardware WebGL where there is a GPU. */
export function launchChromium(gpu: boolean): Promise<Browser> {
  const args = ['--headless', '--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
  if (!gpu) args.push('--disable-gpu');
  return chromium.launch({ executablePath: process.env.DLRN_CHROMIUM ?? '/usr/bin/chromium', args });
}
