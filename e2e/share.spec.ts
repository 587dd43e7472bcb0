import { expect, test, type Locator, type Page } from '@playwright/test';
import { openPanel, shot } from './helpers';

// Spec helpers (kept in each spec file so every file stands alone).
type Spec = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/**
 * After "Apply JSON": validation runs in the worker, so wait until the editor says the spec was applied (or shows
 * why not) — checking for errors right after the click could start the unedited spec.
 */
async function expectApplied(page: Page, details: Locator) {
  const status = details.getByTestId('json-status');
  await expect(status).toHaveAttribute('data-state', /^(applied|error)$/, { timeout: 20_000 });
  if ((await status.getAttribute('data-state')) === 'error') throw new Error(`spec edit not applied: ${(await details.getByRole('alert').allInnerTexts()).join(' ')}`);
  await expect(details.getByRole('alert')).toHaveCount(0);
  await expect(page.getByLabel('Preset', { exact: true })).toHaveValue('');
}

async function choosePreset(page: Page, preset: string) {
  await openPanel(page, 'Experiment');
  await page.getByLabel('Preset', { exact: true }).selectOption(preset);
  await expect(page.getByTestId('stage-plan')).toBeVisible();
}

async function specJson(page: Page): Promise<Spec> {
  const details = page.locator('details', { hasText: 'Advanced: edit the spec as JSON' });
  if (!(await details.evaluate((d) => (d as HTMLDetailsElement).open))) await details.locator('summary').click();
  return JSON.parse(await page.getByLabel('Spec JSON').inputValue()) as Spec;
}

async function editSpec(page: Page, edit: (s: Spec) => void): Promise<Spec> {
  const spec = await specJson(page);
  edit(spec);
  await page.getByLabel('Spec JSON').fill(JSON.stringify(spec, null, 2));
  await page.getByRole('button', { name: 'Apply JSON' }).click();
  await expectApplied(page, page.locator('details', { hasText: 'Advanced: edit the spec as JSON' }));
  return spec;
}

async function runAndReadComparison(page: Page): Promise<string[][]> {
  await page.getByRole('button', { name: /^(Start|Run again)$/ }).click();
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', 'done', { timeout: 120_000 });
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
