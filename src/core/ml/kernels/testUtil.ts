/** Test helpers: run the same computation on the cpu and wasm backends and compare. */
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';

/** Deterministic pseudo-random Float32Array in [-1, 1) (mulberry32). */
export function randomArray(n: number, seed: number): Float32Array {
  let s = seed >>> 0;
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    out[i] = ((t ^ (t >>> 14)) >>> 0) / 2 ** 31 - 1;
  }
  return out;
}

/** Runs `fn` with the given backend active and returns its outputs as Float32Arrays. */
export async function onBackend(backend: 'cpu' | 'wasm', fn: () => tf.Tensor | tf.Tensor[]): Promise<Float32Array[]> {
  await tf.setBackend(backend);
  await tf.ready();
  const outs = tf.tidy(fn);
  const list = Array.isArray(outs) ? outs : [outs];
  const data = list.map((t) => t.dataSync() as Float32Array);
  tf.dispose(list);
  return data;
}

/** max |a − b| / max(|b|, tiny): a norm-wise relative error. */
export function relError(a: Float32Array, b: Float32Array): number {
  if (a.length !== b.length) return Infinity;
  let num = 0;
  let den = 1e-12;
  for (let i = 0; i < a.length; i++) {
    if (!Number.isFinite(a[i])) return Infinity;
    num = Math.max(num, Math.abs(a[i] - b[i]));
    den = Math.max(den, Math.abs(b[i]));
  }
  return num / den;
}
