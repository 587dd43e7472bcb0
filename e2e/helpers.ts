/** Shared e2e helpers: screenshots (e2e/screenshots/, git-ignored), console-error capture, the ECG data path. */
import { existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from '@playwright/test';

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
