/**
 * Journey 5 — reload in the middle of a run and after it: history survives, the interrupted run is marked and
 * keeps the curves it had reached; the lab is usable again at once. (e2e/history.spec.ts covers view/compare/
 * download/delete of finished runs; this one covers what an interrupted run keeps.)
 */
import { expect, shot, test } from '../fixtures';

test('reload mid-run: run marked interrupted with its partial curves; a new run completes; both survive another reload', async ({ page, lab }) => {
  const { experiment, history, results } = lab;
  await lab.goto();
  await experiment.choosePreset('teaching-quick');
  await experiment.editSpec((s) => {
    s.backend = 'wasm';
    s.training.epochs = 30;
    s.training.patience = 30;
  });
  await experiment.start();
  // Past a few epochs of the first stage, and the history holds a snapshot of the live curves with them.
  await experiment.expectStatusText(/epoch ([4-9]|\d\d)\/30/);
  await history.expectMidStageSnapshot(3);
  await page.reload();

  await lab.shell.open('History');
  const interrupted = history.rows('interrupted');
  await expect(interrupted).toHaveCount(1);
  await expect(interrupted).toContainText(/interrupted/i);
  await interrupted.getByRole('button', { name: 'View' }).click();
  await lab.shell.open('Results');
  await expect(results.savedRunNote()).toBeVisible();
  const loss = results.lossCharts().first();
  await expect(loss.locator('.recharts-line path.recharts-curve')).toHaveCount(2);
  await shot(page, 'journey-reload-interrupted');

  // The lab is usable: a small run completes.
  await experiment.choosePreset('teaching-quick');
  await experiment.editSpec((s) => {
    s.backend = 'wasm';
    s.sources.synth.spec.n = 120;
    s.sources.morph.spec.n = 80;
    s.training.epochs = 2;
  });
  await experiment.startAndWait();
  await page.reload();
  await lab.shell.open('History');
  await expect(history.rows('interrupted')).toHaveCount(1);
  await expect(history.rows('done')).toHaveCount(1);
  await shot(page, 'journey-reload-history');
});
