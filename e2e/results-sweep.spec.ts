/**
 * A tiny sweep through the UI (teaching-quick, 2 repeats × label budgets 50 % and 100 %, set in the spec editor):
 * its cells and its forest plot fill in while it runs; at the end the comparison shows test metrics as `0.771 [0.69, 0.84]` with the
 * test split's size, the learning curves and the forest plot (one row per transfer × budget, coloured only when
 * the interval excludes 0) show the sweep, and the 20-record test split is warned about in words.
 */
import { mkdirSync } from 'node:fs';
import { expect, test, WORK_TIMEOUT } from './fixtures';

// A t-interval over two repeats is wide (t = 12.7) and may reach past 0 or 1.
const CI = /^\d\.\d{3} \[\u2212?\d+\.\d{2,3}, \u2212?\d+\.\d{2,3}\]/;
const DIFF = /^(\+|\u2212|±)\d\.\d{3} \[\u2212?\d+\.\d{2,3}, \u2212?\d+\.\d{2,3}\]/;

test('a sweep: cells while it runs, intervals in the tables, learning curves, forest plot and warnings', async ({ page, lab }) => {
  const { experiment, results } = lab;
  await lab.goto();
  await experiment.choosePreset('teaching-quick');
  await experiment.editSpec((s) => {
    s.backend = 'wasm';
    s.sources.synth.spec.n = 120;
    s.sources.morph.spec.n = 80; // 4 classes × 20; test 0.25 → 20 test records (< 50: a warning)
    s.training.epochs = 2;
    s.repeats = 2;
    s.labelBudgets = [0.5, 1];
  });

  // Cells: per repeat the pretraining, then baseline and transfer at each budget → 2 × (1 + 2 × 2) = 10.
  await experiment.start();
  await lab.shell.open('Results');
  // Paused as soon as it trains, then stepped one epoch at a time: the mid-sweep state below is reached by steps,
  // not by racing a fast machine to the Pause button (a sweep this small can finish in a second or two).
  const strip = page.getByTestId('results-run-strip');
  await expect(strip).toHaveAttribute('data-status', 'running', { timeout: WORK_TIMEOUT });
  await strip.getByRole('button', { name: 'Pause' }).click();
  await expect(strip).toHaveAttribute('data-status', 'paused', { timeout: WORK_TIMEOUT });
  await expect(results.section()).toHaveAttribute('data-run-status', 'paused');
  const cellRows = page.getByTestId('cell-row');
  // While it runs, the forest plot fills in: a transfer − baseline row appears once both cells of a budget finished.
  const liveForest = page.getByTestId('forest-plot').getByTestId('forest-row');
  // 10 cells × 2 epochs: the first budget's pair is in after a handful of steps, long before the last cell.
  let steps = 0;
  for (; (await liveForest.count()) === 0; steps++) {
    expect(steps, 'steps before the first transfer − baseline row').toBeLessThan(16);
    // The button is there only while paused, so each click waits for the previous step to end.
    await strip.getByRole('button', { name: 'Step (one epoch)' }).click({ timeout: WORK_TIMEOUT });
    await expect(strip).toHaveAttribute('data-status', 'paused', { timeout: WORK_TIMEOUT });
  }
  console.log(`paused at the start, then ${steps} one-epoch steps to the first transfer − baseline row`);
  await expect(cellRows.first()).toContainText('pretrain-hr');
  await expect(liveForest.first()).toHaveAttribute('aria-label', /^transfer-hr minus baseline at (50|100) % of the training records/);
  // Paused mid-sweep: the finished cells are on screen, the rest are not yet.
  await experiment.open();
  await experiment.expectStatus('paused');
  await lab.shell.open('Results');
  await expect(results.section()).toHaveAttribute('data-run-status', 'paused');
  const seen = await cellRows.count();
  expect(seen).toBeGreaterThanOrEqual(3);
  expect(seen).toBeLessThan(10);
  expect(await liveForest.count()).toBeGreaterThanOrEqual(1);
  await expect(page.getByTestId('sweep-results')).toContainText('so far');
  await expect(cellRows.first()).toContainText(/HR MAE \(bpm\) \d+\.\d{2} \[\d+\.\d+, \d+\.\d+\]/);
  mkdirSync('e2e/screenshots', { recursive: true });
  await page.getByTestId('sweep-results').screenshot({ path: 'e2e/screenshots/results-sweep-live.png' });
  await experiment.open();
  await experiment.resume();
  await experiment.expectStatus('done');
  await lab.shell.open('Results');
  await expect(cellRows).toHaveCount(10);
  const cellTexts = await page.getByTestId('cells-table').locator('tbody tr').allInnerTexts();
  expect(cellTexts.filter((t) => /baseline/.test(t) && /50 %/.test(t))).toHaveLength(2);

  // Comparison: every test metric with its interval, the transfer's paired difference with its interval, n and split.
  const rows = results.comparisonRows();
  await expect(rows).toHaveCount(2);
  for (let i = 0; i < 2; i++) {
    const tests = await rows.nth(i).getByTestId('comparison-test').allInnerTexts();
    expect(tests).toHaveLength(3);
    for (const t of tests) expect(t, `row ${i}: ${t}`).toMatch(CI);
  }
  const deltas = rows.nth(1).locator('.lab-delta');
  await expect(deltas).toHaveCount(3);
  for (const d of await deltas.all()) {
    expect((await d.innerText()).trim()).toMatch(DIFF);
    const tone = await d.getAttribute('data-tone');
    if (tone === 'neutral') await expect(d).toHaveAttribute('title', /no significant difference|significance unknown/);
    else await expect(d).toHaveAttribute('title', /interval lies (above|below) 0/);
  }
  await expect(page.getByTestId('comparison-split')).toContainText('Test split: n = 20 records (stratified random split)');

  // The 20-record test split is warned about next to the comparison, in words.
  const warnings = page.getByTestId('result-warning');
  await expect(warnings.filter({ hasText: 'The test split has only 20 records (fewer than 50)' })).toHaveCount(1);
  await expect(warnings.first()).toContainText(/baseline|transfer-hr/);

  // Learning curves: one line and band per stage over two budgets, the numbers in a table with intervals.
  const curves = page.getByTestId('learning-curves');
  await expect(curves.locator('.recharts-line')).toHaveCount(2);
  await expect(curves.locator('path.lab-curve-band')).toHaveCount(2);
  await expect(curves).toContainText('of the mean over 2 repeats');
  const curveRows = curves.getByTestId('curve-row');
  await expect(curveRows).toHaveCount(2);
  for (const t of await curveRows.locator('td').allInnerTexts()) expect(t).toMatch(CI);
  await curves.getByLabel('Metric of the learning curves').selectOption('accuracy');
  await expect(curves).toHaveAttribute('data-metric', 'accuracy');
  await expect(curves.getByTestId('curve-row')).toHaveCount(2);

  // Forest plot: transfer-hr − baseline at each budget; the colour follows the interval, the words say so.
  const forest = page.getByTestId('forest-plot');
  const forestRows = forest.getByTestId('forest-row');
  await expect(forestRows).toHaveCount(2);
  for (const r of await forestRows.all()) {
    const label = (await r.getAttribute('aria-label')) ?? '';
    expect(label).toMatch(/^transfer-hr minus baseline at (50|100) % of the training records/);
    const tone = await r.getAttribute('data-tone');
    expect(tone).toMatch(/^(gain|loss|neutral)$/);
    expect(label).toContain(tone === 'neutral' ? 'no significant difference' : 'than the baseline (the interval lies');
  }
  await expect(page.getByTestId('forest-summary')).toContainText('over 2 repeats');

  mkdirSync('tmp', { recursive: true });
  await page.getByTestId('sweep-results').scrollIntoViewIfNeeded();
  await results.section().screenshot({ path: 'tmp/results-sweep.png' });
  await page.getByTestId('sweep-results').screenshot({ path: 'tmp/results-sweep-charts.png' });
  await results.comparisonTable().screenshot({ path: 'tmp/results-sweep-table.png' });
});

