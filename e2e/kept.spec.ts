/**
 * A dataset kept on this computer lasts: 12 LUDB records imported and kept, an experiment run on them, the page
 * reloaded; the dataset list and the record browser are back, and History's Re-run runs the saved experiment on
 * the kept dataset (matched by fingerprint) without dropping the files again, to the same seeded numbers. The
 * fixtures' privacy watcher sees every request of the page and its workers: none leaves the origin, carries a body
 * or names the records.
 */
import { dataPath, expect, hasEcgData, shot, test, WORK_TIMEOUT } from './fixtures';
import type { Lab } from './pages/Lab';

const LEAD_EXTS = ['i', 'ii', 'iii', 'avr', 'avl', 'avf', 'v1', 'v2', 'v3', 'v4', 'v5', 'v6'];
const TWELVE = Array.from({ length: 12 }, (_, i) => String(i + 21));
const files = TWELVE.flatMap((r) => ['hea', 'dat', ...LEAD_EXTS].map((e) => dataPath('ludb', 'data', `${r}.${e}`)));

/** MAE per interval of the evaluate stage in a History row's results JSON. */
async function maeOf(lab: Lab, row: number): Promise<Record<string, number>> {
  const text = await lab.history.resultsJson(lab.history.rows('done').nth(row));
  const out: Record<string, number> = {};
  for (const k of ['mae_hr_bpm', 'mae_pr_ms', 'mae_qrs_ms', 'mae_qt_ms']) {
    const all = [...text.matchAll(new RegExp(`"${k}":\\s*([-\\d.eE+]+)`, 'g'))].map((m) => Number(m[1]));
    out[k] = all[all.length - 1];
  }
  return out;
}

test('kept dataset across a reload: list and record browser restored, History re-runs on it without a new drop', async ({ page, lab, privacy }) => {
  test.skip(!hasEcgData, 'needs ECG_DATA (../shared/data)');
  const { data, experiment, history } = lab;
  privacy.forbid(...TWELVE.map((r) => `${r}.hea`), ...TWELVE.map((r) => `${r}.ii`), 'ludb/data');

  await lab.goto();
  await lab.shell.open('Data');
  await data.importFiles(files);
  await expect(data.importReport()).toContainText('12 records loaded');
  const fingerprint = await data.fingerprint();
  // The page is cross-origin isolated: its samples are in shared memory, one copy for the page and the workers.
  expect(await page.evaluate(() => window.__lab?.datasetSamples())).toEqual([expect.objectContaining({ shared: true })]);
  const name = (await data.dataset(0).locator('h4').textContent())!;
  await data.dataset(0).getByTestId('keep-dataset').check();
  await expect(data.dataset(0).getByTestId('kept-size')).toContainText(/\d+(\.\d)? (kB|MB) in this browser's storage/);

  await experiment.choosePreset('real-intervals');
  await experiment.editSpec((s) => {
    s.backend = 'wasm';
    s.seed = 7;
    s.sources.synth.spec.n = 160;
    s.training.epochs = 2;
    for (const st of s.stages) if (st.training) st.training.epochs = 2;
    s.sources.real.fingerprint = fingerprint;
  });
  await experiment.startAndWait();

  // A reload: what was kept is listed again and browsable; nothing is dropped.
  await page.reload();
  await lab.shell.open('Data');
  await expect(data.datasets()).toHaveCount(1);
  await expect(data.dataset(0).locator('h4')).toHaveText(name);
  await expect(data.fingerprintText(0)).toHaveText(fingerprint);
  await expect(data.dataset(0).getByTestId('keep-dataset')).toBeChecked();
  await expect(data.records(0)).toHaveText('12');
  // Stored as ordinary bytes (IndexedDB cannot hold shared memory), restored into shared memory.
  expect(await page.evaluate(() => window.__lab?.datasetSamples())).toEqual([expect.objectContaining({ shared: true })]);
  await data.expectRecordDrawn();
  await data.nextRecord();
  await expect(data.recordSelect()).toHaveValue('1');
  await data.expectRecordDrawn();
  await shot(page, 'kept-after-reload');

  // History: Re-run the saved experiment; it finds the kept dataset by its fingerprint.
  await lab.shell.open('History');
  await expect(history.rows('done')).toHaveCount(1);
  await history.rows('done').first().getByTestId('history-rerun').click();
  await lab.shell.expectOn('Experiment');
  const status = experiment.status();
  await expect(status).toHaveAttribute('data-status', /starting|running|done/);
  await expect(status).toHaveAttribute('data-status', 'done', { timeout: WORK_TIMEOUT });
  await lab.shell.open('History');
  await expect(history.rows('done')).toHaveCount(2);
  await shot(page, 'kept-rerun-history');
  const [again, first] = [await maeOf(lab, 0), await maeOf(lab, 1)];
  console.log(`real-intervals on 12 kept LUDB records: first run ${JSON.stringify(first)}, re-run after reload ${JSON.stringify(again)}`);
  for (const k of Object.keys(first)) expect(Number.isFinite(first[k]), k).toBe(true);
  expect(again).toEqual(first);
  const json = await history.resultsJson(history.rows('done').first());
  expect(json).toContain(fingerprint);
});
