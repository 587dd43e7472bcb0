import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { foldedPredictor, foldedPredictorAsync } from './infer';
import { registerWasmKernels } from './kernels';
import { randomArray, relError } from './kernels/testUtil';
import { buildModel, MODEL_KINDS, type ModelKind } from './models';

beforeAll(async () => {
  await tf.setBackend('wasm');
  registerWasmKernels();
  await tf.setBackend('cpu');
});
afterAll(async () => {
  await tf.setBackend('cpu');
});

/** Random weights everywhere, and non-trivial BN statistics: γ, β, μ in ±1, σ² in [0.25, 2.25). */
function randomize(model: tf.LayersModel, seed: number): void {
  let k = seed;
  for (const layer of model.layers) {
    const isBn = layer.getClassName() === 'BatchNormalization';
    const ws = layer.getWeights();
    if (!ws.length) continue;
    const names = layer.weights.map((w) => w.originalName);
    const next = ws.map((w, i) => {
      const r = randomArray(w.size, k++);
      if (isBn && names[i].endsWith('moving_variance')) for (let j = 0; j < r.length; j++) r[j] = 1.25 + r[j];
      else if (!isBn) for (let j = 0; j < r.length; j++) r[j] *= Math.sqrt(3 / Math.max(1, w.shape.slice(0, -1).reduce((a, b) => a * b, 1)));
      return tf.tensor(r, w.shape);
    });
    layer.setWeights(next);
    tf.dispose(next);
  }
}

/** A reference-style model: conv with bias → BN → ReLU → pool, conv with ReLU activation, BN without γ/β, GAP, dense. */
function buildMixed(nSamples: number, nLeads: number): tf.LayersModel {
  const input = tf.input({ shape: [nSamples, nLeads] });
  let x = tf.layers.conv1d({ filters: 8, kernelSize: 7, padding: 'same' }).apply(input) as tf.SymbolicTensor;
  x = tf.layers.batchNormalization({ epsilon: 1e-3 }).apply(x) as tf.SymbolicTensor;
  x = tf.layers.activation({ activation: 'relu' }).apply(x) as tf.SymbolicTensor;
  x = tf.layers.maxPooling1d({ poolSize: 2 }).apply(x) as tf.SymbolicTensor;
  x = tf.layers.conv1d({ filters: 12, kernelSize: 5, strides: 2, padding: 'valid', activation: 'relu' }).apply(x) as tf.SymbolicTensor;
  x = tf.layers.conv1d({ filters: 8, kernelSize: 3, padding: 'same', useBias: false }).apply(x) as tf.SymbolicTensor;
  x = tf.layers.batchNormalization({ center: false, scale: false }).apply(x) as tf.SymbolicTensor;
  x = tf.layers.globalAveragePooling1d().apply(x) as tf.SymbolicTensor;
  const out = tf.layers.dense({ units: 3 }).apply(x) as tf.SymbolicTensor;
  return tf.model({ inputs: input, outputs: out });
}

const SIZES: Record<ModelKind, { nSamples: number; nLeads: number }> = {
  inception1d: { nSamples: 48, nLeads: 3 },
  'inception1d-small': { nSamples: 64, nLeads: 8 },
  resnet1d: { nSamples: 64, nLeads: 8 },
  'resnet1d-deep': { nSamples: 64, nLeads: 2 },
  'tiny-cnn': { nSamples: 64, nLeads: 1 },
  lstm: { nSamples: 64, nLeads: 2 },
  gru: { nSamples: 64, nLeads: 2 },
  rnn: { nSamples: 64, nLeads: 2 },
  cnn2d: { nSamples: 64, nLeads: 3 },
  vit1d: { nSamples: 80, nLeads: 2 },
};
/** Kinds with no conv → BN pair to fold (2-D convs; the ViT's patch conv is fused but has no BN after it). */
const UNFOLDED: ModelKind[] = ['cnn2d', 'vit1d'];

async function check(backend: 'cpu' | 'wasm', build: () => tf.LayersModel, nSamples: number, nLeads: number, expectFused: boolean): Promise<void> {
  await tf.setBackend(backend);
  const model = build();
  randomize(model, 11);
  const x = tf.tensor3d(randomArray(5 * nSamples * nLeads, 7), [5, nSamples, nLeads]);
  const want = model.predict(x) as tf.Tensor;
  const before = tf.memory().numTensors;
  const p = foldedPredictor(model);
  const got = p.predict(x);
  expect(got.shape).toEqual(want.shape);
  const err = relError(got.dataSync() as Float32Array, want.dataSync() as Float32Array);
  expect(err).toBeLessThanOrEqual(1e-4);
  expect(p.fallback).toBe(false);
  if (expectFused) {
    expect(p.fusedConvs).toBeGreaterThan(0);
    expect(p.foldedBatchNorms).toBeGreaterThan(0);
  }
  got.dispose();
  p.dispose();
  expect(tf.memory().numTensors).toBe(before); // no leak: folded weights and intermediates freed
  tf.dispose([x, want]);
  model.dispose();
}

