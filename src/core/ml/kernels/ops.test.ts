import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { registerWasmKernels, unregisterWasmKernels, wasmKernelNames } from './index';
import { simd } from './runtime/simd';
import { onBackend, randomArray, relError } from './testUtil';

beforeAll(async () => {
  await tf.setBackend('wasm');
  registerWasmKernels();
});

const t = (shape: number[], seed: number) => tf.tensor(randomArray(shape.reduce((a, b) => a * b, 1), seed), shape);

async function same(f: () => tf.Tensor | tf.Tensor[], tol = 1e-5): Promise<void> {
  const ref = await onBackend('cpu', f);
  const got = await onBackend('wasm', f);
  expect(got.length).toBe(ref.length);
  for (let i = 0; i < ref.length; i++) expect(relError(got[i], ref[i])).toBeLessThanOrEqual(tol);
}

describe('custom wasm kernels match the cpu backend', () => {
  it('loads the SIMD module on the tfjs heap', async () => {
    await tf.setBackend('wasm');
    expect(simd(tf.backend() as never)).not.toBeNull();
  });

  it.each([
    [[4, 300, 32], [0, 1], false],
    [[1, 5, 200, 7], [0, 1, 2], true],
    [[6, 100, 9], [1], false],
    [[3, 50, 4, 5], [1, 2], true],
    [[200, 16], [0], false],
    [[7, 300], [1], false], // innermost: stock path
    [[10, 20, 30], [0, 2], false], // not contiguous: stock path
  ] as const)('Sum/Mean of %o over %o (keepDims %s)', async (shape, axes, keep) => {
    await same(() => [t([...shape], 1).sum([...axes], keep), t([...shape], 2).mean([...axes], keep)]);
  });

  it.each([
    [[1, 1, 5], [4, 3, 1]],
    [[2, 3], [3, 2]],
    [[1, 1, 1, 32], [8, 1, 50, 1]],
    [[3], [4]],
  ] as const)('Tile %o by %o', async (shape, reps) => {
    await same(() => [tf.tile(t([...shape], 3), [...reps]), tf.tile(t([...shape], 4).greater(0).toInt(), [...reps]).toFloat()], 0);
  });

  it.each([
    [2, 2, 'valid'],
    [3, 1, 'same'],
    [2, 2, 'same'],
    [3, 2, 'valid'],
  ] as const)('MaxPool1D gradient (pool %i, stride %i, %s)', async (pool, stride, pad) => {
    await same(() => {
      const x = t([3, 41, 5], 5);
      const r = t(tf.maxPool(x.reshape([3, 1, 41, 5]) as tf.Tensor4D, [1, pool], [1, stride], pad).shape, 6);
      return tf.grad((xx: tf.Tensor) => tf.maxPool(xx.reshape([3, 1, 41, 5]) as tf.Tensor4D, [1, pool], [1, stride], pad).mul(r).sum())(x);
    }, 1e-6);
  });

  it.each([
    [[3, 40, 1, 8], 3, 1, 'same'], // maxPooling1d as tfjs issues it: [N, W, 1, C] (InceptionTime pool branch)
    [[2, 33, 1, 6], 3, 1, 'same'], // SIMD lanes + scalar tail
    [[2, 1, 50, 13], 2, 2, 'valid'],
    [[2, 1, 31, 3], 3, 2, 'same'],
  ] as const)('MaxPool gradient with ties (first maximum wins) %o pool %i stride %i %s', async (shape, pool, stride, pad) => {
    await same(() => {
      const x = t([...shape], 20).mul(2).round(); // values in {-2..2}: many ties
      const f = [shape[1] === 1 ? 1 : pool, shape[2] === 1 ? 1 : pool] as [number, number];
      const s = [shape[1] === 1 ? 1 : stride, shape[2] === 1 ? 1 : stride] as [number, number];
      const r = t(tf.maxPool(x as tf.Tensor4D, f, s, pad).shape, 21);
      return tf.grad((xx: tf.Tensor) => tf.maxPool(xx as tf.Tensor4D, f, s, pad).mul(r).sum())(x);
    }, 1e-6);
  });

  it.each([
    [[[4, 7, 3], [4, 7, 5], [4, 7, 1]], 2],
    [[[4, 7, 3], [4, 2, 3], [4, 0, 3]], 1],
    [[[2, 3], [5, 3]], 0],
    [[[2, 1, 3], [2, 1, 3]], -1],
  ] as const)('Concat %o on axis %i (float, int, bool) and SplitV back', async (shapes, axis) => {
    await same(() => {
      const parts = shapes.map((sh, i) => t([...sh], 30 + i));
      const cat = tf.concat(parts, axis);
      const ints = tf.concat(parts.map((p) => p.mul(10).toInt()), axis).toFloat();
      const bools = tf.concat(parts.map((p) => p.greater(0)), axis).toFloat();
      const ax = axis < 0 ? shapes[0].length + axis : axis;
      const back = tf.split(cat, shapes.map((sh) => sh[ax]), axis);
      return [cat, ints, bools, ...back.filter((b) => b.size > 0)];
    }, 0);
  });

  it.each([
    [[6, 50, 8], [6, 1, 8]],
    [[6, 50, 8], [8]],
    [[1, 8], [6, 50, 1]],
    [[5, 1, 3, 1], [1, 4, 1, 2]],
    [[7, 9], []],
  ] as const)('broadcast comparisons %o vs %o', async (sa, sb) => {
    await same(() => {
      const a = t([...sa], 40).mul(2).round();
      const b = t([...sb], 41).mul(2).round();
      const ai = a.toInt();
      const bi = b.toInt();
      return [tf.equal(a, b), tf.notEqual(a, b), tf.greater(a, b), tf.greaterEqual(b, a), tf.less(ai, bi), tf.lessEqual(ai, bi)].map((r) => r.toFloat());
    }, 0);
  });

  it('global max-pool gradient (Max → Equal broadcast) equals cpu', async () => {
    await same(() => tf.grad((xx: tf.Tensor) => xx.max(1).square().sum())(t([4, 30, 6], 42).mul(2).round()), 1e-6);
  });

  it('MaxPool2D gradient', async () => {
    await same(() => tf.grad((xx: tf.Tensor) => tf.maxPool(xx as tf.Tensor4D, 3, 2, 'same').sum())(t([2, 9, 10, 3], 7)), 1e-6);
  });

  it('Identity shares memory and survives disposal of its input', async () => {
    await tf.setBackend('wasm');
    const a = t([5, 5], 8);
    const b = tf.engine().runKernel('Identity', { x: a }, {}) as tf.Tensor;
    const expected = a.dataSync().slice();
    a.dispose();
    expect(Array.from(b.dataSync())).toEqual(Array.from(expected));
    b.dispose();
  });

  it('batch-norm training gradients through a conv1d model equal cpu', async () => {
    await same(() => {
      const x = t([4, 64, 3], 10);
      const w = t([7, 3, 8], 11).mul(0.3);
      const gamma = t([8], 12).add(1);
      const beta = t([8], 13);
      const f = (xx: tf.Tensor, ww: tf.Tensor, g: tf.Tensor, b: tf.Tensor) => {
        const y = tf.conv1d(xx as tf.Tensor3D, ww as tf.Tensor3D, 1, 'same');
        const { mean, variance } = tf.moments(y, [0, 1]);
        const n = tf.batchNorm(y, mean, variance, b, g, 1e-5).relu();
        const p = tf.maxPool(n.reshape([4, 1, 64, 8]) as tf.Tensor4D, [1, 2], [1, 2], 'valid');
        return p.mean([1, 2]).square().sum();
      };
      return tf.grads(f)([x, w, gamma, beta]);
    }, 1e-4);
  });

  it.each([
    [[8, 40, 16], 1e-4],
    [[3, 50, 12], 1e-4],
    [[2, 30, 6], 1e-4], // C % 4 ≠ 0: stock gradient
    [[1, 20, 8], 1e-4], // fewer than 64 rows: stock gradient
  ] as const)('tfjs-layers batch norm (training) gradients for x, gamma, beta on %o', async (shape, tol) => {
    await same(() => {
      const layer = tf.layers.batchNormalization({
        epsilon: 1e-5,
        momentum: 0.9,
        gammaInitializer: tf.initializers.randomUniform({ minval: 0.5, maxval: 2, seed: 1 }),
        betaInitializer: tf.initializers.randomUniform({ minval: -1, maxval: 1, seed: 2 }),
      });
      const x = t([...shape], 50).mul(3).add(1);
      const r = t([...shape], 53);
      layer.apply(x, { training: true }); // builds the weights
      const [gamma, beta] = layer.trainableWeights.map((w) => w.read() as tf.Variable);
      const dx = tf.grad((xx: tf.Tensor) => (layer.apply(xx, { training: true }) as tf.Tensor).mul(r).sum())(x);
      const { grads } = tf.variableGrads(() => (layer.apply(x, { training: true }) as tf.Tensor).mul(r).square().sum() as tf.Scalar, [gamma, beta]);
      return [dx, grads[gamma.name], grads[beta.name]];
    }, tol);
  });

  it.each([
    [[4, 70, 8], [0, 1]],
    [[4, 70, 8], [1]],
    [[5, 9], [0, 1]],
    [[6, 7, 3], [2]],
  ] as const)('Mean gradient of %o over %o', async (shape, axes) => {
    await same(() => tf.grad((xx: tf.Tensor) => xx.mean([...axes]).mul(t(xx.mean([...axes]).shape, 61)).sum())(t([...shape], 60)), 1e-7);
  });

  it.each([
    [[4, 50, 16], true],
    [[1, 3, 20, 8], true],
    [[4, 50, 16], false], // no scale / offset
    [[5, 30, 6], true], // C % 4 ≠ 0: stock
  ] as const)('FusedBatchNorm forward on %o (scale and offset: %s)', async (shape, affine) => {
    await same(() => {
      const C = shape[shape.length - 1];
      const x = t([...shape], 70).mul(4).add(2);
      const mean = t([C], 71);
      const variance = t([C], 72).abs().add(0.1);
      return tf.batchNorm(x, mean, variance, affine ? t([C], 73) : undefined, affine ? t([C], 74).add(1) : undefined, 1e-5);
    }, 1e-6);
  });

  it('Cast to the same dtype shares memory; real casts convert (bool: x ≠ 0, unlike stock tfjs-wasm)', async () => {
    await same(() => {
      const x = t([4, 70], 80).mul(5);
      const xi = tf.cast(x, 'int32');
      return [tf.cast(x, 'float32'), xi.toFloat(), tf.cast(x, 'bool').toFloat(), tf.cast(xi, 'bool').toFloat(), tf.cast(xi, 'int32').toFloat()];
    }, 0);
    await tf.setBackend('wasm');
    const a = t([3, 3], 81);
    const b = tf.cast(a, 'float32');
    const expected = Array.from(a.dataSync());
    a.dispose();
    expect(Array.from(b.dataSync())).toEqual(expected);
    b.dispose();
  });

  it('can be unregistered and registered again', async () => {
    unregisterWasmKernels();
    registerWasmKernels({ set: 'required' });
    expect(tf.getKernel('Tile', 'wasm')?.kernelFunc).not.toBe(undefined);
    registerWasmKernels();
    expect(wasmKernelNames()).toContain('Conv2DBackpropFilter');
  });
});

