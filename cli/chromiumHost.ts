/**
 * `cli run --host chromium`: runs a spec in headless Chromium, in the lab's own training worker (the production
 * build's cli-host.html, src/ui/cliHost.ts). A tiny static server on 127.0.0.1 serves dist/ with the lab's CSP and
 * cross-origin isolation headers, and the --data files under /__data/N (only those); every other request —
 * another origin included — is refused. Live events come back through an exposed function.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { dirname, extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CONTENT_SECURITY_POLICY, ISOLATION_HEADERS } from '../csp';
import type { LiveEvent, RunOutcome } from '../src/core/experiment/contract';
import type { ExperimentSpec, RunResults } from '../src/core/experiment';
import { CliError } from './command';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
};

export function chromiumPath(): string {
  const p = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (!existsSync(p)) throw new CliError(`--host chromium: no Chromium at ${p} (set CHROMIUM_PATH)`);
  return p;
}

/** dist/ (or $LAB_DIST) with the headless page; built with `vite build` when missing. */
export function ensureBuild(log: (s: string) => void, dist = process.env.LAB_DIST ?? join(ROOT, 'dist')): string {
  if (existsSync(join(dist, 'cli-host.html'))) return dist;
  log(`building the lab (vite build) into ${dist} …`);
  execFileSync(join(ROOT, 'node_modules/.bin/vite'), ['build', '--outDir', dist, '--emptyOutDir'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
  if (!existsSync(join(dist, 'cli-host.html'))) throw new CliError(`vite build wrote no cli-host.html into ${dist}`);
  return dist;
}

/** Serves `dist` and the given data files (by index) on 127.0.0.1; resolves the server and its origin. */
export function serve(dist: string, dataFiles: string[]): Promise<{ server: Server; origin: string }> {
  const root = resolve(dist);
  const server = createServer((req, res) => {
    const headers = { 'Content-Security-Policy': CONTENT_SECURITY_POLICY, ...ISOLATION_HEADERS, 'Cache-Control': 'no-store' };
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const data = /^\/__data\/(\d+)$/.exec(url.pathname);
    let file: string | undefined;
    if (data) file = dataFiles[Number(data[1])];
    else {
      const p = normalize(join(root, decodeURIComponent(url.pathname)));
      if (p.startsWith(root + sep) && existsSync(p) && statSync(p).isFile()) file = p;
    }
    if (req.method !== 'GET' || !file) {
      res.writeHead(404, headers).end();
      return;
    }
    res.writeHead(200, { ...headers, 'Content-Type': data ? 'application/octet-stream' : (TYPES[extname(file)] ?? 'application/octet-stream') });
    res.end(readFileSync(file));
  });
  return new Promise((ok, fail) => {
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const a = server.address();
      ok({ server, origin: `http://127.0.0.1:${typeof a === 'object' && a ? a.port : 0}` });
    });
  });
}

/** Chromium flags: WebGPU on (the software adapter where there is no GPU), nothing that calls home. */
export const CHROMIUM_ARGS = ['--enable-unsafe-webgpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export interface HostImport {
  key: string;
  files: string[];
  fs: number;
  ptbxlRate: 100 | 500;
}

export interface ChromiumRun {
  spec: ExperimentSpec;
  imports: HostImport[];
  onEvents(evs: LiveEvent[]): void;
  log(s: string): void;
  dist?: string;
}

export async function runInChromium(o: ChromiumRun): Promise<RunResults> {
  const dist = ensureBuild(o.log, o.dist);
  const dataFiles = o.imports.flatMap((i) => i.files);
  const { server, origin } = await serve(dist, dataFiles);
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS, headless: true });
  try {
    const context = await browser.newContext();
    // nothing but the local server: no other origin, ever
    await context.route('**/*', (route) => (route.request().url().startsWith(origin + '/') ? route.continue() : route.abort('blockedbyclient')));
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    await page.exposeFunction('__cliHostEvents', (evs: LiveEvent[]) => o.onEvents(evs));
    await page.goto(`${origin}/cli-host.html`);
    await page.waitForFunction("document.title === 'ready' && !!window.__cliHost", undefined, { timeout: 60_000 }).catch(() => {
      throw new Error(`the headless page did not start${errors.length ? `: ${errors[0]}` : ''}`);
    });
    let k = 0;
    const imports = o.imports.map((i) => ({ key: i.key, fs: i.fs, ptbxlRate: i.ptbxlRate, files: i.files.map((f) => ({ name: f, url: `${origin}/__data/${k++}` })) }));
    const outcome = await page.evaluate(
      ([spec, imps]) => (globalThis as unknown as { __cliHost: { run(s: unknown, i: unknown): Promise<RunOutcome> } }).__cliHost.run(spec, imps),
      [o.spec, imports] as const,
    );
    if (!outcome.ok) throw new Error(`run in Chromium failed (${outcome.error.code}${outcome.error.stage ? `, stage ${outcome.error.stage}` : ''}): ${outcome.error.message}`);
    return outcome.results;
  } finally {
    await browser.close();
    server.close();
  }
}
