/**
 * Journey 4 with imported data — share an experiment on LUDB records: the link carries the spec and the data's
 * name + fingerprint only; in a fresh context the page names what to drop, tells a different drop apart, and
 * with the same files the same seeded run gives the same metrics. (e2e/share.spec.ts covers the synthetic case.)
 */
import { dataPath, expect, hasEcgData, shot, test, WORK_TIMEOUT } from '../fixtures';
import { Lab } from '../pages/Lab';

const LEAD_EXTS = ['i', 'ii', 'iii', 'avr', 'avl', 'avf', 'v1', 'v2', 'v3', 'v4', 'v5', 'v6'];
const files = (records: string[]) => records.flatMap((r) => ['hea', 'dat', ...LEAD_EXTS].map((e) => dataPath('ludb', 'data', `${r}.${e}`)));
const TWELVE = Array.from({ length: 12 }, (_, i) => String(i + 21));

async function drop(lab: Lab, records: string[]) {
  await lab.shell.open('Data');
  await lab.data.importFiles(files(records));
  await expect(lab.data.importReport()).toContainText(`${records.length} records loaded`, { timeout: WORK_TIMEOUT });
}

/** MAE per interval of the evaluate stage, from the results JSON History exports. */
async function realMae(lab: Lab): Promise<Record<string, number>> {
  await lab.shell.open('History');
  const text = await lab.history.resultsJson(lab.history.rows('done').first());
  const out: Record<string, number> = {};
  for (const k of ['mae_hr_bpm', 'mae_pr_ms', 'mae_qrs_ms', 'mae_qt_ms']) {
    const all = [...text.matchAll(new RegExp(`"${k}":\\s*([-\\d.eE+]+)`, 'g'))].map((m) => Number(m[1]));
    out[k] = all[all.length - 1];
  }
  return out;
}

test('shared link on imported data: names what to drop, tells a different drop apart, same files → same metrics', async ({ lab, errors, privacy, openContext }) => {
  test.skip(!hasEcgData, 'needs ECG_DATA (../shared/data)');
  privacy.forbid(...TWELVE.map((r) => `${r}.hea`), ...TWELVE.map((r) => `${r}.ii`), 'ludb/data');

  await lab.goto();
  await drop(lab, TWELVE);
  const fingerprint = await lab.data.fingerprint();
  await lab.experiment.choosePreset('real-intervals');
  await lab.experiment.editSpec((s) => {
    s.backend = 'wasm';
    s.seed = 99;
    s.sources.synth.spec.n = 160;
    s.training.epochs = 2;
    for (const st of s.stages) if (st.training) st.training.epochs = 2;
    s.sources.real.fingerprint = fingerprint;
  });
  await expect(lab.experiment.specEditor()).toHaveValue(/"n": 160/);
  await lab.experiment.startAndWait();
  const a = await realMae(lab);
  const url = await lab.shell.shareLink();
  privacy.assertUrlClean(url, 'share link');
  expect(new URL(url).search, 'the spec travels in the fragment, never sent to a server').toBe('');

  const other = new Lab(await (await openContext()).newPage());
  // Starting without the data is refused with what to drop; the page may log that refusal.
  errors.allow(/MissingData|Drop these datasets/);
  await other.goto(url);
  await other.experiment.open();
  const needed = other.experiment.neededData();
  await expect(needed).toContainText('LUDB');
  await expect(needed).toContainText(fingerprint.slice(0, 12));
  await expect(needed).toContainText('not loaded yet');
  await shot(other.page, 'journey-share-needs-data', { fullPage: false });
  // Start waits for the data, saying what to drop (with the fingerprint) and linking to the Data panel.
  await expect(other.page.getByRole('button', { name: 'Start' })).toBeDisabled();
  await expect(other.experiment.startBlocked()).toContainText(fingerprint.slice(0, 12));

  // A different drop (11 of the 12 records) is told apart by content.
  await drop(other, TWELVE.slice(0, 11));
  await other.experiment.open();
  await expect(needed).toContainText('content differs');
  // The same files: found, and the same seeded run gives the same numbers.
  await drop(other, TWELVE);
  await other.experiment.open();
  await expect(needed).toContainText('loaded');
  await expect(needed).not.toContainText('not loaded');
  await other.experiment.startAndWait();
  const b = await realMae(other);
  console.log(`real-intervals on 12 LUDB records, run A ${JSON.stringify(a)}\n  run B (fresh context, same link + same files) ${JSON.stringify(b)}`);
  for (const k of Object.keys(a)) expect(Number.isFinite(a[k]), k).toBe(true);
  expect(b).toEqual(a);
});
