/**
 * The page behind the Node-vs-browser identity test (synthIdentity.test.ts): computes the generator's identity
 * hashes on the page's main thread and exposes them as `window.__synthIdentity` (or the error as
 * `window.__synthIdentityError`), then sets the title to 'done'.
 */
import { identityHashes } from './synthIdentityCases';

const w = window as unknown as { __synthIdentity?: Record<string, string>; __synthIdentityError?: string };
setTimeout(() => {
  try {
    w.__synthIdentity = identityHashes();
  } catch (e) {
    w.__synthIdentityError = e instanceof Error ? `${e.message}\n${e.stack ?? ''}` : String(e);
  }
  document.title = 'done';
}, 0);
