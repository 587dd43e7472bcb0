import { unzipSync, strFromU8 } from 'fflate';
import { expect, shot, test, type Spec } from './fixtures';
import type { Lab } from './pages/Lab';

async function tinyTeachingQuick(lab: Lab, epochs = 2) {
  await lab.experiment.choosePreset('teaching-quick');
  await lab.experiment.editSpec((spec) => {
    spec.backend = 'wasm';
    spec.sources.synth.spec.n = 120;
    spec.sources.morph.spec.n = 80;
    spec.training.epochs = epochs;
  });
}

test('history survives a reload; a run cut off by a reload is marked interrupted; exports', async ({ page, lab }) => {
  const { experiment, history, results } = lab;
  await lab.goto();
  await tinyTeachingQuick(lab);
  await experiment.startAndWait();
  await page.reload();
  await lab.shell.open('History');
  const done = history.rows('done');
  await expect(done).toHaveCount(1);
  await expect(done).toContainText(/0\.\d{3}|1\.000/);
  await expect(done).toContainText('wasm');

  // Start another run and reload in the middle of it.
  await tinyTeachingQuick(lab, 30);
  await experiment.start();
  await experiment.expectStatusText(/epoch ([2-9]|\d\d)\/30, batch \d+\/\d+/);
  // Paused mid-stage, so the history's snapshot of the live charts (taken 2 s after an epoch) is of a running
  // stage with its ETA at that time; then the page is reloaded.
  await experiment.pause();
  await expect(experiment.status()).toHaveAttribute('data-status', 'paused');
  await history.expectMidStageSnapshot();
  await page.reload();
  await lab.shell.open('History');
  const interrupted = history.rows('interrupted');
  await expect(interrupted).toHaveCount(1);
  await expect(done).toHaveCount(1);
  // Viewed in Results, the interrupted run says where it stopped, with no speed and no ETA (nothing is running).
  await interrupted.getByRole('button', { name: 'View' }).click();
  await lab.shell.open('Results');
  await expect(results.stoppedStages().first()).toContainText(/interrupted in epoch \d+\/30/);
  await expect(results.section()).not.toContainText(/left|rec\/s/);
  await expect(results.eta()).toHaveCount(0);
  await shot(page, 'history-interrupted-view');
  await results.backToLiveRun();
  await lab.shell.open('History');

  // Exports of the finished run: results JSON, tidy CSV, trained model (tfjs files in a zip).
  const res = JSON.parse(await history.resultsJson(done));
  expect(res.results.stages.map((s: Spec) => s.name)).toEqual(['pretrain-hr', 'transfer-hr', 'baseline']);
  expect(res.results.comparison).toHaveLength(2);
  const csv = await history.download(() => done.getByRole('button', { name: 'CSV' }).click());
  expect(csv.name).toMatch(/\.csv$/);
  const lines = csv.data.toString().trim().split('\n');
  expect(lines[0]).toBe('stage,kind,target,split,epoch,metric,value');
  expect(lines.some((l) => /^baseline,baseline,,test,,accuracy,0\.\d+/.test(l))).toBe(true);
  expect(lines.some((l) => /^pretrain-hr,pretrain,hr_bpm,val,2,mae_hr_bpm,\d/.test(l))).toBe(true);
  const model = await history.download(() => done.getByLabel(/Download a trained model/).selectOption('transfer-hr'));
  expect(model.name).toMatch(/transfer-hr-tfjs\.zip$/);
  const files = unzipSync(new Uint8Array(model.data));
  const modelJson = JSON.parse(strFromU8(files['model.json']));
  expect(modelJson.modelTopology).toBeTruthy();
  const weights: { shape: number[] }[] = modelJson.weightsManifest[0].weights;
  const floats = weights.reduce((a, w) => a + w.shape.reduce((x, y) => x * y, 1), 0);
  expect(files['weights.bin'].byteLength).toBe(floats * 4);

  // View a saved run in the results panel; compare.
  await done.getByRole('button', { name: 'View' }).click();
  await lab.shell.open('Results');
  await expect(results.savedRunNote()).toBeVisible();
  await expect(results.confusionMatrix()).toBeVisible();
  await lab.shell.open('History');
  await done.getByRole('checkbox').check();
  await expect(history.compareRuns()).toBeVisible();
  // Grouped bars: accuracy, macro AUC, F1 for each model of the ticked run (baseline + transfer).
  await expect(history.compareRuns().locator('.recharts-bar-rectangle')).toHaveCount(6);
  await shot(page, 'history-panel');

  // Delete the interrupted run; the deletion survives a reload.
  await history.delete(history.rows('interrupted'));
  await expect(history.rows('interrupted')).toHaveCount(0);
  await page.reload();
  await lab.shell.open('History');
  await expect(history.rows()).toHaveCount(1);
});
