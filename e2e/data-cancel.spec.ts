/**
 * Import progress and Cancel, folder and zip: the progress line shows records and bytes read with a time-left
 * estimate; Cancel stops the worker at its next record, nothing is added, and the next import works. The records
 * are copies of 40 real PTB-XL records under new names, written to a temp dir (never committed).
 * A cancel must land while the import is still reading: besides the test's own click, a watcher in the page clicks
 * Cancel once 60 % of the records are read, so a quick machine cannot finish the import first.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { zipSync } from 'fflate';
import type { Page } from '@playwright/test';
import { dataPath, expect, hasEcgData, shot, test } from './fixtures';

const FOLDER_N = 6000;
const ZIP_N = 3000;

/** Writes n records under dir (two folders) and returns their files as zip entries under `top/`. */
function writeRecords(dir: string, n: number, top: string): Record<string, Uint8Array> {
  const src = dataPath('ptb-xl', 'records100', '00000');
  const base = Array.from({ length: 40 }, (_, i) => `${String(i + 1).padStart(5, '0')}_lr`);
  const heas = base.map((r) => readFileSync(join(src, `${r}.hea`), 'utf8'));
  const dats = base.map((r) => readFileSync(join(src, `${r}.dat`)));
  const entries: Record<string, Uint8Array> = {};
  for (let i = 0; i < n; i++) {
    const name = `cx${String(i).padStart(5, '0')}`;
    const k = i % base.length;
    const sub = i < n / 2 ? 'part1' : 'part2';
    const hea = Buffer.from(heas[k].split(base[k]).join(name));
    mkdirSync(join(dir, sub), { recursive: true });
    writeFileSync(join(dir, sub, `${name}.hea`), hea);
    writeFileSync(join(dir, sub, `${name}.dat`), dats[k]);
    entries[`${top}/${sub}/${name}.hea`] = hea;
    entries[`${top}/${sub}/${name}.dat`] = dats[k];
  }
  return entries;
}

/** Clicks Cancel from inside the page once `share` of the records are read; records every progress text shown. */
async function watchProgress(page: Page, share: number | null): Promise<void> {
  await page.evaluate((s) => {
    const w = window as unknown as { __seen: string[]; __obs?: MutationObserver };
    w.__seen = [];
    w.__obs?.disconnect();
    const obs = new MutationObserver(() => {
      const el = document.querySelector<HTMLElement>('[data-testid="import-progress"]');
      if (!el) return;
      const text = el.querySelector('[data-testid="import-progress-text"]')?.textContent ?? '';
      if (w.__seen[w.__seen.length - 1] !== text) w.__seen.push(text);
      const done = Number(el.dataset.records), total = Number(el.dataset.total);
      const btn = el.querySelector<HTMLButtonElement>('[data-testid="import-cancel"]');
      if (s !== null && / records/.test(text) && done >= s * total && btn && !btn.disabled) btn.click();
    });
    obs.observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
    w.__obs = obs;
  }, share);
}

const seen = (page: Page) => page.evaluate(() => (window as unknown as { __seen: string[] }).__seen);

test('import progress with bytes and time left; Cancel stops folder and zip imports, nothing added, the next import works', async ({ page, lab, privacy }) => {
  test.skip(!hasEcgData, 'needs ECG_DATA (../shared/data)');
  const { data } = lab;
  const tmp = mkdtempSync(join(tmpdir(), 'cancel-import-'));
  try {
    writeRecords(join(tmp, 'big'), FOLDER_N, 'big');
    const zipEntries = writeRecords(join(tmp, 'small'), ZIP_N, 'small');
    const zipPath = join(tmp, 'records.zip');
    writeFileSync(zipPath, zipSync(zipEntries, { level: 0 }));
    privacy.forbid('cx00001', 'cx02999', 'records.zip');

    await lab.goto();
    await lab.shell.open('Data');

    // 1. A folder: progress with records, bytes and time left; Cancel.
    await watchProgress(page, 0.6);
    await data.importFolder(join(tmp, 'big'));
    // The screenshot of the running import is taken when it shows a time left (the page's watcher may cancel first).
    const eta = data.progressText().filter({ hasText: / left$/ });
    if (await eta.waitFor({ timeout: 60_000 }).then(() => true, () => false)) await shot(page, 'data-cancel-progress', { fullPage: false });
    await data.cancelImport().click({ timeout: 5_000 }).catch(() => undefined); // the page's watcher may have clicked first
    await expect(data.importNotice()).toHaveText(/^Import cancelled (after [\d ]+ of [\d ]+ records|before any record was read): nothing was added\.$/);
    const m = /after ([\d ]+) of ([\d ]+) records/.exec((await data.importNotice().textContent()) ?? '');
    if (m) expect(Number(m[1].replace(/ /g, '')), 'the worker stopped before the last record').toBeLessThan(Number(m[2].replace(/ /g, '')));
    await expect(data.progress()).toHaveCount(0);
    await expect(data.datasets()).toHaveCount(0);
    await expect(data.importReport()).toHaveCount(0);
    const folderTexts = await seen(page);
    expect(folderTexts.some((t) => /^[\d ]+ of 6 000 records · [\d.]+ [KMG]?B of [\d.]+ [KMG]?B · (about .* left|estimating time left…)$/.test(t)), folderTexts.join('\n')).toBe(true);
    await shot(page, 'data-cancel-folder-cancelled', { fullPage: false });

    // 2. A zip, cancelled by the page's watcher a little way in.
    await watchProgress(page, 0.05);
    await data.importFiles(zipPath);
    await expect(data.importNotice()).toHaveText(/^Import cancelled after [\d ]+ of [\d ]+ records: nothing was added\.$/);
    await expect(data.datasets()).toHaveCount(0);

    // 3. The same zip again, to the end: the lab works after two cancels; bytes were shown as it read.
    await watchProgress(page, null);
    await data.importFiles(zipPath);
    await data.expectRecords(ZIP_N);
    await expect(data.datasets()).toHaveCount(1);
    const texts = await seen(page);
    expect(texts.some((t) => new RegExp(`^[\\d ]+ of 3 000 records · [\\d.]+ [KMG]?B of [\\d.]+ [KMG]?B · `).test(t)), texts.join('\n')).toBe(true);
    await expect(data.importNotice()).toHaveCount(0);
    await data.expectRecordDrawn();
    await shot(page, 'data-cancel-zip-after');
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
});
