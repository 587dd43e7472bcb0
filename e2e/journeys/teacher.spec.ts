/**
 * Journey 1 — a teacher opens the lab with no data: the default synthetic demo generates its data, pretrains a
 * heart-rate regressor, transfers it to synthetic morphology classes, and the live charts fill in.
 */
import { expect, expectLiveProgress, installProbe, probeLog, shot, test, training, workerNames } from '../fixtures';

test('teacher, no data: the default synthetic demo runs end to end in the worker and every live chart fills in', async ({ page, lab }) => {
  const { designer, experiment, results } = lab;
  await installProbe(page);
  await lab.goto();
  // Opens on the designer; the demo is one click away.
  await lab.shell.expectOn('Designer');
  // One click starts the demo and the Results panel follows it.
  await designer.runDemo();
  await lab.shell.expectOn('Results');
  await experiment.open();
  await expect(experiment.preset()).toHaveValue('synthetic-demo');
  await expect(page.getByText('Data: synthetic only')).toBeVisible();
  const plan = experiment.stagePlan();
  await expect(plan).toContainText('pretrain-hr');
  await expect(plan).toContainText('transfer-hr');
  await expect(plan).toContainText('baseline');

  // Everything as shipped, backend 'auto' included: the lab times a training step per backend (headless
  // Chromium's WebGPU/WebGL are software emulations, so WASM wins here).
  await expect(experiment.backend()).toHaveValue('auto');
  await experiment.waitForRunEnd();
  // Generation and training ran in the train worker; the page showed their progress batch by batch, its own
  // timer firing in between (main-thread long-task figures: `npm run bench -- ui`).
  expect(workerNames(page)).toContain('train.worker');
  expectLiveProgress(await probeLog(page), training, 'generating + training');
  await lab.shell.open('Results');
  // Loss per stage (pretrain, transfer, baseline): train + validation lines; HR MAE curve in bpm.
  await results.expectLossAndHrMaeCurves(3);
  // Confusion matrix over the morphology classes; cells add up to the test split shown.
  await expect(results.confusionMatrix()).toHaveAttribute('data-split', 'test');
  const counts = await results.confusionCounts();
  const k = Math.round(Math.sqrt(counts.length));
  expect(k * k).toBe(counts.length);
  expect(k).toBeGreaterThanOrEqual(3);
  const nTest = counts.reduce((a, b) => a + b, 0);
  expect(nTest).toBeGreaterThan(20);
  // Comparison: baseline and the transfer, each with accuracy / AUC / F1 numbers.
  const rows = results.comparisonRows();
  await expect(rows).toHaveCount(2);
  await expect(rows.first()).toContainText('baseline');
  await shot(page, 'journey-teacher-results');
});
