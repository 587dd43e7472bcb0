import { expect, test, type Page } from '@playwright/test';
import { choosePreset, editSpec, openPanel, shot, specJson, WORK_TIMEOUT } from './helpers';

async function runAndReadComparison(page: Page): Promise<string[][]> {
  await page.getByRole('button', { name: /^(Start|Run again)$/ }).click();
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', 'done', { timeout: WORK_TIMEOUT });
  await openPanel(page, 'Results');
  const rows = page.getByTestId('comparison-row');
  await expect(rows).toHaveCount(2);
  return Promise.all([0, 1].map((i) => rows.nth(i).locator('th, td').allInnerTexts()));
}

test('copy link → fresh browser context: same spec restored, same seeded run gives the same metrics', async ({ page, browser }) => {
  await page.goto('/');
  await choosePreset(page, 'teaching-quick');
  const spec = await editSpec(page, (s) => {
    s.seed = 4242;
    s.backend = 'wasm';
    s.sources.synth.spec.n = 120;
    s.sources.morph.spec.n = 80;
    s.training.epochs = 2;
  });
  // The form shows the applied spec before anything runs (the run must be the edited one: seed 4242).
  await expect(page.getByLabel('Seed', { exact: true }).first()).toHaveValue('4242');
  await page.getByRole('button', { name: 'Copy link' }).click();
  const url = await page.getByTestId('share-url').inputValue();
  expect(url).toMatch(/#spec=/);
  expect(url.length).toBeLessThan(8000); // the spec only, no data
  await shot(page, 'share-popover', { fullPage: false });
  await page.getByRole('button', { name: 'Close' }).click();
  const metricsA = await runAndReadComparison(page);

  const ctx = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const other = await ctx.newPage();
  await other.goto(url);
  await openPanel(other, 'Experiment');
  await expect(other.getByText('Spec restored from a shared link.')).toBeVisible();
  await expect(other.getByLabel('Seed', { exact: true }).first()).toHaveValue('4242');
  await expect(other.getByLabel('Backend', { exact: true })).toHaveValue('wasm');
  expect(await specJson(other)).toEqual(spec);
  await shot(other, 'share-restored', { fullPage: false });
  const metricsB = await runAndReadComparison(other);
  console.log(`same run in two contexts: ${JSON.stringify(metricsA)} vs ${JSON.stringify(metricsB)}`);
  expect(metricsB).toEqual(metricsA);
  await ctx.close();
});

test('a broken share link is reported, not a blank page', async ({ page }) => {
  await page.goto('/#spec=not-a-valid-spec');
  await openPanel(page, 'Experiment');
  await expect(page.getByTestId('spec-error')).toContainText(/shared link/i);
  await expect(page.getByLabel('Preset', { exact: true })).toBeVisible();
});
