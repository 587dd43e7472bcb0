/**
 * Take it away: a project file. A finished run is saved as one .ecglab.zip (spec, results, trained models; no
 * dataset), dropped on a fresh lab (anywhere, or on the Data drop zone) it opens again: spec restored, the run in
 * History and on Results, its models downloadable. A corrupt or foreign file is refused with its name.
 */
import { strFromU8, unzipSync } from 'fflate';
import type { Locator, Page } from '@playwright/test';
import { expect, shot, test } from './fixtures';
import { Lab } from './pages/Lab';

/** Drops one file on `target` as the browser delivers it: a File in a DataTransfer, dragenter/dragover/drop. */
async function dropFile(page: Page, target: Locator, name: string, bytes: Uint8Array): Promise<void> {
  const dataTransfer = await page.evaluateHandle(
    ({ name, b64 }) => {
      const dt = new DataTransfer();
      dt.items.add(new File([Uint8Array.from(atob(b64), (c) => c.charCodeAt(0))], name));
      return dt;
    },
    { name, b64: Buffer.from(bytes).toString('base64') },
  );
  await target.dispatchEvent('dragenter', { dataTransfer });
  await target.dispatchEvent('dragover', { dataTransfer });
  await target.dispatchEvent('drop', { dataTransfer });
}

test('save a project (spec, results, models; no data) and open it again by a drop on a fresh lab; corrupt and foreign files are refused by name', async ({ page, lab, openContext }) => {
  const { experiment } = lab;
  await lab.goto();
  await experiment.choosePreset('teaching-quick');
  await experiment.editSpec((s) => {
    s.backend = 'wasm';
    s.name = 'proj-tiny';
    s.sources.synth.spec.n = 100;
    s.sources.morph.spec.n = 80;
  });
  await experiment.epochs().fill('1');
  await experiment.startAndWait();
  const spec = await experiment.specJson();

  // Save: the latest run with its trained models, in one file.
  await page.getByRole('button', { name: 'Project', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Project file' });
  await expect(dialog.getByRole('radio', { name: /the latest run \(1\)/ })).toBeChecked();
  await expect(dialog.getByRole('checkbox', { name: /include the trained models/ })).toBeChecked();
  await shot(page, 'flow-project-save', { fullPage: false });
  const saved = await lab.history.download(() => dialog.getByRole('button', { name: 'Save project' }).click());
  expect(saved.name).toBe('proj-tiny.ecglab.zip');
  await expect(dialog.getByTestId('project-saved')).toContainText('1 run and');
  const files = unzipSync(new Uint8Array(saved.data));
  const manifest = JSON.parse(strFromU8(files['project.json']));
  expect(manifest).toMatchObject({ format: 'ecg-transfer-lab-project', version: 1, name: 'proj-tiny', datasets: [] });
  expect(manifest.spec).toEqual(spec);
  expect(manifest.runs).toHaveLength(1);
  expect(manifest.runs[0].results.stages.map((s: { name: string }) => s.name)).toEqual(['pretrain-hr', 'transfer-hr', 'baseline']);
  const stages: string[] = manifest.models.map((m: { stage: string }) => m.stage);
  expect(stages).toContain('transfer-hr');
  // Nothing but the manifest and each model's tfjs files: no records, no signals.
  expect(Object.keys(files).every((f) => f === 'project.json' || /^models\/\d+\/(model\.json|weights\.bin)$/.test(f))).toBe(true);
  for (const m of manifest.models) expect(files[`${m.path}weights.bin`].byteLength).toBe(m.weightBytes);
  await dialog.getByRole('button', { name: 'Close' }).click();

  // A fresh browser (empty history): drop the file anywhere on the lab.
  const other = new Lab(await (await openContext()).newPage());
  await other.goto();
  await other.shell.expectOn('Designer');
  await dropFile(other.page, other.page.locator('main'), saved.name, new Uint8Array(saved.data));
  await other.shell.expectOn('Experiment');
  const origin = other.page.getByTestId('spec-origin');
  await expect(origin).toContainText('Project “proj-tiny” opened from proj-tiny.ecglab.zip.');
  await expect(origin).toContainText(`1 run added to History (the newest is on Results), ${stages.length} trained models stored.`);
  await expect(origin).toContainText('synthetic data only');
  await shot(other.page, 'flow-project-opened', { fullPage: false });
  expect(await other.experiment.specJson()).toEqual(spec);

  // Its results on Results, its run in History, its models there to download.
  await origin.getByRole('button', { name: 'See the results →' }).click();
  await other.shell.expectOn('Results');
  await expect(other.results.savedRunNote()).toContainText('proj-tiny');
  await expect(other.results.confusionMatrix()).toBeVisible();
  await shot(other.page, 'flow-project-results', { fullPage: false });
  await other.shell.open('History');
  const row = other.history.rows('done');
  await expect(row).toHaveCount(1);
  const model = await other.history.download(() => row.getByLabel(/Download a trained model/).selectOption('transfer-hr'));
  const mfiles = unzipSync(new Uint8Array(model.data));
  const transfer = manifest.models.find((m: { stage: string }) => m.stage === 'transfer-hr');
  expect(mfiles['weights.bin'].byteLength).toBe(transfer.weightBytes);

  // The Data panel's drop zone opens a project too (the same run: still one row).
  await other.shell.open('Data');
  await dropFile(other.page, other.data.dropzone(), saved.name, new Uint8Array(saved.data));
  await other.shell.expectOn('Experiment');
  await other.shell.open('History');
  await expect(other.history.rows()).toHaveCount(1);

  // A corrupt zip and a foreign JSON file: refused, naming the file; nothing added.
  await dropFile(other.page, other.page.locator('main'), 'broken.ecglab.zip', new Uint8Array([0x50, 0x4b, 3, 4, 9, 9, 9, 9, 9, 9]));
  const err = other.page.getByTestId('project-error');
  await expect(err).toContainText('“broken.ecglab.zip” is not an ECG Transfer Lab project');
  await shot(other.page, 'flow-project-error', { fullPage: false });
  await err.getByRole('button', { name: 'Dismiss' }).click();
  await expect(err).toHaveCount(0);
  await dropFile(other.page, other.page.locator('main'), 'notes.ecglab.json', new TextEncoder().encode(JSON.stringify({ hello: 'world' })));
  await expect(err).toContainText('“notes.ecglab.json” is not an ECG Transfer Lab project the lab can open: it is not a project file');
  await other.shell.open('History');
  await expect(other.history.rows()).toHaveCount(1);
});