describe('ReLU and max-reduction gradients: one pass on wasm, the cpu backend\'s bits', () => {
  /** Every element identical (Object.is: −0 and NaN included). */
  async function exact(f: () => tf.Tensor[]): Promise<void> {
    const ref = await onBackend('cpu', f);
    const got = await onBackend('wasm', f);
    await tf.setBackend('wasm');
    expect(got.length).toBe(ref.length);
    got.forEach((g, i) => {
      let bad = -1;
      for (let j = 0; j < g.length && bad < 0; j++) if (!Object.is(g[j], ref[i][j])) bad = j;
      expect(bad, `output ${i}: first difference at ${bad} (${g[bad]} vs ${ref[i][bad]})`).toBe(-1);
    });
  }
  const withSpecials = (shape: number[], seed: number) => {
    const v = randomArray(shape.reduce((a, b) => a * b, 1), seed);
    v[0] = 0;
    v[1] = -0;
    v[2] = NaN;
    v[5] = -3;
    return tf.tensor(v, shape);
  };

  it('ReLU: dx = dy·step(x) with zeros, −0, NaN and negative dy', async () => {
    const f = () => {
      const x = withSpecials([4, 50, 8], 3);
      const dy = t([4, 50, 8], 4);
      return [tf.grad((xx: tf.Tensor) => tf.relu(xx))(x, dy)];
    };
    const names = (await tf.profile(() => void tf.dispose(f()))).kernelNames;
    expect(names).toContain('EcgReluGrad');
    expect(names).not.toContain('Step');
    await exact(f);
  });

  it.each([
    [[4, 60, 16], [1], false],
    [[4, 60, 16], [1], true],
    [[2, 3, 10, 8], [1, 2], false],
    [[30, 12], [0], false],
  ] as const)('Max of %o over %o (keepDims %s): every tied maximum gets dy', async (shape, axes, keep) => {
    const f = () => {
      // values rounded to a few levels so the maxima tie
      const x = tf.round(tf.mul(t([...shape], 5), 2));
      const y = tf.max(x, [...axes], keep);
      const dy = t(y.shape, 6);
      return [tf.grad((xx: tf.Tensor) => tf.max(xx, [...axes], keep))(x, dy)];
    };
    const names = (await tf.profile(() => void tf.dispose(f()))).kernelNames;
    expect(names).toContain('EcgMaxGrad');
    await exact(f);
  });

  it('Max with kept axes not a multiple of 4 (or non-contiguous axes) takes tfjs\'s gradient, same bits', async () => {
    const f = () => {
      const x = tf.round(tf.mul(t([5, 20, 6], 7), 2));
      return [tf.grad((xx: tf.Tensor) => tf.max(xx, 1))(x, t([5, 6], 8)), tf.grad((xx: tf.Tensor) => tf.max(xx, [0, 2]))(x, t([20], 9))];
    };
    expect((await tf.profile(() => void tf.dispose(f()))).kernelNames).not.toContain('EcgMaxGrad');
    await exact(f);
  });
});
