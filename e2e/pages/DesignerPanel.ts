import type { Locator, Page } from '@playwright/test';
import { expect } from '@playwright/test';
import { WORK_TIMEOUT } from './work';

/** The signal designer: one record's preview with its exact labels, and the dataset mode that generates many. */
export class DesignerPanel {
  constructor(readonly page: Page) {}

  /** The shown value of one exact label (hr, pr, …). */
  label(name: 'hr' | 'pr' | 'qrs' | 'qt'): Locator {
    return this.page.getByTestId(`label-${name}`);
  }

  labelValue(name: 'hr' | 'pr' | 'qrs' | 'qt'): Locator {
    return this.label(name).locator('.lc-value');
  }

  async labelNumber(name: 'hr' | 'pr' | 'qrs' | 'qt'): Promise<number> {
    return Number(await this.labelValue(name).textContent());
  }

  canvas(): Locator {
    return this.page.getByTestId('designer-ecg-canvas');
  }

  /** Number of times the preview canvas was drawn (set by the viewer). */
  async drawCount(): Promise<number> {
    return Number((await this.canvas().getAttribute('data-drawn')) ?? 0);
  }

  previewMeta(): Locator {
    return this.page.getByTestId('preview-meta');
  }

  morphology(): Locator {
    return this.page.getByLabel('Morphology preset');
  }

  async setHeartRate(bpm: number): Promise<void> {
    await this.page.getByRole('spinbutton', { name: /Heart rate value/ }).fill(String(bpm));
  }

  prSlider(): Locator {
    return this.page.getByRole('slider', { name: 'PR interval' });
  }

  view(): Locator {
    return this.page.getByRole('combobox', { name: 'View' });
  }

  async runDemo(): Promise<void> {
    await this.page.getByRole('button', { name: /Run the synthetic demo/ }).click();
  }

  // ---- dataset mode

  async datasetMode(): Promise<void> {
    await this.page.getByRole('radio', { name: 'Dataset' }).click();
  }

  records(): Locator {
    return this.page.getByLabel('Records', { exact: true });
  }

  /** The heart-rate histogram of the dataset preview has bars. */
  async expectHistogram(): Promise<void> {
    await expect(this.page.getByTestId('dist-hrBpm').locator('.recharts-bar-rectangle').first()).toBeVisible();
  }

  mixRows(): Locator {
    return this.page.locator('.mix-row');
  }

  /** Sum of the per-class record counts the mix rows show ("· n"). */
  async mixTotal(): Promise<number> {
    return (await this.mixRows().locator('.muted').allInnerTexts()).reduce((a, t) => a + Number(/· (\d+)/.exec(t)?.[1] ?? 0), 0);
  }

  /** Generate the dataset and wait until it is done. */
  async generate(): Promise<void> {
    await this.page.getByRole('button', { name: 'Generate dataset' }).click();
    await expect(this.page.getByTestId('gen-done')).toContainText('Generated', { timeout: WORK_TIMEOUT });
  }

  async seeInData(): Promise<void> {
    await this.page.getByRole('button', { name: 'See it in Data →' }).click();
  }
}
