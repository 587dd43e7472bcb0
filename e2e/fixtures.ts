/**
 * The browser tests' one fixtures module. `test` gives every test:
 * - `errors`: every page of the test's context (and of contexts from `openContext`) is watched for page errors
 *   and console errors; the test fails on any that it did not `allow`;
 * - `privacy`: every request of those contexts (pages and workers) is recorded; the test fails when one leaves the
 *   app's origin, carries a body (file contents), or puts user data (names registered with `forbid`) in a URL;
 * - `lab`: the page objects of the test's page (e2e/pages);
 * - `openContext`: a fresh browser context (as a second user, e.g. opening a share link) under the same watchers.
 * Plus shared data paths, screenshots, the WORK_TIMEOUT hang guard and the main-thread probe.
 */
import { existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test as base, expect, type BrowserContext, type Page } from '@playwright/test';
import { Lab } from './pages/Lab';

export { expect };

export { WORK_TIMEOUT } from './pages/work';

const ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));
export const SCREENSHOT_DIR = join(ROOT, 'e2e', 'screenshots');

/** Real ECG records: env ECG_DATA, default ../shared/data beside the project root. */
export const ECG_DATA = resolve(process.env.ECG_DATA ?? join(ROOT, '..', 'shared', 'data'));
export const hasEcgData = existsSync(ECG_DATA);
export function dataPath(...parts: string[]): string {
  return join(ECG_DATA, ...parts);
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

/** Full-page (or viewport) screenshot saved as e2e/screenshots/<name>.png (git-ignored). */
export async function shot(page: Page, name: string, opts: { fullPage?: boolean } = {}): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const path = join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path, fullPage: opts.fullPage ?? true });
  return path;
}

/** An experiment spec as JSON (tests edit it freely). */
export type Spec = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** The kernel threads the lab starts on a machine with `cores` logical cores (workers/kernelThreads.ts defaultThreads). */
export function expectedKernelThreads(cores: number): number {
  return cores <= 2 ? Math.max(1, cores) : Math.min(8, cores - 1);
}

// ---- errors -------------------------------------------------------------------------------------------------

export interface Errors {
  /** Page and console errors seen so far (allowed ones included). */
  readonly seen: string[];
  /** Errors matching `pattern` do not fail the test (e.g. the console error of a refusal the test provokes). */
  allow(pattern: RegExp): void;
  /** Also watch this page, or every page of this context. */
  watch(target: Page | BrowserContext): void;
  /** Errors that fail the test. */
  unexpected(): string[];
}

export function makeErrors(): Errors {
  const seen: string[] = [];
  const allowed: RegExp[] = [];
  const pages = new WeakSet<Page>();
  const contexts = new WeakSet<BrowserContext>();
  const watchPage = (p: Page) => {
    if (pages.has(p)) return;
    pages.add(p);
    p.on('pageerror', (e) => seen.push(`pageerror: ${e.message}`));
    p.on('console', (m) => {
      if (m.type() === 'error') seen.push(`console: ${m.text()}`);
    });
  };
  return {
    seen,
    allow: (pattern) => void allowed.push(pattern),
    watch(target) {
      if ('newPage' in target) {
        if (contexts.has(target)) return;
        contexts.add(target);
        target.pages().forEach(watchPage);
        target.on('page', watchPage);
      } else watchPage(target);
    },
    unexpected: () => seen.filter((e) => !allowed.some((a) => a.test(e))),
  };
}

// ---- privacy ------------------------------------------------------------------------------------------------

export interface RecordedRequest {
  url: string;
  method: string;
  resourceType: string;
  bodyBytes: number;
}

export interface Privacy {
  requests: RecordedRequest[];
  /** Strings that must never appear in a URL (record names, file names, sample values…). */
  forbid(...tokens: string[]): void;
  /** Also watch another context (e.g. a fresh context a share link is opened in). */
  watch(ctx: BrowserContext): void;
  /** Checks a URL the app produced (e.g. the share link) against the forbidden tokens. */
  assertUrlClean(url: string, what?: string): void;
  /** All problems found so far. */
  violations(): string[];
}

