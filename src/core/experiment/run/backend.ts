/** Backend of a run: the host's choice, the current tfjs backend, or one initialised from the spec's preference. */
import * as tf from '@tensorflow/tfjs';
import { initBackend, type BackendChoice } from '../../ml/backend';
import { kernelThreadsInfo } from '../../ml/kernels/threads';
import type { ExperimentSpec } from '../spec';
import type { RunOptions } from './options';

/** Initialises (or adopts) the backend; fallback reasons and host/tfjs disagreements go to `notes`. */
export async function prepareBackend(spec: ExperimentSpec, opts: RunOptions, notes: string[]): Promise<BackendChoice> {
  const backend: BackendChoice = opts.backend
    ? { ...opts.backend }
    : opts.skipBackendInit
      ? { backend: tf.getBackend() }
      : await initBackend(opts.backendOverride ?? spec.backend, opts.backendEnv ?? {});
  if (backend.backend === 'wasm' && backend.threads === undefined) backend.threads = kernelThreadsInfo().threads;
  if (backend.reason) notes.push(`backend ${backend.backend}: ${backend.reason}`);
  if (opts.backend && opts.backend.backend !== tf.getBackend()) {
    notes.push(`backend: the host reported ${opts.backend.backend} but tfjs runs on ${tf.getBackend()}`);
  }
  return backend;
}
