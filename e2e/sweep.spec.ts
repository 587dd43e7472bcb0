import { expect, shot, test, WORK_TIMEOUT } from './fixtures';
import { Lab } from './pages/Lab';

test('a sweep: repeats and budgets, the plan before Start, errors beside the field, the share link carries it; it runs to done, History keeps every cell, the next plan uses the model cache', async ({ page, lab, openContext }) => {
  const { experiment, history } = lab;
  // A hang guard for the whole journey.
  test.setTimeout(WORK_TIMEOUT / 2);
  await lab.goto();
  await experiment.choosePreset('teaching-quick');
  // Small synthetic data: a short pretraining and short classification cells.
  await experiment.editSpec((spec) => {
    spec.backend = 'wasm';
    spec.sources.synth.spec.n = 120;
    spec.sources.morph.spec.n = 80;
    spec.training.epochs = 2;
    const pre = spec.stages.find((s: { kind: string }) => s.kind === 'pretrain');
    pre.training = { ...(pre.training ?? {}), epochs: 1 };
  });

  const plan = page.getByTestId('sweep-plan');
  await expect(plan).toHaveAttribute('data-cells', '3');
  await page.getByLabel('Repeats', { exact: true }).fill('2');
  await page.getByLabel('Label budgets', { exact: true }).fill('50%, 100%');
  // per repeat: one pretraining reused by the transfer at both budgets, transfer and baseline at each budget
  await expect(plan).toHaveAttribute('data-cells', '10');
  await expect(plan).toContainText('10 cells (3 stages × 2 repeats × budgets 50 %, 100 %)');
  await expect(plan).toContainText(/2 pretrainings .*reused by 4 transfer cells/);
  await expect(plan).toContainText(/est\. \d+ (s|min) on wasm/);
  await expect(plan.getByRole('listitem')).toHaveCount(2);
  await expect(plan.getByRole('listitem').first()).toContainText('pretrain-hr#r0 trained once, reused by 2 cells');

  // A budget the schema refuses is named next to its field, and the plan waits for a valid spec.
  await page.getByLabel('Label budgets', { exact: true }).fill('50%, 50%');
  await expect(page.getByTestId('budgets-help')).toContainText('labelBudgets[1]: duplicate label budget 0.5');
  await page.getByLabel('Label budgets', { exact: true }).fill('50%, 100%, abc');
  await expect(page.getByTestId('budgets-help')).toContainText('“abc” is not a percentage');
  await page.getByLabel('Label budgets', { exact: true }).fill('50%, 100%');
  await expect(page.getByTestId('budgets-help')).not.toContainText('duplicate');
  await expect(plan).toHaveAttribute('data-cells', '10');
  await page.getByTestId('sweep-card').scrollIntoViewIfNeeded();
  await shot(page, 'sweep-plan', { fullPage: false });

  // The share link carries the sweep (spec version 2): a fresh context shows the same fields and plan.
  const url = await lab.shell.shareLink();
  await lab.shell.closeSharePopover();
  const other = new Lab(await (await openContext()).newPage());
  await other.goto(url);
  await other.experiment.open();
  await expect(other.page.getByLabel('Repeats', { exact: true })).toHaveValue('2');
  await expect(other.page.getByLabel('Label budgets', { exact: true })).toHaveValue('50%, 100%');
  await expect(other.page.getByTestId('sweep-plan')).toHaveAttribute('data-cells', '10');
  expect(await other.experiment.specJson()).toMatchObject({ version: 2, repeats: 2, labelBudgets: [0.5, 1] });
  await other.page.close();

  // Start and wait for the whole sweep (no pause): every cell finishes.
  await experiment.start();
  await expect(experiment.status()).not.toHaveAttribute('data-status', /idle|starting|running/, { timeout: WORK_TIMEOUT });
  await expect(experiment.status()).toHaveAttribute('data-status', 'done');

  // One history entry, done, with every cell, the predictions and the statistics.
  await lab.shell.open('History');
  await expect(history.rows()).toHaveCount(1);
  const row = history.rows('done');
  await expect(row).toHaveCount(1);
  const saved = JSON.parse(await history.resultsJson(row));
  expect(saved.spec).toMatchObject({ repeats: 2, labelBudgets: [0.5, 1] });
  expect(saved.results.cells).toHaveLength(10);
  expect(saved.results.cells.filter((c: { cell: { cached?: boolean } }) => c.cell.cached)).toHaveLength(0);
  expect(saved.results.predictions.length).toBeGreaterThanOrEqual(8);
  expect(saved.results.paired?.length).toBeGreaterThan(0);

  // Run again: the pretrained models now come from the browser's model cache.
  await experiment.open();
  await expect(plan).toContainText('2 pretrained models from the cache');
  await expect(plan).toHaveAttribute('data-cached', '2');
});
