import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { registerWasmKernels } from '../index';
import { convFwdMode } from './conv2d';
import { onBackend, randomArray, relError } from '../testUtil';

beforeAll(async () => {
  await tf.setBackend('wasm');
  registerWasmKernels();
});
afterAll(() => {
  convFwdMode.value = 'auto';
});

type C = [n: number, w: number, cin: number, cout: number, k: number, s: number, pad: 'same' | 'valid'];
const cases: C[] = [];
for (const [cin, cout, k] of [[1, 32, 7], [8, 8, 39], [16, 32, 7], [32, 12, 9], [32, 8, 1], [3, 4, 5]] as const)
  for (const s of [1, 2, 3]) for (const pad of ['same', 'valid'] as const) cases.push([3, 57, cin, cout, k, s, pad]);
cases.push([2, 5, 8, 8, 9, 1, 'same']); // kernel longer than the input: edge path only
cases.push([2, 9, 4, 4, 3, 1, 'same']);

const conv = (c: C, seed: number) => () => {
  const [n, w, cin, cout, k, s, pad] = c;
  const x = tf.tensor3d(randomArray(n * w * cin, seed), [n, w, cin]);
  const f = tf.tensor3d(randomArray(k * cin * cout, seed + 1), [k, cin, cout]);
  return tf.conv1d(x, f, s, pad);
};

describe('Conv2D (conv1d shapes) on wasm matches the cpu backend', () => {
  for (const mode of ['direct', 'auto'] as const) {
    it.each(cases.map((c, i) => [i, c] as const))(`${mode}: case %i %o`, async (i, c) => {
      convFwdMode.value = mode;
      const [ref] = await onBackend('cpu', conv(c, 400 + i));
      const [got] = await onBackend('wasm', conv(c, 400 + i));
      expect(got.length).toBe(ref.length);
      expect(relError(got, ref)).toBeLessThan(1e-5);
    });
  }

  it('direct and XNNPACK give the same values', async () => {
    const c: C = [4, 100, 16, 16, 7, 1, 'same'];
    convFwdMode.value = 'direct';
    const [a] = await onBackend('wasm', conv(c, 9));
    convFwdMode.value = 'xnnpack';
    const [b] = await onBackend('wasm', conv(c, 9));
    convFwdMode.value = 'auto';
    expect(relError(a, b)).toBeLessThan(1e-6);
  });
});
