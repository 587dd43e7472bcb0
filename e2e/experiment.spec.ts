import { chromium, expect, test, type Page } from '@playwright/test';
import { choosePreset, dataPath, editSpec, expectLiveProgress, expectLossAndHrMaeCurves, expectedKernelThreads, hasEcgData, installProbe, openPanel, probeLog, shot, watchErrors, workerNames, type Spec, type ProbeEntry, WORK_TIMEOUT } from './helpers';

/** teaching-quick with a tiny budget: few records, 2 epochs, wasm (the backend that trains here). */
function tiny(s: Spec, epochs = 2) {
  s.backend = 'wasm';
  s.sources.synth.spec.n = 120;
  s.sources.morph.spec.n = 80; // 4 classes × 20; test 0.25 → 5 per class → 20 test records
  s.training.epochs = epochs;
}

async function startAndWait(page: Page, timeout = WORK_TIMEOUT) {
  await page.getByRole('button', { name: /^(Start|Run again)$/ }).click();
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', /starting|running/);
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', 'done', { timeout });
}

/** A run-status state shown while a stage trains (epoch / batch progress). */
const training = (e: ProbeEntry) => e.key === 'run-status' && /^running: .*batch \d+\/\d+/.test(e.value);

/**
 * The two runs whose page is watched while it generates and trains: the work is the train worker's, the page shows
 * its progress and its own timer keeps firing (long-task figures: `npm run bench -- ui`).
 */
test.describe('the page stays live while a run trains in the worker', () => {
  test('teaching-quick: backend badge, progress + ETA, loss/MAE curves, per-epoch confusion matrix, comparison; page live while it trains', async ({ page }) => {
    const errs = watchErrors(page);
    await installProbe(page);
    await page.goto('/');
    await choosePreset(page, 'teaching-quick');
    const spec = await editSpec(page, (s) => {
      s.backend = 'wasm';
      s.training.epochs = 4;
    });
    await expect(page.getByTestId('model-summary')).toBeVisible();
    await expect(page.getByTestId('param-count')).toContainText(/\d+ trainable/);
    await expect(page.getByTestId('backend-badge')).toHaveAttribute('data-backend', 'wasm');
    await shot(page, 'experiment-panel');

    await page.getByRole('button', { name: 'Start' }).click();
    // Progress and ETA in the run status while it generates data and trains.
    await expect(page.getByTestId('run-status')).toContainText(/epoch \d+\/4, batch \d+\/\d+ · ~.* left/, { timeout: WORK_TIMEOUT });
    await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', 'done', { timeout: WORK_TIMEOUT });
    expect(workerNames(page)).toContain('train.worker');
    expectLiveProgress(await probeLog(page), training, 'teaching-quick');
    await openPanel(page, 'Results');

    await expect(page.getByTestId('backend-badge')).toHaveAttribute('data-backend', 'wasm');
    // Loss: one chart per training stage (train + validation lines); regression MAE in bpm, with a drawn line.
    await expectLossAndHrMaeCurves(page, 3);

    // Confusion matrix: updated once per epoch while training; at the end the test matrix, whose cells add up to
    // the number of test records — checked against the spec (independent of the engine) and the split shown.
    const cm = page.getByTestId('confusion-matrix');
    await page.getByRole('group', { name: /Stage shown/ }).getByRole('button', { name: 'baseline' }).click();
    await expect(cm).toHaveAttribute('data-split', 'test');
    await expect(cm).toHaveAttribute('data-updates', String(spec.training.epochs));
    const counts = await cm.locator('[data-testid="cm-cell"]').evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-count'))));
    const classes = spec.stages[2].task.classes.length;
    expect(counts).toHaveLength(classes * classes);
    const expectedTest = classes * Math.round((spec.sources.morph.spec.n / classes) * spec.sources.morph.split.test);
    expect(counts.reduce((a, b) => a + b, 0)).toBe(expectedTest);
    await expect(page.getByTestId('split-baseline')).toHaveAttribute('data-n-test', String(expectedTest));
    await cm.getByLabel('Row-normalised').check();
    await expect(cm.locator('[data-testid="cm-cell"]').first()).toContainText(/%|—/);
    // ROC per class with AUC; comparison baseline vs transfer with accuracy, macro AUC, F1.
    await expect(page.getByTestId('roc-chart')).toContainText('AUC');
    const rows = page.getByTestId('comparison-row');
    await expect(rows).toHaveCount(2);
    await expect(rows.first()).toContainText('baseline');
    for (const r of [rows.nth(0), rows.nth(1)]) expect((await r.locator('td').allInnerTexts()).filter((t) => /^\d\.\d{3}/.test(t)).length).toBe(6);
    await expect(page.getByTestId('comparison-chart').locator('.recharts-bar-rectangle').first()).toBeVisible();
    await shot(page, 'results-panel');

    // Chart PNG export: a real PNG of non-trivial size.
    const [png] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: /Download Loss — pretrain-hr.* as PNG/ }).click()]);
    const buf = await (await import('node:fs/promises')).readFile((await png.path())!);
    expect(buf.subarray(1, 4).toString()).toBe('PNG');
    expect(buf.length).toBeGreaterThan(5000);
    expect(errs.errors).toEqual([]);
  });

  test('Results panel watched during a run (all charts live): its stage progress moves while the page stays live', async ({ page }) => {
    const errs = watchErrors(page);
    await installProbe(page);
    await page.goto('/');
    await choosePreset(page, 'teaching-quick');
    await editSpec(page, (s) => {
      s.backend = 'wasm';
      s.training.epochs = 4;
    });
    await expect(page.getByTestId('backend-badge')).toHaveAttribute('data-backend', 'wasm');
    await page.getByRole('button', { name: 'Start' }).click();
    await openPanel(page, 'Results');
    const panel = page.locator('section.lab-results');
    await expect(panel).toBeVisible();
    await expect(panel).toHaveAttribute('data-run-status', 'done', { timeout: WORK_TIMEOUT });
    // The stage progress bars on the Results panel moved batch by batch, the page's own timer firing in between.
    const log = await probeLog(page);
    expectLiveProgress(log, (e) => e.key.startsWith('progress:') && e.key.endsWith(' progress') && Number(e.value.split('/')[0]) > 0 && Number(e.value.split('/')[0]) < 1, 'teaching-quick watched on Results');
    expect(workerNames(page)).toContain('train.worker');
    // Everything was live: loss per stage, MAE, confusion matrix, ROC and the comparison.
    await expect(page.locator('[data-testid^="loss-chart-"]')).toHaveCount(3);
    await expect(page.getByTestId('confusion-matrix')).toBeVisible();
    await expect(page.getByTestId('roc-chart')).toContainText('AUC');
    await expect(page.getByTestId('comparison-row')).toHaveCount(2);
    await shot(page, 'results-live-end');
    expect(errs.errors).toEqual([]);
  });
});

