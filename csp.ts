/**
 * The lab's Content-Security-Policy: everything from the app's own origin, no connection to any other origin
 * (user data never leaves the machine). 'wasm-unsafe-eval' lets tfjs compile its WebAssembly backend.
 * Applied twice by vite.config.ts: as a <meta> in the built page, and as an HTTP header (workers loaded from
 * URLs take their policy from the response headers, not from the page's meta).
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "worker-src 'self' blob:",
  "connect-src 'self' data: blob:",
  "img-src 'self' data: blob:",
  "style-src 'self' 'unsafe-inline'",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'none'",
].join('; ');

/**
 * Cross-origin isolation: makes SharedArrayBuffer available, which the training worker's kernel threads need to use
 * more than one core (src/core/ml/kernels/threads). The lab loads nothing from other origins, so require-corp costs
 * nothing. Sent by the dev and preview servers (vite.config.ts); a static host must send them too, else training
 * runs on one thread and the backend badge says why.
 */
export const ISOLATION_HEADERS = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
} as const;
