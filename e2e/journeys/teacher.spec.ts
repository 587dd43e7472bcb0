/**
 * Journey 1 — a teacher opens the lab with no data: the default synthetic demo generates its data, pretrains a
 * heart-rate regressor, transfers it to synthetic morphology classes, and the live charts fill in.
 */
import { expectLiveProgress, expectLossAndHrMaeCurves, installProbe, probeLog, shot, watchErrors, workerNames } from '../helpers';
import { expect, startAndWait, test } from './fixtures';

test('teacher, no data: the default synthetic demo runs end to end in the worker and every live chart fills in', async ({ page }) => {
  const errs = watchErrors(page);
  await installProbe(page);
  await page.goto('/');
  // Opens on the designer; the demo is one click away.
  await expect(page.getByRole('tab', { name: /^Designer/ })).toHaveAttribute('aria-selected', 'true');
  await page.getByRole('button', { name: /Run the synthetic demo/ }).click();
  await expect(page.getByRole('tab', { name: /^Experiment/ })).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByLabel('Preset', { exact: true })).toHaveValue('synthetic-demo');
  await expect(page.getByText('Data: synthetic only')).toBeVisible();
  const plan = page.getByTestId('stage-plan');
  await expect(plan).toContainText('pretrain-hr');
  await expect(plan).toContainText('transfer-hr');
  await expect(plan).toContainText('baseline');

  // Everything as shipped, backend 'auto' included: the lab times a training step per backend (headless
  // Chromium's WebGPU/WebGL are software emulations, so WASM wins here).
  await expect(page.getByLabel('Backend', { exact: true })).toHaveValue('auto');
  await startAndWait(page);
  // Generation and training ran in the train worker; the page showed their progress batch by batch, its own
  // timer firing in between (main-thread long-task figures: `npm run bench -- ui`).
  expect(workerNames(page)).toContain('train.worker');
  expectLiveProgress(await probeLog(page), (e) => e.key === 'run-status' && /^running: .*batch \d+\/\d+/.test(e.value), 'generating + training');
  await page.getByRole('tab', { name: /^Results/ }).click();
  // Loss per stage (pretrain, transfer, baseline): train + validation lines; HR MAE curve in bpm.
  await expectLossAndHrMaeCurves(page, 3);
  // Confusion matrix over the morphology classes; cells add up to the test split shown.
  const cm = page.getByTestId('confusion-matrix');
  await expect(cm).toHaveAttribute('data-split', 'test');
  const counts = await cm.locator('[data-testid="cm-cell"]').evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-count'))));
  const k = Math.round(Math.sqrt(counts.length));
  expect(k * k).toBe(counts.length);
  expect(k).toBeGreaterThanOrEqual(3);
  const nTest = counts.reduce((a, b) => a + b, 0);
  expect(nTest).toBeGreaterThan(20);
  // Comparison: baseline and the transfer, each with accuracy / AUC / F1 numbers.
  const rows = page.getByTestId('comparison-row');
  await expect(rows).toHaveCount(2);
  await expect(rows.first()).toContainText('baseline');
  await shot(page, 'journey-teacher-results');
  expect(errs.errors).toEqual([]);
});
