/**
 * A flow without dead ends, driven as a person clicks: the demo in one click with Results following it, the
 * per-batch loss curve, pause / step one epoch / resume on Results; Start waiting for missing data; the one
 * Epochs control and its share link; History's "View" and a fresh page's latest run; the designer's "Use for
 * pretraining"; the viewer's lead names and the tour's highlighted controls.
 */
import { expect, shot, test, WORK_TIMEOUT } from './fixtures';
import { Lab } from './pages/Lab';

test('the synthetic demo starts in one click, Results follows it; the loss is a curve per batch; pause, step one epoch, resume and cancel on Results', async ({ page, lab }) => {
  await lab.goto();
  await lab.shell.expectOn('Designer');
  await lab.designer.runDemo();
  await lab.shell.expectOn('Results');
  const strip = page.getByTestId('results-run-strip');
  await expect(strip).toHaveAttribute('data-status', /starting|running/);
  // The first stage's loss chart draws the sampled batches (raw and smoothed) before its first epoch ends.
  const first = lab.results.lossCharts().first();
  await expect(first.locator('[data-batch-points]')).not.toHaveAttribute('data-batch-points', /^[0-2]$/, { timeout: WORK_TIMEOUT });
  await expect(first.locator('.lab-batch-ema path.recharts-curve')).toHaveCount(1);
  await expect(first.locator('.lab-batch-raw path.recharts-curve')).toHaveCount(1);
  await expect(first).toContainText('train, per batch (smoothed; raw faint)');
  await shot(page, 'flow-demo-batch-loss', { fullPage: false });

  // Pause on Results; the pause lands between batches.
  await expect(strip).toHaveAttribute('data-status', 'running');
  await strip.getByRole('button', { name: 'Pause' }).click();
  await expect(strip).toHaveAttribute('data-status', 'paused');
  // Once the worker holds the pause nothing changes until Resume or Step (experiment.spec checks that).
  await expect(strip).toHaveAttribute('data-held', 'true', { timeout: WORK_TIMEOUT });
  const epochsOf = async () => Number(await lab.results.lossCharts().last().locator('[data-epochs]').getAttribute('data-epochs'));
  const chartsAtPause = await lab.results.lossCharts().count();
  const atPause = await epochsOf();
  // Step: one more epoch, then paused again by itself. (When the pause held near an epoch's end the step is over
  // before a first look could find the run running, so the test reads what the step did, not the passing state.)
  await strip.getByRole('button', { name: 'Step (one epoch)' }).click();
  await expect
    .poll(async () => (await lab.results.lossCharts().count()) > chartsAtPause || (await epochsOf()) >= atPause + 1, { timeout: WORK_TIMEOUT })
    .toBe(true);
  await expect(strip).toHaveAttribute('data-status', 'paused', { timeout: WORK_TIMEOUT });
  await expect(strip).toHaveAttribute('data-held', 'true', { timeout: WORK_TIMEOUT });
  await shot(page, 'flow-demo-stepped', { fullPage: false });
  await strip.getByRole('button', { name: 'Resume' }).click();
  await expect(strip).toHaveAttribute('data-status', 'running');
  await strip.getByRole('button', { name: 'Cancel' }).click();
  await expect(strip).toHaveCount(0, { timeout: WORK_TIMEOUT });
  await lab.experiment.open();
  await expect(lab.experiment.status()).toHaveAttribute('data-status', 'cancelled');
  await expect(lab.experiment.preset()).toHaveValue('synthetic-demo');
});

