/**
 * Journey fixtures: every test gets a privacy recorder on its browser context (pages AND workers) that fails
 * the test when a request leaves the app's origin, carries a body (file contents), or puts user data (record
 * names, file names, sample values registered with `privacy.forbid`) in a URL.
 */
import { WORK_TIMEOUT } from '../helpers';
import { test as base, expect, type BrowserContext, type Page } from '@playwright/test';

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
  const p: Privacy = {
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
      ctx.on('page', (pg) => pg.on('websocket', (ws) => requests.push({ url: ws.url(), method: 'WEBSOCKET', resourceType: 'websocket', bodyBytes: 0 })));
    },
    assertUrlClean(url, what = 'URL') {
      const probs = urlProblems(url);
      expect(probs, `${what} carries user data`).toEqual([]);
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
  return p;
}

export const test = base.extend<{ privacy: Privacy }>({
  privacy: [
    async ({ context, baseURL }, use) => {
      const privacy = makePrivacy(new URL(baseURL!).origin);
      privacy.watch(context);
      await use(privacy);
      const v = privacy.violations();
      expect(v, `network requests that break the privacy promise (${privacy.requests.length} recorded)`).toEqual([]);
      expect(privacy.requests.length, 'the recorder saw the app load').toBeGreaterThan(0);
    },
    { auto: true },
  ],
});
export { expect };

// The spec editing helpers are shared with the other e2e specs.
export { choosePreset, editSpec } from '../helpers';

export async function startAndWait(page: Page, timeout = WORK_TIMEOUT): Promise<void> {
  await page.getByRole('button', { name: /^(Start|Run again)$/ }).click();
  const status = page.getByTestId('run-status');
  await expect(status).toHaveAttribute('data-status', /starting|running|done/);
  await expect(status).not.toHaveAttribute('data-status', /starting|running/, { timeout });
  const st = await status.getAttribute('data-status');
  if (st !== 'done') throw new Error(`run ended ${st}: ${await status.innerText()} ${(await page.getByRole('alert').allInnerTexts()).join(' | ')}`);
}
