import { expect, test, type Page } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import { unzipSync, strFromU8 } from 'fflate';
import { choosePreset, editSpec, openPanel, shot, type Spec, WORK_TIMEOUT } from './helpers';

async function tinyTeachingQuick(page: Page, epochs = 2) {
  await choosePreset(page, 'teaching-quick');
  await editSpec(page, (spec) => {
    spec.backend = 'wasm';
    spec.sources.synth.spec.n = 120;
    spec.sources.morph.spec.n = 80;
    spec.training.epochs = epochs;
  });
}

async function download(page: Page, click: () => Promise<unknown>): Promise<{ name: string; data: Buffer }> {
  const [d] = await Promise.all([page.waitForEvent('download'), click()]);
  return { name: d.suggestedFilename(), data: await readFile((await d.path())!) };
}

test('history survives a reload; a run cut off by a reload is marked interrupted; exports', async ({ page }) => {
  await page.goto('/');
  await tinyTeachingQuick(page);
  await page.getByRole('button', { name: 'Start' }).click();
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', 'done', { timeout: WORK_TIMEOUT });
  await page.reload();
  await openPanel(page, 'History');
  const done = page.locator('[data-testid="history-row"][data-status="done"]');
  await expect(done).toHaveCount(1);
  await expect(done).toContainText(/0\.\d{3}|1\.000/);
  await expect(done).toContainText('wasm');

  // Start another run and reload in the middle of it.
  await tinyTeachingQuick(page, 30);
  await page.getByRole('button', { name: 'Start' }).click();
  await expect(page.getByTestId('run-status')).toContainText(/epoch ([2-9]|\d\d)\/30, batch \d+\/\d+/, { timeout: WORK_TIMEOUT });
  // Paused mid-stage, so the history's snapshot of the live charts (taken 2 s after an epoch) is of a running
  // stage with its ETA at that time; then the page is reloaded.
  await page.getByRole('button', { name: 'Pause' }).click();
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', 'paused');
  const snapshotMidStage = () =>
    page.evaluate(
      () =>
        new Promise<boolean>((resolve) => {
          const rq = indexedDB.open('ecg-transfer-lab');
          rq.onerror = () => resolve(false);
          rq.onsuccess = () => {
            const db = rq.result;
            const all = db.transaction('runs').objectStore('runs').getAll();
            all.onerror = () => resolve(false);
            all.onsuccess = () => {
              db.close();
              resolve(all.result.some((r: Spec) => r.status === 'running' && r.live?.stages?.some((s: Spec) => s.status === 'running')));
            };
          };
        }),
    );
  await expect.poll(snapshotMidStage, { timeout: WORK_TIMEOUT }).toBe(true);
  await page.reload();
  await openPanel(page, 'History');
  const interrupted = page.locator('[data-testid="history-row"][data-status="interrupted"]');
  await expect(interrupted).toHaveCount(1);
  await expect(done).toHaveCount(1);
  // Viewed in Results, the interrupted run says where it stopped, with no speed and no ETA (nothing is running).
  await interrupted.getByRole('button', { name: 'View' }).click();
  await openPanel(page, 'Results');
  const results = page.locator('section.lab-results');
  await expect(results.locator('[data-testid^="stopped-"]').first()).toContainText(/interrupted in epoch \d+\/30/);
  await expect(results).not.toContainText(/left|rec\/s/);
  await expect(page.getByTestId('run-eta')).toHaveCount(0);
  await shot(page, 'history-interrupted-view');
  await page.getByRole('button', { name: 'Back to the live run' }).click();
  await openPanel(page, 'History');

  // Exports of the finished run: results JSON, tidy CSV, trained model (tfjs files in a zip).
  const json = await download(page, () => done.getByRole('button', { name: 'JSON' }).click());
  const res = JSON.parse(json.data.toString());
  expect(res.results.stages.map((s: Spec) => s.name)).toEqual(['pretrain-hr', 'transfer-hr', 'baseline']);
  expect(res.results.comparison).toHaveLength(2);
  const csv = await download(page, () => done.getByRole('button', { name: 'CSV' }).click());
  expect(csv.name).toMatch(/\.csv$/);
  const lines = csv.data.toString().trim().split('\n');
  expect(lines[0]).toBe('stage,kind,target,split,epoch,metric,value');
  expect(lines.some((l) => /^baseline,baseline,,test,,accuracy,0\.\d+/.test(l))).toBe(true);
  expect(lines.some((l) => /^pretrain-hr,pretrain,hr_bpm,val,2,mae_hr_bpm,\d/.test(l))).toBe(true);
  const model = await download(page, () => done.getByLabel(/Download a trained model/).selectOption('transfer-hr'));
  expect(model.name).toMatch(/transfer-hr-tfjs\.zip$/);
  const files = unzipSync(new Uint8Array(model.data));
  const modelJson = JSON.parse(strFromU8(files['model.json']));
  expect(modelJson.modelTopology).toBeTruthy();
  const weights: { shape: number[] }[] = modelJson.weightsManifest[0].weights;
  const floats = weights.reduce((a, w) => a + w.shape.reduce((x, y) => x * y, 1), 0);
  expect(files['weights.bin'].byteLength).toBe(floats * 4);

  // View a saved run in the results panel; compare.
  await done.getByRole('button', { name: 'View' }).click();
  await openPanel(page, 'Results');
  await expect(page.getByText(/Showing saved run/)).toBeVisible();
  await expect(page.getByTestId('confusion-matrix')).toBeVisible();
  await openPanel(page, 'History');
  await done.getByRole('checkbox').check();
  await expect(page.getByTestId('compare-runs')).toBeVisible();
  // Grouped bars: accuracy, macro AUC, F1 for each model of the ticked run (baseline + transfer).
  await expect(page.getByTestId('compare-runs').locator('.recharts-bar-rectangle')).toHaveCount(6);
  await shot(page, 'history-panel');

  // Delete the interrupted run; the deletion survives a reload.
  page.once('dialog', (d) => void d.accept());
  await page.locator('[data-testid="history-row"][data-status="interrupted"]').getByRole('button', { name: /Delete/ }).click();
  await expect(page.locator('[data-testid="history-row"][data-status="interrupted"]')).toHaveCount(0);
  await page.reload();
  await openPanel(page, 'History');
  await expect(page.locator('[data-testid="history-row"]')).toHaveCount(1);
});
