import { chromium } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import { dataPath, expect, expectedKernelThreads, WORK_TIMEOUT, expectLiveProgress, hasEcgData, installProbe, probeLog, shot, test, training, workerNames, type Spec } from './fixtures';
import { Lab } from './pages/Lab';

/** teaching-quick with a tiny budget: few records, 2 epochs, wasm (the backend that trains here). */
function tiny(s: Spec, epochs = 2) {
  s.backend = 'wasm';
  s.sources.synth.spec.n = 120;
  s.sources.morph.spec.n = 80; // 4 classes × 20; test 0.25 → 5 per class → 20 test records
  s.training.epochs = epochs;
}

/**
 * The two runs whose page is watched while it generates and trains: the work is the train worker's, the page shows
 * its progress and its own timer keeps firing (long-task figures: `npm run bench -- ui`).
 */
test.describe('the page stays live while a run trains in the worker', () => {
  test('teaching-quick: backend badge, progress + ETA, loss/MAE curves, per-epoch confusion matrix, comparison; page live while it trains', async ({ page, lab }) => {
    const { experiment, results } = lab;
    await installProbe(page);
    await lab.goto();
    await experiment.choosePreset('teaching-quick');
    const spec = await experiment.editSpec((s) => {
      s.backend = 'wasm';
      s.training.epochs = 4;
    });
    await expect(experiment.modelSummary()).toBeVisible();
    await expect(experiment.paramCount()).toContainText(/\d+ trainable/);
    await expect(experiment.badge()).toHaveAttribute('data-backend', 'wasm');
    await shot(page, 'experiment-panel');

    await experiment.start();
    // Progress and ETA in the run status while it generates data and trains.
    await experiment.expectStatusText(/epoch \d+\/4, batch \d+\/\d+ · ~.* left/);
    await experiment.expectStatus('done');
    expect(workerNames(page)).toContain('train.worker');
    expectLiveProgress(await probeLog(page), training, 'teaching-quick');
    await lab.shell.open('Results');

    await expect(experiment.badge()).toHaveAttribute('data-backend', 'wasm');
    // Loss: one chart per training stage (train + validation lines); regression MAE in bpm, with a drawn line.
    await results.expectLossAndHrMaeCurves(3);

    // Confusion matrix: updated once per epoch while training; at the end the test matrix, whose cells add up to
    // the number of test records — checked against the spec (independent of the engine) and the split shown.
    const cm = results.confusionMatrix();
    await results.showStage('baseline');
    await expect(cm).toHaveAttribute('data-split', 'test');
    await expect(cm).toHaveAttribute('data-updates', String(spec.training.epochs));
    const counts = await results.confusionCounts();
    const classes = spec.stages[2].task.classes.length;
    expect(counts).toHaveLength(classes * classes);
    const expectedTest = classes * Math.round((spec.sources.morph.spec.n / classes) * spec.sources.morph.split.test);
    expect(counts.reduce((a, b) => a + b, 0)).toBe(expectedTest);
    await expect(results.split('baseline')).toHaveAttribute('data-n-test', String(expectedTest));
    await cm.getByLabel('Row-normalised').check();
    await expect(cm.locator('[data-testid="cm-cell"]').first()).toContainText(/%|—/);
    // ROC per class with AUC; comparison baseline vs transfer with accuracy, macro AUC, F1.
    await expect(results.roc()).toContainText('AUC');
    const rows = results.comparisonRows();
    await expect(rows).toHaveCount(2);
    await expect(rows.first()).toContainText('baseline');
    for (const r of [rows.nth(0), rows.nth(1)]) expect((await r.locator('td').allInnerTexts()).filter((t) => /^\d\.\d{3}/.test(t)).length).toBe(6);
    await expect(results.comparisonChart().locator('.recharts-bar-rectangle').first()).toBeVisible();
    await shot(page, 'results-panel');

    // Chart PNG export: a real PNG of non-trivial size.
    const png = await results.downloadPng(/Download Loss — pretrain-hr.* as PNG/);
    const buf = await readFile((await png.path())!);
    expect(buf.subarray(1, 4).toString()).toBe('PNG');
    expect(buf.length).toBeGreaterThan(5000);
  });

  test('Results panel watched during a run (all charts live): its stage progress moves while the page stays live', async ({ page, lab }) => {
    const { experiment, results } = lab;
    await installProbe(page);
    await lab.goto();
    await experiment.choosePreset('teaching-quick');
    await experiment.editSpec((s) => {
      s.backend = 'wasm';
      s.training.epochs = 4;
    });
    await expect(experiment.badge()).toHaveAttribute('data-backend', 'wasm');
    await experiment.start();
    await lab.shell.open('Results');
    await expect(results.section()).toBeVisible();
    await expect(results.section()).toHaveAttribute('data-run-status', 'done', { timeout: WORK_TIMEOUT });
    // The stage progress bars on the Results panel moved batch by batch, the page's own timer firing in between.
    const stageProgress = (e: { key: string; value: string }) => e.key.startsWith('progress:') && e.key.endsWith(' progress') && Number(e.value.split('/')[0]) > 0 && Number(e.value.split('/')[0]) < 1;
    expectLiveProgress(await probeLog(page), stageProgress, 'teaching-quick watched on Results');
    expect(workerNames(page)).toContain('train.worker');
    // Everything was live: loss per stage, MAE, confusion matrix, ROC and the comparison.
    await expect(results.lossCharts()).toHaveCount(3);
    await expect(results.confusionMatrix()).toBeVisible();
    await expect(results.roc()).toContainText('AUC');
    await expect(results.comparisonRows()).toHaveCount(2);
    await shot(page, 'results-live-end');
  });
});

