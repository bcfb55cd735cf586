import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateDemoCohort } from '../../../src/main/engine/demo/generate';
import { expect, test } from '../fixtures';

const root = resolve(fileURLToPath(new URL('.', import.meta.url)), '../../..');
const paramsFile = join(root, 'test/e2e/fixtures/params-original.yaml');
const studyFile = join(root, 'studies/oracle-pipeline.yaml');
// The statistics oracle's cohort (sibling of the repository, read in place as test/support/oracle.ts does).
const oracleCohort = resolve(root, '..', 'shared', 'oracle', 'stats', 'data', 'cohort.csv');

/**
 * The study workflow end to end in the app: project → DICOM import (4 demo patients, 3 phases, reader 1's SEG
 * outlines) with progress → patients table → clinical table → semantic features in the viewer → radiomics extraction with progress → study run →
 * ROC panel → nomogram calculator → PDF export.
 *
 * The study runs on the statistics oracle's cohort (180 patients) through the feature-table route of the
 * 'study.run' job: a 4-patient project cannot fit ComBat, mRMR + LASSO with cross-validation and a DLRN (3
 * training patients), and a demo cohort large enough to do so would take minutes to import and extract here.
 * The project route of 'study.run' is the same job with feature runs instead of tables.
 */
test('workflow: import, clinical table, extraction, study run, ROC panel, nomogram calculator, PDF export', async ({ app }) => {
  test.setTimeout(150_000);
  const { page } = app;
  const work = mkdtempSync(join(tmpdir(), 'dlrn-e2e-wf-'));
  const demo = join(work, 'demo');
  generateDemoCohort(demo, { patients: 4, seed: 20230531 });

  // 1. Project
  await page.getByTestId('new-project-name').fill('Workflow study');
  await app.answerFolderDialog(join(work, 'project'));
  await page.getByTestId('new-project').click();
  await expect(page.getByTestId('current-project')).toContainText('Workflow study');

  // 2. DICOM import with progress, then the phase review
  await page.getByTestId('nav-import').click();
  await app.answerFolderDialog(join(demo, 'dicom'));
  await page.getByTestId('import-choose-folder').click();
  await expect(page.getByTestId('import-folder')).toContainText('dicom');
  await page.getByTestId('import-start').click();
  const importJob = page.locator('[data-testid="import-view"] [data-testid^="job-"][data-status]');
  await expect(importJob).toBeVisible();
  await expect(importJob).toHaveAttribute('data-status', 'done', { timeout: 60_000 });
  await expect(importJob.locator('progress')).toHaveAttribute('value', '1');
  await expect(page.getByTestId('import-report')).toContainText('4 patients, 12 series imported');
  await expect(page.getByTestId('import-no-errors')).toBeVisible();
  await expect(page.locator('[data-testid="phase-review"] tbody tr')).toHaveCount(12);
  await app.screenshot('workflow-1-import');

  // 3. Patients table
  await page.getByTestId('import-show-patients').click();
  await expect(page.locator('[data-testid="patients-table"] tbody tr')).toHaveCount(4);
  await expect(page.getByTestId('patients-table')).toContainText('Arterial');
  await app.screenshot('workflow-2-patients');

  // 4. Clinical table (all rows or none)
  await page.getByTestId('nav-import').click();
  await app.answerFolderDialog(join(demo, 'clinical.csv'));
  await page.getByTestId('clinical-choose').click();
  await page.getByTestId('clinical-import').click();
  await expect(page.getByTestId('clinical-result')).toContainText('Imported 4 rows (0 new patients)');
  await app.screenshot('workflow-3-clinical');
  await page.getByTestId('nav-patients').click();
  await expect(page.locator('[data-testid="patients-table"] tbody tr').first()).toContainText('10 / 10');

  // 5. Semantic features of one patient by a new reader, next to the viewer
  await page.getByTestId('open-viewer-PT-0001').click();
  await expect(page.getByTestId('slice-view').first()).toHaveAttribute('data-slices', /\d+/);
  await page.getByPlaceholder('New reader name').fill('Radiologist 1');
  await page.getByPlaceholder('New reader name').press('Enter');
  await expect(page.getByTestId('reader-select').locator('option:checked')).toHaveText('Radiologist 1');
  const semantic = page.getByTestId('semantic-panel');
  await semantic.getByTestId('semantic-necrosis').selectOption('1');
  await semantic.getByTestId('semantic-enhancement_pattern').selectOption('1');
  await semantic.getByTestId('semantic-tumour_size_mm').fill('85');
  await expect(semantic.getByTestId('semantic-state')).toHaveText('Unsaved changes');
  await semantic.getByTestId('semantic-save').click();
  await expect(semantic.getByTestId('semantic-state')).toHaveText('All changes saved');
  await app.screenshot('workflow-3b-semantic');
  // Alt+5 goes to the feature screen from anywhere (the viewer's own keys stay plain).
  await page.keyboard.press('Alt+5');
  await expect(page.getByTestId('extraction-view')).toBeVisible();
  await page.keyboard.press('?');
  await expect(page.getByTestId('shortcut-views')).toContainText('Alt+5');
  await app.screenshot('workflow-3c-shortcuts');
  await page.getByTestId('shortcut-sheet-close').click();

  // 6. Radiomics extraction with progress, then the paged feature table
  await page.getByTestId('nav-extraction').click();
  await app.answerFolderDialog(paramsFile);
  await page.getByTestId('extraction-choose-params').click();
  await page.getByTestId('extraction-reader').selectOption('imported');
  await page.getByTestId('extraction-start').click();
  const extractJob = page.locator('[data-testid="extraction-view"] [data-testid^="job-"][data-status]');
  await expect(extractJob).toBeVisible();
  await expect(extractJob).toHaveAttribute('data-status', 'done', { timeout: 90_000 });
  await expect(page.getByTestId('extraction-report')).toContainText('12 cases extracted');
  await expect(page.locator('[data-testid="feature-table"] tbody tr')).toHaveCount(4);
  await expect(page.getByTestId('feature-table-range')).toContainText('patients 1–4 of 4');
  await page.getByTestId('feature-filter').fill('V_original_glcm');
  await page.getByTestId('feature-filter').press('Enter');
  await expect(page.locator('[data-testid="feature-table"] thead th').nth(1)).toContainText('V_original_glcm_');
  await app.screenshot('workflow-4-features');

  // 7. Study run (feature-table route on the oracle cohort) with stage progress
  await page.getByTestId('nav-study').click();
  await app.answerFolderDialog(studyFile);
  await page.getByTestId('study-choose-definition').click();
  await page.getByTestId('study-route-tables').check();
  await app.answerFolderDialog(oracleCohort);
  await page.getByTestId('study-choose-features').click();
  await app.answerFolderDialog(oracleCohort);
  await page.getByTestId('study-choose-clinical').click();
  await page.getByTestId('study-run').click();
  await expect(page.getByTestId('study-finished')).toContainText('studies/oracle-pipeline', { timeout: 90_000 });
  await expect(page.getByTestId('study-stages')).toContainText('results');
  await app.screenshot('workflow-5-study');

  // 8. Results: ROC panel (an image drawn by the main process) and the AUC table
  await page.getByTestId('study-open-results').click();
  const roc = page.locator('[data-testid="figure-roc"] img');
  await expect(roc).toBeVisible();
  expect(await roc.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 300)).toBe(true);
  await expect(page.getByTestId('auc-dlrn-validation')).toContainText('0.741');
  await expect(page.getByTestId('report-outline')).toContainText('ROC curves');
  await app.screenshot('workflow-6-roc');
  // The other panels come from the same results.json; the KM panel per cohort.
  for (const kind of ['calibration', 'dca', 'km', 'nomogram']) {
    await page.getByTestId(`figure-tab-${kind}`).click();
    const img = page.locator(`[data-testid="figure-${kind}"] img`);
    await expect(img).toBeVisible();
    expect(await img.evaluate((el: HTMLImageElement) => el.complete && el.naturalWidth > 300)).toBe(true);
    if (kind === 'km') {
      await page.getByTestId('figure-cohort-validation').click();
      await expect(page.locator('.caption')).toContainText('Kaplan–Meier curves, validation cohort.');
      await app.screenshot('workflow-6b-km-validation');
    }
  }

  // 9. Nomogram calculator for one patient
  await page.getByTestId('figure-tab-calculator').click();
  await page.getByTestId('calc-score').fill('0.5');
  await page.getByTestId('calc-sex').fill('1');
  await page.getByTestId('calc-predict').click();
  await expect(page.getByTestId('calc-probability')).toContainText('50.3%');
  await expect(page.getByTestId('calc-figure')).toBeVisible();
  await app.screenshot('workflow-7-nomogram');

  // 10. Export PDF through the save dialog and a report job
  const pdf = join(work, 'oracle-report.pdf');
  await app.answerFolderDialog(pdf);
  await page.getByTestId('export-pdf').click();
  await expect(page.getByTestId('export-done')).toContainText(pdf, { timeout: 60_000 });
  expect(existsSync(pdf)).toBe(true);
  expect(readFileSync(pdf).subarray(0, 5).toString()).toBe('%PDF-');
  await app.screenshot('workflow-8-export');
});
