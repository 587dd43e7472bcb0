/** Browser host for the wasm kernel threads: one module Web Worker per helper (workers/kernelHelper.worker.ts). */
import { startKernelThreads, type KernelThreadsInfo } from '../src/core/ml/kernels/threads';

/**
 * Threads to use when not told: every logical core on a 1–2-core machine (measured: no main-thread long tasks while
 * training there), one core left for the page and the data worker from 4 cores up, and at most 8 (a batch of 32
 * splits no further usefully).
 */
export function defaultThreads(): number {
  const cores = Math.max(1, (typeof navigator !== 'undefined' && navigator.hardwareConcurrency) || 1);
  return cores <= 2 ? cores : Math.min(8, cores - 1);
}

/** Starts `threads − 1` helper workers (needs cross-origin isolation; otherwise reports why not, threads 1). */
export function startBrowserKernelThreads(threads: number = defaultThreads()): Promise<KernelThreadsInfo> {
  return startKernelThreads(threads, () => new Worker(new URL('./kernelHelper.worker.ts', import.meta.url), { type: 'module', name: 'kernel-helper' }));
}