test('Start waits for missing data with a link to Data; one Epochs control scales every stage, updates the estimate and travels in the share link', async ({ page, lab, openContext }) => {
  await lab.goto();
  const { experiment } = lab;
  // A preset on imported PTB-XL: Start is disabled, saying why, with the way to the Data panel.
  await experiment.choosePreset('paper-synthetic-to-real');
  const start = page.getByRole('button', { name: 'Start' });
  await expect(start).toBeDisabled();
  await expect(experiment.startBlocked()).toContainText('Start needs data that is not loaded');
  await expect(experiment.startBlocked()).toContainText('PTB-XL');
  const before = new Map<string, number>();
  for (const el of await page.getByTestId('stage-epochs').all()) before.set((await el.getAttribute('data-stage'))!, Number(/(\d+) epoch/.exec(await el.innerText())![1]));
  expect(before.size).toBeGreaterThan(2);
  const longest = Math.max(...before.values());
  await expect(experiment.epochs()).toHaveValue(String(longest));
  await shot(page, 'flow-start-blocked', { fullPage: false });
  await experiment.startBlocked().getByRole('button', { name: 'Open the Data panel →' }).click();
  await lab.shell.expectOn('Data');

  // Epochs: the longest stage gets 3, every stage keeps its share (at least 1), shown per stage.
  await experiment.open();
  await experiment.epochs().fill('3');
  for (const [stage, e] of before) await expect(experiment.stageEpochs(stage)).toContainText(`${e === longest ? 3 : Math.max(1, Math.round((e * 3) / longest))} epoch`);
  const spec = await experiment.specJson();
  expect(spec.stages.filter((s: { kind: string }) => s.kind !== 'evaluate').map((s: { training?: { epochs?: number } }) => s.training?.epochs ?? spec.training.epochs).every((e: number) => e >= 1 && e <= 3)).toBe(true);
  await shot(page, 'flow-epochs', { fullPage: false });

  // The share link carries it; it opens on Experiment with what it needs (PTB-XL by name, not loaded).
  const url = await lab.shell.shareLink();
  await lab.shell.closeSharePopover();
  const other = new Lab(await (await openContext()).newPage());
  await other.goto(url);
  await other.shell.expectOn('Experiment');
  await expect(other.page.getByTestId('spec-origin')).toContainText('Experiment restored from a shared link.');
  await expect(other.page.getByTestId('spec-origin')).toContainText('needs one imported dataset');
  await expect(other.experiment.neededData()).toContainText('PTB-XL');
  await expect(other.experiment.neededItem().first()).toHaveAttribute('data-match', 'missing');
  await expect(other.experiment.epochs()).toHaveValue('3');
  await shot(other.page, 'flow-share-restored', { fullPage: false });
  expect(await other.experiment.specJson()).toEqual(spec);

  // The estimate follows the control (synthetic demo: no data needed for it).
  await experiment.choosePreset('synthetic-demo');
  const estimate = page.getByTestId('epoch-estimate');
  await expect(estimate).toContainText('≈', { timeout: WORK_TIMEOUT });
  const long = await estimate.innerText();
  await experiment.epochs().fill('1');
  await expect(experiment.stageEpochs('pretrain-hr')).toContainText('1 epoch');
  await expect(estimate).not.toHaveText(long, { timeout: WORK_TIMEOUT });
  await expect(estimate).toContainText('≈');
});

/** teaching-quick, small and one epoch per stage (through the Epochs control). */
async function tinySpec(lab: Lab, name: string): Promise<void> {
  await lab.experiment.choosePreset('teaching-quick');
  await lab.experiment.editSpec((s) => {
    s.backend = 'wasm';
    s.name = name;
    s.sources.synth.spec.n = 100;
    s.sources.morph.spec.n = 80;
  });
  await lab.experiment.epochs().fill('1');
}

