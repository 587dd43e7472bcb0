/**
 * A mixed drop (PTB-XL WFDB records, a CSV without a time column, a JSON recording, a junk file): every file is
 * accounted for in the import report; the CSV is read again with the rate typed beside its error; a dataset kept
 * on this computer is listed again after a reload.
 */
import { readFileSync } from 'node:fs';
import { dataPath, expect, hasEcgData, shot, test } from './fixtures';

const JSON_FORMAT = 'ecg-transfer-lab/recording';

function jsonRecording(): string {
  const n = 1000;
  const s = Array.from({ length: n }, (_, t) => Math.round(Math.sin((2 * Math.PI * t) / 100) * 1000) / 1000);
  return JSON.stringify({ format: JSON_FORMAT, version: 1, name: 'json-rec', fs: 100, sigNames: ['I', 'II'], units: ['mV', 'mV'], signals: [s, s] });
}

function csvWithoutTime(rows: number): string {
  const lines = ['I,II'];
  for (let i = 0; i < rows; i++) lines.push(`${Math.sin(i / 9).toFixed(3)},${Math.cos(i / 7).toFixed(3)}`);
  return lines.join('\n');
}

test('mixed drop: every file accounted for, a CSV read again with its rate, a kept dataset back after a reload', async ({ page, lab }) => {
  test.skip(!hasEcgData, 'needs ../shared/data');
  const { data } = lab;
  await lab.goto();
  await lab.shell.open('Data');
  const wfdb = ['00001_lr.hea', '00001_lr.dat', '00002_lr.hea', '00002_lr.dat'].map((n) => ({
    name: n,
    mimeType: 'application/octet-stream',
    buffer: readFileSync(dataPath('ptb-xl', 'records100', '00000', n)),
  }));
  const files = [
    ...wfdb,
    { name: 'no-time.csv', mimeType: 'text/csv', buffer: Buffer.from(csvWithoutTime(2500)) },
    { name: 'json-rec.json', mimeType: 'application/json', buffer: Buffer.from(jsonRecording()) },
    { name: 'junk.bin', mimeType: 'application/octet-stream', buffer: Buffer.from([0, 1, 2, 3, 4]) },
  ];
  await data.importFiles(files);
  await data.expectRecords('3');

  const report = data.importReport();
  const accounting = report.getByTestId('import-accounting');
  await expect(accounting.getByTestId('accounting-total')).toHaveText(String(files.length));
  await expect(accounting.getByTestId('fate-record')).toHaveAttribute('data-count', '3');
  await expect(accounting.getByTestId('fate-part')).toHaveAttribute('data-count', '2');
  await expect(accounting.getByTestId('fate-failed')).toHaveAttribute('data-count', '2');
  await expect(accounting.getByTestId('fate-skipped')).toHaveAttribute('data-count', '0');
  await accounting.locator('summary').click();
  // Each file is named once in the report: the two that failed with their reasons among the problems, the
  // other five in the every-file list.
  await expect(accounting.getByTestId('file-fate')).toHaveCount(files.length - 2);
  await expect(report.getByTestId('import-problem')).toHaveCount(2);
  await expect(report.getByTestId('import-problem').filter({ hasText: 'junk.bin' })).toContainText('unknown format');
  const named = await report.locator('[data-testid="file-fate"] code, [data-testid="import-problem"] > code').allTextContents();
  expect([...named].sort()).toEqual(files.map((f) => f.name).sort());

  // The CSV asks for its rate, prefilled with the guess (2500 rows = 10 s at 250 Hz).
  const rate = report.getByTestId('needs-rate-input');
  await expect(rate).toHaveValue('250');
  await shot(page, 'data-accounting-report');
  await rate.fill('250');
  await report.getByTestId('read-again').click();
  await expect(data.datasets()).toHaveCount(2);
  await expect(accounting.getByTestId('fate-failed')).toHaveAttribute('data-count', '1');
  await expect(accounting.getByTestId('fate-record')).toHaveAttribute('data-count', '4');
  await expect(accounting.getByTestId('file-fate')).toHaveCount(files.length - 1);
  await expect(report.getByTestId('import-problem')).toHaveCount(1);
  await expect(report.getByTestId('needs-rate')).toHaveCount(0);

  // The cards describe the recordings as they were.
  await expect(data.dataset(0).getByTestId('ds-origin')).toContainText('→ 12-lead slots');

  // Keep the first dataset, reload: it is listed again and its records can be browsed.
  const name = (await data.dataset(0).locator('h4').textContent())!;
  await data.dataset(0).getByTestId('keep-dataset').check();
  await expect(data.dataset(0).getByTestId('kept-size')).toBeVisible();
  await page.reload();
  await lab.shell.open('Data');
  await expect(data.datasets()).toHaveCount(1);
  await expect(data.dataset(0).locator('h4')).toHaveText(name);
  await expect(data.dataset(0).getByTestId('keep-dataset')).toBeChecked();
  await data.expectRecordDrawn();
  await shot(page, 'data-accounting-kept');
  await data.dataset(0).getByTestId('forget-dataset').click();
  await expect(data.dataset(0).getByTestId('keep-dataset')).not.toBeChecked();
});
