import { dataPath, expect, hasEcgData, shot, test, WORK_TIMEOUT, type Spec } from './fixtures';

/** teaching-quick with a tiny budget (as experiment.spec.ts): 80 morphology records, 20 of them in the test set. */
function tiny(s: Spec, epochs = 2) {
  s.backend = 'wasm';
  s.sources.synth.spec.n = 120;
  s.sources.morph.spec.n = 80;
  s.training.epochs = epochs;
}

test('drill-down: a confusion cell lists its test records, sortable by confidence; a record opens with its ECG, probabilities and saliency strip', async ({ page, lab }) => {
  const { experiment, results } = lab;
  await lab.goto();
  await experiment.choosePreset('teaching-quick');
  const spec = await experiment.editSpec((s) => tiny(s));
  await experiment.startAndWait();
  await lab.shell.open('Results');
  await results.showStage('baseline');
  const cm = results.confusionMatrix();
  await expect(cm).toHaveAttribute('data-split', 'test');

  // The cell with the most records (a diagonal one when the model learnt anything): the list has exactly its count.
  const counts = await results.confusionCounts();
  const k = counts.indexOf(Math.max(...counts));
  const cell = cm.locator('[data-testid="cm-cell"]').nth(k);
  await expect(cell).toHaveAttribute('role', 'button');
  await cell.click();
  const list = page.getByTestId('drill-list');
  await expect(list).toHaveAttribute('data-count', String(counts[k]));
  const rows = list.getByTestId('drill-row');
  await expect(rows).toHaveCount(counts[k]);
  const classes: string[] = spec.stages[2].task.classes;
  const nC = classes.length;
  const [trueName, predName] = [classes[Math.floor(k / nC)], classes[k % nC]];
  await expect(list).toContainText(`true ${trueName}, predicted ${predName}`);
  await expect(rows.first().locator('td').nth(1)).toHaveText(trueName);
  await expect(rows.first().locator('td').nth(2)).toHaveText(predName);

  // Sorted by confidence, highest first; a click on the header sorts lowest first.
  const conf = () => rows.evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-confidence'))));
  const desc = await conf();
  expect(desc).toEqual([...desc].sort((a, b) => b - a));
  await list.getByTestId('drill-sort').click();
  await expect(list).toHaveAttribute('data-sort', 'asc');
  const asc = await conf();
  expect(asc).toEqual([...desc].sort((a, b) => a - b));
  await shot(page, 'drilldown-list');

  // Pick the least confident record: its 12-lead ECG, the model's probabilities per class, the saliency strip.
  const id = await rows.first().getAttribute('data-id');
  await rows.first().click();
  const record = page.getByTestId('drill-record');
  await expect(record).toHaveAttribute('data-id', id!);
  await expect(record.getByTestId('drill-ecg')).toBeVisible({ timeout: WORK_TIMEOUT });
  const probs = record.getByTestId('drill-probs');
  await expect(probs.locator('li')).toHaveCount(nC);
  const shown = await probs.locator('li').evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-prob'))));
  expect(shown.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 3);
  expect(Math.min(...asc)).toBeCloseTo(Math.max(...shown), 5);
  const strip = record.getByTestId('saliency-strip');
  await expect(strip).toBeVisible({ timeout: WORK_TIMEOUT });
  await expect(strip).toHaveAttribute('data-method', 'grad-cam');
  await expect(strip.locator('canvas')).toHaveAttribute('aria-label', /Grad-CAM on .*most weight on .* %; peak at [\d.]+ s/);
  await expect(record.getByTestId('saliency-error')).toHaveCount(0);
  await record.getByTestId('drill-why').scrollIntoViewIfNeeded();
  await shot(page, 'drilldown-saliency', { fullPage: false });

  // Integrated gradients for the same record.
  await record.getByLabel('Saliency method').selectOption('integrated-gradients');
  await expect(record.getByTestId('saliency-strip')).toHaveAttribute('data-method', 'integrated-gradients', { timeout: WORK_TIMEOUT });

  // A ROC operating point of a class: the threshold moves there and the records on its wrong side are listed,
  // as many as the per-class table counts at that threshold.
  const roc = page.getByTestId('drill-roc');
  await roc.scrollIntoViewIfNeeded();
  const rocPoints = roc.getByTestId('drill-roc-point');
  const onTop = await rocPoints.evaluateAll((els) =>
    els.flatMap((e, i) => {
      const r = e.getBoundingClientRect();
      return document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2) === e ? [i] : [];
    }),
  );
  expect(onTop.length).toBeGreaterThan(0);
  const rp = rocPoints.nth(onTop[Math.floor(onTop.length / 2)]);
  const t = Number(await rp.getAttribute('data-threshold'));
  await rp.click();
  await expect(list).toContainText(`at threshold ${t}`);
  const caption = (await list.locator('.drill-caption').textContent())!;
  const outcome = /false positives/.test(caption) ? 'FP' : /false negatives/.test(caption) ? 'FN' : 'TP';
  const btn = page.getByTestId('drill-class-table').locator(`tr[data-class="${classes[0]}"] [data-outcome="${outcome}"]`);
  await expect(list).toHaveAttribute('data-count', (await btn.textContent())!.trim());

  // Regression: a point of the pretraining's predicted-vs-true scatter opens that record with true vs predicted HR.
  const scatter = page.getByTestId('drill-scatter');
  await expect(scatter).toHaveAttribute('data-target', 'hr_bpm');
  // Points can overlap: click one that is on top at its centre (what a person can click).
  await scatter.scrollIntoViewIfNeeded();
  const points = scatter.getByTestId('drill-point');
  const free = await points.evaluateAll((els) =>
    els.findIndex((e) => {
      const r = e.getBoundingClientRect();
      return document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2) === e;
    }),
  );
  expect(free).toBeGreaterThanOrEqual(0);
  const point = points.nth(free);
  const pid = await point.getAttribute('data-id');
  await point.click();
  await expect(page.getByTestId('drill-record')).toHaveAttribute('data-id', pid!);
  await expect(page.getByTestId('drill-record').getByTestId('drill-probs')).toContainText(/HR.*predicted .* bpm, true .* bpm/);
  await expect(page.getByTestId('drill-record').getByTestId('saliency-strip')).toBeVisible({ timeout: WORK_TIMEOUT });
});

