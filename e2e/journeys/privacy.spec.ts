/**
 * The nets themselves: the request recorder and the error watcher every test gets (e2e/fixtures.ts) catch what
 * they should, so a green test means something; and the page's Content-Security-Policy refuses connections to
 * other origins. These use Playwright's plain `test`: they provoke what the nets would fail a test for.
 */
import { test as base, expect } from '@playwright/test';
import { makeErrors, makePrivacy } from '../fixtures';

base('the request recorder flags a foreign origin, a request body, and user data in a URL', async ({ browser, baseURL }) => {
  const ctx = await browser.newContext();
  const privacy = makePrivacy(new URL(baseURL!).origin);
  privacy.watch(ctx);
  privacy.forbid('00001_lr');
  try {
    const page = await ctx.newPage();
    await page.goto('/');
    expect(privacy.violations()).toEqual([]);
    // Same-origin POST with a body (allowed by CSP): flagged as a body.
    await page.evaluate(() => fetch('/upload', { method: 'POST', body: 'sample values 0.1 0.2' }).catch(() => undefined));
    // Another origin (localhost ≠ 127.0.0.1) carrying a record name: flagged twice.
    const other = await ctx.newPage();
    await other.goto(baseURL!.replace('127.0.0.1', 'localhost') + '/?record=00001_lr').catch(() => undefined);
    const v = privacy.violations();
    expect(v.some((x) => /POST .*\/upload sends a body of 21 bytes/.test(x)), v.join('\n')).toBe(true);
    expect(v.some((x) => /leaves the app's origin/.test(x)), v.join('\n')).toBe(true);
    expect(v.some((x) => /user data "00001_lr" in URL/.test(x)), v.join('\n')).toBe(true);
    expect(() => privacy.assertUrlClean('http://x/#spec=abc00001_lrdef')).toThrow();
  } finally {
    await ctx.close();
  }
});

base('Content-Security-Policy: the page cannot connect to another origin', async ({ page, baseURL }) => {
  await page.goto('/');
  const foreign = baseURL!.replace('127.0.0.1', 'localhost') + '/leak';
  const res = await page.evaluate(async (url) => {
    const violations: string[] = [];
    document.addEventListener('securitypolicyviolation', (e) => violations.push(e.violatedDirective));
    let fetched = 'ok';
    try {
      await fetch(url, { method: 'POST', body: 'x' });
    } catch (e) {
      fetched = String(e);
    }
    await new Promise((r) => setTimeout(r, 50));
    return { fetched, violations };
  }, foreign);
  expect(res.fetched).toMatch(/TypeError|Failed to fetch/);
  expect(res.violations).toContain('connect-src');
});

base('the error watcher catches page errors and console errors of every page in a context, except those allowed', async ({ browser, baseURL }) => {
  const ctx = await browser.newContext({ baseURL });
  const errors = makeErrors();
  errors.watch(ctx);
  try {
    const page = await ctx.newPage();
    await page.goto('/');
    expect(errors.unexpected()).toEqual([]);
    await page.evaluate(() => {
      console.error('a console error');
      setTimeout(() => {
        throw new Error('an uncaught error');
      });
    });
    await expect.poll(() => errors.seen.length).toBe(2);
    expect(errors.unexpected()).toEqual(['console: a console error', 'pageerror: an uncaught error']);
    errors.allow(/a console error/);
    expect(errors.unexpected()).toEqual(['pageerror: an uncaught error']);
  } finally {
    await ctx.close();
  }
});
