/**
 * The page's handle on the training worker (Comlink). One worker at a time. If it dies (uncaught error, out of
 * memory, killed), every pending call rejects with TrainWorkerCrashError and the next call starts a fresh worker:
 * the page, its datasets and the history are untouched, so "retry" is just calling again. Crash handling:
 * workerClient.ts.
 */
import * as Comlink from 'comlink';
import type { TrainWorkerApi } from './train.protocol';
import { createWorkerClient } from './workerClient';

export class TrainWorkerCrashError extends Error {
  override name = 'TrainWorkerCrashError';
}

const client = createWorkerClient<TrainWorkerApi>({
  create: () => new Worker(new URL('./train.worker.ts', import.meta.url), { type: 'module', name: 'ecg-train' }),
  label: 'training worker',
  crashError: (msg) => new TrainWorkerCrashError(msg),
  handleErrorEvent: true,
});

/** Runs `fn` against the worker; rejects with TrainWorkerCrashError if the worker dies meanwhile. */
export function withTrainWorker<T>(fn: (api: Comlink.Remote<TrainWorkerApi>) => Promise<T>): Promise<T> {
  return client.run(fn);
}

/** The live worker's API if one is running (for pause/resume/cancel, which must not start a new worker). */
export function currentTrainWorker(): Comlink.Remote<TrainWorkerApi> | null {
  return client.current();
}

/** Kills the worker (hard cancel, or recovery); the next call starts a new one. */
export function restartTrainWorker(): void {
  client.restart();
}

/** Test hook: simulate a crash (used by e2e through window.__lab). */
export function crashTrainWorkerForTest(): void {
  client.simulateCrash('simulated crash');
}

export { Comlink };
