/**
 * Journey 4 with imported data — share an experiment on LUDB records: the link carries the spec and the data's
 * name + fingerprint only; in a fresh context the page names what to drop, tells a different drop apart, and
 * with the same files the same seeded run gives the same metrics. (e2e/share.spec.ts covers the synthetic case.)
 */
import type { Page } from '@playwright/test';
import { dataPath, hasEcgData, shot, watchErrors, WORK_TIMEOUT } from '../helpers';
import { choosePreset, editSpec, expect, startAndWait, test } from './fixtures';

const LEAD_EXTS = ['i', 'ii', 'iii', 'avr', 'avl', 'avf', 'v1', 'v2', 'v3', 'v4', 'v5', 'v6'];
const files = (records: string[]) => records.flatMap((r) => ['hea', 'dat', ...LEAD_EXTS].map((e) => dataPath('ludb', 'data', `${r}.${e}`)));
const TWELVE = Array.from({ length: 12 }, (_, i) => String(i + 21));

async function drop(page: Page, records: string[]) {
  await page.getByRole('tab', { name: /^Data/ }).click();
  await page.getByTestId('file-input').setInputFiles(files(records));
  await expect(page.getByTestId('import-report')).toContainText(`${records.length} records loaded`, { timeout: WORK_TIMEOUT });
}

/** MAE per interval of the evaluate stage, from the results JSON History exports. */
async function realMae(page: Page): Promise<Record<string, number>> {
  await page.getByRole('tab', { name: /^History/ }).click();
  const row = page.locator('[data-testid="history-row"][data-status="done"]').first();
  const [dl] = await Promise.all([page.waitForEvent('download'), row.getByRole('button', { name: 'JSON' }).click()]);
  const text = await (await import('node:fs/promises')).readFile((await dl.path())!, 'utf8');
  const out: Record<string, number> = {};
  for (const k of ['mae_hr_bpm', 'mae_pr_ms', 'mae_qrs_ms', 'mae_qt_ms']) {
    const all = [...text.matchAll(new RegExp(`"${k}":\\s*([-\\d.eE+]+)`, 'g'))].map((m) => Number(m[1]));
    out[k] = all[all.length - 1];
  }
  return out;
}

test('shared link on imported data: names what to drop, tells a different drop apart, same files → same metrics', async ({ page, browser, privacy }) => {
  test.skip(!hasEcgData, 'needs ECG_DATA (../shared/data)');
  const errs = watchErrors(page);
  privacy.forbid(...TWELVE.map((r) => `${r}.hea`), ...TWELVE.map((r) => `${r}.ii`), 'ludb/data');

  await page.goto('/');
  await drop(page, TWELVE);
  const fingerprint = (await page.getByTestId('dataset-item').first().locator('.fingerprint').textContent())!.trim();
  await choosePreset(page, 'real-intervals');
  await editSpec(page, (s) => {
    s.backend = 'wasm';
    s.seed = 99;
    s.sources.synth.spec.n = 160;
    s.training.epochs = 2;
    for (const st of s.stages) if (st.training) st.training.epochs = 2;
    s.sources.real.fingerprint = fingerprint;
  });
  await expect(page.getByLabel('Spec JSON')).toHaveValue(/"n": 160/);
  await startAndWait(page);
  const a = await realMae(page);
  await page.getByRole('button', { name: 'Copy link' }).click();
  const url = await page.getByTestId('share-url').inputValue();
  privacy.assertUrlClean(url, 'share link');
  expect(new URL(url).search, 'the spec travels in the fragment, never sent to a server').toBe('');

  const ctx = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  privacy.watch(ctx);
  try {
    const other = await ctx.newPage();
    const errs2 = watchErrors(other);
    await other.goto(url);
    await other.getByRole('tab', { name: /^Experiment/ }).click();
    const needed = other.getByTestId('needed-data');
    await expect(needed).toContainText('LUDB');
    await expect(needed).toContainText(fingerprint.slice(0, 12));
    await expect(needed).toContainText('not loaded yet');
    await shot(other, 'journey-share-needs-data', { fullPage: false });
    // Starting without the data says what to drop.
    await other.getByRole('button', { name: /^(Start|Run again)$/ }).click();
    await expect(other.getByTestId('run-status')).toHaveAttribute('data-status', 'error');
    await expect(other.getByRole('alert').filter({ hasText: fingerprint.slice(0, 12) })).toBeVisible();

    // A different drop (11 of the 12 records) is told apart by content.
    await drop(other, TWELVE.slice(0, 11));
    await other.getByRole('tab', { name: /^Experiment/ }).click();
    await expect(needed).toContainText('content differs');
    // The same files: found, and the same seeded run gives the same numbers.
    await drop(other, TWELVE);
    await other.getByRole('tab', { name: /^Experiment/ }).click();
    await expect(needed).toContainText('loaded');
    await expect(needed).not.toContainText('not loaded');
    await startAndWait(other);
    const b = await realMae(other);
    console.log(`real-intervals on 12 LUDB records, run A ${JSON.stringify(a)}\n  run B (fresh context, same link + same files) ${JSON.stringify(b)}`);
    for (const k of Object.keys(a)) expect(Number.isFinite(a[k]), k).toBe(true);
    expect(b).toEqual(a);
    expect(errs2.errors.filter((e) => !/MissingData|Drop these datasets/.test(e))).toEqual([]);
  } finally {
    await ctx.close();
  }
  expect(errs.errors).toEqual([]);
});
