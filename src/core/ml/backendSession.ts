/**
 * The training host's backend, chosen once and kept: a named backend is initialised as asked (falling back
 * webgpu → webgl → wasm → cpu with the reason); 'auto' is measured once per host lifetime and later 'auto'
 * requests re-activate the winner without timing again. The wasm kernels' helper threads start first, so 'auto'
 * times wasm as it will train. A failed attempt is forgotten, so the next request retries. A WebGPU backend whose
 * device has been lost is forgotten too: the next request initialises again, and initBackend then falls back
 * with the loss as the reason.
 *
 * Choices run one after another, never overlapping: tfjs's `setBackend` is not re-entrant (of two concurrent
 * `setBackend('wasm')` calls the first answers false), so a named request made while 'auto' was still being
 * measured (a page that plans its default spec, then resumes a sweep on wasm right after a reload) used to fall
 * back to cpu while the measurement re-activated wasm under it.
 */
import type { BackendPref } from './backendPrefs';
import type { BackendReport } from './backendReport';
import { webgpuLostReason } from './backendWebGpu';

export interface ThreadsInfo {
  threads: number;
  /** Why fewer threads than asked (e.g. the page is not cross-origin isolated). */
  reason?: string;
}

export interface BackendSessionDeps {
  /** Starts the wasm kernel helper threads (called once). */
  startThreads(): Promise<ThreadsInfo>;
  /** Times the candidates and leaves the fastest active (measureBackends). */
  measureAuto(): Promise<BackendReport>;
  /** Initialises a named backend (initBackend): the one running and why it fell back. */
  init(pref: Exclude<BackendPref, 'auto'>): Promise<BackendReport>;
  /** The backend active now (tf.getBackend()). */
  active(): string;
  /** Why the WebGPU device was lost, or null (default: backendWebGpu's record of `device.lost`). */
  lost?(): string | null;
}

export interface BackendSession {
  /** The backend for `pref`, initialised (measured once for 'auto'). */
  ensure(pref: BackendPref): Promise<BackendReport>;
}

const messageOf = (e: unknown) => (e instanceof Error ? e.message : String(e));

function withThreads(r: BackendReport, t: ThreadsInfo): BackendReport {
  if (r.backend !== 'wasm') return r;
  return { ...r, threads: t.threads, ...(t.reason ? { threadsNote: t.reason } : {}) };
}

export function createBackendSession(deps: BackendSessionDeps): BackendSession {
  let threads: Promise<ThreadsInfo> | null = null;
  let measured: Promise<BackendReport> | null = null;
  let current: Promise<BackendReport> | null = null;
  let currentPref: BackendPref | null = null;
  let currentBackend: string | null = null;
  const lost = deps.lost ?? webgpuLostReason;
  /** The last choice asked for, settled or not: the next one starts after it. */
  let queue: Promise<unknown> = Promise.resolve();

  const ensureThreads = () => (threads ??= deps.startThreads().catch((e: unknown) => ({ threads: 1, reason: messageOf(e) })));

  const choose = (pref: BackendPref): Promise<BackendReport> => {
    if (pref !== 'auto') return ensureThreads().then(async (t) => withThreads({ ...(await deps.init(pref)), requested: pref }, t));
    measured ??= ensureThreads()
      .then(() => deps.measureAuto())
      .catch((e: unknown) => {
        measured = null;
        throw e;
      });
    return measured.then(async (r) => {
      if (deps.active() !== r.backend) await deps.init(r.backend as Exclude<BackendPref, 'auto'>);
      return withThreads(r, await ensureThreads());
    });
  };

  return {
    ensure(pref) {
      if (current && currentBackend === 'webgpu' && lost() !== null) {
        current = null;
        measured = null;
      }
      if (!current || currentPref !== pref) {
        currentPref = pref;
        currentBackend = null;
        const p = queue.then(() => choose(pref));
        queue = p.catch(() => undefined);
        current = p;
        p.then(
          (r) => {
            if (current === p) currentBackend = r.backend;
          },
          () => {
            if (current === p) current = null;
          },
        );
      }
      return current;
    },
  };
}
