/**
 * Start-up backend choice by measurement: time one small training step on each available
 * tfjs backend and keep the fastest. On a GPU laptop that is usually webgpu or webgl; on a CPU-only
 * machine (or SwiftShader "GPU") it is wasm with our kernels.
 *
 *   const pick = await pickFastestBackend(['webgpu', 'webgl', 'wasm', 'cpu'], async () => {
 *     const model = buildModel({ kind: 'tiny-cnn', nSamples: 1000, nLeads: 1, nOut: 5, seed: 1 });
 *     ... one optimizer.minimize step on a small batch; await loss.data(); dispose everything ...
 *   });
 *   // pick.backend is now active; pick.timings lists ms per step (or the failure) per candidate.
 *
 * The step callback runs on the backend being measured (tf.getBackend()); it must finish its GPU work
 * (read one value back) so asynchronous backends are timed fairly, and dispose what it creates.
 * Backends must already be registered (import '@tensorflow/tfjs-backend-webgpu' etc. before calling).
 */
import * as tf from '@tensorflow/tfjs-core';
import { registerWasmKernels } from './register';

export interface BackendTiming {
  backend: string;
  /** Median ms of the timed steps (after one untimed warm-up step); undefined when it failed. */
  msPerStep?: number;
  error?: string;
}

export interface PickResult {
  /** The backend now active (the fastest that worked). */
  backend: string;
  timings: BackendTiming[];
}

export interface PickOptions {
  /** Timed steps per backend after the warm-up (default 2; the median is kept). A backend whose first timed
   * step is over 2× the best so far gets no more. Put the cheap, predictable candidate first (e.g. 'wasm'). */
  reps?: number;
  /** A backend whose warm-up step alone takes longer than this is not timed further (default 20 000 ms). */
  maxWarmupMs?: number;
  /** Clock (tests). */
  now?: () => number;
}

function median(v: number[]): number {
  const s = [...v].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

async function activate(name: string): Promise<void> {
  const ok = await tf.setBackend(name);
  if (!ok) throw new Error(`tf.setBackend('${name}') failed`);
  await tf.ready();
  if (name === 'wasm') registerWasmKernels();
}

/**
 * Times `timeStep` on each candidate backend (in order) and activates the fastest. Candidates that are not
 * registered, fail to initialise or throw in the step are reported in `timings` with their error and skipped.
 * Throws only when no candidate works.
 */
export async function pickFastestBackend(
  candidates: readonly string[],
  timeStep: (backend: string) => void | Promise<void>,
  options: PickOptions = {},
): Promise<PickResult> {
  const reps = Math.max(1, options.reps ?? 2);
  const maxWarmup = options.maxWarmupMs ?? 20_000;
  const now = options.now ?? (() => performance.now());
  const timings: BackendTiming[] = [];
  for (const name of candidates) {
    try {
      if (!tf.findBackendFactory(name)) throw new Error('not registered');
      await activate(name);
      const w0 = now();
      await timeStep(name); // warm-up: shader compilation, kernel set-up, optimizer slots
      const warm = now() - w0;
      const times: number[] = [];
      const best = Math.min(...timings.map((t) => t.msPerStep ?? Infinity));
      if (warm <= maxWarmup) {
        for (let i = 0; i < reps; i++) {
          const t0 = now();
          await timeStep(name);
          times.push(now() - t0);
          if (times[i] > 2 * best) break; // clearly slower than one already timed: one step is enough
        }
      } else times.push(warm);
      timings.push({ backend: name, msPerStep: median(times) });
    } catch (e) {
      timings.push({ backend: name, error: e instanceof Error ? e.message : String(e) });
    }
  }
  const ok = timings.filter((t) => t.msPerStep !== undefined).sort((a, b) => a.msPerStep! - b.msPerStep!);
  if (ok.length === 0) throw new Error(`no backend could run the step (${timings.map((t) => `${t.backend}: ${t.error}`).join('; ')})`);
  await activate(ok[0].backend);
  return { backend: ok[0].backend, timings };
}
