/**
 * A large folder drop (4 000 12-lead records, ~92 MB, two folders): files handed to the worker in batches, read in
 * folder chunks,
 * the page never blocks, progress is shown, the record browser reaches the last record.
 * The records are copies of 40 real PTB-XL records under new names, written to a temp dir (never committed).
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dataPath, hasEcgData, shot } from '../helpers';
import { expect, longTasksBetween, now, test, watchLongTasks } from './fixtures';

const N = 4000;

test('4 000-record folder: streamed import, page never blocked, last record browsable', async ({ page }) => {
  test.skip(!hasEcgData, 'needs ECG_DATA (../shared/data)');
  test.setTimeout(180_000);
  const tmp = mkdtempSync(join(tmpdir(), 'big-import-'));
  try {
    const src = dataPath('ptb-xl', 'records100', '00000');
    const base = Array.from({ length: 40 }, (_, i) => `${String(i + 1).padStart(5, '0')}_lr`);
    const heas = base.map((r) => readFileSync(join(src, `${r}.hea`), 'utf8'));
    const dats = base.map((r) => readFileSync(join(src, `${r}.dat`)));
    for (const folder of ['part1', 'part2']) mkdirSync(join(tmp, 'big', folder), { recursive: true });
    for (let i = 0; i < N; i++) {
      const name = `rec${String(i).padStart(5, '0')}`;
      const k = i % base.length;
      const dir = join(tmp, 'big', i < N / 2 ? 'part1' : 'part2');
      writeFileSync(join(dir, `${name}.hea`), heas[k].split(base[k]).join(name));
      writeFileSync(join(dir, `${name}.dat`), dats[k]);
    }
    await watchLongTasks(page);
    await page.goto('/');
    await page.getByRole('tab', { name: /^Data/ }).click();
    await page.evaluate(() => {
      const w = window as unknown as { __chg: number[] };
      w.__chg = [];
      document.addEventListener('change', () => w.__chg.push(performance.now()), true);
      window.addEventListener('change', () => w.__chg.push(performance.now()));
    });
    const p0 = await now(page);
    const t0 = Date.now();
    await page.getByTestId('folder-input').setInputFiles(join(tmp, 'big'));
    await expect(page.getByLabel('Import progress')).toBeVisible({ timeout: 30_000 });
    const pProgress = await now(page);
    const chg = await page.evaluate(() => (window as unknown as { __chg: number[] }).__chg);
    console.log(`change event: handler ran ${chg.map((c) => (c - p0).toFixed(0)).join(' → ')} ms after the drop`);
    await shot(page, 'journey-large-import-progress', { fullPage: false });
    const item = page.getByTestId('dataset-item').first();
    await expect(item.getByTestId('ds-records')).toHaveText(String(N), { timeout: 150_000 });
    const seconds = (Date.now() - t0) / 1000;
    const p1 = await now(page);
    const long = await longTasksBetween(page, p0, p1);
    console.log(`long tasks (ms after the drop): ${long.map((l) => `${(l.start - p0).toFixed(0)}+${l.duration.toFixed(0)}`).join(', ')}; progress shown at ${(pProgress - p0).toFixed(0)}, done at ${(p1 - p0).toFixed(0)}`);
    console.log(`import of ${N} records (${((N * 24_000) / 2 ** 20).toFixed(0)} MB of signal files): ${seconds.toFixed(1)} s; main-thread long tasks ${long.length}, max ${Math.max(0, ...long.map((l) => l.duration)).toFixed(0)} ms`);
    await expect(item).toHaveText(/big/);
    // Large datasets: the select lists the names around the current record; the number box jumps anywhere.
    await page.getByRole('spinbutton', { name: 'Record number' }).fill(String(N));
    await expect(page.getByRole('combobox', { name: 'Record' })).toHaveValue(String(N - 1));
    await expect(page.getByRole('combobox', { name: 'Record' }).locator('option:checked')).toHaveText(`${N}. rec${String(N - 1).padStart(5, '0')}`);
    await expect(page.getByTestId('record-ecg-canvas')).toHaveAttribute('data-drawn', /\d+/);
    // Playwright fills the input with 8 000 File objects on the page's thread before the change event (one long
    // task the lab cannot shorten); from the change event on, the lab's own work: the handler stays under 50 ms;
    // after it, one ~50–70 ms task shows up now and then (GC of 8 000 File handles on a loaded 2-core box), so
    // the bound here is 100 ms (generation and training are held to 50 ms in their own tests).
    expect(chg[chg.length - 1] - chg[0], 'change handler').toBeLessThanOrEqual(50);
    const ours = long.filter((l) => l.start >= chg[0]);
    expect(Math.max(0, ...ours.map((l) => l.duration)), JSON.stringify(long)).toBeLessThanOrEqual(100);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
});
