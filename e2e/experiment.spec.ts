import { expect, test, type Page } from '@playwright/test';

// Helpers (kept in each spec file so every file stands alone).

/** Opens a panel by its tab. */
async function openPanel(page: Page, name: RegExp) {
  await page.getByRole('tab', { name }).click();
}

/** Experiment panel: choose a preset and the wasm backend (fast and deterministic in headless Chromium). */
async function choosePreset(page: Page, preset: string, backend = 'wasm') {
  await openPanel(page, /Experiment/i);
  await page.getByLabel('Preset', { exact: true }).selectOption(preset);
  await page.getByLabel('Backend', { exact: true }).selectOption(backend);
}

async function runToEnd(page: Page, timeout = 150_000) {
  await page.getByRole('button', { name: /^(Start|Run again)$/ }).click();
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', /running|starting/);
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', 'done', { timeout });
}

async function shot(page: Page, name: string) {
  await page.screenshot({ path: `e2e/screenshots/${name}.png`, fullPage: true });
}

test('teaching-quick preset: live loss, MAE, confusion matrix and comparison fill in', async ({ page }) => {
  // Long tasks on the main thread while training (the page must stay responsive).
  await page.addInitScript(() => {
    (window as unknown as { __long: number[] }).__long = [];
    new PerformanceObserver((l) => l.getEntries().forEach((e) => (window as unknown as { __long: number[] }).__long.push(e.duration))).observe({ type: 'longtask', buffered: true });
  });
  await page.goto('/');
  await choosePreset(page, 'teaching-quick');
  await expect(page.getByTestId('model-summary')).toBeVisible();
  await expect(page.getByTestId('param-count')).toContainText(/\d/);
  await shot(page, 'experiment-panel');
  const t0 = Date.now();
  await runToEnd(page);
  const seconds = (Date.now() - t0) / 1000;
  await expect(page.getByTestId('backend-badge')).toHaveAttribute('data-backend', 'wasm');

  const longAfterStart = await page.evaluate(() => (window as unknown as { __long: number[] }).__long);
  console.log(`teaching-quick: ${seconds.toFixed(1)} s; main-thread long tasks: ${longAfterStart.length}, max ${Math.max(0, ...longAfterStart).toFixed(0)} ms`);

  await openPanel(page, /Results/i);
  // Loss curves: one chart per stage with drawn lines.
  const loss = page.locator('[data-testid^="loss-chart-"]');
  expect(await loss.count()).toBeGreaterThan(1);
  await expect(loss.first().locator('.recharts-line path.recharts-curve').first()).toBeVisible();
  // Regression MAE in physical units.
  await expect(page.locator('[data-testid^="mae-chart-"]').first()).toContainText(/MAE \((bpm|ms)\)/);
  // Confusion matrix: cells add up to the number of test records shown for it.
  const cm = page.getByTestId('confusion-matrix');
  await expect(cm).toContainText('test set');
  const counts = await cm.locator('[data-testid="cm-cell"]').evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-count'))));
  const total = Number(await cm.locator('svg.lab-cm').getAttribute('data-total'));
  expect(counts.length).toBeGreaterThanOrEqual(4);
  expect(counts.reduce((a, b) => a + b, 0)).toBe(total);
  expect(total).toBeGreaterThan(0);
  // Row-normalised toggle shows percentages.
  await cm.getByLabel('Row-normalised').check();
  await expect(cm.locator('[data-testid="cm-cell"]').first()).toContainText(/%|—/);
  // ROC and comparison table.
  await expect(page.getByTestId('roc-chart')).toContainText('AUC');
  const rows = page.getByTestId('comparison-row');
  expect(await rows.count()).toBeGreaterThanOrEqual(2);
  await expect(rows.first()).toContainText(/0\.\d{3}|1\.000/);
  await shot(page, 'results-panel');
});

test('pause, resume and cancel a run', async ({ page }) => {
  await page.goto('/');
  await choosePreset(page, 'teaching-quick');
  await page.getByRole('button', { name: 'Start' }).click();
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', 'running', { timeout: 60_000 });
  await page.getByRole('button', { name: 'Pause' }).click();
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', 'paused');
  await page.getByRole('button', { name: 'Resume' }).click();
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', 'running');
  await page.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', 'cancelled', { timeout: 20_000 });
  await openPanel(page, /History/i);
  await expect(page.getByTestId('history-row').first()).toHaveAttribute('data-status', 'cancelled');
});
