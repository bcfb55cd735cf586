import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { initProject } from '../../../src/main/storage/project';
import { addSyntheticPatient, threePhaseGrids, tumourCentre } from '../../support/syntheticCtProject';
import { expect, test } from '../fixtures';

// The venous phase (the viewer's default) is 160×120×20 voxels of 2×2×3 mm centred on the origin.
const venous = threePhaseGrids[1];

/**
 * Display position (page pixels) of an LPS point in the axial view right after "fit": the camera
 * centre is the volume centre (0, 0) and the half-height is max(120, 160 / aspect) mm × 1.04, as in
 * sliceGeometry.fitCamera. Screen right = patient left (+x), screen up = anterior (−y).
 */
async function axialPoint(view: Locator, x: number, y: number): Promise<[number, number]> {
  const box = (await view.boundingBox())!;
  const w = box.width - 2;
  const h = box.height - 2;
  const halfHeight = Math.max(venous.size[1] / 2 * venous.spacing[1], (venous.size[0] / 2 * venous.spacing[0]) / (w / h)) * 1.04;
  const pxPerMm = h / 2 / halfHeight;
  return [box.x + 1 + w / 2 + x * pxPerMm, box.y + 1 + h / 2 + y * pxPerMm];
}

async function stroke(page: Page, from: [number, number], to: [number, number]): Promise<void> {
  await page.mouse.move(...from);
  await page.mouse.down();
  for (let s = 1; s <= 8; s++) await page.mouse.move(from[0] + ((to[0] - from[0]) * s) / 8, from[1] + ((to[1] - from[1]) * s) / 8);
  await page.mouse.up();
}

/** Voxels of segment 1, once the panel has counted the latest edit (it recounts 150 ms after edits settle). */
async function voxels(page: Page): Promise<number> {
  await expect(page.getByTestId('segment-panel')).toHaveAttribute('data-counts-current', 'true');
  return Number(await page.getByTestId('segment-voxels-1').getAttribute('data-voxels'));
}

/** RGB of one screen pixel, decoded in the page from a 1×1 screenshot (no PNG library needed). */
async function pixel(page: Page, [x, y]: [number, number]): Promise<[number, number, number]> {
  const png = await page.screenshot({ clip: { x: Math.round(x), y: Math.round(y), width: 1, height: 1 } });
  return page.evaluate(async (bytes) => {
    const bitmap = await createImageBitmap(new Blob([new Uint8Array(bytes)], { type: 'image/png' }));
    const ctx = new OffscreenCanvas(1, 1).getContext('2d')!;
    ctx.drawImage(bitmap, 0, 0);
    const [r, g, b] = ctx.getImageData(0, 0, 1, 1).data;
    return [r, g, b] as [number, number, number];
  }, [...png]);
}

/** A grey CT pixel: channels equal within a few levels and not black. */
function expectGrey([r, g, b]: [number, number, number]): void {
  expect(Math.max(r, g, b) - Math.min(r, g, b)).toBeLessThanOrEqual(6);
  expect(r).toBeGreaterThan(20);
}

async function openViewer(page: Page): Promise<Locator> {
  await page.getByTestId('open-patients').click();
  await expect(page.getByTestId('patient-row-PT-0001')).toContainText('Venous');
  await page.getByTestId('open-viewer-PT-0001').click();
  const view = page.getByTestId('slice-view').first();
  await expect(view).toHaveAttribute('data-slices', String(venous.size[2]));
  await expect(page.getByTestId('segment-row-1')).toBeVisible();
  return view;
}

