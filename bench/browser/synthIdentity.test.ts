/**
 * The generator is bit-identical in Node and in headless Chromium (the system /usr/bin/chromium; skipped only
 * where it is absent): the same identity hashes (synthIdentityCases.ts: every preset at 1-lead 100 Hz and
 * 12-lead 500 Hz with labels, and a small default-spec dataset's x, labels and fingerprint), computed on the
 * page and here in the same test.
 */
import { existsSync, rmSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { MORPHOLOGY_PRESETS } from '../../src/core/signal';
import { buildPage, CHROMIUM_ARGS, chromiumPath, serve } from './run';
import { identityHashes, type IdentityHashes } from './synthIdentityCases';


async function browserHashes(): Promise<IdentityHashes> {
  const out = await buildPage('synthIdentity.html');
  const { chromium } = await import('@playwright/test');
  let srv: Awaited<ReturnType<typeof serve>> | undefined;
  const browser = await chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS });
  try {
    srv = await serve(out);
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${srv.url}synthIdentity.html`);
    await page.waitForFunction(() => document.title === 'done', undefined, { timeout: 100_000 }).catch(() => {
      throw new Error(`the identity page did not finish${errors.length ? `: ${errors[0]}` : ''}`);
    });
    const r = await page.evaluate(() => {
      const w = window as unknown as { __synthIdentity?: Record<string, string>; __synthIdentityError?: string };
      return { hashes: w.__synthIdentity, error: w.__synthIdentityError };
    });
    if (r.error || !r.hashes) throw new Error(`the identity page failed: ${r.error ?? 'no result'}`);
    return r.hashes;
  } finally {
    await browser.close();
    srv?.server.close();
    rmSync(out, { recursive: true, force: true });
  }
}

describe.skipIf(!existsSync(chromiumPath()))('generator: Node and headless Chromium give the same bits', () => {
  it('every preset at 1-lead 100 Hz and 12-lead 500 Hz, and a small dataset (x, labels, fingerprint)', async () => {
    const [inBrowser, inNode] = await Promise.all([browserHashes(), Promise.resolve().then(identityHashes)]);
    // every case is there, and the cases are not all one value (a hash of nothing would agree trivially)
    expect(Object.keys(inNode)).toHaveLength(MORPHOLOGY_PRESETS.length * 4 + 3);
    expect(new Set(Object.values(inNode)).size).toBe(Object.keys(inNode).length);
    expect(inBrowser).toEqual(inNode);
  }, 240_000);
});
