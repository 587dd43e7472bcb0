/**
 * Shared e2e helpers: screenshots (e2e/screenshots/, git-ignored), console-error capture, the ECG data path, and
 * the Experiment panel's preset / spec-JSON editing as a user does it.
 */
import { existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, type Locator, type Page } from '@playwright/test';

/**
 * How long a test waits for work (an import, a generation, a training run) to finish: a guard against a hang, sized
 * for a loaded 2-core machine, never a statement about speed (speed is `npm run bench -- ui`'s business).
 */
export const WORK_TIMEOUT = 600_000;

const ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));
export const SCREENSHOT_DIR = join(ROOT, 'e2e', 'screenshots');

/** Real ECG records: env ECG_DATA, default ../shared/data beside the project root. */
export const ECG_DATA = resolve(process.env.ECG_DATA ?? join(ROOT, '..', 'shared', 'data'));
export const hasEcgData = existsSync(ECG_DATA);
export function dataPath(...parts: string[]): string {
  return join(ECG_DATA, ...parts);
}

/** Full-page (or element) screenshot saved as e2e/screenshots/<name>.png. */
export async function shot(page: Page, name: string, opts: { fullPage?: boolean } = {}): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const path = join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path, fullPage: opts.fullPage ?? true });
  return path;
}

/** Collects page errors and console errors; call `.check()` at the end of a test. */
export function watchErrors(page: Page): { errors: string[] } {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`console: ${m.text()}`);
  });
  return { errors };
}

/** All files under a folder, recursively (paths relative to `base` for webkitRelativePath-like names). */
export function listFiles(dir: string, base = dir): { path: string; rel: string }[] {
  const out: { path: string; rel: string }[] = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...listFiles(p, base));
    else out.push({ path: p, rel: relative(base, p) });
  }
  return out;
}

/** Switch panel through the visible tab. */
export async function openPanel(page: Page, name: 'Designer' | 'Data' | 'Experiment' | 'Results' | 'History'): Promise<void> {
  await page.getByRole('tab', { name: new RegExp(`^${name}`) }).click();
}

/** Number of times an ECG canvas was drawn (set by the viewer). */
export async function drawCount(page: Page, testId: string): Promise<number> {
  return Number((await page.getByTestId(`${testId}-canvas`).getAttribute('data-drawn')) ?? 0);
}

/** An experiment spec as JSON (tests edit it freely). */
export type Spec = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** The Experiment panel's "edit the spec as JSON" disclosure. */
export function specDetails(page: Page): Locator {
  return page.locator('details', { hasText: 'Advanced: edit the spec as JSON' });
}

/**
 * After "Apply JSON": validation runs in the worker, so wait until the editor says the spec was applied (or shows
 * why not) — checking for errors right after the click could start the unedited spec.
 */
export async function expectApplied(page: Page, details: Locator = specDetails(page)): Promise<void> {
  const status = details.getByTestId('json-status');
  await expect(status).toHaveAttribute('data-state', /^(applied|error)$/, { timeout: WORK_TIMEOUT });
  if ((await status.getAttribute('data-state')) === 'error') throw new Error(`spec edit not applied: ${(await details.getByRole('alert').allInnerTexts()).join(' ')}`);
  await expect(details.getByRole('alert')).toHaveCount(0);
  await expect(page.getByLabel('Preset', { exact: true })).toHaveValue('');
}

/** Experiment panel: choose a preset, wait until the engine's catalogue (in the worker) has loaded it. */
export async function choosePreset(page: Page, preset: string): Promise<void> {
  await openPanel(page, 'Experiment');
  await page.getByLabel('Preset', { exact: true }).selectOption(preset);
  await expect(page.getByTestId('stage-plan')).toBeVisible();
}

/** The current spec as shown in the JSON editor (opens it if closed). */
export async function specJson(page: Page): Promise<Spec> {
  const details = specDetails(page);
  if (!(await details.evaluate((d) => (d as HTMLDetailsElement).open))) await details.locator('summary').click();
  return JSON.parse(await page.getByLabel('Spec JSON').inputValue()) as Spec;
}

/** Edit the spec through the panel's JSON editor (as a user would), apply it, wait until applied, close the editor. */
export async function editSpec(page: Page, edit: (s: Spec) => void): Promise<Spec> {
  const details = specDetails(page);
  const spec = await specJson(page);
  edit(spec);
  await page.getByLabel('Spec JSON').fill(JSON.stringify(spec, null, 2));
  await page.getByRole('button', { name: 'Apply JSON' }).click();
  await expectApplied(page, details);
  await details.locator('summary').click();
  return spec;
}

