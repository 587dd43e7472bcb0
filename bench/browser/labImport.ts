/**
 * Chromium rows of `npm run bench -- import`: the lab's production build (LAB_DIST, default dist/, built when
 * missing) served on 127.0.0.1 with the lab's CSP and isolation headers, opened in headless Chromium (the system
 * /usr/bin/chromium, never a downloaded browser). The files go to the page as a person gives them: the folder
 * through "Choose a folder…" (the folder input, webkitdirectory), the zip through "Choose files…"; the lab's own
 * data worker reads them. Memory: RSS summed over the browser's process tree (browser, renderer, GPU, utility
 * processes: every descendant of this Node process), sampled every 250 ms; "added" is the peak minus the tree's RSS with the page loaded and idle.
 * `train`: after the folder import, a spec runs in the lab's training worker until its stage `stage` has trained
 * a capped number of batches (0: to the end of its first epoch); throughput is read from the run status line
 * (batch b/B) and one epoch's time extrapolated from it.
 */
import { readdirSync, readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { CHROMIUM_ARGS, chromiumPath, ensureBuild, serve } from '../../cli/chromiumHost';

export interface ChromiumImportResult {
  records: number;
  seconds: number;
  baselineRss: number;
  peakRss: number;
  /** The page's dataset samples are in shared memory (one copy for the page and the workers). */
  sharedSamples: boolean;
  train?: { batches: number; batchesPerEpoch: number; batchSize: number; seconds: number; samplesPerSec: number; epochSeconds: number; peakRss: number; status: string };
  error?: string;
}

/** RSS (bytes) of the descendants of a process (not the process itself), from /proc. */
function treeRss(root: number): number {
  const children = new Map<number, number[]>();
  const rss = new Map<number, number>();
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const stat = readFileSync(`/proc/${d}/stat`, 'utf8');
      const after = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const ppid = Number(after[1]);
      const pages = Number(after[21]);
      const pid = Number(d);
      rss.set(pid, pages * 4096);
      const l = children.get(ppid);
      if (l) l.push(pid);
      else children.set(ppid, [pid]);
    } catch {
      // the process ended meanwhile
    }
  }
  let sum = 0;
  const stack = [...(children.get(root) ?? [])];
  while (stack.length) {
    const p = stack.pop()!;
    sum += rss.get(p) ?? 0;
    stack.push(...(children.get(p) ?? []));
  }
  return sum;
}

class RssSampler {
  peak = 0;
  private timer: ReturnType<typeof setInterval>;
  constructor(readonly pid: number) {
    this.timer = setInterval(() => this.sample(), 250);
    this.sample();
  }
  sample(): number {
    const v = treeRss(this.pid);
    if (v > this.peak) this.peak = v;
    return v;
  }
  resetPeak(): void {
    this.peak = 0;
    this.sample();
  }
  stop(): void {
    clearInterval(this.timer);
  }
}

async function waitIdle(page: Page): Promise<void> {
  await page.waitForLoadState('networkidle');
  await new Promise((r) => setTimeout(r, 2000));
}

/** Sets the spec in the Experiment panel's JSON editor and waits until the worker has validated and applied it. */
async function applySpec(page: Page, spec: unknown): Promise<void> {
  await page.getByRole('tab', { name: /^Experiment/ }).click();
  const details = page.locator('details', { hasText: 'Advanced: edit the spec as JSON' });
  if (!(await details.evaluate((d) => (d as HTMLDetailsElement).open))) await details.locator('summary').click();
  await page.getByLabel('Spec JSON').fill(JSON.stringify(spec, null, 2));
  await page.getByRole('button', { name: 'Apply JSON' }).click();
  const status = details.getByTestId('json-status');
  await status.and(page.locator('[data-state="applied"], [data-state="error"]')).waitFor({ timeout: 120_000 });
  if ((await status.getAttribute('data-state')) === 'error') throw new Error(`spec not applied: ${(await details.getByRole('alert').allInnerTexts()).join(' ')}`);
}