test('median beat of a real PTB-XL record in the record browser; interval labels derived for the whole import', async ({ page, lab }) => {
  test.skip(!hasEcgData, 'needs ../shared/data');
  const { data } = lab;
  await lab.goto();
  await lab.shell.open('Data');
  const dir = dataPath('ptb-xl', 'records100', '00000');
  const records = Array.from({ length: 12 }, (_, i) => `${String(i + 1).padStart(5, '0')}_lr`);
  await data.importFiles([...records.flatMap((r) => [`${dir}/${r}.hea`, `${dir}/${r}.dat`]), dataPath('ptb-xl', 'ptbxl_database.csv'), dataPath('ptb-xl', 'scp_statements.csv')]);
  await data.expectRecords(/^\d+$/);
  const n = Number(await data.records().textContent());
  await data.expectRecordDrawn();

  await page.getByTestId('median-toggle').click();
  const median = page.getByTestId('median-beat');
  await expect(median).toBeVisible({ timeout: WORK_TIMEOUT });
  await expect(median.locator('svg.median-cell')).toHaveCount(12);
  const iv = median.getByTestId('median-intervals');
  for (const name of ['QRS', 'RR', 'HR']) await expect(iv.locator(`[data-interval="${name.toLowerCase()}"]`)).toContainText(new RegExp(`${name} \\d+ (ms|bpm)`));
  // Physiological ranges for a real record, and RR = 60 000 / HR.
  const qrs = Number(await median.getAttribute('data-qrs'));
  const rr = Number(await median.getAttribute('data-rr'));
  expect(qrs).toBeGreaterThanOrEqual(40);
  expect(qrs).toBeLessThanOrEqual(200);
  expect(rr).toBeGreaterThan(300);
  expect(rr).toBeLessThan(2000);
  const hr = Number((await iv.locator('[data-interval="hr"]').textContent())!.match(/\d+/)![0]);
  expect(Math.abs(60000 / rr - hr)).toBeLessThanOrEqual(1);
  await median.scrollIntoViewIfNeeded();
  await shot(page, 'drilldown-median', { fullPage: false });

  // Labels for every record: a new dataset with the intervals, and how many records got them.
  await page.getByTestId('derive-labels').click();
  const report = page.getByTestId('derive-report');
  await expect(report).toBeVisible({ timeout: WORK_TIMEOUT });
  await expect(report).toHaveAttribute('data-n', String(n));
  const labelled = Number(await report.getAttribute('data-labelled'));
  expect(labelled).toBeGreaterThan(n / 2);
  expect(labelled).toBeLessThanOrEqual(n);
  await expect(report).toContainText(`${labelled} of ${n} records got interval labels`);
  await expect(data.datasets()).toHaveCount(2);
  await expect(data.datasets().nth(1)).toContainText('median-beat intervals');
  await report.scrollIntoViewIfNeeded();
  await shot(page, 'drilldown-labels', { fullPage: false });
});
