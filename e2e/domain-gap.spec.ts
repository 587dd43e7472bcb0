/**
 * Measuring the gap in the lab: the Designer's domain-gap card trains a classifier (in the training worker) to
 * tell the designer spec's records from an imported dataset and shows the held-out AUC with its interval and n;
 * a real-intervals run on LUDB records shows the agreement table and a Bland–Altman plot per interval.
 */
import { dataPath, expect, hasEcgData, shot, test, WORK_TIMEOUT } from './fixtures';

test('Designer: the domain-gap card measures the designer spec against imported PTB-XL records (AUC [CI], n)', async ({ page, lab }) => {
  test.skip(!hasEcgData, 'needs ../shared/data');
  const { data, designer } = lab;
  await lab.goto();
  await lab.shell.open('Data');
  await data.importFolder(dataPath('ptb-xl'));
  await data.expectRecords(/^\d+$/);
  const n = Number(await data.records().textContent());
  await lab.shell.open('Designer');
  await designer.datasetMode();
  const card = page.getByTestId('domain-gap-card');
  await expect(card).toBeVisible();
  await expect(card.getByLabel('Real dataset')).toContainText(`${n} records, 100 Hz`);
  await expect(card).toContainText(`${n} synthetic records at 100 Hz, 10 s, 12 leads`);
  await card.getByTestId('domain-gap-run').click();
  const result = card.getByTestId('domain-gap-result');
  await expect(result).toBeVisible({ timeout: WORK_TIMEOUT });
  const auc = Number(await result.getAttribute('data-auc'));
  const lo = Number(await result.getAttribute('data-lo'));
  const hi = Number(await result.getAttribute('data-hi'));
  const nTest = Number(await result.getAttribute('data-n-test'));
  expect(auc).toBeGreaterThanOrEqual(0);
  expect(auc).toBeLessThanOrEqual(1);
  expect(lo).toBeLessThanOrEqual(auc);
  expect(hi).toBeGreaterThanOrEqual(auc);
  // equal counts, 30 % held out: the test rows are about 0.3 of 2n
  expect(nTest).toBeGreaterThan(0.25 * 2 * n);
  expect(nTest).toBeLessThan(0.35 * 2 * n);
  await expect(result).toContainText(new RegExp(`Held-out AUC \\d\\.\\d{3} \\[\\d\\.\\d{3}, \\d\\.\\d{3}\\] 95 % bootstrap`));
  await expect(result).toContainText(`n = ${nTest} held-out records`);
  await card.scrollIntoViewIfNeeded();
  await shot(page, 'domain-gap-card', { fullPage: false });
});

test('real-intervals on four LUDB records: agreement table with IEC verdicts and a Bland–Altman plot per interval', async ({ page, lab }) => {
  test.skip(!hasEcgData, 'needs ../shared/data');
  const { data, experiment } = lab;
  await lab.goto();
  await lab.shell.open('Data');
  const exts = ['hea', 'dat', 'i', 'ii', 'iii', 'avr', 'avl', 'avf', 'v1', 'v2', 'v3', 'v4', 'v5', 'v6'];
  await data.importFiles(['1', '2', '3', '4'].flatMap((r) => exts.map((e) => dataPath('ludb', 'data', `${r}.${e}`))));
  await data.expectRecords(4);
  await experiment.open();
  await experiment.choosePreset('real-intervals');
  await experiment.editSpec((s) => {
    s.backend = 'wasm';
    s.sources.synth.spec.n = 120;
    s.training.epochs = 1;
    s.model.kind = 'tiny-cnn';
  });
  await experiment.startAndWait();
  await lab.shell.open('Results');
  const table = page.getByTestId('agreement-table');
  await expect(table).toBeVisible();
  await expect(table.locator('thead')).toContainText(/Mean error pred − true.*SD.*Limits of agreement.*IEC/);
  for (const t of ['pr_ms', 'qrs_ms', 'qt_ms']) {
    const row = table.locator(`[data-testid="agreement-row"][data-target="${t}"]`);
    await expect(row.getByTestId('iec-verdict')).toHaveText(/^(pass|fail \((mean|SD|mean, SD)\))$/);
    const mean = Number(await row.getAttribute('data-mean'));
    const sd = Number(await row.getAttribute('data-sd'));
    const tol = t === 'qt_ms' ? [25, 30] : [10, 10];
    await expect(row.getByTestId('iec-verdict')).toHaveAttribute('data-pass', String(Math.abs(mean) <= tol[0] && sd <= tol[1]));
  }
  const plot = page.getByTestId('bland-altman-qt_ms');
  await expect(plot).toBeVisible();
  await expect(plot.locator('.lab-ba-points circle')).toHaveCount(Number(await table.locator('[data-target="qt_ms"]').getAttribute('data-n')));
  await expect(plot.locator('.lab-ba-loa')).toHaveCount(2);
  await expect(plot.locator('.lab-ba-band')).toHaveCount(1);
  await table.scrollIntoViewIfNeeded();
  await shot(page, 'bland-altman-ludb', { fullPage: false });
});
