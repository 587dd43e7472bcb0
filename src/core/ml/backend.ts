/**
 * tfjs backend selection. Browser: webgpu → webgl → wasm → cpu (or the preferred one, falling back in that order).
 * Node: wasm or cpu (no tfjs-node). The wasm backend gets the project's Conv2DBackpropFilter kernel
 * (src/core/ml/kernels) so convolutions can be trained on it.
 *
 * Wasm binaries: in Node they are found beside the package (node_modules/@tensorflow/tfjs-backend-wasm/dist);
 * in a Vite build, pass `wasmPaths` from ./wasmPaths.browser (imports the .wasm files with `?url`).
 */
import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { registerWasmKernels, registerWebGpuKernels } from './kernels';
import { guardWebGpuBackend, webgpuLostReason } from './backendWebGpu';

import type { BackendPref } from './backendPrefs';
import type { BackendReport } from './backendReport';

export { BACKEND_PREFS, type BackendPref } from './backendPrefs';
export type { BackendReport } from './backendReport';

export interface BackendEnv {
  /** Overrides detection (tests). */
  isNode?: boolean;
  /** Prefix or per-file map for the wasm binaries (see wasmPaths.browser.ts). */
  wasmPaths?: string | Partial<Record<'tfjs-backend-wasm.wasm' | 'tfjs-backend-wasm-simd.wasm' | 'tfjs-backend-wasm-threaded-simd.wasm', string>>;
  /** The host's `navigator` (webgpu needs `navigator.gpu`); absent in Node. */
  navigator?: { gpu?: unknown };
}

/** The backend initBackend chose: the one report shape used by the runner, the worker and the page. */
export type BackendChoice = BackendReport;

/**
 * Keeps tfjs-wasm on its single-threaded build even where SharedArrayBuffer exists (a cross-origin isolated page):
 * our kernels run on its heap and need it unshared (they use their own helper threads instead, see
 * kernels/threads), and tfjs's threaded build hangs in minified bundles. Call before the wasm backend initialises.
 */
export function useUnsharedWasmHeap(): void {
  tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
}

export function isNodeRuntime(): boolean {
  const p = (globalThis as { process?: { versions?: { node?: string } } }).process;
  return typeof p?.versions?.node === 'string' && typeof (globalThis as { window?: unknown }).window === 'undefined';
}

const ORDER: Exclude<BackendPref, 'auto'>[] = ['webgpu', 'webgl', 'wasm', 'cpu'];

async function tryBackend(name: Exclude<BackendPref, 'auto'>, env: BackendEnv): Promise<string | null> {
  try {
    if (name === 'webgpu') {
      if (!env.navigator?.gpu) return 'navigator.gpu is not available';
      await import('@tensorflow/tfjs-backend-webgpu');
    }
    if (name === 'wasm') useUnsharedWasmHeap();
    if (name === 'wasm' && env.wasmPaths) setWasmPaths(env.wasmPaths as string);
    const ok = await tf.setBackend(name);
    if (!ok) return `tf.setBackend('${name}') failed`;
    await tf.ready();
    if (name === 'wasm') registerWasmKernels();
    if (name === 'webgpu') {
      // a device lost earlier (GPU process crash, driver reset) stays lost in tfjs's cached backend: fall back
      const gone = webgpuLostReason();
      if (gone) return `the WebGPU device was lost (${gone})`;
      guardWebGpuBackend(tf.backend());
      registerWebGpuKernels();
    }
    return null;
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
}

/**
 * Sets the tfjs backend. `pref` 'auto' tries webgpu → webgl → wasm → cpu in the browser and wasm → cpu in Node;
 * a named preference falls back along the same order. Returns the backend in use and, if it is not the
 * preferred one, the reason.
 */
export async function initBackend(pref: BackendPref = 'auto', env: BackendEnv = {}): Promise<BackendChoice> {
  const node = env.isNode ?? isNodeRuntime();
  const allowed = node ? (['wasm', 'cpu'] as const) : ORDER;
  const start = pref === 'auto' ? 0 : Math.max(0, (allowed as readonly string[]).indexOf(pref));
  const reasons: string[] = [];
  if (pref !== 'auto' && !(allowed as readonly string[]).includes(pref)) reasons.push(`${pref} is not available in Node`);
  for (const name of allowed.slice(start)) {
    const fail = await tryBackend(name, env);
    if (fail === null) {
      const wanted = pref === 'auto' ? allowed[0] : pref;
      return name === wanted && reasons.length === 0 ? { backend: name } : { backend: name, reason: reasons.join('; ') || undefined };
    }
    reasons.push(`${name}: ${fail}`);
  }
  throw new Error(`no tfjs backend could be initialised (${reasons.join('; ')})`);
}