describe('foldedPredictor equals model.predict (random weights, random BN statistics)', () => {
  for (const backend of ['cpu', 'wasm'] as const) {
    it.each(MODEL_KINDS.map((k) => [k]))(`${backend}: %s`, async (kind) => {
      const { nSamples, nLeads } = SIZES[kind];
      await check(backend, () => buildModel({ kind, nSamples, nLeads, nOut: 4, seed: 3 }), nSamples, nLeads, !UNFOLDED.includes(kind));
    });
    it(`${backend}: conv with bias, conv with ReLU activation, 'valid' stride 2, BN without γ/β`, async () => {
      await check(backend, () => buildMixed(40, 2), 40, 2, true);
    });
  }

  it('folds conv → BN → ReLU blocks of resnet1d into single fused convs', async () => {
    await tf.setBackend('cpu');
    const model = buildModel({ kind: 'resnet1d', nSamples: 64, nLeads: 8, nOut: 4, seed: 3 });
    const p = foldedPredictor(model);
    // stem + 3 blocks × 2 convs + 2 projections (stages 2, 3): every conv, every conv BN
    expect(p.fusedConvs).toBe(9);
    expect(p.foldedBatchNorms).toBe(9);
    p.dispose();
    model.dispose();
  });

  it('falls back to model.predict for graphs it cannot walk (two outputs)', async () => {
    await tf.setBackend('cpu');
    const input = tf.input({ shape: [16, 2] });
    const a = tf.layers.conv1d({ filters: 4, kernelSize: 3, padding: 'same' }).apply(input) as tf.SymbolicTensor;
    const b = tf.layers.globalMaxPooling1d().apply(a) as tf.SymbolicTensor;
    const model = tf.model({ inputs: input, outputs: [a, b] });
    const p = foldedPredictor(model);
    expect(p.fallback).toBe(true);
    model.dispose();
  });
});

describe('foldedPredictorAsync (the GPU-safe builder)', () => {
  it('reads every weight with data(), none with dataSync, and gives foldedPredictor’s bits', async () => {
    await tf.setBackend('cpu');
    const model = buildModel({ kind: 'resnet1d', nSamples: 64, nLeads: 3, nOut: 4, seed: 3 });
    randomize(model, 5);
    const x = tf.tensor3d(randomArray(4 * 64 * 3, 2), [4, 64, 3]);
    const spy = vi.spyOn(tf.Tensor.prototype, 'dataSync');
    const a = await foldedPredictorAsync(model);
    expect(spy).not.toHaveBeenCalled();
    spy.mockRestore();
    const b = foldedPredictor(model);
    expect(a.foldedBatchNorms).toBe(b.foldedBatchNorms);
    expect(a.foldedBatchNorms).toBeGreaterThan(0);
    const [ya, yb] = [a.predict(x), b.predict(x)];
    expect(Array.from(await ya.data())).toEqual(Array.from(await yb.data()));
    tf.dispose([ya, yb, x]);
    a.dispose();
    b.dispose();
    model.dispose();
  });
});

describe('conv → BN → ReLU → MaxPool as one wasm kernel (EcgFusedConvPool)', () => {
  it('the buildMixed and tiny-cnn pools join their convs; on wasm one kernel gives the two-op path\'s bits', async () => {
    const { CONV_POOL_KERNEL, convPoolConfig } = await import('./kernels');
    await tf.setBackend('wasm');
    for (const [build, nSamples, nLeads, pools] of [
      [() => buildMixed(90, 4), 90, 4, 1],
      [() => buildModel({ kind: 'tiny-cnn', nSamples: 200, nLeads: 1, nOut: 5, seed: 1 }), 200, 1, 2],
    ] as const) {
      const model = build();
      randomize(model, 3);
      const x = tf.tensor3d(randomArray(6 * nSamples * nLeads, 9), [6, nSamples, nLeads]);
      const p = foldedPredictor(model);
      expect(p.fusedPools).toBe(pools);
      const names = (await tf.profile(() => void p.predict(x).dispose())).kernelNames;
      expect(names).toContain(CONV_POOL_KERNEL);
      const fused = p.predict(x);
      tf.unregisterKernel(CONV_POOL_KERNEL, 'wasm'); // now: FusedConv2D, then MaxPool
      try {
        const names2 = (await tf.profile(() => void p.predict(x).dispose())).kernelNames;
        expect(names2).not.toContain(CONV_POOL_KERNEL);
        const twoOps = p.predict(x);
        const a = fused.dataSync();
        const b = twoOps.dataSync();
        expect(a.length).toBe(b.length);
        let bad = -1;
        for (let i = 0; i < a.length && bad < 0; i++) if (!Object.is(a[i], b[i])) bad = i;
        expect(bad).toBe(-1);
        twoOps.dispose();
      } finally {
        tf.registerKernel(convPoolConfig);
      }
      tf.dispose([fused, x]);
      p.dispose();
      model.dispose();
    }
    await tf.setBackend('cpu');
  });
});
