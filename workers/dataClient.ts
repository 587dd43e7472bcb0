/**
 * The page's handle on the data worker (Comlink). One worker, created lazily; a crash rejects every pending call
 * with WorkerCrashError and the next call starts a fresh worker (retry).
 */
import * as Comlink from 'comlink';
import type { DataWorkerApi } from './data.worker';

export class WorkerCrashError extends Error {
  override name = 'WorkerCrashError';
}

let worker: Worker | null = null;
let api: Comlink.Remote<DataWorkerApi> | null = null;
let crashed: Promise<never> | null = null;

function start(): Comlink.Remote<DataWorkerApi> {
  const w = new Worker(new URL('./data.worker.ts', import.meta.url), { type: 'module', name: 'ecg-data' });
  worker = w;
  api = Comlink.wrap<DataWorkerApi>(w);
  crashed = new Promise<never>((_, reject) => {
    const fail = (msg: string) => {
      if (worker === w) {
        worker = null;
        api = null;
        crashed = null;
        w.terminate();
      }
      reject(new WorkerCrashError(msg));
    };
    w.addEventListener('error', (e) => fail(`The data worker crashed: ${e.message || 'unknown error (out of memory?)'}`));
    w.addEventListener('messageerror', () => fail('The data worker sent a message that could not be read.'));
  });
  crashed.catch(() => undefined);
  return api;
}

/** Runs `fn` against the worker; rejects with WorkerCrashError if the worker dies meanwhile. */
export async function withDataWorker<T>(fn: (api: Comlink.Remote<DataWorkerApi>) => Promise<T>): Promise<T> {
  const a = api ?? start();
  return Promise.race([fn(a), crashed ?? new Promise<never>(() => undefined)]);
}

/** Stops the worker (e.g. to cancel a long import); the next call starts a new one. */
export function restartDataWorker(): void {
  worker?.terminate();
  worker = null;
  api = null;
  crashed = null;
}

export { Comlink };