test('pause, resume and cancel; no tensors leak across runs (worker tfjs memory flat)', async ({ page, lab }) => {
  const { experiment } = lab;
  await installProbe(page);
  await lab.goto();
  await experiment.choosePreset('teaching-quick');
  await experiment.editSpec((s) => tiny(s, 2));
  // After "done" the page saves the trained models to IndexedDB and then has the worker free them: read the
  // worker's memory once it holds no model (a state, not a delay); a leak shows as tensors left after that.
  const mem = async () => {
    await expect.poll(async () => (await page.evaluate(() => window.__lab!.trainMemory()))?.modelsHeld ?? 0, { timeout: WORK_TIMEOUT }).toBe(0);
    return page.evaluate(() => window.__lab!.trainMemory());
  };

  await experiment.startAndWait();
  const m1 = await mem();

  // Second run: pause, resume, cancel mid-epoch (40 epochs a stage: still running when cancelled, whatever the load).
  await experiment.editSpec((s) => {
    tiny(s, 40);
    s.training.patience = 0; // no early stopping: the 40 epochs are all there
  });
  await experiment.start();
  await experiment.expectStatus('running');
  await experiment.expectStatusText(/batch \d+\/\d+/);
  await experiment.pause();
  await expect(experiment.status()).toHaveAttribute('data-status', 'paused');
  // The worker stops at the next batch boundary and says so: the status reads "Paused" (held) from then on, and
  // nothing advances however long the wait. Updates already on their way before the hold may show up first.
  await expect(experiment.status()).toHaveAttribute('data-held', 'true', { timeout: WORK_TIMEOUT });
  await expect(experiment.status()).toContainText('Paused');
  const shownWhenHeld = await experiment.status().innerText();
  await page.waitForTimeout(2000);
  const states = (await probeLog(page)).filter((e) => e.key === 'run-status').map((e) => e.value);
  const held = states.findIndex((v) => v.startsWith('paused: Paused'));
  expect(held, `states: ${JSON.stringify(states)}`).toBeGreaterThanOrEqual(0);
  expect(states.slice(held + 1), `status changes after the pause took hold: ${JSON.stringify(states.slice(held))}`).toEqual([]);
  await expect(experiment.status()).toHaveText(shownWhenHeld);
  const before = await experiment.status().innerText();
  // The live charts of a paused run (pretraining curves so far).
  await lab.shell.open('Results');
  await expect(lab.results.lossCharts().first()).toBeVisible();
  await shot(page, 'results-paused');
  await experiment.open();
  await experiment.resume();
  await expect(experiment.status()).toHaveAttribute('data-status', 'running');
  await expect(experiment.status()).not.toHaveText(before, { timeout: WORK_TIMEOUT });
  await experiment.cancel();
  await experiment.expectStatus('cancelled');
  const m2 = await mem();

  // Third and fourth runs complete.
  await experiment.editSpec((s) => tiny(s, 2));
  await experiment.startAndWait();
  const m3 = await mem();
  await experiment.startAndWait();
  const m4 = await mem();
  console.log(`tfjs memory in the worker after runs (done, cancelled, done, done): ${[m1, m2, m3, m4].map((m) => `${m?.numTensors} tensors/${m?.numBytes} B`).join(', ')}`);
  for (const m of [m2, m3, m4]) {
    expect(m?.numTensors).toBe(m1?.numTensors);
    expect(m?.numBytes).toBe(m1?.numBytes);
    expect(m?.modelsHeld).toBe(0);
  }

  await lab.shell.open('History');
  await expect(lab.history.rows('cancelled')).toHaveCount(1);
  await expect(lab.history.rows('done')).toHaveCount(3);
});

