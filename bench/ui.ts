/**
 * UI responsiveness of the production build in headless Chromium (the system /usr/bin/chromium or CHROMIUM_PATH,
 * launched with the browser tests' arguments): for each journey, the main thread's long tasks (> 50 ms,
 * PerformanceObserver 'longtask') while the work runs, the change handler's time for file imports, and seconds.
 * Options: --only demo,preset,generate,bad-files,large-import   --dist DIR (serve an existing build; default:
 * build into a temp folder)   --budget-s S (give up on a journey after S seconds, default 900).
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Browser } from '@playwright/test';
import { CHROMIUM_ARGS } from '../playwright.config';
import { printTable } from './table';
import { ECG_DATA, JOURNEYS } from './ui/journeys';
import { changeHandlerMs, summariseLongTasks, type LongTask } from './ui/summary';

export interface UiBenchRow {
  journey: string;
  seconds: number | null;
  long_tasks: number | null;
  max_long_task_ms: number | null;
  total_long_task_ms: number | null;
  /** Long tasks counted from: the change event of the file input (imports) or the start of the work. */
  counted_from: 'change' | 'start' | null;
  change_handler_ms: number | null;
  load_1min: number;
  note: string;
}

function flag(args: string[], name: string): string | undefined {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
}

/** Records long tasks from page load on (installed before the app's scripts run). */
function recordLongTasks(): void {
  const w = window as unknown as { __long: { start: number; duration: number }[] };
  w.__long = [];
  new PerformanceObserver((l) => l.getEntries().forEach((e) => w.__long.push({ start: e.startTime, duration: e.duration }))).observe({ type: 'longtask', buffered: true });
}

export async function runBench(args: string[]): Promise<UiBenchRow[]> {
  const only = flag(args, 'only')?.split(',');
  const budgetMs = Number(flag(args, 'budget-s') ?? 900) * 1000;
  const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (!existsSync(executablePath)) throw new Error(`no Chromium at ${executablePath} (set CHROMIUM_PATH)`);
  const journeys = JOURNEYS.filter((j) => !only || only.includes(j.name));
  if (journeys.length === 0) throw new Error(`no journey matches --only ${only?.join(',')} (expected: ${JOURNEYS.map((j) => j.name).join(', ')})`);

  const { build, preview } = await import('vite');
  const given = flag(args, 'dist');
  const outDir = given ? resolve(given) : mkdtempSync(join(tmpdir(), 'bench-ui-dist-'));
  if (!given) {
    console.log(`building the app into ${outDir} ...`);
    await build({ logLevel: 'warn', build: { outDir, emptyOutDir: true } });
  }
  const server = await preview({ logLevel: 'warn', build: { outDir }, preview: { host: '127.0.0.1', port: 0, strictPort: false, open: false } });
  const url = server.resolvedUrls?.local[0];
  if (!url) throw new Error('vite preview gave no URL');
  const { chromium } = await import('@playwright/test');
  let browser: Browser | undefined;
  const rows: UiBenchRow[] = [];
  try {
    browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS });
    console.log(`serving ${outDir} at ${url}; ${cpus().length} cores; journeys: ${journeys.map((j) => j.name).join(', ')}`);
    for (const j of journeys) {
      const row: UiBenchRow = { journey: j.name, seconds: null, long_tasks: null, max_long_task_ms: null, total_long_task_ms: null, counted_from: null, change_handler_ms: null, load_1min: 0, note: j.what };
      if (j.needsData && !existsSync(ECG_DATA)) {
        row.note = `skipped: needs ECG_DATA (${ECG_DATA})`;
        rows.push(row);
        continue;
      }
      const context = await browser.newContext({ baseURL: url, viewport: { width: 1280, height: 800 } });
      try {
        const page = await context.newPage();
        // tsx (esbuild keepNames) wraps functions handed to the page in a `__name` helper the page lacks.
        await page.addInitScript('globalThis.__name = (f) => f;');
        await page.addInitScript(recordLongTasks);
        await page.goto('/');
        await page.getByRole('heading', { level: 1, name: 'ECG Transfer Lab' }).waitFor();
        await j.run(page, budgetMs);
        const m = await page.evaluate(() => {
          const at = (n: string) => performance.getEntriesByName(n, 'mark')[0]?.startTime ?? NaN;
          const w = window as unknown as { __long: { start: number; duration: number }[]; __chg?: { phase: 'capture' | 'bubble'; t: number }[] };
          return { start: at('work-start'), end: at('work-end'), long: w.__long, chg: w.__chg ?? [] };
        });
        const fromChange = m.chg.find((c) => c.phase === 'capture')?.t;
        const s = summariseLongTasks(m.long as LongTask[], fromChange ?? m.start, m.end);
        Object.assign(row, s, {
          seconds: (m.end - m.start) / 1000,
          counted_from: fromChange === undefined ? 'start' : 'change',
          change_handler_ms: changeHandlerMs(m.chg),
        });
      } catch (e) {
        row.note = `failed: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`;
        process.exitCode = 1;
      } finally {
        row.load_1min = loadavg()[0];
        await context.close();
      }
      rows.push(row);
      console.log(`  ${j.name}: ${row.seconds?.toFixed(1) ?? '-'} s, ${row.long_tasks ?? '-'} long tasks, max ${row.max_long_task_ms?.toFixed(0) ?? '-'} ms`);
    }
  } finally {
    await browser?.close();
    await server.close();
    if (!given) rmSync(outDir, { recursive: true, force: true });
  }
  printTable(rows.map(({ note, ...r }) => ({ ...r, note: note.length > 60 ? `${note.slice(0, 57)}...` : note })));
  return rows;
}
