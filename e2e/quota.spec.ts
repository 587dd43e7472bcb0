/**
 * "Keep on this computer" when the browser's storage is full. The origin's quota is lowered through the DevTools
 * protocol (Storage.overrideQuotaForOrigin), so IndexedDB refuses the write the way a full disk would: the card says
 * why, the box is not ticked, nothing is half-written (the kept store stays empty and a reload lists nothing), and
 * the in-memory dataset keeps working. With the quota back, the same dataset keeps.
 */
import { CHROMIUM_ARGS } from '../playwright.config';
import type { Page } from '@playwright/test';
import { dataPath, expect, hasEcgData, shot, test } from './fixtures';

const LEAD_EXTS = ['i', 'ii', 'iii', 'avr', 'avl', 'avf', 'v1', 'v2', 'v3', 'v4', 'v5', 'v6'];
const RECORDS = ['1', '2', '3'];
const files = RECORDS.flatMap((r) => ['hea', 'dat', ...LEAD_EXTS].map((e) => dataPath('ludb', 'data', `${r}.${e}`)));

/** Ids in the lab's kept-datasets store, read straight from IndexedDB (an empty list when the store does not exist yet). */
function keptIds(page: Page): Promise<string[]> {
  return page.evaluate(
    () =>
      new Promise<string[]>((resolve, reject) => {
        const req = indexedDB.open('ecg-lab-kept-datasets');
        req.onerror = () => reject(req.error);
        req.onsuccess = () => {
          const db = req.result;
          if (!db.objectStoreNames.contains('datasets')) {
            db.close();
            resolve([]);
            return;
          }
          const keys = db.transaction('datasets').objectStore('datasets').getAllKeys();
          keys.onsuccess = () => {
            db.close();
            resolve(keys.result.map(String));
          };
          keys.onerror = () => reject(keys.error);
        };
      }),
  );
}

// Its own browser (a distinct launch option starts a fresh worker and Chromium for this file): the lowered quota is
// DevTools state of the browser's storage for the origin, and no later test may share that browser.
test.use({ launchOptions: { executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: [...CHROMIUM_ARGS, '--no-default-browser-check'] } });

test('storage full: a clear message, nothing half-written, the dataset still works; with room it keeps', async ({ page, lab }) => {
  test.skip(!hasEcgData, 'needs ECG_DATA (../shared/data)');
  const { data } = lab;
  await lab.goto();
  const origin = new URL(page.url()).origin;
  const cdp = await page.context().newCDPSession(page);

  await lab.shell.open('Data');
  await data.importFiles(files);
  await expect(data.importReport()).toContainText('3 records loaded');
  const card = data.dataset(0);

  // 16 kB: far below the dataset's arrays (3 records × 12 leads × 10 s)
  await cdp.send('Storage.overrideQuotaForOrigin', { origin, quotaSize: 16 * 1024 });
  // click, not check(): the box ends up unticked, which is the point
  await card.getByTestId('keep-dataset').click();
  await expect(card.getByRole('alert')).toContainText("Not kept: this browser's storage is full");
  await expect(card.getByRole('alert')).toContainText('The dataset still works');
  await expect(card.getByTestId('keep-dataset')).not.toBeChecked();
  await expect(card.getByTestId('kept-size')).toHaveCount(0);
  expect(await keptIds(page)).toEqual([]);
  await shot(page, 'quota-full');

  // the in-memory dataset is untouched: its records browse and draw
  await expect(data.records(0)).toHaveText('3');
  await data.expectRecordDrawn();
  await data.nextRecord();
  await expect(data.recordSelect()).toHaveValue('1');
  await data.expectRecordDrawn();

  // nothing was kept, so a reload lists nothing
  await page.reload();
  await lab.shell.open('Data');
  await expect(page.getByText('No datasets loaded yet')).toBeVisible();
  await expect(data.datasets()).toHaveCount(0);

  // with the quota back (no size = the browser's own), the same files keep, and the store holds exactly that dataset
  await cdp.send('Storage.overrideQuotaForOrigin', { origin });
  await data.importFiles(files);
  await expect(data.importReport()).toContainText('3 records loaded');
  await card.getByTestId('keep-dataset').check();
  await expect(card.getByTestId('kept-size')).toContainText(/\d+(\.\d)? (kB|MB) in this browser's storage/);
  await expect(card.getByRole('alert')).toHaveCount(0);
  expect(await keptIds(page)).toHaveLength(1);
});
