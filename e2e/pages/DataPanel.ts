import { expect, type Locator, type Page } from '@playwright/test';
import { WORK_TIMEOUT } from './work';

type FileArg = Parameters<Locator['setInputFiles']>[0];

/** The Data panel: file and folder import, the dataset list, the import report and the record browser. */
export class DataPanel {
  constructor(readonly page: Page) {}

  privacyNote(): Locator {
    return this.page.getByTestId('privacy');
  }

  /** Files picked through "Choose files…" (paths or in-memory files). */
  async importFiles(files: FileArg): Promise<void> {
    await this.page.getByTestId('file-input').setInputFiles(files);
  }

  /** A folder picked through "Choose a folder…". */
  async importFolder(dir: string): Promise<void> {
    await this.page.getByTestId('folder-input').setInputFiles(dir);
  }

  dropzone(): Locator {
    return this.page.getByTestId('dropzone');
  }

  progress(): Locator {
    return this.page.getByLabel('Import progress');
  }

  /** The progress line's text: records and bytes read, time left. */
  progressText(): Locator {
    return this.page.getByTestId('import-progress-text');
  }

  cancelImport(): Locator {
    return this.page.getByTestId('import-cancel');
  }

  /** What became of an import that left no report ("Import cancelled after …"). */
  importNotice(): Locator {
    return this.page.getByTestId('import-notice');
  }

  datasets(): Locator {
    return this.page.getByTestId('dataset-item');
  }

  dataset(i = 0): Locator {
    return this.datasets().nth(i);
  }

  /** The record count a dataset shows. */
  records(i = 0): Locator {
    return this.dataset(i).getByTestId('ds-records');
  }

  /** Waits until the dataset shows `n` records (an import or a generation finished). */
  async expectRecords(n: number | string | RegExp, i = 0): Promise<void> {
    await expect(this.records(i)).toHaveText(typeof n === 'number' ? String(n) : n, { timeout: WORK_TIMEOUT });
  }

  async fingerprint(i = 0): Promise<string> {
    return (await this.dataset(i).locator('.fingerprint').textContent())!.trim();
  }

  fingerprintText(i = 0): Locator {
    return this.dataset(i).locator('.fingerprint');
  }

  classChart(i = 0): Locator {
    return this.dataset(i).getByTestId('class-chart');
  }

  /** Records per class, read from the class chart's label ("NORM 12, MI 3, …"). */
  async classCounts(classes: readonly string[], i = 0): Promise<Record<string, number>> {
    const label = (await this.classChart(i).getAttribute('aria-label')) ?? '';
    return Object.fromEntries(classes.map((c) => [c, Number(new RegExp(`\\b${c} (\\d+)`).exec(label)?.[1] ?? NaN)]));
  }

  async remove(i = 0): Promise<void> {
    await this.dataset(i).getByRole('button', { name: /^Remove/ }).click();
  }

  importReport(): Locator {
    return this.page.getByTestId('import-report');
  }

  importErrors(): Locator {
    return this.page.getByTestId('import-errors');
  }

  skipped(): Locator {
    return this.importErrors().locator('li', { hasText: 'skipped' });
  }

  // ---- record browser

  recordBrowser(): Locator {
    return this.page.getByTestId('record-browser');
  }

  recordCanvas(): Locator {
    return this.page.getByTestId('record-ecg-canvas');
  }

  /** The record browser drew its record. */
  async expectRecordDrawn(): Promise<void> {
    await expect(this.recordCanvas()).toHaveAttribute('data-drawn', /\d+/);
  }

  recordLabels(): Locator {
    return this.page.getByTestId('record-labels');
  }

  recordSelect(): Locator {
    return this.page.getByRole('combobox', { name: 'Record', exact: true });
  }

  /** The name of the record shown ("3. name" in the select). */
  async recordName(): Promise<string> {
    return (await this.recordSelect().locator('option:checked').textContent())!.split('. ')[1];
  }

  async nextRecord(): Promise<void> {
    await this.page.getByRole('button', { name: 'Next record' }).click();
  }

  async jumpToRecord(n: number): Promise<void> {
    await this.page.getByRole('spinbutton', { name: 'Record number' }).fill(String(n));
  }
}
