import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { registerWasmKernels } from '../index';
import { onBackend, randomArray, relError } from '../testUtil';

beforeAll(async () => {
  await tf.setBackend('wasm');
  registerWasmKernels();
});

const t = (shape: number[], seed: number) => tf.tensor(randomArray(shape.reduce((p, q) => p * q, 1), seed), shape);

async function same(fn: () => tf.Tensor | tf.Tensor[], tol = 0): Promise<void> {
  const ref = await onBackend('cpu', fn);
  const got = await onBackend('wasm', fn);
  expect(got.length).toBe(ref.length);
  for (let i = 0; i < ref.length; i++) {
    expect(got[i].length).toBe(ref[i].length);
    expect(relError(got[i], ref[i])).toBeLessThanOrEqual(tol);
  }
}

describe('Add (bias row vector) on wasm equals the cpu backend', () => {
  it.each([
    [[3, 17, 8], [8]],
    [[2, 5, 12], [1, 1, 12]],
    [[4, 32], [32]],
    [[3, 7, 6], [6]], // C % 4 != 0: stock
    [[3, 7, 8], [3, 7, 8]], // same shapes: stock
    [[3, 7, 8], [7, 8]], // not a row vector: stock
  ])('%o + %o (both orders)', async (sa, sb) => {
    await same(() => [tf.add(t(sa, 1), t(sb, 2)), tf.add(t(sb, 3), t(sa, 4))]);
  });

  it('layers Conv1D with bias', async () => {
    await same(() => {
      const layer = tf.layers.conv1d({ filters: 8, kernelSize: 3, padding: 'same', useBias: true, biasInitializer: 'randomNormal', kernelInitializer: tf.initializers.glorotUniform({ seed: 3 }) });
      layer.build([2, 20, 4]);
      layer.setWeights([t([3, 4, 8], 5), t([8], 6)]);
      return layer.apply(t([2, 20, 4], 7)) as tf.Tensor;
    }, 1e-5);
  });
});

describe('MaxPool (conv1d shapes) on wasm equals the cpu backend', () => {
  const cases: [number[], number, number, 'valid' | 'same'][] = [
    [[3, 20, 8], 2, 2, 'valid'],
    [[3, 21, 8], 2, 2, 'valid'],
    [[2, 33, 16], 3, 1, 'same'],
    [[2, 33, 4], 3, 2, 'same'],
    [[2, 10, 12], 5, 3, 'same'],
    [[2, 10, 6], 2, 2, 'valid'], // C % 4 != 0: stock
  ];
  it.each(cases)('%o pool %i stride %i %s', async (shape, f, s, pad) => {
    await same(() => tf.maxPool(t(shape, 11).expandDims(1) as tf.Tensor4D, [1, f], [1, s], pad));
  });

  it('ties keep the value, NaN is skipped as on cpu', async () => {
    await same(() => {
      const v = new Float32Array(2 * 6 * 4).map((_, i) => (i % 7 === 0 ? NaN : i % 3 === 0 ? 1 : -0.5 * (i % 5)));
      return tf.maxPool(tf.tensor4d(v, [2, 1, 6, 4]), [1, 2], [1, 2], 'valid');
    });
  });
});

describe('Max (contiguous axes, kept axes after) on wasm equals the cpu backend', () => {
  it.each([
    [[3, 50, 8], 1],
    [[3, 50, 8], [0, 1]],
    [[2, 3, 4, 8], [1, 2]],
    [[3, 50, 6], 1], // B % 4 != 0: stock
    [[3, 50, 8], 2], // innermost: stock
  ])('%o over %o', async (shape, axis) => {
    await same(() => [tf.max(t(shape, 21), axis), tf.max(t(shape, 22), axis, true)]);
  });

  it('NaN propagates like cpu; global max pooling layer', async () => {
    const fn = () => {
      const v = randomArray(2 * 9 * 4, 5);
      v[13] = NaN;
      return tf.max(tf.tensor3d(v, [2, 9, 4]), 1);
    };
    const [ref] = await onBackend('cpu', fn);
    const [got] = await onBackend('wasm', fn);
    expect(Number.isNaN(ref[1])).toBe(true);
    expect(Array.from(got).map(String)).toEqual(Array.from(ref).map(String));
    await same(() => tf.layers.globalMaxPooling1d().apply(t([2, 9, 8], 6)) as tf.Tensor);
  });
});

describe('FusedConv2D (conv1d shapes, bias, ReLU) on wasm matches the cpu backend', () => {
  type F = [n: number, w: number, cin: number, cout: number, k: number, s: number, bias: boolean, act: 'linear' | 'relu' | 'elu'];
  const cases: F[] = [
    [3, 57, 1, 32, 7, 1, true, 'relu'],
    [3, 57, 32, 32, 7, 2, true, 'relu'],
    [2, 40, 8, 12, 9, 1, true, 'linear'],
    [2, 40, 16, 16, 5, 3, false, 'relu'],
    [2, 5, 8, 8, 9, 1, true, 'relu'], // kernel longer than the input: edge path only
    [2, 30, 8, 8, 3, 1, false, 'linear'],
    [2, 30, 8, 6, 3, 1, true, 'relu'], // Cout % 4 != 0: stock
    [2, 30, 8, 8, 3, 1, true, 'elu'], // other activation: stock
  ];
  it.each(cases.map((c, i) => [i, c] as const))('case %i %o', async (i, c) => {
    const [n, w, cin, cout, k, s, bias, act] = c;
    await same(
      () =>
        tf.fused.conv2d({
          x: t([n, 1, w, cin], 900 + i) as tf.Tensor4D,
          filter: t([1, k, cin, cout], 950 + i) as tf.Tensor4D,
          strides: [1, s],
          pad: 'same',
          bias: bias ? t([cout], 980 + i) : undefined,
          activation: act,
        }),
      1e-5,
    );
  });
});
