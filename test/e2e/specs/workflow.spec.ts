import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Locator, Page } from '@playwright/test';
import { generateDemoCohort } from '../../../src/main/engine/demo/generate';
import { indexToPhysical, type Volume } from '../../../src/main/engine/image/volume';
import { readImage } from '../../../src/main/engine/io/readImage';
import { expect, test } from '../fixtures';

const root = resolve(fileURLToPath(new URL('.', import.meta.url)), '../../..');
const paramsFile = join(root, 'test/e2e/fixtures/params-original.yaml');
// The demo study (studies/demo-dlrn.yaml) as this spec runs it on the project route: see the file's header.
const studyFile = join(root, 'test/e2e/fixtures/demo-study.yaml');
const STUDY_TITLE = 'Demo cohort - CECT radiomics nomogram (synthetic data, e2e size)';

/**
 * Smallest demo cohort the demo study fits on: 40 patients (27 training at centre 1 with ≈ 40 % MDM, 13
 * validation at centre 2), the generator's default seed. 10-fold CV of the LASSO needs ≥ 10 training events;
 * 24 patients (the generator's default) leave 16 training patients and the signature separates them.
 */
const PATIENTS = 40;

/** Scratch folders of the running test (cohort, project, PDF), removed after it. */
const scratch: string[] = [];
function scratchDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  scratch.push(dir);
  return dir;
}
test.afterEach(() => {
  for (const dir of scratch.splice(0)) rmSync(dir, { recursive: true, force: true });
});

// The statistics oracle's cohort (sibling of the repository, read in place as test/support/oracle.ts does).
const oracleCohort = resolve(root, '..', 'shared', 'oracle', 'stats', 'data', 'cohort.csv');

async function stroke(page: Page, from: [number, number], to: [number, number]): Promise<void> {
  await page.mouse.move(...from);
  await page.mouse.down();
  for (let s = 1; s <= 8; s++) await page.mouse.move(from[0] + ((to[0] - from[0]) * s) / 8, from[1] + ((to[1] - from[1]) * s) / 8);
  await page.mouse.up();
}

/** Where to paint: reader 1's tumour outline of the venous phase (the viewer's default) on the demo's grid. */
interface TumourTarget {
  mask: Volume;
  /** 0-based slice with the largest cross-section. */
  slice: number;
  /** Centroid of that cross-section (LPS mm) and the radius of a disc of its area (mm). */
  centre: [number, number];
  radius: number;
}

function tumourTarget(maskFile: string): TumourTarget {
  const mask = readImage(maskFile);
  const [nx, ny, nz] = mask.size;
  let best = { k: 0, n: 0, i: 0, j: 0 };
  for (let k = 0; k < nz; k++) {
    let n = 0;
    let si = 0;
    let sj = 0;
    for (let j = 0; j < ny; j++)
      for (let i = 0; i < nx; i++)
        if (mask.data[i + nx * (j + ny * k)]) {
          n++;
          si += i;
          sj += j;
        }
    if (n > best.n) best = { k, n, i: si / n, j: sj / n };
  }
  const p = indexToPhysical(mask, [best.i, best.j, best.k]);
  return { mask, slice: best.k, centre: [p[0], p[1]], radius: Math.sqrt((best.n * mask.spacing[0] * mask.spacing[1]) / Math.PI) };
}

/**
 * Page position of the LPS point (x, y) in the axial view right after "fit" (sliceGeometry.fitCamera): the camera
 * centre is the volume centre and the half-height max(half the y extent, half the x extent / aspect) × 1.04;
 * screen right = patient left (+x), screen down = posterior (+y).
 */
async function axialPoint(view: Locator, grid: Volume, x: number, y: number): Promise<[number, number]> {
  const box = (await view.boundingBox())!;
  const w = box.width - 2;
  const h = box.height - 2;
  const centre = indexToPhysical(grid, [(grid.size[0] - 1) / 2, (grid.size[1] - 1) / 2, 0]);
  const halfHeight = Math.max((grid.size[1] * grid.spacing[1]) / 2, (grid.size[0] * grid.spacing[0]) / 2 / (w / h)) * 1.04;
  const pxPerMm = h / 2 / halfHeight;
  return [box.x + 1 + w / 2 + (x - centre[0]) * pxPerMm, box.y + 1 + h / 2 + (y - centre[1]) * pxPerMm];
}

