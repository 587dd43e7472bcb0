/**
 * Kernel threads in Node (worker_threads helpers): the wasm convolutions split over threads give the
 * single-threaded kernels' bits exactly, for every way of splitting (samples, output channels, taps, uneven parts),
 * a whole training step included; a helper that does not start or stops answering is survived.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { registerWasmKernels } from '../src/core/ml/kernels';
import { kernelThreadJobs, kernelThreads, kernelThreadsInfo, startKernelThreads, stopKernelThreads, type HelperHandle } from '../src/core/ml/kernels/threads';
import { buildModel } from '../src/core/ml/models';
import { startNodeKernelThreads } from './kernelThreads';

beforeAll(async () => {
  await tf.setBackend('wasm');
  await tf.ready();
  registerWasmKernels();
});
afterAll(() => stopKernelThreads());

function rand(shape: number[], seed: number): tf.Tensor {
  return tf.randomNormal(shape, 0, 1, 'float32', seed);
}

interface ConvCase { n: number; w: number; cin: number; cout: number; k: number; s: number; pad: 'same' | 'valid' }

// forward split by samples (n = 3 over 3 threads, n = 7 uneven); filter gradient by output channels (Cout 32, 24 with
// the 8-wide tile, 12 with the 4-wide one) or by taps (Cout 8: one tile), input gradient through the forward kernel
const CASES: ConvCase[] = [
  { n: 8, w: 300, cin: 16, cout: 32, k: 7, s: 1, pad: 'same' },
  { n: 7, w: 257, cin: 32, cout: 24, k: 9, s: 2, pad: 'same' },
  { n: 3, w: 500, cin: 8, cout: 8, k: 39, s: 1, pad: 'same' },
  { n: 16, w: 1200, cin: 12, cout: 12, k: 5, s: 3, pad: 'valid' },
  { n: 16, w: 250, cin: 32, cout: 64, k: 1, s: 1, pad: 'same' },
];

/** Output, filter gradient and input gradient of one conv1d (+ bias + ReLU through tf.fused.conv2d). */
function convResults(c: ConvCase): Float32Array[] {
  return tf.tidy(() => {
    const x = rand([c.n, c.w, c.cin], 1) as tf.Tensor3D;
    const f = rand([c.k, c.cin, c.cout], 2) as tf.Tensor3D;
    const bias = rand([c.cout], 3) as tf.Tensor1D;
    const loss = (xx: tf.Tensor, ff: tf.Tensor) => tf.conv1d(xx as tf.Tensor3D, ff as tf.Tensor3D, c.s, c.pad).square().sum();
    const [dx, df] = tf.grads(loss)([x, f]);
    const fused = tf.fused.conv2d({ x: x.expandDims(1) as tf.Tensor4D, filter: f.expandDims(0) as tf.Tensor4D, strides: [1, c.s], pad: c.pad, bias, activation: 'relu' });
    return [tf.conv1d(x, f, c.s, c.pad), fused, dx, df].map((t) => t.dataSync() as Float32Array);
  });
}

function firstDifference(a: Float32Array, b: Float32Array): number {
  if (a.length !== b.length) return -2;
  for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) return i;
  return -1;
}

