/**
 * The zoo's batch-norm layer in training mode: the fused wasm path (kernels/backward/bnTraining.ts) against tfjs-layers'
 * composed path on the cpu backend — output, gradients for x, γ and β, and the moving averages — and a whole zoo
 * model's gradients; shapes it does not take fall back and still agree.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { registerWasmKernels } from '../index';
import { BN_STATS_KERNEL, BN_TRAIN_GRAD_KERNEL } from './bnTraining';
import { EcgBatchNormalization } from '../../models/batchNorm';
import { buildModel } from '../../models';
import { onBackend, randomArray, relError } from '../testUtil';

beforeAll(async () => {
  await tf.setBackend('wasm');
  await tf.ready();
  registerWasmKernels();
});

/** y, dL/dx, dL/dγ, dL/dβ (L = Σ y·r), moving mean and variance after one training-mode call. */
function bnStep(shape: number[], seed: number): tf.Tensor[] {
  const C = shape[shape.length - 1];
  const layer = new EcgBatchNormalization({ epsilon: 1e-5, momentum: 0.9 });
  layer.build(shape);
  const w = (n: number, s: number, scale: number, offset: number) => tf.tensor1d(Array.from(randomArray(n, s), (v) => v * scale + offset));
  layer.setWeights([w(C, seed + 1, 0.5, 1), w(C, seed + 2, 0.3, 0), w(C, seed + 3, 1, 0), w(C, seed + 4, 0.5, 1)]);
  // offset and scale per channel: the variance must survive a mean far from 0
  const x = tf.tensor(Array.from(randomArray(shape.reduce((a, b) => a * b), seed), (v, i) => v * (1 + (i % C)) + 5 * ((i % C) - 2)), shape);
  const r = tf.tensor(randomArray(x.size, seed + 5), shape);
  const [gamma, beta] = layer.trainableWeights.map((v) => v.read());
  const f = (xx: tf.Tensor, g: tf.Tensor, b: tf.Tensor) => {
    void g;
    void b;
    return tf.sum(tf.mul(layer.apply(xx, { training: true }) as tf.Tensor, r));
  };
  const y = layer.apply(x, { training: true }) as tf.Tensor;
  const moving = layer.getWeights().slice(2).map((t) => t.clone()); // after one update
  const { grads } = tf.variableGrads(() => f(x, gamma, beta) as tf.Scalar, layer.trainableWeights.map((v) => (v as unknown as { val: tf.Variable }).val));
  const dx = tf.grad((xx: tf.Tensor) => f(xx, gamma, beta))(x);
  const out = [y, dx, ...Object.values(grads), ...moving];
  tf.dispose(layer.weights.map((v) => (v as unknown as { val: tf.Variable }).val));
  return out;
}

function kernelsUsed(fn: () => tf.Tensor[]): Promise<string[]> {
  return tf.profile(() => {
    tf.dispose(fn());
  }).then((p) => p.kernelNames);
}

describe('batch norm, training mode: fused wasm path vs tfjs-layers on cpu', () => {
  const shapes = [[8, 100, 16], [4, 250, 32], [2, 64, 4], [300, 8]];
  for (const shape of shapes) {
    it(`[${shape}]: output ≤ 1e-5, gradients of x, γ, β ≤ 1e-4, moving averages ≤ 1e-6`, async () => {
      const names = await kernelsUsed(() => bnStep(shape, 7));
      expect(names).toContain(BN_STATS_KERNEL);
      expect(names).toContain(BN_TRAIN_GRAD_KERNEL);
      const fast = await onBackend('wasm', () => bnStep(shape, 7));
      const ref = await onBackend('cpu', () => bnStep(shape, 7));
      await tf.setBackend('wasm');
      const tol = [1e-5, 1e-4, 1e-4, 1e-4, 1e-6, 1e-6];
      expect(fast).toHaveLength(6);
      fast.forEach((a, i) => expect(relError(a, ref[i]), `output ${i}`).toBeLessThanOrEqual(tol[i]));
      // the moving variance really moved (the batch variance differs from the initial one)
      expect(relError(fast[5], ref[5])).toBeLessThan(1e-6);
    });
  }

  it('only with all our kernels registered: the stock-wasm set (required only) keeps tfjs-layers\' path', async () => {
    registerWasmKernels({ set: 'required' });
    try {
      expect(await kernelsUsed(() => bnStep([8, 100, 16], 7))).not.toContain(BN_STATS_KERNEL);
    } finally {
      registerWasmKernels();
    }
    expect(await kernelsUsed(() => bnStep([8, 100, 16], 7))).toContain(BN_STATS_KERNEL);
  });

  it('channels not a multiple of 4 fall back to tfjs-layers (same results as cpu)', async () => {
    const names = await kernelsUsed(() => bnStep([4, 50, 6], 3));
    expect(names).not.toContain(BN_STATS_KERNEL);
    const a = await onBackend('wasm', () => bnStep([4, 50, 6], 3));
    const b = await onBackend('cpu', () => bnStep([4, 50, 6], 3));
    await tf.setBackend('wasm');
    a.forEach((v, i) => expect(relError(v, b[i]), `output ${i}`).toBeLessThanOrEqual(1e-4));
  });

  it('a zoo model (resnet1d, 9 batch norms): every weight gradient of one step ≤ 1e-4 of cpu', async () => {
    const grads = () => {
      const model = buildModel({ kind: 'resnet1d', nSamples: 200, nLeads: 8, nOut: 5, seed: 2 });
      const x = tf.tensor(randomArray(8 * 200 * 8, 11), [8, 200, 8]);
      const y = tf.oneHot(tf.tensor1d([0, 1, 2, 3, 4, 0, 1, 2], 'int32'), 5);
      const { grads: g } = tf.variableGrads(() => tf.losses.softmaxCrossEntropy(y, model.apply(x, { training: true }) as tf.Tensor) as tf.Scalar);
      const out = model.trainableWeights.map((w) => g[(w as unknown as { val: tf.Variable }).val.name]);
      const keep = out.map((t) => t.clone());
      tf.dispose(Object.values(g));
      model.dispose();
      return keep;
    };
    const fast = await onBackend('wasm', grads);
    const ref = await onBackend('cpu', grads);
    await tf.setBackend('wasm');
    expect(fast.length).toBeGreaterThan(20);
    fast.forEach((a, i) => expect(relError(a, ref[i]), `weight ${i}`).toBeLessThanOrEqual(1e-4));
  });
});
