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

test('copy link → fresh browser context restores the same spec', async ({ page, browser }) => {
  await page.goto('/');
  await openPanel(page, /Experiment/i);
  await page.getByLabel('Preset', { exact: true }).selectOption('teaching-quick');
  const seed = page.getByLabel('Seed', { exact: true }).first();
  await seed.fill('4242');
  await page.getByLabel('Backend', { exact: true }).selectOption('cpu');
  await page.getByRole('button', { name: 'Copy link' }).click();
  const url = await page.getByTestId('share-url').inputValue();
  expect(url).toMatch(/#spec=/);
  await shot(page, 'share-popover');
  // The link carries the spec only: no data arrays.
  expect(url.length).toBeLessThan(8000);

  const ctx = await browser.newContext();
  const other = await ctx.newPage();
  await other.goto(url);
  await openPanel(other, /Experiment/i);
  await expect(other.getByText('Spec restored from a shared link.')).toBeVisible();
  await expect(other.getByLabel('Seed', { exact: true }).first()).toHaveValue('4242');
  await expect(other.getByLabel('Backend', { exact: true })).toHaveValue('cpu');
  await shot(other, 'share-restored');
  await ctx.close();
});

test('a broken share link is reported, not a blank page', async ({ page }) => {
  await page.goto('/#spec=not-a-valid-spec');
  await openPanel(page, /Experiment/i);
  await expect(page.getByTestId('spec-error')).toContainText(/shared link/i);
});
