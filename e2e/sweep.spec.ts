import { expect, shot, test, WORK_TIMEOUT } from './fixtures';
import type { Page } from '@playwright/test';
import { Lab } from './pages/Lab';

/**
 * The finished cells of sweeps stored in the page's progress database (what a resume after a reload starts from):
 * cell id → the cell's result as JSON.
 */
function storedCells(page: Page): Promise<Record<string, string>> {
  return page.evaluate(
    () =>
      new Promise<Record<string, string>>((resolve) => {
        const rq = indexedDB.open('ecg-transfer-lab-progress');
        rq.onerror = () => resolve({});
        rq.onsuccess = () => {
          const db = rq.result;
          if (!db.objectStoreNames.contains('cells')) {
            db.close();
            return resolve({});
          }
          const all = db.transaction('cells').objectStore('cells').getAll();
          all.onsuccess = () => {
            db.close();
            const rows = all.result as { cellId: string; cell: { result: unknown } }[];
            resolve(Object.fromEntries(rows.map((r) => [r.cellId, JSON.stringify(r.cell.result)])));
          };
          all.onerror = () => (db.close(), resolve({}));
        };
      }),
  );
}
const countStored = async (page: Page) => Object.keys(await storedCells(page)).length;

test('a sweep: repeats and budgets, the plan before Start, errors beside the field, the share link carries it; paused, reloaded and resumed from its last finished cell on the same backend, History keeps every cell and every stage’s model (those trained before the reload too), ONNX export, the next plan uses the model cache', async ({ page, lab, openContext }) => {
  const { experiment, history } = lab;
  // A hang guard for the whole journey.
  test.setTimeout(WORK_TIMEOUT / 2);
  // Which phase the journey reached (printed, never asserted): a CI run once spent the whole guard in it.
  const mark = (what: string) => console.log(`sweep journey: ${what}`);
  const modelWarnings: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'warning' && /trained models? .*not stored/.test(m.text())) modelWarnings.push(m.text());
  });
  await lab.goto();
  await experiment.choosePreset('teaching-quick');
  // Small synthetic data; the pretraining is short, the classification cells long enough to pause inside one.
  await experiment.editSpec((spec) => {
    spec.backend = 'wasm';
    spec.sources.synth.spec.n = 120;
    spec.sources.morph.spec.n = 80;
    spec.training.epochs = 20;
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

  // Start; once the first pretraining finished and a classification cell trains, pause and reload.
  mark('started');
  await experiment.start();
  await experiment.expectStatusText(/transfer-hr · epoch \d/);
  const backendBefore = await experiment.badge().getAttribute('aria-label');
  expect(backendBefore).toMatch(/^tfjs backend: WASM/);
  expect(backendBefore).not.toContain('fallback');
  await experiment.pause();
  await expect(experiment.status()).toHaveAttribute('data-status', 'paused');
  // The worker confirms the pause at its next batch boundary.
  await expect(experiment.status()).toHaveAttribute('data-held', 'true', { timeout: WORK_TIMEOUT });
  mark(`pause held (${await experiment.status().innerText()})`);
  await expect.poll(() => countStored(page), { timeout: WORK_TIMEOUT }).toBeGreaterThanOrEqual(1);
  const before = await storedCells(page);
  mark('paused with cells stored; reloading');
  await page.reload();
  // Resume as soon as it is offered: the reloaded page is still choosing a backend for its default spec ('auto'),
  // and the resumed sweep asks for wasm meanwhile (the two must not race).
  await experiment.open();
  const offer = page.getByTestId('resume-offer');
  await expect(offer).toBeVisible();
  const done = Number(await offer.getAttribute('data-done'));
  expect(done).toBe(Object.keys(before).length);
  await expect(offer.getByRole('button', { name: `Resume sweep (${done} of 10 cells done)` })).toBeVisible();
  await shot(page, 'sweep-resume-offer', { fullPage: false });
  mark('resumed');
  await offer.getByRole('button', { name: /^Resume sweep/ }).click();
  await expect(offer).toHaveCount(0);
  await expect(experiment.status()).not.toHaveAttribute('data-status', /idle|starting|running/, { timeout: WORK_TIMEOUT });
  await expect(experiment.status()).toHaveAttribute('data-status', 'done');
  expect(await countStored(page)).toBe(0);
  // The same backend as before the reload, not a fallback.
  await expect(experiment.badge()).toHaveAttribute('aria-label', backendBefore!);

  // One history entry (the resumed run), done, with every cell, the predictions and the statistics.
  mark('resumed sweep done');
  await lab.shell.open('History');
  await expect(history.rows()).toHaveCount(1);
  const row = history.rows('done');
  await expect(row).toHaveCount(1);
  const saved = JSON.parse(await history.resultsJson(row));
  expect(saved.spec).toMatchObject({ repeats: 2, labelBudgets: [0.5, 1] });
  expect(saved.results.cells).toHaveLength(10);
  expect(saved.results.backend).toMatchObject({ backend: 'wasm' });
  expect(saved.results.backend.reason).toBeUndefined();
  // The cells finished before the reload were not trained again: they come back exactly as stored.
  for (const [id, json] of Object.entries(before)) {
    const cell = saved.results.cells.find((c: { cell: { id: string } }) => c.cell.id === id);
    expect(cell, id).toEqual(JSON.parse(json));
  }
  expect(saved.results.cells.filter((c: { cell: { cached?: boolean } }) => c.cell.cached)).toHaveLength(0);
  expect(saved.results.predictions.length).toBeGreaterThanOrEqual(8);
  expect(saved.results.paired?.length).toBeGreaterThan(0);

  mark('exporting ONNX');
  // ONNX export of a trained model, converted in the worker.
  const failed = row.getByRole('alert');
  const save = row.getByTestId('onnx-save');
  // Every stage's model is kept: each finished cell's model was stored as it finished (before its cell record),
  // so those trained before the reload are there beside the ones the resumed run trained. A model that failed to
  // store would show as the page's warning.
  expect(modelWarnings, 'models not stored').toEqual([]);
  const stages = await row.getByLabel(/to export as ONNX/).locator('option').allTextContents();
  expect([...stages].sort(), 'stages with a stored model').toEqual(['baseline', 'pretrain-hr', 'transfer-hr']);
  const stage = 'transfer-hr';
  const onnx = await history.download(async () => {
    await row.getByLabel(/to export as ONNX/).selectOption(stage);
    // Listen before the click: a fast conversion's download can fire before click() returns.
    const downloaded = page.waitForEvent('download');
    await row.getByRole('button', { name: 'Export ONNX' }).click();
    // Saved at once, or — when the conversion outlasted the click's user activation — through "Save …"; an export
    // error is shown beside the control: fail with it rather than wait for a download.
    const outcome = await Promise.race([
      downloaded.then(() => 'downloaded'),
      save.waitFor().then(() => 'save'),
      failed.waitFor().then(async () => Promise.reject(new Error(await failed.innerText()))),
    ]);
    if (outcome === 'save') await save.click();
  });
  expect(onnx.name).toBe(`${stage}.onnx`);
  expect(onnx.data.byteLength).toBeGreaterThan(1000);
  // protobuf field 1 (ir_version, varint) comes first
  expect(onnx.data[0]).toBe(0x08);

  // Run again: the pretrained models now come from the browser's model cache.
  await experiment.open();
  await expect(plan).toContainText('2 pretrained models from the cache');
  await expect(plan).toHaveAttribute('data-cached', '2');
});