test('viewer: paint, undo/redo, fill between slices, save, reload and see the mask', async ({ app }) => {
  test.setTimeout(120_000);
  const { page } = app;
  const dir = join(mkdtempSync(join(tmpdir(), 'dlrn-e2e-')), 'viewer-study');
  const project = initProject(dir, { name: 'Viewer study', appVersion: 'e2e' });
  const patient = addSyntheticPatient(project, { centre: 'C1', cohort: 'train' });
  project.close();

  await app.answerFolderDialog(dir);
  await page.getByTestId('open-project').click();
  await expect(page.getByTestId('current-project')).toContainText('Viewer study');
  const view = await openViewer(page);
  // The cursor starts at the volume centre: z = 0 → slice index round(28.5 / 3) = 10 (shown 1-based).
  await expect(view).toHaveAttribute('data-slice', '10');
  await expect(page.getByTestId('wl-label')).toContainText('400 / 40');

  // The HU under the mouse at the tumour centre is the synthetic tumour's (20 + 60/3 ± texture).
  const tumour = await axialPoint(view, tumourCentre[0], tumourCentre[1]);
  await page.mouse.move(...tumour);
  await expect(page.getByTestId('hover-info')).toContainText(/HU (3[5-9]|4[0-5]) /);
  await page.getByTestId('preset-liver').click();
  await expect(page.getByTestId('wl-label')).toContainText('150 / 90');
  await app.screenshot('viewer-opened');

  // Brush: a horizontal stroke across the tumour.
  await page.getByTestId('tool-brush').click();
  await expect(page.getByTestId('brush-size-label')).toContainText('Ø 10.0 mm · 5.0 voxels');
  await stroke(page, await axialPoint(view, tumourCentre[0] - 12, tumourCentre[1]), await axialPoint(view, tumourCentre[0] + 12, tumourCentre[1]));
  const painted = await voxels(page);
  // A 10 mm disc on 2 mm pixels swept over 24 mm: about (24 + 10) × 10 / 4 ≈ 85 voxels.
  expect(painted).toBeGreaterThan(60);
  expect(painted).toBeLessThan(110);
  // On screen: the stroke is green over the CT, and the CT around it is still visible and grey.
  await page.mouse.move(10, 10);
  const [r, g, b] = await pixel(page, await axialPoint(view, tumourCentre[0] - 4, tumourCentre[1]));
  expect(g).toBeGreaterThan(r + 40);
  expect(g).toBeGreaterThan(b + 40);
  expectGrey(await pixel(page, await axialPoint(view, tumourCentre[0] + 40, tumourCentre[1] + 8)));
  await app.screenshot('viewer-brush');

  // Undo and redo restore whole strokes (buttons and keyboard).
  await page.getByTestId('undo').click();
  expect(await voxels(page)).toBe(0);
  await page.getByTestId('redo').click();
  expect(await voxels(page)).toBe(painted);
  await page.keyboard.press('Control+z');
  expect(await voxels(page)).toBe(0);
  await page.keyboard.press('Control+Shift+Z');
  expect(await voxels(page)).toBe(painted);

  // A second stroke four slices up, then fill between slices with preview → apply.
  for (let i = 0; i < 4; i++) await page.keyboard.press('ArrowUp');
  await expect(view).toHaveAttribute('data-slice', '14');
  await stroke(page, await axialPoint(view, tumourCentre[0], tumourCentre[1] - 8), await axialPoint(view, tumourCentre[0], tumourCentre[1] + 8));
  const twoStrokes = await voxels(page);
  expect(twoStrokes).toBeGreaterThan(painted + 30);
  await page.getByTestId('interpolate').click();
  const preview = page.getByTestId('interpolate-preview');
  await expect(preview).toContainText('on 3 slices');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await expect(view).toHaveAttribute('data-slice', '12');
  await page.mouse.move(10, 10);
  // The preview is yellow, drawn over a still visible CT.
  const [pr, pg, pb] = await pixel(page, await axialPoint(view, tumourCentre[0], tumourCentre[1]));
  expect(Math.min(pr, pg)).toBeGreaterThan(pb + 60);
  expectGrey(await pixel(page, await axialPoint(view, tumourCentre[0] + 40, tumourCentre[1] + 8)));
  await app.screenshot('viewer-interpolation-preview');
  await page.getByTestId('interpolate-apply').click();
  await expect(preview).toHaveCount(0);
  const interpolated = await voxels(page);
  expect(interpolated).toBeGreaterThan(twoStrokes + 3 * 40);
  await expect(page.getByTestId('segment-row-1')).toContainText('3 interpolated slices not yet reviewed');
  await app.screenshot('viewer-interpolated');

  // Save, and check what the project holds through the IPC API.
  await page.getByTestId('save-button').click();
  await expect(page.getByTestId('save-status')).toHaveAttribute('data-dirty', 'false');
  await expect(page.getByTestId('save-status')).toContainText('All changes saved');
  const stored = await page.evaluate(
    async ({ volumeId, readerId }) => {
      const r = await window.api['segmentations.get']({ volumeId, readerId });
      if (!r.ok) throw new Error(r.error.message);
      const seg = r.value[0];
      const mask = new Uint8Array(await (await fetch(seg.url!)).arrayBuffer());
      return { version: seg.version, status: seg.status, voxels: mask.reduce((a, b) => a + b, 0) };
    },
    { volumeId: patient.volumeIds.venous, readerId: patient.readerId },
  );
  expect(stored.voxels).toBe(interpolated);
  expect(stored.status).toBe('in_progress');
  expect(stored.version).toBeGreaterThanOrEqual(1);

  // Three phases side by side stay on the same physical slice position (venous slice 12: z = 7.5 mm).
  await page.getByTestId('layout-select').selectOption('phases');
  const panes = page.getByTestId('slice-view');
  await expect(panes).toHaveCount(3);
  await expect(panes.nth(0)).toHaveAttribute('data-slice', String(Math.round((7.5 + 28.75) / 2.5))); // arterial: 14.5 → 15
  await expect(panes.nth(1)).toHaveAttribute('data-slice', '12');
  await expect(panes.nth(2)).toHaveAttribute('data-slice', String(Math.round((7.5 + 28) / 4))); // delayed: 8.875 → 9
  for (let i = 0; i < 3; i++) await expect(panes.nth(i)).toHaveAttribute('data-overlay', 'true');
  await page.mouse.move(10, 10);
  await page.waitForTimeout(300);
  await app.screenshot('viewer-three-phases');
  await page.getByTestId('layout-select').selectOption('single');

  // Reload the app: the saved mask comes back from the project.
  await page.reload();
  await page.getByTestId('recent-projects').getByText('Viewer study').dblclick();
  await expect(page.getByTestId('current-project')).toContainText('Viewer study');
  await openViewer(page);
  await expect.poll(() => voxels(page)).toBe(interpolated);
  await expect(page.getByTestId('recovery-banner')).toHaveCount(0);
  for (let i = 0; i < 2; i++) await page.keyboard.press('ArrowUp');
  await page.mouse.move(10, 10);
  await page.waitForTimeout(300);
  await app.screenshot('viewer-reloaded');

  // The patient list reports the reader's status.
  await page.getByTestId('viewer-back').click();
  await expect(page.getByTestId('patient-row-PT-0001')).toContainText('Reader A: In progress');
});

