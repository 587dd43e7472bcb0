/**
 * Node side of the WebGPU checks: bundles webgpu.html (Vite API, into a temp dir), serves it on 127.0.0.1 and
 * opens it in headless Chromium with WebGPU on (the software adapter where there is no GPU). `call(name, …args)`
 * runs one of the page's `window.__webgpu` functions. Null when there is no Chromium.
 */
import { existsSync, rmSync } from 'node:fs';
import type { Browser } from '@playwright/test';
import { buildPage, CHROMIUM_ARGS, chromiumPath, serve } from './run';


export interface WebGpuPage {
  call<T>(name: 'convParity' | 'gradParity' | 'syncGuard' | 'profile' | 'trainLosses', ...args: unknown[]): Promise<T>;
  close(): Promise<void>;
}

export async function openWebGpuPage(): Promise<WebGpuPage | null> {
  if (!existsSync(chromiumPath())) return null;
  const out = await buildPage('webgpu.html');
  let browser: Browser | undefined;
  let server: Awaited<ReturnType<typeof serve>>['server'] | undefined;
  try {
    const s = await serve(out);
    server = s.server;
    const { chromium } = await import('@playwright/test');
    browser = await chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS });
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${s.url}webgpu.html`);
    await page.waitForFunction(() => document.title === 'ready', undefined, { timeout: 60_000 }).catch(() => {
      throw new Error(`the WebGPU check page did not start${errors.length ? `: ${errors[0]}` : ''}`);
    });
    const b = browser;
    const srv = server;
    return {
      call: <T>(name: string, ...args: unknown[]) =>
        page.evaluate(([n, a]) => (window as unknown as { __webgpu: Record<string, (...x: unknown[]) => Promise<unknown>> }).__webgpu[n as string](...(a as unknown[])), [name, args] as const) as Promise<T>,
      close: async () => {
        await b.close();
        srv.close();
        rmSync(out, { recursive: true, force: true });
      },
    };
  } catch (e) {
    await browser?.close();
    server?.close();
    rmSync(out, { recursive: true, force: true });
    throw e;
  }
}