export async function chromiumImport(mode: 'folder' | 'zip', target: string, opts: { train?: { spec: unknown; stage: string; batches: number; batchSize: number }; log(s: string): void; timeoutMs?: number }): Promise<ChromiumImportResult> {
  const dist = ensureBuild(opts.log, process.env.LAB_DIST);
  const { server, origin } = await serve(dist, []);
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS, headless: true });
  const timeout = opts.timeoutMs ?? 30 * 60_000;
  let sampler: RssSampler | undefined;
  try {
    // Chromium is started by this process: its process tree is every descendant of this one.
    const pid = process.pid;
    if (treeRss(pid) === 0) throw new Error('no browser process under this one to sample');
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    let leaked = 0;
    // nothing but the local server, ever
    await context.route('**/*', (route) => {
      if (route.request().url().startsWith(origin + '/')) return route.continue();
      leaked++;
      return route.abort('blockedbyclient');
    });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${origin}/index.html`);
    await page.getByRole('tab', { name: /^Data/ }).click();
    await waitIdle(page);
    sampler = new RssSampler(pid);
    const baselineRss = sampler.sample();
    const t0 = performance.now();
    if (mode === 'folder') await page.getByTestId('folder-input').setInputFiles(target, { timeout });
    else await page.getByTestId('file-input').setInputFiles(target, { timeout });
    opts.log(`  files given to the page after ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    const records = page.getByTestId('ds-records').first();
    let lastLog = 0;
    for (;;) {
      if ((await records.count()) > 0) break;
      const alert = page.getByRole('alert');
      if ((await alert.count()) > 0) throw new Error(`import failed: ${(await alert.allInnerTexts()).join(' | ')}`);
      if (errors.length) throw new Error(`page error: ${errors[0]}`);
      if (performance.now() - t0 > timeout) throw new Error('import timed out');
      if (performance.now() - lastLog > 15_000) {
        lastLog = performance.now();
        const p = page.getByTestId('import-progress-text');
        opts.log(`  ${((performance.now() - t0) / 1000).toFixed(0)} s: ${(await p.count()) ? await p.innerText() : 'handing files over'}; browser RSS ${(sampler.sample() / 2 ** 20).toFixed(0)} MB`);
      }
      await page.waitForTimeout(200);
    }
    const seconds = (performance.now() - t0) / 1000;
    const n = Number(await records.innerText());
    const samples = await page.evaluate(() => window.__lab?.datasetSamples?.() ?? []);
    const sharedSamples = samples.length > 0 && samples.every((d) => d.shared);
    const out: ChromiumImportResult = { records: n, seconds, baselineRss, peakRss: sampler.peak, sharedSamples };
    opts.log(`  ${n} records listed after ${seconds.toFixed(1)} s; peak added RSS ${((sampler.peak - baselineRss) / 2 ** 20).toFixed(0)} MB; samples ${sharedSamples ? 'in shared memory' : 'not shared'}`);
    if (opts.train) {
      await applySpec(page, opts.train.spec);
      await page.getByRole('button', { name: /^(Start|Run again)$/ }).click();
      const status = page.getByTestId('run-status');
      const batchAt = async () => {
        // only the stage on the imported data counts (the status names the running stage)
        const m = new RegExp(`· ${opts.train!.stage} · epoch \\d+(?:/\\d+)?, batch (\\d+)/(\\d+)`).exec((await status.innerText().catch(() => '')) ?? '');
        return m ? { b: Number(m[1]), of: Number(m[2]) } : null;
      };
      const warm = 3;
      let start: { t: number; b: number } | null = null;
      let last: { t: number; b: number; of: number } | null = null;
      const tt0 = performance.now();
      for (;;) {
        const st = await status.getAttribute('data-status');
        // a whole epoch asked for (batches 0) and the run went past it: the last batch seen ends the measurement
        if (st === 'done' && opts.train.batches <= 0 && start && last && last.b > start.b) break;
        if (st === 'error' || st === 'done' || st === 'cancelled') throw new Error(`training ended ${st} before ${opts.train.batches} batches: ${await status.innerText()} ${(await page.getByRole('alert').allInnerTexts()).join(' | ')}`);
        const b = await batchAt();
        if (b) {
          if (!start && b.b >= warm) start = { t: performance.now(), b: b.b };
          if (start && (!last || b.b !== last.b)) last = { t: performance.now(), b: b.b, of: b.of };
          if (start && last && (opts.train.batches > 0 ? last.b - start.b >= opts.train.batches : last.b >= last.of)) break;
        }
        if (performance.now() - tt0 > timeout) throw new Error('training timed out');
        if (performance.now() - lastLog > 15_000) {
          lastLog = performance.now();
          opts.log(`  training: ${await status.innerText()}; browser RSS ${(sampler.sample() / 2 ** 20).toFixed(0)} MB`);
        }
        await page.waitForTimeout(250);
      }
      const secs = (last!.t - start!.t) / 1000;
      const batches = last!.b - start!.b;
      const samplesPerSec = (batches * opts.train.batchSize) / secs;
      out.train = { batches, batchesPerEpoch: last!.of, batchSize: opts.train.batchSize, seconds: secs, samplesPerSec, epochSeconds: (last!.of / batches) * secs, peakRss: sampler.peak, status: await status.innerText() };
      await page.getByRole('button', { name: 'Cancel', exact: true }).click({ timeout: 10_000 }).catch(() => undefined);
      opts.log(`  training: ${batches} batches of ${opts.train.batchSize} in ${secs.toFixed(1)} s (${samplesPerSec.toFixed(1)} samples/s; epoch of ${last!.of} batches ≈ ${out.train.epochSeconds.toFixed(0)} s); peak added RSS ${((sampler.peak - baselineRss) / 2 ** 20).toFixed(0)} MB`);
    }
    if (leaked) throw new Error(`${leaked} request(s) to another origin were refused`);
    return out;
  } finally {
    sampler?.stop();
    await browser.close();
    server.close();
  }
}