test('shortcut cheat sheet and tooltips name the keys; the layout fits 1366×768', async ({ app }) => {
  const { page } = app;
  const dir = join(mkdtempSync(join(tmpdir(), 'dlrn-e2e-')), 'viewer-keys');
  const project = initProject(dir, { name: 'Keys', appVersion: 'e2e' });
  addSyntheticPatient(project);
  project.close();
  await app.answerFolderDialog(dir);
  await page.getByTestId('open-project').click();
  const view = await openViewer(page);
  await expect(page.getByTestId('undo')).toHaveAttribute('title', 'Undo (Ctrl+Z)');
  await expect(page.getByTestId('tool-brush')).toHaveAttribute('title', 'Brush (B)');
  await page.keyboard.press('?');
  const sheet = page.getByTestId('shortcut-sheet');
  await expect(sheet).toContainText('Ctrl+Shift+Z');
  await expect(sheet).toContainText('Fill between slices');
  await app.screenshot('viewer-shortcuts');
  await page.keyboard.press('Escape');
  await expect(sheet).toHaveCount(0);
  // Nothing scrolls: the viewer fills the window exactly.
  const overflow = await page.evaluate(() => [document.documentElement.scrollWidth, document.documentElement.scrollHeight]);
  expect(overflow).toEqual([1366, 768]);
  // Keyboard: 3 = bone preset, B = brush, ] = larger brush.
  await page.keyboard.press('3');
  await expect(page.getByTestId('wl-label').first()).toContainText('1800 / 400');
  await page.keyboard.press('b');
  await page.keyboard.press(']');
  await expect(page.getByTestId('brush-size-label')).toContainText('Ø 12.0 mm');

  // Polygon: clicks add points, right-click removes the last one, Enter closes and fills.
  await page.keyboard.press('p');
  const corner = async (dx: number, dy: number) => page.mouse.click(...(await axialPoint(view, tumourCentre[0] + dx, tumourCentre[1] + dy)));
  await corner(-10, -10);
  await corner(10, -10);
  await corner(10, 10);
  await corner(30, 30); // a stray point…
  await page.mouse.click(...(await axialPoint(view, tumourCentre[0] + 30, tumourCentre[1] + 30)), { button: 'right' }); // …removed
  await corner(-10, 10);
  await expect(page.getByTestId('polygon-overlay').locator('circle')).toHaveCount(4);
  await app.screenshot('viewer-polygon');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('polygon-overlay')).toHaveCount(0);
  // A 20 mm square on 2 mm pixels: 10 × 10 voxel centres.
  expect(await voxels(page)).toBe(100);

  // Three planes of one phase, with the polygon seen edge-on in coronal and sagittal.
  await page.getByTestId('layout-select').selectOption('planes');
  await expect(page.getByTestId('slice-view')).toHaveCount(3);
  await expect(page.locator('[data-orientation="coronal"]')).toHaveAttribute('data-slices', String(venous.size[1]));
  await expect(page.locator('[data-orientation="sagittal"]')).toHaveAttribute('data-slices', String(venous.size[0]));
  // Clicking a plane moves the linked cursor: the axial pane follows to the clicked height.
  await page.keyboard.press('Escape');
  const coronal = page.locator('[data-orientation="coronal"]');
  const cb = (await coronal.boundingBox())!;
  await page.mouse.click(cb.x + cb.width / 2, cb.y + cb.height / 2 - 30);
  await expect(page.locator('[data-orientation="axial"]')).not.toHaveAttribute('data-slice', '10');
  await page.mouse.move(10, 10);
  await page.waitForTimeout(300);
  await app.screenshot('viewer-three-planes');
});
