import { expect, shot, test } from './fixtures';

test.describe('signal designer', () => {
  test('opens on a normal synthetic ECG with exact labels, and labels follow the sliders', async ({ page, lab }) => {
    const { designer } = lab;
    await lab.goto();
    await expect(lab.shell.heading()).toBeVisible();
    await lab.shell.expectOn('Designer');
    await expect(designer.morphology()).toHaveValue('normal');
    // exact labels of the preview
    await expect(designer.labelValue('hr')).toHaveText(/^\d+(\.\d)?$/);
    const hr0 = await designer.labelNumber('hr');
    expect(hr0).toBeGreaterThan(55);
    expect(hr0).toBeLessThan(85);
    await expect(designer.labelValue('pr')).toHaveText(/^\d+$/);
    await expect(designer.canvas()).toHaveAttribute('data-drawn', /\d+/);
    const canvasBox = await designer.canvas().boundingBox();
    expect(canvasBox!.width).toBeGreaterThan(600);
    expect(canvasBox!.height).toBeGreaterThan(100);
    await shot(page, 'designer-default');

    // heart-rate slider: the HR label follows
    const draws = await designer.drawCount();
    await designer.setHeartRate(120);
    await expect.poll(() => designer.labelNumber('hr')).toBeGreaterThan(105);
    expect(await designer.drawCount()).toBeGreaterThan(draws);

    // PR slider via keyboard on the range input
    const prBefore = await designer.labelNumber('pr');
    await designer.prSlider().focus();
    for (let i = 0; i < 20; i++) await page.keyboard.press('ArrowRight');
    await expect.poll(() => designer.labelNumber('pr')).toBeGreaterThan(prBefore + 10);

    // AF preset: no P wave → PR undefined
    await designer.morphology().selectOption('afib');
    await expect(designer.label('pr')).toContainText('no P wave');

    // the preview reports how long its synthesis took (the figure itself is the machine's, not the test's business)
    await expect(designer.previewMeta()).toHaveText(/synthesized in \d+(\.\d+)? ms/);
    await designer.morphology().selectOption('normal');

    // 12-lead grid view
    await designer.view().selectOption('grid');
    await shot(page, 'designer-12lead-grid');
  });

  test('dark theme and guided tour', async ({ page, lab }) => {
    await lab.goto();
    await lab.shell.switchToDarkTheme();
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
    await expect(lab.designer.labelValue('hr')).toHaveText(/^\d/);
    await shot(page, 'designer-dark');
    const tour = await lab.shell.startTour();
    await expect(tour).toContainText('synthetic');
    await tour.getByRole('button', { name: 'Next' }).click();
    await tour.getByRole('button', { name: 'Next' }).click();
    await tour.getByRole('button', { name: 'Next' }).click();
    await lab.shell.expectOn('Data');
    await shot(page, 'tour-data-step');
    await page.keyboard.press('Escape');
    await expect(tour).toBeHidden();
  });
});

test('dataset mode: histograms, generation progress, dataset listed in Data', async ({ page, lab }) => {
  const { designer, data } = lab;
  await lab.goto();
  await designer.datasetMode();
  await designer.expectHistogram();
  await designer.records().fill('300');
  await page.getByLabel('Heart rate distribution').selectOption('normal');
  await expect(page.getByRole('spinbutton', { name: 'Heart rate mean' })).toBeVisible();
  // The preview (worker) follows the record count: class counts add up to 300.
  await expect(designer.mixRows().first()).toContainText(/· \d+$/);
  await expect.poll(() => designer.mixTotal()).toBe(300);
  await shot(page, 'designer-dataset-mode');
  await designer.generate();
  await designer.seeInData();
  await data.expectRecords(300);
  await expect(data.classChart()).toHaveAttribute('aria-label', /normal \d+/);
  await data.expectRecordDrawn();
  await shot(page, 'data-synthetic');
});
