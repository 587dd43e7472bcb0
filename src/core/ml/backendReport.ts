/**
 * The tfjs backend a run trains on, as the host reports it: what was asked for, what runs, why it fell back, how
 * 'auto' chose it and how many threads do the wasm convolutions. tfjs-free: it crosses the worker boundary and is
 * stored in run results and the history.
 */
import type { BackendPref } from './backendPrefs';

export interface BackendReport {
  /** The tfjs backend in use: webgpu | webgl | wasm | cpu. */
  backend: string;
  /** What the spec asked for (auto or a backend name). */
  requested?: BackendPref;
  /** Why the preferred backend was not used, when it was not. */
  reason?: string;
  /** 'auto': how the backend was chosen, e.g. "wasm: 12 ms/step vs webgpu 240 ms/step; webgl unavailable (…)". */
  measured?: string;
  /** wasm: threads doing the convolutions (kernel threads; 1 = single-threaded). */
  threads?: number;
  /** wasm with one thread although the machine has more: why (e.g. the page is not cross-origin isolated). */
  threadsNote?: string;
}