test('pause, resume and cancel; no tensors leak across runs (worker tfjs memory flat)', async ({ page }) => {
  await page.goto('/');
  await choosePreset(page, 'teaching-quick');
  await editSpec(page, (s) => tiny(s, 2));
  // After "done" the page saves the trained models to IndexedDB and then has the worker free them: read the
  // worker's memory once it holds no model (a state, not a delay); a leak shows as tensors left after that.
  const mem = async () => {
    await expect.poll(async () => (await page.evaluate(() => window.__lab!.trainMemory()))?.modelsHeld ?? 0, { timeout: WORK_TIMEOUT }).toBe(0);
    return page.evaluate(() => window.__lab!.trainMemory());
  };

  await startAndWait(page);
  const m1 = await mem();

  // Second run: pause, resume, cancel mid-epoch.
  await editSpec(page, (s) => tiny(s, 6));
  await page.getByRole('button', { name: 'Run again' }).click();
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', 'running', { timeout: WORK_TIMEOUT });
  await expect(page.getByTestId('run-status')).toContainText(/batch \d+\/\d+/, { timeout: WORK_TIMEOUT });
  await page.getByRole('button', { name: 'Pause' }).click();
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', 'paused');
  // While paused no batch advances.
  await page.waitForTimeout(400);
  const before = await page.getByTestId('run-status').innerText();
  await page.waitForTimeout(1500);
  expect(await page.getByTestId('run-status').innerText()).toBe(before);
  // The live charts of a paused run (pretraining curves so far).
  await openPanel(page, 'Results');
  await expect(page.locator('[data-testid^="loss-chart-"]').first()).toBeVisible();
  await page.waitForTimeout(500);
  await shot(page, 'results-paused');
  await openPanel(page, 'Experiment');
  await page.getByRole('button', { name: 'Resume' }).click();
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', 'running');
  await expect(page.getByTestId('run-status')).not.toHaveText(before, { timeout: WORK_TIMEOUT });
  await page.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', 'cancelled', { timeout: WORK_TIMEOUT });
  const m2 = await mem();

  // Third and fourth runs complete.
  await editSpec(page, (s) => tiny(s, 2));
  await startAndWait(page);
  const m3 = await mem();
  await startAndWait(page);
  const m4 = await mem();
  console.log(`tfjs memory in the worker after runs (done, cancelled, done, done): ${[m1, m2, m3, m4].map((m) => `${m?.numTensors} tensors/${m?.numBytes} B`).join(', ')}`);
  for (const m of [m2, m3, m4]) {
    expect(m?.numTensors).toBe(m1?.numTensors);
    expect(m?.numBytes).toBe(m1?.numBytes);
    expect(m?.modelsHeld).toBe(0);
  }

  await openPanel(page, 'History');
  await expect(page.locator('[data-testid="history-row"][data-status="cancelled"]')).toHaveCount(1);
  await expect(page.locator('[data-testid="history-row"][data-status="done"]')).toHaveCount(3);
});

