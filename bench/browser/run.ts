/**
 * Node side of the Chromium-worker measurement: bundles this folder's page (Vite API, into a temp dir),
 * serves it on a loopback port, opens it in headless Chromium (Playwright, the system /usr/bin/chromium,
 * never a downloaded browser) and returns what the worker measured. Returns null when Chromium is absent.
 */
import { createServer, type Server } from 'node:http';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser } from '@playwright/test';
import type { BenchReply, BenchRequest } from './protocol';

const here = dirname(fileURLToPath(import.meta.url));
export const CHROMIUM_ARGS = ['--enable-unsafe-webgpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.wasm': 'application/wasm', '.css': 'text/css', '.json': 'application/json' };

export function serve(root: string): Promise<{ server: Server; url: string }> {
  const server = createServer((req, res) => {
    const path = normalize(decodeURIComponent((req.url ?? '/').split('?')[0]));
    const file = join(root, path === '/' ? 'index.html' : path);
    if (!file.startsWith(root) || !existsSync(file) || !statSync(file).isFile()) {
      res.writeHead(404).end();
      return;
    }
    // cross-origin isolated (as the lab's servers): SharedArrayBuffer for the kernel threads
    res.writeHead(200, {
      'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
      'cross-origin-opener-policy': 'same-origin',
      'cross-origin-embedder-policy': 'require-corp',
    }).end(readFileSync(file));
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => {
    const a = server.address() as { port: number };
    resolve({ server, url: `http://127.0.0.1:${a.port}/` });
  }));
}

export function chromiumPath(): string {
  return process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
}

/**
 * Builds one of this folder's pages (index.html by default) with vite into a fresh temp dir and returns the dir
 * (the caller serves it with `serve` and removes it).
 */
export async function buildPage(html?: string, minify = false): Promise<string> {
  const { build } = await import('vite');
  const out = mkdtempSync(join(tmpdir(), 'bench-browser-'));
  await build({
    root: here,
    configFile: false,
    logLevel: 'warn',
    base: './',
    worker: { format: 'es' },
    build: { outDir: out, emptyOutDir: true, target: 'es2022', chunkSizeWarningLimit: 8000, minify, ...(html ? { rollupOptions: { input: join(here, html) } } : {}) },
  });
  return out;
}

export async function runInChromium(req: BenchRequest, timeoutMs = 15 * 60 * 1000): Promise<BenchReply | null> {
  if (!existsSync(chromiumPath())) return null;
  const out = await buildPage(undefined, true);
  let server: Server | undefined;
  let browser: Browser | undefined;
  try {
    const s = await serve(out);
    server = s.server;
    const { chromium } = await import('@playwright/test');
    browser = await chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS });
    const page = await browser.newPage();
    page.on('console', (m) => {
      if (!m.text().includes('404')) process.stdout.write(`  [chromium] ${m.text()}\n`);
    });
    await page.goto(`${s.url}?req=${encodeURIComponent(JSON.stringify(req))}`);
    let shown = 0;
    const t0 = Date.now();
    for (;;) {
      const st = (await page.evaluate(() => {
        const w = window as unknown as { __benchReply?: unknown; __benchError?: string };
        return { reply: w.__benchReply, error: w.__benchError, log: document.getElementById('log')?.textContent ?? '' };
      })) as { reply?: BenchReply; error?: string; log: string };
      const lines = st.log.split('\n');
      for (; shown < lines.length; shown++) if (shown > 0) console.log(`  [worker] ${lines[shown]}`);
      if (st.error) throw new Error(`Chromium worker: ${st.error}`);
      if (st.reply) return st.reply;
      if (Date.now() - t0 > timeoutMs) throw new Error('Chromium worker bench timed out');
      await new Promise((r) => setTimeout(r, 500));
    }
  } finally {
    await browser?.close();
    server?.close();
    rmSync(out, { recursive: true, force: true });
  }
}
