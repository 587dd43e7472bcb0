/**
 * Node host for the wasm kernel threads (src/core/ml/kernels/threads): helpers are worker_threads started from the
 * helper loop's own source text (no separate file to find or transpile), unref'd so they never keep a process alive.
 */
import { Worker } from 'node:worker_threads';
import { availableParallelism } from 'node:os';
import { kernelHelperLoop, startKernelThreads, type KernelThreadsInfo } from '../src/core/ml/kernels/threads';

const HELPER_SOURCE =
  // __name: what esbuild's keepNames (tsx) may insert into transpiled function bodies
  `var __name = (f) => f;\n` +
  `require('node:worker_threads').parentPort.once('message', (init) => (${kernelHelperLoop.toString()})(init));\n`;

/** Threads to use when not told: every core the OS gives this process, at most 8 (a batch of 32 splits no further
 * usefully). */
export function defaultThreads(): number {
  return Math.min(8, availableParallelism());
}

/** Starts `threads − 1` helper threads for the wasm kernels (1: none). Call after the wasm backend is set. */
export function startNodeKernelThreads(threads: number = defaultThreads()): Promise<KernelThreadsInfo> {
  return startKernelThreads(threads, () => {
    const w = new Worker(HELPER_SOURCE, { eval: true });
    w.unref();
    return w;
  });
}
