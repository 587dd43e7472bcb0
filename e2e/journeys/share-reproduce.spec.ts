/**
 * Journey 4 — share: copy the link, open it in a fresh browser context (no storage, no loaded data): the same
 * spec is restored and the same seeded synthetic run gives the same metrics. (e2e/share.spec.ts checks the
 * restored fields and a broken link; this one checks reproduction and what the link carries.)
 */
import type { Page } from '@playwright/test';
import { shot, watchErrors } from '../helpers';
import { choosePreset, editSpec, expect, startAndWait, test } from './fixtures';

async function comparison(page: Page): Promise<string[][]> {
  await page.getByRole('tab', { name: /^Results/ }).click();
  const rows = page.getByTestId('comparison-row');
  await expect(rows).toHaveCount(2);
  const out: string[][] = [];
  for (let i = 0; i < 2; i++) out.push((await rows.nth(i).locator('th, td').allInnerTexts()).map((t) => t.trim()));
  return out;
}

test('share link → fresh context: same spec, same seeded run, same metrics', async ({ page, browser, privacy }) => {
  test.setTimeout(200_000);
  const errs = watchErrors(page);
  await page.goto('/');
  await choosePreset(page, 'teaching-quick');
  const spec = await editSpec(page, (s) => {
    s.seed = 777;
    s.backend = 'wasm';
    s.sources.synth.spec.n = 120;
    s.sources.synth.spec.seed = 31;
    s.sources.morph.spec.n = 80;
    s.training.epochs = 2;
  });
  const s1 = await startAndWait(page);
  const a = await comparison(page);
  await shot(page, 'journey-share-run-a');

  await page.getByRole('button', { name: 'Copy link' }).click();
  const url = await page.getByTestId('share-url').inputValue();
  expect(new URL(url).origin).toBe(new URL(page.url()).origin);
  expect(url).toMatch(/#spec=/);
  // The spec travels in the fragment (never sent to a server), versioned and compressed; no data arrays.
  expect(new URL(url).search).toBe('');
  expect(url.length).toBeLessThan(4000);
  privacy.assertUrlClean(url, 'share link');

  const ctx = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  privacy.watch(ctx);
  try {
    const other = await ctx.newPage();
    const errs2 = watchErrors(other);
    await other.goto(url);
    await other.getByRole('tab', { name: /^Experiment/ }).click();
    await expect(other.getByText('Spec restored from a shared link.')).toBeVisible();
    await expect(other.getByText('Data: synthetic only')).toBeVisible();
    // The whole spec, not just a few fields: the JSON editor holds the same object.
    const details = other.locator('details', { hasText: 'Advanced: edit the spec as JSON' });
    await details.locator('summary').click();
    const restored = JSON.parse(await other.getByLabel('Spec JSON').inputValue());
    expect(restored).toEqual(spec);
    await details.locator('summary').click();
    const s2 = await startAndWait(other);
    const b = await comparison(other);
    await shot(other, 'journey-share-run-b');
    console.log(`seeded teaching-quick: run A ${s1.toFixed(1)} s, run B (fresh context from the link) ${s2.toFixed(1)} s\n  A: ${a.map((r) => r.join(' | ')).join('\n     ')}\n  B: ${b.map((r) => r.join(' | ')).join('\n     ')}`);
    expect(b).toEqual(a);
    expect(errs2.errors).toEqual([]);
  } finally {
    await ctx.close();
  }
  expect(errs.errors).toEqual([]);
});
