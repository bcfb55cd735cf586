import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '../fixtures';

test('the app starts, a project is created and listed, and a screenshot is saved', async ({ app }) => {
  const { page } = app;
  await expect(page.getByRole('heading', { name: 'DLRN Studio' })).toBeVisible();
  await expect(page.getByText('No projects yet')).toBeVisible();

  const folder = join(mkdtempSync(join(tmpdir(), 'dlrn-e2e-')), 'rls-study');
  await page.getByTestId('new-project-name').fill('RLS DLRN study');
  await app.answerFolderDialog(folder);
  await page.getByTestId('new-project').click();

  const current = page.getByTestId('current-project');
  await expect(current).toContainText('RLS DLRN study');
  await expect(current).toContainText(/Schema version: v\d+/);
  await expect(page.getByTestId('recent-projects')).toContainText(folder);
  const shot = await app.screenshot('launch-project-created');
  expect(shot).toMatch(/\.png$/);
});

test('creating a project in a non-empty folder shows a clear error', async ({ app }) => {
  const { page } = app;
  const folder = mkdtempSync(join(tmpdir(), 'dlrn-e2e-'));
  await app.answerFolderDialog(folder);
  await page.getByTestId('new-project').click();
  await app.answerFolderDialog(folder);
  await page.getByTestId('new-project').click();
  await expect(page.getByTestId('projects-error')).toContainText('not empty');
});