test('without WebGPU (no --enable-unsafe-webgpu): asking for WebGPU falls back and the badge says why', async ({ baseURL, errors, privacy }) => {
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-first-run', '--disable-background-networking'] });
  try {
    const ctx = await browser.newContext({ baseURL, viewport: { width: 1280, height: 800 } });
    errors.watch(ctx);
    privacy.watch(ctx);
    const page = await ctx.newPage();
    const lab = new Lab(page);
    await lab.goto();
    await lab.experiment.choosePreset('teaching-quick');
    await lab.experiment.backend().selectOption('webgpu');
    const badge = lab.experiment.badge();
    await expect(badge).toContainText('fallback');
    expect(await badge.getAttribute('data-backend')).not.toBe('webgpu');
    await expect(badge).toHaveAttribute('title', /webgpu/i);
    await shot(page, 'backend-fallback', { fullPage: false });
  } finally {
    await browser.close();
  }
});

test("backend 'auto' is chosen by timing a training step per backend (headless: wasm), and after a reload the badge shows the last run's backend", async ({ page, lab }) => {
  const { experiment } = lab;
  await lab.goto();
  await experiment.choosePreset('teaching-quick');
  await experiment.editSpec((s) => {
    tiny(s, 1);
    s.backend = 'auto';
  });
  const badge = experiment.badge();
  await expect(badge).toHaveAttribute('data-backend', 'wasm', { timeout: WORK_TIMEOUT });
  await expect(badge).toHaveAttribute('title', /Chosen by measurement: wasm: [\d.]+ ms\/step/);
  console.log(`auto backend: ${await badge.getAttribute('title')}`);
  // The preview server sends COOP/COEP: the page is cross-origin isolated and wasm convolutions use every core.
  expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
  const threads = expectedKernelThreads(await page.evaluate(() => navigator.hardwareConcurrency));
  await expect(badge).toHaveAttribute('data-threads', String(threads));
  await expect(badge).toContainText(threads > 1 ? `${threads} threads` : '1 thread');
  await expect(badge).toHaveAttribute('title', /Convolutions run on \d+ threads?/);
  await page.evaluate(() => window.scrollTo(0, 0));
  await shot(page, 'backend-auto-measured', { fullPage: false });
  await experiment.startAndWait();
  // Reload on a panel that does not ask the worker to describe a spec: the badge reads the history.
  await lab.shell.open('Designer');
  await page.reload();
  await expect(badge).toHaveAttribute('data-source', 'history');
  await expect(badge).toHaveAttribute('data-backend', 'wasm');
  await expect(badge).toContainText('last run');
  // Nothing trains for it (the worker may be up for the presets catalogue, holding no model).
  expect((await page.evaluate(() => window.__lab?.trainMemory()))?.modelsHeld ?? 0).toBe(0);
  await shot(page, 'backend-after-reload', { fullPage: false });
});

