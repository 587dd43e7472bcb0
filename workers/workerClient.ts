/**
 * One lazily started, Comlink-wrapped worker whose crashes surface as errors. If the worker dies (uncaught error,
 * out of memory, unreadable message), every pending call rejects with the client's crash error and the worker is
 * dropped; the next call starts a fresh one, so "retry" is just calling again. Used by dataClient and trainClient.
 */
import * as Comlink from 'comlink';

export interface WorkerClientOptions {
  /** Starts the worker (kept in the caller so the bundler sees `new Worker(new URL(...))`). */
  create: () => Worker;
  /** The worker named in crash messages, e.g. "data worker". */
  label: string;
  /** Builds the error that pending calls reject with. */
  crashError: (message: string) => Error;
  /** Mark the worker's error event handled (keeps it out of the page's uncaught-error reporting). */
  handleErrorEvent?: boolean;
}

export interface WorkerClient<Api> {
  /** Runs `fn` against the worker (starting one if needed); rejects with the crash error if it dies meanwhile. */
  run<T>(fn: (api: Comlink.Remote<Api>) => Promise<T>): Promise<T>;
  /** The live worker's API if one is running (never starts a worker). */
  current(): Comlink.Remote<Api> | null;
  /** Terminates the worker; the next call starts a new one. */
  restart(): void;
  /** Dispatches an error event on the live worker, as a crash would (test hook). */
  simulateCrash(message: string): void;
}

export function createWorkerClient<Api>(opts: WorkerClientOptions): WorkerClient<Api> {
  let worker: Worker | null = null;
  let api: Comlink.Remote<Api> | null = null;
  let crashed: Promise<never> | null = null;

  function start(): Comlink.Remote<Api> {
    const w = opts.create();
    worker = w;
    api = Comlink.wrap<Api>(w);
    crashed = new Promise<never>((_, reject) => {
      const fail = (msg: string) => {
        if (worker === w) {
          worker = null;
          api = null;
          crashed = null;
          w.terminate();
        }
        reject(opts.crashError(msg));
      };
      w.addEventListener('error', (e) => {
        if (opts.handleErrorEvent) e.preventDefault();
        fail(`The ${opts.label} crashed: ${e.message || 'unknown error (out of memory?)'}`);
      });
      w.addEventListener('messageerror', () => fail(`The ${opts.label} sent a message that could not be read.`));
    });
    crashed.catch(() => undefined);
    return api;
  }

  return {
    async run<T>(fn: (api: Comlink.Remote<Api>) => Promise<T>): Promise<T> {
      const a = api ?? start();
      return Promise.race([fn(a), crashed ?? new Promise<never>(() => undefined)]);
    },
    current: () => api,
    restart() {
      worker?.terminate();
      worker = null;
      api = null;
      crashed = null;
    },
    simulateCrash(message: string) {
      worker?.dispatchEvent(new ErrorEvent('error', { message }));
    },
  };
}
