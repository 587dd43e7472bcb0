import { expect, type Locator, type Page } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import { WORK_TIMEOUT } from './work';

/** The History panel: saved runs by status, their exports, view, compare and delete. */
export class HistoryPanel {
  constructor(readonly page: Page) {}

  rows(status?: 'done' | 'interrupted' | 'cancelled' | 'failed'): Locator {
    return this.page.locator(status ? `[data-testid="history-row"][data-status="${status}"]` : '[data-testid="history-row"]');
  }

  /** Downloads what `click` triggers: its suggested name and bytes. */
  async download(click: () => Promise<unknown>): Promise<{ name: string; data: Buffer }> {
    const [d] = await Promise.all([this.page.waitForEvent('download'), click()]);
    return { name: d.suggestedFilename(), data: await readFile((await d.path())!) };
  }

  /** The results JSON of a row (History's "JSON" export), as text. */
  async resultsJson(row: Locator): Promise<string> {
    return (await this.download(() => row.getByRole('button', { name: 'JSON' }).click())).data.toString('utf8');
  }

  compareRuns(): Locator {
    return this.page.getByTestId('compare-runs');
  }

  /** Delete a row, accepting the confirmation. */
  async delete(row: Locator): Promise<void> {
    this.page.once('dialog', (d) => void d.accept());
    await row.getByRole('button', { name: /Delete/ }).click();
  }

  /**
   * Waits until the saved history holds a snapshot of a run still going on with one of its stages mid-training,
   * at least `minEpochs` epochs into it (what a reload then turns into an interrupted run with its partial curves).
   */
  async expectMidStageSnapshot(minEpochs = 0): Promise<void> {
    const snapshotMidStage = () =>
      this.page.evaluate(
        (min) =>
          new Promise<boolean>((resolve) => {
            const rq = indexedDB.open('ecg-transfer-lab');
            rq.onerror = () => resolve(false);
            rq.onsuccess = () => {
              const db = rq.result;
              if (!db.objectStoreNames.contains('runs')) {
                db.close();
                resolve(false);
                return;
              }
              const all = db.transaction('runs').objectStore('runs').getAll();
              all.onerror = () => resolve(false);
              all.onsuccess = () => {
                db.close();
                type Saved = { status?: string; live?: { stages?: { status?: string; epochs?: unknown[] }[] } };
                resolve((all.result as Saved[]).some((r) => r.status === 'running' && !!r.live?.stages?.some((s) => s.status === 'running' && (s.epochs?.length ?? 0) >= min)));
              };
            };
          }),
        minEpochs,
      );
    await expect.poll(snapshotMidStage, { timeout: WORK_TIMEOUT }).toBe(true);
  }
}
