import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The lab is a static app: everything (parsing, synthesis, training) runs in the browser.
export default defineConfig({
  plugins: [react()],
  worker: { format: 'es' },
  build: { target: 'es2022', chunkSizeWarningLimit: 4000 },
  optimizeDeps: { exclude: ['@tensorflow/tfjs-backend-wasm'] },
});