test('without WebGPU (no --enable-unsafe-webgpu): asking for WebGPU falls back and the badge says why', async ({ baseURL }) => {
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-first-run', '--disable-background-networking'] });
  try {
    const page = await browser.newPage({ baseURL, viewport: { width: 1280, height: 800 } });
    await page.goto('/');
    await choosePreset(page, 'teaching-quick');
    await page.getByLabel('Backend', { exact: true }).selectOption('webgpu');
    const badge = page.getByTestId('backend-badge');
    await expect(badge).toContainText('fallback', { timeout: WORK_TIMEOUT });
    expect(await badge.getAttribute('data-backend')).not.toBe('webgpu');
    await expect(badge).toHaveAttribute('title', /webgpu/i);
    await shot(page, 'backend-fallback', { fullPage: false });
  } finally {
    await browser.close();
  }
});

test("backend 'auto' is chosen by timing a training step per backend (headless: wasm), and after a reload the badge shows the last run's backend", async ({ page }) => {
  await page.goto('/');
  await choosePreset(page, 'teaching-quick');
  await editSpec(page, (s) => {
    tiny(s, 1);
    s.backend = 'auto';
  });
  const badge = page.getByTestId('backend-badge');
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
  await startAndWait(page);
  // Reload on a panel that does not ask the worker to describe a spec: the badge reads the history.
  await openPanel(page, 'Designer');
  await page.reload();
  await expect(badge).toHaveAttribute('data-source', 'history');
  await expect(badge).toHaveAttribute('data-backend', 'wasm');
  await expect(badge).toContainText('last run');
  // Nothing trains for it (the worker may be up for the presets catalogue, holding no model).
  expect((await page.evaluate(() => window.__lab?.trainMemory()))?.modelsHeld ?? 0).toBe(0);
  await shot(page, 'backend-after-reload', { fullPage: false });
});