describe('kernel threads (Node worker_threads)', () => {
  it('start: the helpers report ready and the kernels know the thread count', async () => {
    const info = await startNodeKernelThreads(3);
    expect(info).toEqual({ threads: 3 });
    expect(kernelThreads()).toBe(3);
    stopKernelThreads();
    expect(kernelThreads()).toBe(1);
    expect((await startNodeKernelThreads(1)).threads).toBe(1);
  });

  it('conv1d forward, fused forward and both gradients: the same bits on 1, 2 and 3 threads', async () => {
    stopKernelThreads();
    const single = CASES.map(convResults);
    for (const threads of [2, 3]) {
      expect((await startNodeKernelThreads(threads)).threads).toBe(threads);
      CASES.forEach((c, i) => {
        const jobs = kernelThreadJobs();
        const multi = convResults(c);
        expect(kernelThreadJobs() - jobs, `case ${i}: jobs handed to helpers`).toBeGreaterThanOrEqual(threads - 1);
        multi.forEach((m, j) => expect(firstDifference(m, single[i][j]), `case ${i} output ${j}, ${threads} threads`).toBe(-1));
      });
    }
    stopKernelThreads();
  });

  it('a training step of resnet1d (8 leads): identical weights after two Adam steps on 1 and 2 threads', async () => {
    const train = () => {
      const model = buildModel({ kind: 'resnet1d', nSamples: 500, nLeads: 8, nOut: 5, seed: 3 });
      const opt = tf.train.adam(1e-3);
      const x = rand([16, 500, 8], 4);
      const y = tf.oneHot(tf.tensor1d([0, 1, 2, 3, 4, 0, 1, 2, 3, 4, 0, 1, 2, 3, 4, 0], 'int32'), 5);
      for (let i = 0; i < 2; i++) tf.tidy(() => void opt.minimize(() => tf.losses.softmaxCrossEntropy(y, model.apply(x, { training: true }) as tf.Tensor) as tf.Scalar));
      const w = model.getWeights().map((t) => t.dataSync().slice() as Float32Array);
      tf.dispose([x, y]);
      opt.dispose();
      model.dispose();
      return w;
    };
    stopKernelThreads();
    const single = train();
    await startNodeKernelThreads(2);
    const jobs = kernelThreadJobs();
    const multi = train();
    expect(kernelThreadJobs() - jobs).toBeGreaterThan(20);
    stopKernelThreads();
    expect(multi.length).toBe(single.length);
    multi.forEach((m, i) => expect(firstDifference(m, single[i]), `weight ${i}`).toBe(-1));
  });

  it('inference (BN folded, conv + ReLU + max pool fused) of tiny-cnn: the same bits on 1 and 2 threads', async () => {
    const { foldedPredictor } = await import('../src/core/ml/infer');
    const model = buildModel({ kind: 'tiny-cnn', nSamples: 1000, nLeads: 1, nOut: 5, seed: 4 });
    const x = rand([16, 1000, 1], 5);
    const p = foldedPredictor(model);
    expect(p.fusedPools).toBe(2);
    stopKernelThreads();
    const single = p.predict(x).dataSync().slice();
    await startNodeKernelThreads(2);
    const jobs = kernelThreadJobs();
    const multi = p.predict(x).dataSync().slice();
    expect(kernelThreadJobs() - jobs).toBeGreaterThan(0);
    stopKernelThreads();
    expect(firstDifference(multi as Float32Array, single as Float32Array)).toBe(-1);
    p.dispose();
    model.dispose();
    x.dispose();
  });

  it('a page that is not cross-origin isolated: one thread, and the reason names the headers', async () => {
    const g = globalThis as { crossOriginIsolated?: boolean };
    g.crossOriginIsolated = false;
    try {
      const info = await startNodeKernelThreads(2);
      expect(info.threads).toBe(1);
      expect(info.reason).toMatch(/not cross-origin isolated \(COOP\/COEP headers\)/);
      expect(kernelThreadsInfo()).toEqual(info);
    } finally {
      delete g.crossOriginIsolated;
    }
  });

  it('a helper that never starts: one thread, with the reason', async () => {
    const silent: HelperHandle = { postMessage: () => {}, terminate: () => {} };
    const info = await startKernelThreads(2, () => silent, { timeoutMs: 100 });
    expect(info.threads).toBe(1);
    expect(info.reason).toMatch(/0 of 1 helper threads started/);
    expect(kernelThreads()).toBe(1);
  });

  it('a helper whose script fails: one thread at once, with the error', async () => {
    const { Worker } = await import('node:worker_threads');
    // The start timeout is far beyond the test's own limit: the outcome can only arrive from the helper's error event,
    // and a start that waited for the timeout would say "0 of 1 helper threads started" instead.
    const info = await startKernelThreads(2, () => new Worker(`throw new Error('no helper here')`, { eval: true }), { timeoutMs: 3_600_000 });
    expect(info.threads).toBe(1);
    expect(info.reason).toMatch(/failed to start: no helper here/);
    expect(info.reason).not.toMatch(/helper threads started/);
  });

  it('a helper that stops answering mid-run: the caller computes its part, results unchanged, threads stopped', async () => {
    stopKernelThreads();
    const expected = convResults(CASES[0]);
    const { Worker } = await import('node:worker_threads');
    const handles: { terminate(): unknown }[] = [];
    const { kernelHelperLoop } = await import('../src/core/ml/kernels/threads');
    const info = await startKernelThreads(2, () => {
      const w = new Worker(`var __name = (f) => f;\nrequire('node:worker_threads').parentPort.once('message', (m) => (${kernelHelperLoop.toString()})(m));`, { eval: true });
      w.unref();
      handles.push(w);
      return w;
    }, { jobTimeoutMs: 300 });
    expect(info.threads).toBe(2);
    await handles[0].terminate(); // behind the pool's back
    const got = convResults(CASES[0]);
    got.forEach((g, j) => expect(firstDifference(g, expected[j]), `output ${j}`).toBe(-1));
    expect(kernelThreads()).toBe(1);
    expect(kernelThreadsInfo().reason).toMatch(/did not answer within 300 ms/);
  });
});
