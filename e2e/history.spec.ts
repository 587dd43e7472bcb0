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

test('history survives a reload; a run cut off by a reload is marked interrupted', async ({ page }) => {
  await page.goto('/');
  await choosePreset(page, 'teaching-quick');
  await runToEnd(page);
  await page.reload();
  await openPanel(page, /History/i);
  const done = page.locator('[data-testid="history-row"][data-status="done"]');
  await expect(done.first()).toBeVisible();
  await expect(done.first()).toContainText(/0\.\d{3}|1\.000/);

  // Start another run and reload in the middle of it.
  await choosePreset(page, 'teaching-quick');
  await page.getByRole('button', { name: /^(Start|Run again)$/ }).click();
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', 'running', { timeout: 60_000 });
  await page.reload();
  await openPanel(page, /History/i);
  await expect(page.locator('[data-testid="history-row"][data-status="interrupted"]')).toHaveCount(1);
  await expect(page.locator('[data-testid="history-row"][data-status="done"]')).toHaveCount(1);

  // View a saved run in the results panel, compare, download results.
  await done.first().getByRole('button', { name: 'View' }).click();
  await openPanel(page, /Results/i);
  await expect(page.getByText(/Showing saved run/)).toBeVisible();
  await openPanel(page, /History/i);
  await done.first().getByRole('checkbox').check();
  await expect(page.getByTestId('compare-runs')).toBeVisible();
  const [csv] = await Promise.all([page.waitForEvent('download'), done.first().getByRole('button', { name: 'CSV' }).click()]);
  expect(csv.suggestedFilename()).toMatch(/\.csv$/);
  await shot(page, 'history-panel');

  // Delete the interrupted run.
  page.once('dialog', (d) => void d.accept());
  await page.locator('[data-testid="history-row"][data-status="interrupted"]').getByRole('button', { name: /Delete/ }).click();
  await expect(page.locator('[data-testid="history-row"][data-status="interrupted"]')).toHaveCount(0);
  await page.reload();
  await openPanel(page, /History/i);
  await expect(page.locator('[data-testid="history-row"]')).toHaveCount(1);
});