export function makePrivacy(origin: string): Privacy {
  const requests: RecordedRequest[] = [];
  const tokens = new Set<string>();
  const watched = new WeakSet<BrowserContext>();
  const urlProblems = (url: string): string[] => {
    const out: string[] = [];
    let decoded = url;
    try {
      decoded = decodeURIComponent(url);
    } catch {
      /* keep raw */
    }
    for (const t of tokens) if (url.includes(t) || decoded.includes(t)) out.push(`user data "${t}" in URL ${url.slice(0, 200)}`);
    return out;
  };
  return {
    requests,
    forbid: (...t) => t.filter((x) => x.length >= 3).forEach((x) => tokens.add(x)),
    watch(ctx) {
      if (watched.has(ctx)) return;
      watched.add(ctx);
      ctx.on('request', (r) => {
        const body = r.postDataBuffer();
        requests.push({ url: r.url(), method: r.method(), resourceType: r.resourceType(), bodyBytes: body?.length ?? 0 });
      });
      // WebSockets are not requests: none is expected at all.
      const onPage = (pg: Page) => pg.on('websocket', (ws) => requests.push({ url: ws.url(), method: 'WEBSOCKET', resourceType: 'websocket', bodyBytes: 0 }));
      ctx.pages().forEach(onPage);
      ctx.on('page', onPage);
    },
    assertUrlClean(url, what = 'URL') {
      expect(urlProblems(url), `${what} carries user data`).toEqual([]);
    },
    violations() {
      const out: string[] = [];
      for (const r of requests) {
        const u = new URL(r.url);
        const local = u.origin === origin || u.protocol === 'data:' || u.protocol === 'blob:';
        if (!local) out.push(`${r.method} ${r.url} leaves the app's origin ${origin}`);
        if (r.bodyBytes > 0 || !['GET', 'HEAD'].includes(r.method)) out.push(`${r.method} ${r.url} sends a body of ${r.bodyBytes} bytes`);
        out.push(...urlProblems(r.url));
      }
      return out;
    },
  };
}

// ---- the test object ----------------------------------------------------------------------------------------

interface Fixtures {
  errors: Errors;
  privacy: Privacy;
  lab: Lab;
  openContext: () => Promise<BrowserContext>;
}

export const test = base.extend<Fixtures>({
  errors: [
    async ({ context }, use) => {
      const errors = makeErrors();
      errors.watch(context);
      await use(errors);
      expect(errors.unexpected(), 'page errors and console errors').toEqual([]);
    },
    { auto: true },
  ],
  privacy: [
    async ({ context, baseURL }, use) => {
      const privacy = makePrivacy(new URL(baseURL!).origin);
      privacy.watch(context);
      await use(privacy);
      expect(privacy.violations(), `network requests that break the privacy promise (${privacy.requests.length} recorded)`).toEqual([]);
      expect(privacy.requests.length, 'the recorder saw the app load').toBeGreaterThan(0);
    },
    { auto: true },
  ],
  lab: async ({ page }, use) => {
    await use(new Lab(page));
  },
  openContext: async ({ browser, errors, privacy }, use) => {
    const opened: BrowserContext[] = [];
    await use(async () => {
      const ctx = await browser.newContext({ viewport: { width: 1280, height: 800 } });
      errors.watch(ctx);
      privacy.watch(ctx);
      opened.push(ctx);
      return ctx;
    });
    for (const c of opened) await c.close();
  },
});

// ---- main-thread probe --------------------------------------------------------------------------------------

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

/** A run-status state shown while a stage trains (epoch / batch progress). */
export const training = (e: ProbeEntry): boolean => e.key === 'run-status' && /^running: .*batch \d+\/\d+/.test(e.value);

/** The change events seen by the probe, each with the record count shown when its handlers had returned. */
export function changesReturned(log: ProbeEntry[]): ProbeEntry[] {
  return log.filter((e) => e.key.startsWith('change-returned'));
}

/** The workers the page started (script names without their hash: data.worker, train.worker, kernelHelper.worker). */
export function workerNames(page: Page): string[] {
  return page.workers().map((w) => w.url().replace(/^.*\/assets\//, '').replace(/-[\w-]+\.js$/, ''));
}
