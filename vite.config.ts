import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { CONTENT_SECURITY_POLICY, ISOLATION_HEADERS } from './csp.ts';

/** The CSP as a <meta> in the built page (the dev server skips it: its hot-reload preamble is an inline script). */
function cspMeta(): Plugin {
  return {
    name: 'ecg-lab-csp-meta',
    apply: 'build',
    transformIndexHtml: () => [
      { tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: CONTENT_SECURITY_POLICY }, injectTo: 'head-prepend' },
    ],
  };
}

// The lab is a static app: everything (parsing, synthesis, training) runs in the browser.
export default defineConfig({
  plugins: [react(), cspMeta()],
  worker: { format: 'es' },
  // cli-host.html: the headless page `cli run --host chromium` drives (src/ui/cliHost.ts)
  build: { target: 'es2022', chunkSizeWarningLimit: 4000, rollupOptions: { input: { main: 'index.html', cliHost: 'cli-host.html' } } },
  optimizeDeps: { exclude: ['@tensorflow/tfjs-backend-wasm'] },
  server: { headers: { ...ISOLATION_HEADERS } },
  preview: { headers: { 'Content-Security-Policy': CONTENT_SECURITY_POLICY, ...ISOLATION_HEADERS } },
});