test('a preset naming imported data without a fingerprint: summary says what to drop; the loaded LUDB import is used and named in the spec; the evaluate stage shows MAE / RMSE / R² / n', async ({ page }) => {
  test.skip(!hasEcgData, 'needs ECG_DATA (../shared/data)');
  const errs = watchErrors(page);
  await page.goto('/');
  // Nothing loaded: the panel names the data instead of computing a summary for it.
  await choosePreset(page, 'real-intervals');
  await expect(page.getByTestId('needed-data').locator('li')).toHaveAttribute('data-match', 'missing');
  await expect(page.getByTestId('model-summary-needs-data')).toContainText('LUDB');
  await expect(page.getByTestId('model-summary')).toHaveCount(0);
  await shot(page, 'experiment-needs-data', { fullPage: false });

  // Drop four LUDB records (12 leads + annotations each).
  await openPanel(page, 'Data');
  const exts = ['hea', 'dat', 'i', 'ii', 'iii', 'avr', 'avl', 'avf', 'v1', 'v2', 'v3', 'v4', 'v5', 'v6'];
  await page.getByTestId('file-input').setInputFiles(['1', '2', '3', '4'].flatMap((r) => exts.map((e) => dataPath('ludb', 'data', `${r}.${e}`))));
  const item = page.getByTestId('dataset-item').first();
  await expect(item.getByTestId('ds-records')).toHaveText('4', { timeout: WORK_TIMEOUT });
  const fingerprint = (await item.locator('.fingerprint').textContent())!.trim();

  // The preset (no fingerprint in it) finds the import by name; only the budget is edited, never the data reference.
  await openPanel(page, 'Experiment');
  await expect(page.getByTestId('needed-data').locator('li')).toHaveAttribute('data-match', 'name');
  await expect(page.getByTestId('needed-data')).toContainText('loaded');
  await editSpec(page, (s) => {
    expect(s.sources.real.fingerprint).toBeUndefined();
    s.backend = 'wasm';
    s.sources.synth.spec.n = 120;
    s.training.epochs = 1;
    for (const st of s.stages) if (st.training) st.training.epochs = 1;
  });
  await expect(page.getByTestId('model-summary')).toBeVisible({ timeout: WORK_TIMEOUT });
  await startAndWait(page);
  // The data used is now named in the spec by its content (what a share link carries).
  const details = page.locator('details', { hasText: 'Advanced: edit the spec as JSON' });
  await details.locator('summary').click();
  const ran = JSON.parse(await page.getByLabel('Spec JSON').inputValue()) as Spec;
  expect(ran.sources.real.fingerprint).toBe(fingerprint);
  await expect(page.getByTestId('needed-data').locator('li')).toHaveAttribute('data-match', 'fingerprint');

  // Results: the evaluate stage's table, per target in physical units, and predicted-vs-true scatters.
  await openPanel(page, 'Results');
  const table = page.getByTestId('evaluation-table');
  await expect(table).toBeVisible();
  await expect(table.locator('thead')).toContainText(/MAE.*RMSE.*R².*n/);
  for (const t of ['pr_ms', 'qrs_ms', 'qt_ms']) {
    const row = table.locator(`[data-testid="evaluation-row"][data-target="${t}"]`);
    await expect(row).toContainText(/\d+\.\d ms/);
    const mae = Number(await row.getAttribute('data-mae'));
    const n = Number(await row.getAttribute('data-n'));
    expect(mae, `MAE ${t}`).toBeGreaterThan(0);
    expect(mae, `MAE ${t}`).toBeLessThan(400);
    expect(n, `records with a ${t} label`).toBeGreaterThan(0);
    expect(n).toBeLessThanOrEqual(4);
    await expect(row.locator('td').first()).toContainText(mae.toFixed(1));
  }
  const scatter = page.getByTestId('scatter-qrs_ms');
  await expect(scatter).toContainText('predicted vs true');
  expect(await scatter.locator('.lab-scatter-points circle').count()).toBeGreaterThan(0);
  await shot(page, 'results-evaluation');
  expect(errs.errors).toEqual([]);
});

test('PTB-XL: load the folder and start paper-synthetic-to-real as shipped (no fingerprint edited in): the import is found by name', async ({ page }) => {
  test.skip(!hasEcgData, 'needs ECG_DATA (../shared/data)');
  const errs = watchErrors(page);
  await page.goto('/');
  await openPanel(page, 'Data');
  await page.getByTestId('folder-input').setInputFiles(dataPath('ptb-xl'));
  const item = page.getByTestId('dataset-item').first();
  await expect(item.getByTestId('ds-records')).toHaveText(/^\d+$/, { timeout: WORK_TIMEOUT });
  const fingerprint = (await item.locator('.fingerprint').textContent())!.trim();
  await choosePreset(page, 'paper-synthetic-to-real');
  const needed = page.getByTestId('needed-data').locator('li');
  await expect(needed).toHaveAttribute('data-match', 'name');
  await expect(needed).toContainText('PTB-XL');
  // A small budget only (the data reference is left as the preset has it).
  await editSpec(page, (s) => {
    expect(s.sources.ptbxl.fingerprint).toBeUndefined();
    s.backend = 'wasm';
    s.sources.synth.spec.n = 120;
    s.training.epochs = 1;
    s.training.batchSize = 32;
    for (const st of s.stages) if (st.training) st.training.epochs = 1;
  });
  await startAndWait(page);
  await expect(needed).toHaveAttribute('data-match', 'fingerprint');
  await expect(needed).toContainText(fingerprint.slice(0, 12));
  await openPanel(page, 'Results');
  await expect(page.getByTestId('comparison-row')).toHaveCount(5);
  // The share link now names the data by its fingerprint: opened elsewhere, it asks for exactly this content.
  await page.getByRole('button', { name: 'Copy link' }).click();
  const url = await page.getByTestId('share-url').inputValue();
  const other = await page.context().newPage();
  await other.goto(url);
  await openPanel(other, 'Experiment');
  await expect(other.getByTestId('needed-data').locator('li')).toContainText(fingerprint.slice(0, 12));
  await expect(other.getByTestId('model-summary-needs-data')).toContainText(fingerprint.slice(0, 12));
  await shot(other, 'share-needs-ptbxl', { fullPage: false });
  await other.close();
  expect(errs.errors).toEqual([]);
});
