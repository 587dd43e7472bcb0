/** Browser host for the wasm kernel threads: one module Web Worker per helper (workers/kernelHelper.worker.ts). */
import { startKernelThreads, type KernelThreadsInfo } from '../src/core/ml/kernels/threads';

/** Threads to use when not told: the logical cores the browser reports (at least 1). */
export function defaultThreads(): number {
  return Math.max(1, (typeof navigator !== 'undefined' && navigator.hardwareConcurrency) || 1);
}

/** Starts `threads − 1` helper workers (needs cross-origin isolation; otherwise reports why not, threads 1). */
export function startBrowserKernelThreads(threads: number = defaultThreads()): Promise<KernelThreadsInfo> {
  return startKernelThreads(threads, () => new Worker(new URL('./kernelHelper.worker.ts', import.meta.url), { type: 'module', name: 'kernel-helper' }));
}
