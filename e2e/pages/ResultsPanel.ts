import { expect, type Download, type Locator, type Page } from '@playwright/test';

/** The Results panel: live or saved run, loss / MAE curves, confusion matrix, ROC, comparison and evaluation. */
export class ResultsPanel {
  constructor(readonly page: Page) {}

  section(): Locator {
    return this.page.locator('section.lab-results');
  }

  lossCharts(): Locator {
    return this.page.locator('[data-testid^="loss-chart-"]');
  }

  maeChart(metric = 'mae_hr_bpm'): Locator {
    return this.page.getByTestId(`mae-chart-${metric}`);
  }

  /**
   * The live curves of a pretrain → transfer → baseline run: one loss chart per stage with train and validation
   * lines, and the HR MAE chart (bpm) with its line.
   */
  async expectLossAndHrMaeCurves(stages: number): Promise<void> {
    const loss = this.lossCharts();
    await expect(loss).toHaveCount(stages);
    for (let i = 0; i < stages; i++) await expect(loss.nth(i).locator('.recharts-line path.recharts-curve')).toHaveCount(2);
    const mae = this.maeChart();
    await expect(mae).toContainText('HR MAE (bpm)');
    await expect(mae.locator('.recharts-line path.recharts-curve')).toHaveCount(1);
  }

  async showStage(name: string): Promise<void> {
    await this.page.getByRole('group', { name: /Stage shown/ }).getByRole('button', { name }).click();
  }

  confusionMatrix(): Locator {
    return this.page.getByTestId('confusion-matrix');
  }

  /** The confusion matrix cells' counts, row by row. */
  async confusionCounts(): Promise<number[]> {
    return this.confusionMatrix()
      .locator('[data-testid="cm-cell"]')
      .evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-count'))));
  }

  split(stage: string): Locator {
    return this.page.getByTestId(`split-${stage}`);
  }

  roc(): Locator {
    return this.page.getByTestId('roc-chart');
  }

  comparisonRows(): Locator {
    return this.page.getByTestId('comparison-row');
  }

  comparisonTable(): Locator {
    return this.page.getByRole('table', { name: 'Baseline versus transfer comparison' });
  }

  comparisonChart(): Locator {
    return this.page.getByTestId('comparison-chart');
  }

  /** Each comparison row's header and cell texts. */
  async comparison(n: number): Promise<string[][]> {
    const rows = this.comparisonRows();
    await expect(rows).toHaveCount(n);
    return Promise.all(Array.from({ length: n }, (_, i) => rows.nth(i).locator('th, td').allInnerTexts()));
  }

  evaluationTable(): Locator {
    return this.page.getByTestId('evaluation-table');
  }

  evaluationRow(target: string): Locator {
    return this.evaluationTable().locator(`[data-testid="evaluation-row"][data-target="${target}"]`);
  }

  scatter(target: string): Locator {
    return this.page.getByTestId(`scatter-${target}`);
  }

  eta(): Locator {
    return this.page.getByTestId('run-eta');
  }

  stoppedStages(): Locator {
    return this.section().locator('[data-testid^="stopped-"]');
  }

  savedRunNote(): Locator {
    return this.page.getByText(/Showing saved run/);
  }

  async backToLiveRun(): Promise<void> {
    await this.page.getByRole('button', { name: 'Back to the live run' }).click();
  }

  /** Download a chart as PNG by its button's accessible name. */
  async downloadPng(name: RegExp): Promise<Download> {
    const [png] = await Promise.all([this.page.waitForEvent('download'), this.page.getByRole('button', { name }).click()]);
    return png;
  }
}