/** Scroll the view to a 0-based slice with the arrow keys. */
async function goToSlice(page: Page, view: Locator, slice: number): Promise<void> {
  await view.focus();
  const shown = Number(await view.getAttribute('data-slice'));
  for (let i = shown; i < slice + 1; i++) await page.keyboard.press('ArrowUp');
  for (let i = shown; i > slice + 1; i--) await page.keyboard.press('ArrowDown');
  await expect(view).toHaveAttribute('data-slice', String(slice + 1));
}

/** Voxels of segment 1, once the panel has counted the latest edit. */
async function voxels(page: Page): Promise<number> {
  await expect(page.getByTestId('segment-panel')).toHaveAttribute('data-counts-current', 'true');
  return Number(await page.getByTestId('segment-voxels-1').getAttribute('data-voxels'));
}

async function openPatient(page: Page, id: string): Promise<Locator> {
  await page.getByTestId('nav-patients').click();
  await page.getByTestId(`open-viewer-${id}`).click();
  const view = page.getByTestId('slice-view').first();
  await expect(view).toHaveAttribute('data-slices', /\d+/);
  return view;
}

/**
 * The acceptance workflow of the desktop UI on a generated demo cohort: create a project → import the cohort's
 * DICOM folder (3 phases + reader 1's SEG outlines) and clinical table → open a patient → paint an ROI with the
 * brush, undo and redo it, fill between two drawn slices, save, reload the app and see the mask → semantic
 * features → radiomics extraction with progress → the demo study with stage progress → ROC panel → PDF export.
 */
