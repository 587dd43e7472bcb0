/**
 * A large folder drop (4 000 12-lead records, ~92 MB, two folders): files handed to the worker in batches, read in
 * folder chunks; the
 * change handler hands the files off and returns before the import is done, progress is shown while it runs, the
 * record browser reaches the last record. (Main-thread long-task figures: `npm run bench -- ui`.)
 * The records are copies of 40 real PTB-XL records under new names, written to a temp dir (never committed).
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { changesReturned, dataPath, expect, expectLiveProgress, hasEcgData, installProbe, midProgress, probeLog, shot, test, workerNames } from '../fixtures';

const N = 4000;

test('4 000-record folder: streamed import in the worker, page live with progress, last record browsable', async ({ page, lab }) => {
  const { data } = lab;
  test.skip(!hasEcgData, 'needs ECG_DATA (../shared/data)');
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
    await installProbe(page);
    await lab.goto();
    await lab.shell.open('Data');
    await data.importFolder(join(tmp, 'big'));
    await expect(data.progress()).toBeVisible();
    await shot(page, 'journey-large-import-progress', { fullPage: false });
    await data.expectRecords(N);
    const log = await probeLog(page);
    // The change handler returned with no dataset listed yet: the import went on after it, in the data worker,
    // and the page showed its progress as the batches went through, its own timer firing in between.
    const changes = changesReturned(log);
    expect(changes.length, 'the folder input fired its change event').toBeGreaterThan(0);
    expect(changes[0].value, 'records listed when the change handler returned').toBe('');
    expect(workerNames(page)).toContain('data.worker');
    const mid = expectLiveProgress(log, midProgress('progress:Import progress'), 'import');
    expect(mid[0].seq, 'progress shown after the change handler returned').toBeGreaterThan(changes[0].seq);
    await expect(data.dataset()).toHaveText(/big/);
    // Large datasets: the select lists the names around the current record; the number box jumps anywhere.
    await data.jumpToRecord(N);
    await expect(data.recordSelect()).toHaveValue(String(N - 1));
    await expect(data.recordSelect().locator('option:checked')).toHaveText(`${N}. rec${String(N - 1).padStart(5, '0')}`);
    await data.expectRecordDrawn();
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
});
