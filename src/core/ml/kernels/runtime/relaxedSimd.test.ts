/**
 * The relaxed-SIMD build of the module (fused multiply-add in convFwd / convBpFilter) against the cpu backend, and
 * against the plain-SIMD build. Node 20 validates relaxed SIMD only with --experimental-wasm-relaxed-simd, set
 * here at run time before the module is first compiled (Chromium ≥ 114 has it on by default).
 */
import { setFlagsFromString } from 'node:v8';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { registerWasmKernels } from '../index';
import { convFwdMode } from '../forward/conv2d';
import { simdVariant, simdVariantMode } from './simd';
import { onBackend, randomArray, relError } from '../testUtil';

setFlagsFromString('--experimental-wasm-relaxed-simd');

beforeAll(async () => {
  await tf.setBackend('wasm');
  registerWasmKernels();
  convFwdMode.value = 'direct';
});
afterAll(() => {
  convFwdMode.value = 'auto';
  simdVariantMode.value = 'auto';
});

type C = [n: number, w: number, cin: number, cout: number, k: number, s: number];
const cases: C[] = [[3, 57, 1, 32, 7, 1], [3, 57, 32, 32, 7, 2], [2, 40, 8, 16, 39, 1], [3, 57, 16, 12, 9, 3], [2, 30, 32, 8, 1, 1], [2, 5, 8, 8, 9, 1]];

/** y = conv1d(x, f) ('same'), and the gradients of Σ y·r with respect to x and f. */
const run = (c: C, seed: number) => () => {
  const [n, w, cin, cout, k, s] = c;
  const x = tf.tensor3d(randomArray(n * w * cin, seed), [n, w, cin]);
  const f = tf.tensor3d(randomArray(k * cin * cout, seed + 1), [k, cin, cout]);
  const y = tf.conv1d(x, f, s, 'same');
  const r = tf.tensor(randomArray(y.size, seed + 2), y.shape);
  const [dx, df] = tf.grads((a: tf.Tensor, b: tf.Tensor) => tf.sum(tf.mul(tf.conv1d(a as tf.Tensor3D, b as tf.Tensor3D, s, 'same'), r)))([x, f]);
  return [y, dx, df];
};

describe('relaxed-SIMD convolutions', () => {
  it('the engine validates the relaxed build once the flag is set', () => {
    simdVariantMode.value = 'auto';
    expect(simdVariant()).toBe('relaxed-simd');
    simdVariantMode.value = 'plain';
    expect(simdVariant()).toBe('simd');
  });

  it.each(cases.map((c, i) => [i, c] as const))('case %i %o: forward ≤ 1e-5, gradients ≤ 1e-4 of cpu; plain ≈ relaxed', async (i, c) => {
    const ref = await onBackend('cpu', run(c, 700 + i));
    simdVariantMode.value = 'auto';
    const fma = await onBackend('wasm', run(c, 700 + i));
    simdVariantMode.value = 'plain';
    const plain = await onBackend('wasm', run(c, 700 + i));
    simdVariantMode.value = 'auto';
    expect(relError(fma[0], ref[0])).toBeLessThan(1e-5);
    expect(relError(fma[1], ref[1])).toBeLessThan(1e-4);
    expect(relError(fma[2], ref[2])).toBeLessThan(1e-4);
    for (let j = 0; j < 3; j++) expect(relError(fma[j], plain[j])).toBeLessThan(1e-5);
  });
});