test('History “View” opens Results; a fresh page shows the latest saved run there; a new run is shown live', async ({ page, lab }) => {
  const { experiment, history, results } = lab;
  await lab.goto();
  await tinySpec(lab, 'flow-tiny');
  await experiment.startAndWait();

  // A fresh page opens where it always does, and Results shows the latest saved run.
  await page.reload();
  await lab.shell.expectOn('Designer');
  await lab.shell.open('Results');
  await expect(results.savedRunNote()).toContainText('flow-tiny');
  await expect(results.savedRunNote()).toContainText('the latest in History');
  await expect(results.lossCharts().first()).toBeVisible();
  // Saved with its batch-loss trace: the one-epoch stage is still drawn from its batches, not as a lone dot.
  await expect(results.lossCharts().first().locator('[data-batch-points]')).not.toHaveAttribute('data-batch-points', '0');
  await shot(page, 'flow-fresh-latest-run', { fullPage: false });

  // History's View switches to Results by itself.
  await lab.shell.open('History');
  await history.rows('done').first().getByRole('button', { name: 'View' }).click();
  await lab.shell.expectOn('Results');
  await expect(results.savedRunNote()).toBeVisible();

  // A run that starts is what Results shows. Long enough (100 epochs a stage, no early stopping: with the
  // preset's patience a loaded machine once saw it finish before Cancel) that it is still running when Results is
  // looked at, whatever the machine's load; cancelled from Results' own strip.
  await tinySpec(lab, 'flow-tiny-2');
  await experiment.editSpec((s) => {
    s.training.patience = 0;
  });
  await experiment.epochs().fill('100');
  await experiment.start();
  await lab.shell.open('Results');
  await expect(results.savedRunNote()).toHaveCount(0);
  const strip = page.getByTestId('results-run-strip');
  await expect(strip).toHaveAttribute('data-status', 'running', { timeout: WORK_TIMEOUT });
  await expect(results.lossCharts().first()).toBeVisible({ timeout: WORK_TIMEOUT });
  await strip.getByRole('button', { name: 'Cancel' }).click();
  await expect(strip).toHaveCount(0, { timeout: WORK_TIMEOUT });
  await experiment.open();
  await expect(experiment.status()).toHaveAttribute('data-status', 'cancelled');
});

test('designer dataset mode: “Use for pretraining” makes the distribution the experiment’s synthetic source, and it travels in the share link', async ({ page, lab, openContext }) => {
  await lab.goto();
  await lab.designer.datasetMode();
  await lab.designer.records().fill('333');
  await lab.designer.expectHistogram();
  await page.getByRole('button', { name: 'Use for pretraining' }).click();
  const note = page.getByTestId('use-for-pretraining');
  await expect(note).toContainText('now pretrains on this distribution (333 records, source “synth”)');
  await shot(page, 'flow-use-for-pretraining', { fullPage: false });
  await note.getByRole('button', { name: 'See it in Experiment →' }).click();
  await lab.shell.expectOn('Experiment');
  const spec = await lab.experiment.specJson();
  const pretrain = spec.stages.find((s: { kind: string }) => s.kind === 'pretrain');
  expect(spec.sources[pretrain.source].spec.n).toBe(333);
  const url = await lab.shell.shareLink();
  await lab.shell.closeSharePopover();
  const other = new Lab(await (await openContext()).newPage());
  await other.goto(url);
  await other.shell.expectOn('Experiment');
  expect((await other.experiment.specJson()).sources[pretrain.source].spec.n).toBe(333);
});

test('lead names read aVR in the viewer; the tour highlights the control each step explains', async ({ page, lab }) => {
  await lab.goto();
  // The single-lead view's lead choice: the select whose options are the twelve leads.
  const lead = page.getByTestId('designer-ecg').locator('select').filter({ has: page.locator('option', { hasText: 'V6' }) });
  await expect(lead.locator('option')).toHaveText(['I', 'II', 'III', 'aVR', 'aVL', 'aVF', 'V1', 'V2', 'V3', 'V4', 'V5', 'V6']);
  await shot(page, 'flow-designer-rr', { fullPage: false });

  const tour = await lab.shell.startTour();
  const anchors: string[] = [];
  for (let i = 0; i < 6; i++) {
    // The card names its control only once this step has found it (never the previous step's).
    await expect(tour).toHaveAttribute('data-step', String(i));
    await expect(tour).toHaveAttribute('data-anchor', /.+/);
    const anchor = (await tour.getAttribute('data-anchor'))!;
    anchors.push(anchor);
    await expect(page.locator(anchor).first()).toHaveClass(/\btour-target\b/);
    await expect(page.locator('.tour-target')).toHaveCount(1);
    if (i === 3) await shot(page, 'flow-tour-data', { fullPage: false });
    await tour.getByRole('button', { name: i === 5 ? 'Done' : 'Next' }).click();
  }
  expect(anchors).toContain('[data-testid="dropzone"]');
  expect(anchors).toContain('[data-testid="stage-plan"]');
  await expect(page.locator('.tour-target')).toHaveCount(0);
});
