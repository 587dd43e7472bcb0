/**
 * Journey 5 — reload in the middle of a run and after it: history survives, the interrupted run is marked and
 * keeps the curves it had reached; the lab is usable again at once. (e2e/history.spec.ts covers view/compare/
 * download/delete of finished runs; this one covers what an interrupted run keeps.)
 */
import { shot, watchErrors, WORK_TIMEOUT } from '../helpers';
import { choosePreset, editSpec, expect, startAndWait, test } from './fixtures';

test('reload mid-run: run marked interrupted with its partial curves; a new run completes; both survive another reload', async ({ page }) => {
  const errs = watchErrors(page);
  await page.goto('/');
  await choosePreset(page, 'teaching-quick');
  await editSpec(page, (s) => {
    s.backend = 'wasm';
    s.training.epochs = 30;
    s.training.patience = 30;
  });
  await page.getByRole('button', { name: 'Start' }).click();
  const status = page.getByTestId('run-status');
  // Past a few epochs of the first stage: the history holds a snapshot of the live curves.
  await expect(status).toContainText(/epoch ([4-9]|\d\d)\/30/, { timeout: WORK_TIMEOUT });
  await page.waitForTimeout(2500);
  await page.reload();

  await page.getByRole('tab', { name: /^History/ }).click();
  const interrupted = page.locator('[data-testid="history-row"][data-status="interrupted"]');
  await expect(interrupted).toHaveCount(1);
  await expect(interrupted).toContainText(/interrupted/i);
  await interrupted.getByRole('button', { name: 'View' }).click();
  await page.getByRole('tab', { name: /^Results/ }).click();
  await expect(page.getByText(/Showing saved run/)).toBeVisible();
  const loss = page.locator('[data-testid^="loss-chart-"]').first();
  await expect(loss.locator('.recharts-line path.recharts-curve')).toHaveCount(2);
  await shot(page, 'journey-reload-interrupted');

  // The lab is usable: a small run completes.
  await choosePreset(page, 'teaching-quick');
  await editSpec(page, (s) => {
    s.backend = 'wasm';
    s.sources.synth.spec.n = 120;
    s.sources.morph.spec.n = 80;
    s.training.epochs = 2;
  });
  await startAndWait(page);
  await page.reload();
  await page.getByRole('tab', { name: /^History/ }).click();
  await expect(page.locator('[data-testid="history-row"][data-status="interrupted"]')).toHaveCount(1);
  await expect(page.locator('[data-testid="history-row"][data-status="done"]')).toHaveCount(1);
  await shot(page, 'journey-reload-history');
  expect(errs.errors).toEqual([]);
});
