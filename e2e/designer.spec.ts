import { expect, test } from '@playwright/test';
import { drawCount, shot, watchErrors, WORK_TIMEOUT } from './helpers';

test.describe('signal designer', () => {
  test('opens on a normal synthetic ECG with exact labels, and labels follow the sliders', async ({ page }) => {
    const errs = watchErrors(page);
    await page.goto('/');
    await expect(page.getByRole('heading', { level: 1, name: 'ECG Transfer Lab' })).toBeVisible();
    await expect(page.getByRole('tab', { name: /^Designer/ })).toHaveAttribute('aria-selected', 'true');
    await expect(page.getByLabel('Morphology preset')).toHaveValue('normal');
    // exact labels of the preview
    const hr = page.getByTestId('label-hr').locator('.lc-value');
    await expect(hr).toHaveText(/^\d+(\.\d)?$/);
    const hr0 = Number(await hr.textContent());
    expect(hr0).toBeGreaterThan(55);
    expect(hr0).toBeLessThan(85);
    await expect(page.getByTestId('label-pr').locator('.lc-value')).toHaveText(/^\d+$/);
    await expect(page.getByTestId('designer-ecg-canvas')).toHaveAttribute('data-drawn', /\d+/);
    const canvasBox = await page.getByTestId('designer-ecg-canvas').boundingBox();
    expect(canvasBox!.width).toBeGreaterThan(600);
    expect(canvasBox!.height).toBeGreaterThan(100);
    await shot(page, 'designer-default');

    // heart-rate slider: the HR label follows
    const draws = await drawCount(page, 'designer-ecg');
    await page.getByRole('spinbutton', { name: /Heart rate value/ }).fill('120');
    await expect.poll(async () => Number(await hr.textContent())).toBeGreaterThan(105);
    expect(await drawCount(page, 'designer-ecg')).toBeGreaterThan(draws);

    // PR slider via keyboard on the range input
    const prBefore = Number(await page.getByTestId('label-pr').locator('.lc-value').textContent());
    const prSlider = page.getByRole('slider', { name: 'PR interval' });
    await prSlider.focus();
    for (let i = 0; i < 20; i++) await page.keyboard.press('ArrowRight');
    await expect.poll(async () => Number(await page.getByTestId('label-pr').locator('.lc-value').textContent())).toBeGreaterThan(prBefore + 10);

    // AF preset: no P wave → PR undefined
    await page.getByLabel('Morphology preset').selectOption('afib');
    await expect(page.getByTestId('label-pr')).toContainText('no P wave');

    // the preview reports how long its synthesis took (the figure itself is the machine's, not the test's business)
    await expect(page.getByTestId('preview-meta')).toHaveText(/synthesized in \d+(\.\d+)? ms/);
    await page.getByLabel('Morphology preset').selectOption('normal');

    // 12-lead grid view
    await page.getByRole('combobox', { name: 'View' }).selectOption('grid');
    await shot(page, 'designer-12lead-grid');
    expect(errs.errors).toEqual([]);
  });

  test('dark theme and guided tour', async ({ page }) => {
    await page.goto('/');
    await page.getByRole('button', { name: /Switch to dark theme/ }).click();
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
    await expect(page.getByTestId('label-hr').locator('.lc-value')).toHaveText(/^\d/);
    await shot(page, 'designer-dark');
    await page.getByRole('button', { name: 'Guided tour' }).click();
    const tour = page.getByRole('dialog');
    await expect(tour).toContainText('synthetic');
    await tour.getByRole('button', { name: 'Next' }).click();
    await tour.getByRole('button', { name: 'Next' }).click();
    await tour.getByRole('button', { name: 'Next' }).click();
    await expect(page.getByRole('tab', { name: /^Data/ })).toHaveAttribute('aria-selected', 'true');
    await shot(page, 'tour-data-step');
    await page.keyboard.press('Escape');
    await expect(tour).toBeHidden();
  });
});

test('dataset mode: histograms, generation progress, dataset listed in Data', async ({ page }) => {
  const errs = watchErrors(page);
  await page.goto('/');
  await page.getByRole('radio', { name: 'Dataset' }).click();
  await expect(page.getByTestId('dist-hrBpm').locator('.recharts-bar-rectangle').first()).toBeVisible();
  await page.getByLabel('Records', { exact: true }).fill('300');
  await page.getByLabel('Heart rate distribution').selectOption('normal');
  await expect(page.getByRole('spinbutton', { name: 'Heart rate mean' })).toBeVisible();
  // The preview (worker) follows the record count: class counts add up to 300.
  await expect(page.locator('.mix-row').first()).toContainText(/· \d+$/);
  await expect
    .poll(async () => (await page.locator('.mix-row .muted').allInnerTexts()).reduce((a, t) => a + Number(/· (\d+)/.exec(t)?.[1] ?? 0), 0))
    .toBe(300);
  await shot(page, 'designer-dataset-mode');
  await page.getByRole('button', { name: 'Generate dataset' }).click();
  await expect(page.getByTestId('gen-done')).toContainText('Generated', { timeout: WORK_TIMEOUT });
  await page.getByRole('button', { name: 'See it in Data →' }).click();
  const item = page.getByTestId('dataset-item').first();
  await expect(item.getByTestId('ds-records')).toHaveText('300');
  await expect(item.getByTestId('class-chart')).toHaveAttribute('aria-label', /normal \d+/);
  await expect(page.getByTestId('record-ecg-canvas')).toHaveAttribute('data-drawn', /\d+/);
  await shot(page, 'data-synthetic');
  expect(errs.errors).toEqual([]);
});
