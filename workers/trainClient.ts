/**
 * The page's handle on the training worker (Comlink). One worker at a time. If it dies (uncaught error, out of
 * memory, killed), every pending call rejects with TrainWorkerCrashError and the next call starts a fresh worker:
 * the page, its datasets and the history are untouched, so "retry" is just calling again.
 */
import * as Comlink from 'comlink';
import type { TrainWorkerApi } from './train.worker';

export class TrainWorkerCrashError extends Error {
  override name = 'TrainWorkerCrashError';
}

let worker: Worker | null = null;
let api: Comlink.Remote<TrainWorkerApi> | null = null;
let crashed: Promise<never> | null = null;

function start(): Comlink.Remote<TrainWorkerApi> {
  const w = new Worker(new URL('./train.worker.ts', import.meta.url), { type: 'module', name: 'ecg-train' });
  worker = w;
  api = Comlink.wrap<TrainWorkerApi>(w);
  crashed = new Promise<never>((_, reject) => {
    const fail = (msg: string) => {
      if (worker === w) {
        worker = null;
        api = null;
        crashed = null;
        w.terminate();
      }
      reject(new TrainWorkerCrashError(msg));
    };
    w.addEventListener('error', (e) => {
      e.preventDefault();
      fail(`The training worker crashed: ${e.message || 'unknown error (out of memory?)'}`);
    });
    w.addEventListener('messageerror', () => fail('The training worker sent a message that could not be read.'));
  });
  crashed.catch(() => undefined);
  return api;
}

/** Runs `fn` against the worker; rejects with TrainWorkerCrashError if the worker dies meanwhile. */
export async function withTrainWorker<T>(fn: (api: Comlink.Remote<TrainWorkerApi>) => Promise<T>): Promise<T> {
  const a = api ?? start();
  return Promise.race([fn(a), crashed ?? new Promise<never>(() => undefined)]);
}

/** The live worker's API if one is running (for pause/resume/cancel, which must not start a new worker). */
export function currentTrainWorker(): Comlink.Remote<TrainWorkerApi> | null {
  return api;
}

/** Kills the worker (hard cancel, or recovery); the next call starts a new one. */
export function restartTrainWorker(): void {
  worker?.terminate();
  worker = null;
  api = null;
  crashed = null;
}

/** Test hook: simulate a crash (used by e2e through window.__lab). */
export function crashTrainWorkerForTest(): void {
  worker?.dispatchEvent(new ErrorEvent('error', { message: 'simulated crash' }));
}

export { Comlink };
