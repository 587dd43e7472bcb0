import { expect, type Locator, type Page } from '@playwright/test';
import { WORK_TIMEOUT } from './work';
import type { Shell } from './Shell';

/** An experiment spec as JSON (tests edit it freely). */
export type Spec = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** The Experiment panel: preset, spec editor, the data a spec needs, the model summary, run controls and status. */
export class ExperimentPanel {
  constructor(
    readonly page: Page,
    private readonly shell: Shell,
  ) {}

  async open(): Promise<void> {
    await this.shell.open('Experiment');
  }

  preset(): Locator {
    return this.page.getByLabel('Preset', { exact: true });
  }

  /** Choose a preset and wait until the engine's catalogue (in the worker) has loaded it. */
  async choosePreset(preset: string): Promise<void> {
    await this.open();
    await this.preset().selectOption(preset);
    await expect(this.stagePlan()).toBeVisible();
  }

  stagePlan(): Locator {
    return this.page.getByTestId('stage-plan');
  }

  backend(): Locator {
    return this.page.getByLabel('Backend', { exact: true });
  }

  seed(): Locator {
    return this.page.getByLabel('Seed', { exact: true }).first();
  }

  badge(): Locator {
    return this.page.getByTestId('backend-badge');
  }

  modelSummary(): Locator {
    return this.page.getByTestId('model-summary');
  }

  paramCount(): Locator {
    return this.page.getByTestId('param-count');
  }

  modelSummaryNeedsData(): Locator {
    return this.page.getByTestId('model-summary-needs-data');
  }

  neededData(): Locator {
    return this.page.getByTestId('needed-data');
  }

  /** The first (or only) dataset the spec names, with its match state in `data-match`. */
  neededItem(): Locator {
    return this.neededData().locator('li');
  }

  specError(): Locator {
    return this.page.getByTestId('spec-error');
  }

  // ---- the spec as JSON

  specDetails(): Locator {
    return this.page.locator('details', { hasText: 'Advanced: edit the spec as JSON' });
  }

  specEditor(): Locator {
    return this.page.getByLabel('Spec JSON');
  }

  /** The current spec as shown in the JSON editor (opens it if closed). */
  async specJson(): Promise<Spec> {
    const details = this.specDetails();
    if (!(await details.evaluate((d) => (d as HTMLDetailsElement).open))) await details.locator('summary').click();
    return JSON.parse(await this.specEditor().inputValue()) as Spec;
  }

  /**
   * After "Apply JSON": validation runs in the worker, so wait until the editor says the spec was applied (or shows
   * why not) — checking for errors right after the click could start the unedited spec.
   */
  async expectApplied(): Promise<void> {
    const details = this.specDetails();
    const status = details.getByTestId('json-status');
    await expect(status).toHaveAttribute('data-state', /^(applied|error)$/, { timeout: WORK_TIMEOUT });
    if ((await status.getAttribute('data-state')) === 'error') throw new Error(`spec edit not applied: ${(await details.getByRole('alert').allInnerTexts()).join(' ')}`);
    await expect(details.getByRole('alert')).toHaveCount(0);
    await expect(this.preset()).toHaveValue('');
  }

  /** Edit the spec through the JSON editor (as a user would), apply it, wait until applied, close the editor. */
  async editSpec(edit: (s: Spec) => void): Promise<Spec> {
    const spec = await this.specJson();
    edit(spec);
    await this.specEditor().fill(JSON.stringify(spec, null, 2));
    await this.page.getByRole('button', { name: 'Apply JSON' }).click();
    await this.expectApplied();
    await this.specDetails().locator('summary').click();
    return spec;
  }

  // ---- running

  status(): Locator {
    return this.page.getByTestId('run-status');
  }

  /** Start (or Run again). */
  async start(): Promise<void> {
    await this.page.getByRole('button', { name: /^(Start|Run again)$/ }).click();
  }

  /** Start and wait until the run has ended; fails with the status and alerts when it did not end done. */
  async startAndWait(): Promise<void> {
    await this.start();
    const status = this.status();
    await expect(status).toHaveAttribute('data-status', /starting|running|done/);
    await expect(status).not.toHaveAttribute('data-status', /starting|running/, { timeout: WORK_TIMEOUT });
    const st = await status.getAttribute('data-status');
    if (st !== 'done') throw new Error(`run ended ${st}: ${await status.innerText()} ${(await this.page.getByRole('alert').allInnerTexts()).join(' | ')}`);
  }

  /** Waits until a run started elsewhere (the demo button) has ended; fails when it did not end done. */
  async waitForRunEnd(): Promise<void> {
    const status = this.status();
    await expect(status).not.toHaveAttribute('data-status', /idle|starting|running|paused/, { timeout: WORK_TIMEOUT });
    const st = await status.getAttribute('data-status');
    if (st !== 'done') throw new Error(`run ended ${st}: ${await status.innerText()} ${(await this.page.getByRole('alert').allInnerTexts()).join(' | ')}`);
  }

  /** Why Start is disabled (data the spec needs is not loaded), with its link to the Data panel. */
  startBlocked(): Locator {
    return this.page.getByTestId('start-blocked');
  }

  /** The one "Epochs" control (the longest stage's epochs; the others scale with it). */
  epochs(): Locator {
    return this.page.getByTestId('epochs-control').getByLabel('Epochs', { exact: true });
  }

  /** The epochs a stage of the plan shows. */
  stageEpochs(stage: string): Locator {
    return this.page.locator(`[data-testid="stage-epochs"][data-stage="${stage}"]`);
  }

  /** Waits until the status shows `text` (progress of the run). */
  async expectStatusText(text: RegExp | string): Promise<void> {
    await expect(this.status()).toContainText(text, { timeout: WORK_TIMEOUT });
  }

  async expectStatus(state: string | RegExp): Promise<void> {
    await expect(this.status()).toHaveAttribute('data-status', state, { timeout: WORK_TIMEOUT });
  }

  async pause(): Promise<void> {
    await this.page.getByRole('button', { name: 'Pause' }).click();
  }

  async resume(): Promise<void> {
    await this.page.getByRole('button', { name: 'Resume' }).click();
  }

  async cancel(): Promise<void> {
    await this.page.getByRole('button', { name: 'Cancel' }).click();
  }
}