test('a preset naming imported data without a fingerprint: summary says what to drop; the loaded LUDB import is used and named in the spec; the evaluate stage shows MAE / RMSE / R² / n', async ({ page, lab }) => {
  test.skip(!hasEcgData, 'needs ECG_DATA (../shared/data)');
  const { data, experiment, results } = lab;
  await lab.goto();
  // Nothing loaded: the panel names the data instead of computing a summary for it.
  await experiment.choosePreset('real-intervals');
  await expect(experiment.neededItem()).toHaveAttribute('data-match', 'missing');
  await expect(experiment.modelSummaryNeedsData()).toContainText('LUDB');
  await expect(experiment.modelSummary()).toHaveCount(0);
  await shot(page, 'experiment-needs-data', { fullPage: false });

  // Drop four LUDB records (12 leads + annotations each).
  await lab.shell.open('Data');
  const exts = ['hea', 'dat', 'i', 'ii', 'iii', 'avr', 'avl', 'avf', 'v1', 'v2', 'v3', 'v4', 'v5', 'v6'];
  await data.importFiles(['1', '2', '3', '4'].flatMap((r) => exts.map((e) => dataPath('ludb', 'data', `${r}.${e}`))));
  await data.expectRecords(4);
  const fingerprint = await data.fingerprint();

  // The preset (no fingerprint in it) finds the import by name; only the budget is edited, never the data reference.
  await experiment.open();
  await expect(experiment.neededItem()).toHaveAttribute('data-match', 'name');
  await expect(experiment.neededData()).toContainText('loaded');
  await experiment.editSpec((s) => {
    expect(s.sources.real.fingerprint).toBeUndefined();
    s.backend = 'wasm';
    s.sources.synth.spec.n = 120;
    s.training.epochs = 1;
    for (const st of s.stages) if (st.training) st.training.epochs = 1;
  });
  await expect(experiment.modelSummary()).toBeVisible();
  await experiment.startAndWait();
  // The data used is now named in the spec by its content (what a share link carries).
  const ran = await experiment.specJson();
  expect(ran.sources.real.fingerprint).toBe(fingerprint);
  await expect(experiment.neededItem()).toHaveAttribute('data-match', 'fingerprint');

  // Results: the evaluate stage's table, per target in physical units, and predicted-vs-true scatters.
  await lab.shell.open('Results');
  const table = results.evaluationTable();
  await expect(table).toBeVisible();
  await expect(table.locator('thead')).toContainText(/MAE.*RMSE.*R².*n/);
  for (const t of ['pr_ms', 'qrs_ms', 'qt_ms']) {
    const row = results.evaluationRow(t);
    await expect(row).toContainText(/\d+\.\d ms/);
    const mae = Number(await row.getAttribute('data-mae'));
    const n = Number(await row.getAttribute('data-n'));
    expect(mae, `MAE ${t}`).toBeGreaterThan(0);
    expect(mae, `MAE ${t}`).toBeLessThan(400);
    expect(n, `records with a ${t} label`).toBeGreaterThan(0);
    expect(n).toBeLessThanOrEqual(4);
    await expect(row.locator('td').first()).toContainText(mae.toFixed(1));
  }
  const scatter = results.scatter('qrs_ms');
  await expect(scatter).toContainText('predicted vs true');
  expect(await scatter.locator('.lab-scatter-points circle').count()).toBeGreaterThan(0);
  await shot(page, 'results-evaluation');
});

test('PTB-XL: load the folder and start paper-synthetic-to-real as shipped (no fingerprint edited in): the import is found by name', async ({ page, lab }) => {
  test.skip(!hasEcgData, 'needs ECG_DATA (../shared/data)');
  const { data, experiment, results } = lab;
  await lab.goto();
  await lab.shell.open('Data');
  await data.importFolder(dataPath('ptb-xl'));
  await data.expectRecords(/^\d+$/);
  const fingerprint = await data.fingerprint();
  await experiment.choosePreset('paper-synthetic-to-real');
  const needed = experiment.neededItem();
  await expect(needed).toHaveAttribute('data-match', 'name');
  await expect(needed).toContainText('PTB-XL');
  // A small budget only (the data reference is left as the preset has it).
  await experiment.editSpec((s) => {
    expect(s.sources.ptbxl.fingerprint).toBeUndefined();
    s.backend = 'wasm';
    s.sources.synth.spec.n = 120;
    s.training.epochs = 1;
    s.training.batchSize = 32;
    for (const st of s.stages) if (st.training) st.training.epochs = 1;
  });
  await experiment.startAndWait();
  await expect(needed).toHaveAttribute('data-match', 'fingerprint');
  await expect(needed).toContainText(fingerprint.slice(0, 12));
  await lab.shell.open('Results');
  await expect(results.comparisonRows()).toHaveCount(5);
  // The share link now names the data by its fingerprint: opened elsewhere, it asks for exactly this content.
  const url = await lab.shell.shareLink();
  const other = new Lab(await page.context().newPage());
  await other.goto(url);
  await other.experiment.open();
  await expect(other.experiment.neededItem()).toContainText(fingerprint.slice(0, 12));
  await expect(other.experiment.modelSummaryNeedsData()).toContainText(fingerprint.slice(0, 12));
  await shot(other.page, 'share-needs-ptbxl', { fullPage: false });
  await other.page.close();
});