test('a single run keeps its intervals: comparison from the bootstrap, one forest row, no sweep views', async ({ page, lab }) => {
  const { experiment, results } = lab;
  await lab.goto();
  await experiment.choosePreset('teaching-quick');
  await experiment.editSpec((s) => {
    s.backend = 'wasm';
    s.sources.synth.spec.n = 120;
    s.sources.morph.spec.n = 80;
    s.training.epochs = 2;
  });
  await experiment.startAndWait();
  await lab.shell.open('Results');
  const rows = results.comparisonRows();
  await expect(rows).toHaveCount(2);
  for (const t of await rows.nth(0).getByTestId('comparison-test').allInnerTexts()) expect(t).toMatch(CI);
  const forestRows = page.getByTestId('forest-row');
  await expect(forestRows).toHaveCount(1);
  await expect(forestRows.first()).toHaveAttribute('aria-label', /^transfer-hr minus baseline at 100 % of the training records \(\d+ records, one run\)/);
  await expect(page.getByTestId('forest-summary')).toContainText('paired bootstrap, one run');
  // The ROC legend gives each class's test AUC with its interval.
  await expect(results.roc()).toContainText(/\(AUC \d\.\d{3} \[\d\.\d{2,3}, \d\.\d{2,3}\]\)/);
  await expect(page.getByTestId('learning-curves')).toHaveCount(0);
  await expect(page.getByTestId('cells')).toHaveCount(0);
  await page.getByTestId('sweep-results').scrollIntoViewIfNeeded();
  await results.section().screenshot({ path: 'tmp/results-single.png' });
});

test("the model-comparison preset: one run of the study's five models, each summarised with parameters and multiply–adds", async ({ page, lab }) => {
  const { experiment } = lab;
  await lab.goto();
  await experiment.choosePreset('model-comparison');
  const groups = page.getByTestId('model-summary-group');
  await expect(groups).toHaveCount(5, { timeout: WORK_TIMEOUT });
  expect(await groups.evaluateAll((gs) => gs.map((g) => g.getAttribute('data-model')))).toEqual(['inception1d-small', 'rnn', 'lstm', 'vit1d', 'cnn2d']);
  for (const g of await groups.all()) {
    await expect(g).toContainText(/Parameters\s*[\d ]+ trainable/);
    await expect(g).toContainText(/\d+(\.\d+)? [kMG]MACs \(\d+(\.\d+)? [kMG]FLOPs\) per sample \(forward\)/);
  }
  await expect(page.getByTestId('sweep-plan')).toHaveAttribute('data-cells', '5');
  mkdirSync('e2e/screenshots', { recursive: true });
  await experiment.modelSummary().screenshot({ path: 'e2e/screenshots/model-comparison-summary.png' });
});