test('workflow on the demo cohort: import, segment, extract, run the demo study, ROC panel, PDF export', async ({ app }) => {
  test.setTimeout(240_000);
  const { page } = app;
  // The heavy preparation (about 15 s on two cores; inside the test so a skipped host does not pay for it): the
  // demo cohort's DICOM folder and clinical table, as `dlrn demo generate` writes them. Everything the
  // acceptance lists is then done through the UI.
  const work = scratchDir('dlrn-e2e-wf-');
  const cohort = join(work, 'demo');
  generateDemoCohort(cohort, { patients: PATIENTS, seed: 20230531 });

  // 1. Project
  await page.getByTestId('new-project-name').fill('Demo workflow');
  await app.answerFolderDialog(join(work, 'project'));
  await page.getByTestId('new-project').click();
  await expect(page.getByTestId('current-project')).toContainText('Demo workflow');

  // 2. DICOM import with progress, then the phase review
  await page.getByTestId('nav-import').click();
  await app.answerFolderDialog(join(cohort, 'dicom'));
  await page.getByTestId('import-choose-folder').click();
  await expect(page.getByTestId('import-folder')).toContainText('dicom');
  await page.getByTestId('import-start').click();
  const importJob = page.locator('[data-testid="import-view"] [data-testid^="job-"][data-status]');
  await expect(importJob).toBeVisible();
  await expect(importJob).toHaveAttribute('data-status', 'done', { timeout: 90_000 });
  await expect(importJob.locator('progress')).toHaveAttribute('value', '1');
  await expect(page.getByTestId('import-report')).toContainText(`${PATIENTS} patients, ${3 * PATIENTS} series imported`);
  await expect(page.getByTestId('import-no-errors')).toBeVisible();
  await app.screenshot('workflow-01-import');

  // 3. Clinical table (all rows or none), then the patients table
  await app.answerFolderDialog(join(cohort, 'clinical.csv'));
  await page.getByTestId('clinical-choose').click();
  await page.getByTestId('clinical-import').click();
  await expect(page.getByTestId('clinical-result')).toContainText(`Imported ${PATIENTS} rows (0 new patients)`);
  await page.getByTestId('nav-patients').click();
  await expect(page.locator('[data-testid="patients-table"] tbody tr')).toHaveCount(PATIENTS);
  await expect(page.getByTestId('patients-table')).toContainText('Arterial');
  await app.screenshot('workflow-02-patients');

  // 4. Open a patient; a new reader paints an ROI with the brush, undoes and redoes it
  const view = await openPatient(page, 'PT-0001');
  await page.getByPlaceholder('New reader name').fill('Radiologist 1');
  await page.getByPlaceholder('New reader name').press('Enter');
  await expect(page.getByTestId('reader-select').locator('option:checked')).toHaveText('Radiologist 1');
  await expect(page.getByTestId('segment-row-1')).toBeVisible();
  // PT-0001 is the first patient imported: DEMO-001. Paint across its tumour, two slices below its largest section.
  const tumour = tumourTarget(join(cohort, 'masks', 'DEMO-001', 'reader1_PV.nrrd'));
  const [tx, ty] = tumour.centre;
  const reach = tumour.radius * 0.5;
  await goToSlice(page, view, tumour.slice - 2);
  await page.getByTestId('tool-brush').click();
  await expect(page.getByTestId('brush-size-label')).toContainText('Ø 10.0 mm');
  for (let i = 0; i < 3; i++) await page.keyboard.press(']');
  await expect(page.getByTestId('brush-size-label')).not.toContainText('Ø 10.0 mm');
  await stroke(page, await axialPoint(view, tumour.mask, tx - reach, ty), await axialPoint(view, tumour.mask, tx + reach, ty));
  const painted = await voxels(page);
  expect(painted).toBeGreaterThan(10);
  await page.mouse.move(5, 5);
  await app.screenshot('workflow-03-brush');
  await page.getByTestId('undo').click();
  expect(await voxels(page)).toBe(0);
  await app.screenshot('workflow-04-undo');
  await page.getByTestId('redo').click();
  expect(await voxels(page)).toBe(painted);
  await app.screenshot('workflow-05-redo');

  // 5. A second stroke four slices up, then fill between the two slices (preview → apply)
  await goToSlice(page, view, tumour.slice + 2);
  await stroke(page, await axialPoint(view, tumour.mask, tx, ty - reach), await axialPoint(view, tumour.mask, tx, ty + reach));
  const twoStrokes = await voxels(page);
  expect(twoStrokes).toBeGreaterThan(painted);
  await page.getByTestId('interpolate').click();
  await expect(page.getByTestId('interpolate-preview')).toContainText('on 3 slices');
  await goToSlice(page, view, tumour.slice);
  await page.mouse.move(5, 5);
  await app.screenshot('workflow-06-interpolation-preview');
  await page.getByTestId('interpolate-apply').click();
  await expect(page.getByTestId('interpolate-preview')).toHaveCount(0);
  const interpolated = await voxels(page);
  expect(interpolated).toBeGreaterThan(twoStrokes);
  await expect(page.getByTestId('segment-row-1')).toContainText('3 interpolated slices not yet reviewed');
  await app.screenshot('workflow-07-interpolated');

  // 6. Save, reload the app, reopen the project and the patient: the mask is back
  await page.getByTestId('save-button').click();
  await expect(page.getByTestId('save-status')).toHaveAttribute('data-dirty', 'false');
  await expect(page.getByTestId('save-status')).toContainText('All changes saved');
  // The saved ROI, read back through the IPC API: all painted voxels, nearly all of them inside the tumour as
  // the imported SEG outline (reader 1 of the demo) has it.
  const saved = await page.evaluate(async () => {
    const ok = <T>(r: { ok: true; value: T } | { ok: false; error: { message: string } }): T => {
      if (!r.ok) throw new Error(r.error.message);
      return r.value;
    };
    const readers = ok(await window.api['readers.list']({}));
    const venous = ok(await window.api['volumes.forPatient']({ patientId: 'PT-0001' })).find((v) => v.phase === 'venous')!;
    const mask = async (name: string): Promise<Uint8Array> => {
      const readerId = readers.find((r) => r.name === name)!.id;
      const seg = ok(await window.api['segmentations.get']({ volumeId: venous.id, readerId }))[0];
      return new Uint8Array(await (await fetch(seg.url!)).arrayBuffer());
    };
    const [ours, reference] = [await mask('Radiologist 1'), await mask('imported')];
    let painted = 0;
    let inside = 0;
    for (let i = 0; i < ours.length; i++) {
      painted += ours[i];
      inside += ours[i] & reference[i];
    }
    return { painted, inside };
  });
  expect(saved.painted).toBe(interpolated);
  expect(saved.inside / saved.painted).toBeGreaterThan(0.9);
  await page.reload();
  await page.getByTestId('recent-projects').getByText('Demo workflow').dblclick();
  await expect(page.getByTestId('current-project')).toContainText('Demo workflow');
  const reopened = await openPatient(page, 'PT-0001');
  await expect(page.getByTestId('reader-select').locator('option:checked')).toHaveText('Radiologist 1');
  await expect.poll(() => voxels(page)).toBe(interpolated);
  await expect(page.getByTestId('recovery-banner')).toHaveCount(0);
  await goToSlice(page, reopened, tumour.slice);
  await page.mouse.move(5, 5);
  await page.waitForTimeout(300);
  await app.screenshot('workflow-08-reopened-mask');

  // 7. Semantic features next to the viewer
  const semantic = page.getByTestId('semantic-panel');
  await semantic.getByTestId('semantic-necrosis').selectOption('1');
  await semantic.getByTestId('semantic-tumour_size_mm').fill('85');
  await semantic.getByTestId('semantic-save').click();
  await expect(semantic.getByTestId('semantic-state')).toHaveText('All changes saved');

  // 8. Radiomics extraction of the imported outlines, with progress
  await page.getByTestId('nav-extraction').click();
  await app.answerFolderDialog(paramsFile);
  await page.getByTestId('extraction-choose-params').click();
  await page.getByTestId('extraction-reader').selectOption('imported');
  await page.getByTestId('extraction-start').click();
  const extractJob = page.locator('[data-testid="extraction-view"] [data-testid^="job-"][data-status]');
  await expect(extractJob.getByTestId('job-percent')).toHaveText(/^([1-9]|[1-9]\d)%$/, { timeout: 30_000 });
  await app.screenshot('workflow-09-extraction-progress');
  await expect(extractJob).toHaveAttribute('data-status', 'done', { timeout: 120_000 });
  await expect(page.getByTestId('extraction-report')).toContainText(`${3 * PATIENTS} cases extracted`);
  await expect(page.getByTestId('feature-table-range')).toContainText(`of ${PATIENTS}`);
  await app.screenshot('workflow-10-features');

  // 9. The demo study on the project's feature run, with stage progress
  await page.getByTestId('nav-study').click();
  await app.answerFolderDialog(studyFile);
  await page.getByTestId('study-choose-definition').click();
  await page.getByTestId('study-route-project').check();
  await expect(page.getByTestId('study-run-select').locator('option:checked')).toContainText(`${PATIENTS} patients`);
  await page.getByTestId('study-run').click();
  await expect(page.getByTestId('study-stages')).toContainText('split', { timeout: 30_000 });
  await app.screenshot('workflow-11-study-running');
  await expect(page.getByTestId('study-finished')).toContainText('demo-study', { timeout: 120_000 });
  await expect(page.getByTestId('study-stages')).toContainText('results');
  await app.screenshot('workflow-12-study-done');

  // 10. Results: the ROC panel drawn from results.json, and its AUCs as in the file
  const results = JSON.parse(readFileSync(join(work, 'project', 'studies', 'demo-study', 'results.json'), 'utf8')) as {
    evaluation: { roc: Record<string, Record<'training' | 'validation', { auc: number }>> };
  };
  expect(results.evaluation.roc.dlrn.training).toBeDefined();
  await page.getByTestId('study-open-results').click();
  const roc = page.locator('[data-testid="figure-roc"] img');
  await expect(roc).toBeVisible();
  expect(await roc.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 300)).toBe(true);
  for (const cohortName of ['training', 'validation'] as const)
    await expect(page.getByTestId(`auc-dlrn-${cohortName}`)).toContainText(results.evaluation.roc.dlrn[cohortName].auc.toFixed(3));
  await expect(page.getByTestId('report-outline')).toContainText('ROC curves');
  await app.screenshot('workflow-13-roc');

  // 11. Export the PDF through the save dialog and a report job
  const pdf = join(work, 'demo-report.pdf');
  await app.answerFolderDialog(pdf);
  await page.getByTestId('export-pdf').click();
  await expect(page.getByTestId('export-done')).toContainText(pdf, { timeout: 60_000 });
  expect(existsSync(pdf)).toBe(true);
  expect(readFileSync(pdf).subarray(0, 5).toString()).toBe('%PDF-');
  const text = execFileSync('pdftotext', [pdf, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
  expect(text).toContain(STUDY_TITLE);
  await app.screenshot('workflow-14-export');
});

/**
 * The feature-table route of the same job on the statistics oracle's cohort (180 patients): the AUC shown is the
 * oracle's, and every results panel, the nomogram calculator and the export work from its results.json.
 */
test('study on the feature-table route (statistics oracle cohort): AUC as the oracle, every panel, nomogram calculator', async ({ app }) => {
  test.setTimeout(120_000);
  const { page } = app;
  const work = scratchDir('dlrn-e2e-oracle-');
  await page.getByTestId('new-project-name').fill('Oracle study');
  await app.answerFolderDialog(join(work, 'project'));
  await page.getByTestId('new-project').click();
  await expect(page.getByTestId('current-project')).toContainText('Oracle study');

  await page.getByTestId('nav-study').click();
  await app.answerFolderDialog(join(root, 'studies/oracle-pipeline.yaml'));
  await page.getByTestId('study-choose-definition').click();
  await page.getByTestId('study-route-tables').check();
  await app.answerFolderDialog(oracleCohort);
  await page.getByTestId('study-choose-features').click();
  await app.answerFolderDialog(oracleCohort);
  await page.getByTestId('study-choose-clinical').click();
  await page.getByTestId('study-run').click();
  await expect(page.getByTestId('study-finished')).toContainText('oracle-pipeline', { timeout: 90_000 });
  await expect(page.getByTestId('study-stages')).toContainText('results');

  await page.getByTestId('study-open-results').click();
  await expect(page.locator('[data-testid="figure-roc"] img')).toBeVisible();
  // The statistics oracle's DLRN validation AUC (pipeline.json).
  await expect(page.getByTestId('auc-dlrn-validation')).toContainText('0.741');
  for (const kind of ['calibration', 'dca', 'km', 'nomogram']) {
    await page.getByTestId(`figure-tab-${kind}`).click();
    const img = page.locator(`[data-testid="figure-${kind}"] img`);
    await expect(img).toBeVisible();
    expect(await img.evaluate((el: HTMLImageElement) => el.complete && el.naturalWidth > 300)).toBe(true);
    if (kind === 'km') {
      await page.getByTestId('figure-cohort-validation').click();
      await expect(page.locator('.caption')).toContainText('Kaplan–Meier curves, validation cohort.');
      await app.screenshot('workflow-oracle-km-validation');
    }
  }
  await page.getByTestId('figure-tab-calculator').click();
  await page.getByTestId('calc-score').fill('0.5');
  await page.getByTestId('calc-sex').fill('1');
  await page.getByTestId('calc-predict').click();
  await expect(page.getByTestId('calc-probability')).toContainText('50.3%');
  await expect(page.getByTestId('calc-figure')).toBeVisible();
  await app.screenshot('workflow-oracle-nomogram');
});
