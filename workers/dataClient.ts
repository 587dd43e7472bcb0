/**
 * The page's handle on the data worker (Comlink). One worker, created lazily; a crash rejects every pending call
 * with WorkerCrashError and the next call starts a fresh worker (retry). Crash handling: workerClient.ts.
 */
import * as Comlink from 'comlink';
import type { DataWorkerApi } from './data.protocol';
import { createWorkerClient } from './workerClient';

export class WorkerCrashError extends Error {
  override name = 'WorkerCrashError';
}

const client = createWorkerClient<DataWorkerApi>({
  create: () => new Worker(new URL('./data.worker.ts', import.meta.url), { type: 'module', name: 'ecg-data' }),
  label: 'data worker',
  crashError: (msg) => new WorkerCrashError(msg),
});

/** Runs `fn` against the worker; rejects with WorkerCrashError if the worker dies meanwhile. */
export function withDataWorker<T>(fn: (api: Comlink.Remote<DataWorkerApi>) => Promise<T>): Promise<T> {
  return client.run(fn);
}

export { Comlink };