/**
 * The live curves of a pretrain → transfer → baseline run: one loss chart per stage with train and validation
 * lines, and the HR MAE chart (bpm) with its line.
 */
export async function expectLossAndHrMaeCurves(page: Page, stages: number): Promise<void> {
  const loss = page.locator('[data-testid^="loss-chart-"]');
  await expect(loss).toHaveCount(stages);
  for (let i = 0; i < stages; i++) await expect(loss.nth(i).locator('.recharts-line path.recharts-curve')).toHaveCount(2);
  const mae = page.getByTestId('mae-chart-mae_hr_bpm');
  await expect(mae).toContainText('HR MAE (bpm)');
  await expect(mae.locator('.recharts-line path.recharts-curve')).toHaveCount(1);
}


/** The kernel threads the lab starts on a machine with `cores` logical cores (workers/kernelThreads.ts defaultThreads). */
export function expectedKernelThreads(cores: number): number {
  return cores <= 2 ? Math.max(1, cores) : Math.min(8, cores - 1);
}

/** One change the page showed, in the order the in-page probe saw it; `ticks` is the probe's own timer count then. */
export interface ProbeEntry {
  key: string;
  value: string;
  ticks: number;
  seq: number;
}

/**
 * Installs, before the app loads, a main-thread probe: a 10 ms interval timer that counts its ticks, and a
 * MutationObserver that logs every new state of the run status and of each progress bar (by its label), plus a
 * `change-returned` entry after each change event's handlers have run (with the dataset record count shown then).
 * Tests read the order of states and tick counts, never durations: progress states shown while work goes on, with
 * the page's own timer firing between them, mean the work happens elsewhere (a worker) and the page stays live.
 */
export async function installProbe(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const probe = { ticks: 0, seq: 0, changes: 0, log: [] as { key: string; value: string; ticks: number; seq: number }[] };
    (window as unknown as { __probe: typeof probe }).__probe = probe;
    setInterval(() => probe.ticks++, 10);
    const last = new Map<string, string>();
    const note = (key: string, value: string) => {
      if (last.get(key) === value) return;
      last.set(key, value);
      probe.log.push({ key, value, ticks: probe.ticks, seq: ++probe.seq });
    };
    const scan = () => {
      const status = document.querySelector('[data-testid="run-status"]');
      if (status) note('run-status', `${status.getAttribute('data-status')}: ${status.textContent ?? ''}`);
      document.querySelectorAll('progress').forEach((p) => note(`progress:${p.getAttribute('aria-label') ?? ''}`, `${p.value}/${p.max}`));
    };
    const start = () => new MutationObserver(scan).observe(document.documentElement, { subtree: true, childList: true, characterData: true, attributes: true });
    if (document.documentElement) start();
    else document.addEventListener('DOMContentLoaded', start);
    // Bubble phase on window: runs after the app's own change handlers have returned.
    window.addEventListener('change', () => note(`change-returned#${++probe.changes}`, document.querySelector('[data-testid="ds-records"]')?.textContent ?? ''));
  });
}

export async function probeLog(page: Page): Promise<ProbeEntry[]> {
  return page.evaluate(() => (window as unknown as { __probe: { log: ProbeEntry[] } }).__probe.log);
}

/**
 * The page stayed live while the work ran: at least two distinct in-progress states (`during`) were shown, and the
 * probe's timer fired between the first and the last of them.
 */
export function expectLiveProgress(log: ProbeEntry[], during: (e: ProbeEntry) => boolean, what: string): ProbeEntry[] {
  const mid = log.filter(during);
  expect(mid.length, `${what}: in-progress states shown while it ran (${JSON.stringify(log.slice(-20))})`).toBeGreaterThanOrEqual(2);
  expect(mid[mid.length - 1].ticks, `${what}: the page's own timer fired while the work went on`).toBeGreaterThan(mid[0].ticks);
  return mid;
}

/** Progress bar state "v/max" strictly between empty and full. */
export function midProgress(key: string): (e: ProbeEntry) => boolean {
  return (e) => {
    if (e.key !== key) return false;
    const [v, max] = e.value.split('/').map(Number);
    return v > 0 && v < max;
  };
}

/** The train and data workers the page started (worker script names without their hash). */
export function workerNames(page: Page): string[] {
  return page.workers().map((w) => w.url().replace(/^.*\/assets\//, '').replace(/-[\w-]+\.js$/, ''));
}
