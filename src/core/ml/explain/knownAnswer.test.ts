/**
 * Known answer: a tiny CNN trained to tell wide from narrow QRS complexes on synthetic lead-II records whose
 * P and T waves do not depend on the class (QT − QRS held fixed, so the T wave has the same width). Only the QRS
 * carries the answer, so the saliency mass of both methods must fall inside the QRS windows (the synthesizer's
 * exact qrsOn..qrsOff) far more than the share of the time axis those windows take.
 */
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerWasmKernels } from '../kernels';
import { NO_NOISE, presetParams, Rng, synthesize, type SynthRecord } from '../../signal';
import { gradCam } from './gradcam';
import { integratedGradients } from './integratedGradients';
import { massFraction, saliencyStrip } from './strip';

const FS = 100;
const SECONDS = 2;
const N_SAMPLES = FS * SECONDS;

function record(wide: boolean, rng: Rng, seed: number): SynthRecord {
  const qrsMs = wide ? 120 + 30 * rng.next() : 60 + 25 * rng.next();
  const p = { ...presetParams('normal'), hrBpm: 60 + 40 * rng.next(), rrStdMs: 0, rsaMs: 0, qrsMs, qtMode: 'direct' as const, qtMs: qrsMs + 260, jitter: 0 };
  return synthesize(p, { fs: FS, seconds: SECONDS, leads: '1', seed, noise: { ...NO_NOISE, emgMv: 0.01 } });
}

function makeSet(n: number, seed: number) {
  const rng = new Rng(seed);
  const recs: SynthRecord[] = [];
  const labels: number[] = [];
  for (let i = 0; i < n; i++) {
    const wide = i % 2 === 1;
    recs.push(record(wide, rng, seed * 1000 + i));
    labels.push(wide ? 1 : 0);
  }
  const x = new Float32Array(n * N_SAMPLES);
  recs.forEach((r, i) => x.set(r.signals[0].subarray(0, N_SAMPLES), i * N_SAMPLES));
  return { recs, labels, x };
}

const inQrs = (r: SynthRecord) => (t: number) => r.beats.some((b) => b.qrsOn >= 0 && t >= b.qrsOn && t <= b.qrsOff);

/** Two convolutions (the last one is Grad-CAM's), global max pooling over time, a linear read-out. */
function smallConvNet(nOut = 2): tf.LayersModel {
  const input = tf.input({ shape: [N_SAMPLES, 1] });
  const init = (seed: number) => tf.initializers.heNormal({ seed });
  let h = tf.layers.conv1d({ filters: 8, kernelSize: 7, padding: 'same', activation: 'relu', kernelInitializer: init(1) }).apply(input) as tf.SymbolicTensor;
  h = tf.layers.conv1d({ filters: 8, kernelSize: 5, padding: 'same', activation: 'relu', kernelInitializer: init(2) }).apply(h) as tf.SymbolicTensor;
  h = tf.layers.globalMaxPooling1d({}).apply(h) as tf.SymbolicTensor;
  const out = tf.layers.dense({ units: nOut, kernelInitializer: tf.initializers.glorotUniform({ seed: 3 }) }).apply(h) as tf.SymbolicTensor;
  return tf.model({ inputs: input, outputs: out });
}

let model: tf.LayersModel;
let test: ReturnType<typeof makeSet>;

beforeAll(async () => {
  // wasm: the cpu backend's convolution gradients are ~100× slower; the cpu backend is covered in saliency.test.ts
  await tf.setBackend('wasm');
  registerWasmKernels();
  const train = makeSet(256, 7);
  test = makeSet(16, 99);
  model = smallConvNet();
  model.compile({ optimizer: tf.train.adam(0.005), loss: (yt: tf.Tensor, yp: tf.Tensor) => tf.losses.softmaxCrossEntropy(yt, yp) });
  const xs = tf.tensor3d(train.x, [train.labels.length, N_SAMPLES, 1]);
  const ys = tf.oneHot(tf.tensor1d(train.labels, 'int32'), 2);
  await model.fit(xs, ys, { epochs: 30, batchSize: 32, shuffle: false, verbose: 0 });
  tf.dispose([xs, ys]);
});
afterAll(async () => {
  model?.dispose();
  await tf.setBackend('cpu');
});

describe('saliency known answer: wide vs narrow QRS', () => {
  it('the model solves the task (so the known answer applies)', () => {
    const pred = tf.tidy(() => model.predict(tf.tensor3d(test.x, [test.labels.length, N_SAMPLES, 1])) as tf.Tensor).argMax(-1);
    const p = Array.from(pred.dataSync());
    pred.dispose();
    const acc = p.filter((v, i) => v === test.labels[i]).length / p.length;
    expect(acc).toBeGreaterThanOrEqual(0.9);
  });

  for (const method of ['integrated-gradients', 'grad-cam'] as const) {
    it(`${method}: the mass inside the QRS windows is ≥ 2× their share of the time axis`, () => {
      const ratios: number[] = [];
      for (let i = 0; i < test.recs.length; i++) {
        const r = test.recs[i];
        const x = test.x.slice(i * N_SAMPLES, (i + 1) * N_SAMPLES);
        const target = { output: test.labels[i] };
        const a = method === 'grad-cam' ? gradCam(model, x, target) : integratedGradients(model, x, { ...target, steps: 32 });
        expect(a.attr.length).toBe(N_SAMPLES);
        const inside = inQrs(r);
        let nIn = 0;
        for (let t = 0; t < N_SAMPLES; t++) if (inside(t)) nIn++;
        ratios.push(massFraction(a, inside) / (nIn / N_SAMPLES));
        expect(saliencyStrip(a).strip.some((v) => v === 1)).toBe(true);
      }
      const mean = ratios.reduce((s, v) => s + v, 0) / ratios.length;
      console.log(`${method}: mass-in-QRS / time-share, mean ${mean.toFixed(2)}, min ${Math.min(...ratios).toFixed(2)} (n = ${ratios.length})`);
      expect(mean).toBeGreaterThanOrEqual(2);
    });
  }

  it('no tensors leak across explanations', () => {
    const x = test.x.slice(0, N_SAMPLES);
    gradCam(model, x, { output: 0 });
    integratedGradients(model, x, { output: 0, steps: 8, baseline: 'blur' });
    const before = tf.memory().numTensors;
    gradCam(model, x, { output: 1, activation: 'softmax' });
    integratedGradients(model, x, { output: 1, steps: 8, baseline: 'blur' });
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe('saliency known answer: regression of the QRS duration', () => {
  let reg: tf.LayersModel;
  beforeAll(async () => {
    const train = makeSet(256, 8);
    reg = smallConvNet(1);
    reg.compile({ optimizer: tf.train.adam(0.005), loss: 'meanSquaredError' });
    const xs = tf.tensor3d(train.x, [train.labels.length, N_SAMPLES, 1]);
    const ys = tf.tensor2d(train.recs.map((r) => r.labels.qrs_ms / 100), [train.recs.length, 1]);
    await reg.fit(xs, ys, { epochs: 30, batchSize: 32, shuffle: false, verbose: 0 });
    tf.dispose([xs, ys]);
  });
  afterAll(() => reg?.dispose());

  it('the regression target (output 0) is explained by the QRS windows, for both methods', () => {
    const pred = tf.tidy(() => reg.predict(tf.tensor3d(test.x, [test.labels.length, N_SAMPLES, 1])) as tf.Tensor).dataSync();
    const truth = test.recs.map((r) => r.labels.qrs_ms / 100);
    const mae = truth.reduce((s, v, i) => s + Math.abs(v - pred[i]), 0) / truth.length;
    expect(mae).toBeLessThan(0.15); // < 15 ms on a 60–150 ms range
    for (const method of ['integrated-gradients', 'grad-cam'] as const) {
      const ratios = test.recs.map((r, i) => {
        const x = test.x.slice(i * N_SAMPLES, (i + 1) * N_SAMPLES);
        const a = method === 'grad-cam' ? gradCam(reg, x, { output: 0 }) : integratedGradients(reg, x, { output: 0, steps: 32 });
        const inside = inQrs(r);
        let nIn = 0;
        for (let t = 0; t < N_SAMPLES; t++) if (inside(t)) nIn++;
        return massFraction(a, inside) / (nIn / N_SAMPLES);
      });
      const mean = ratios.reduce((s, v) => s + v, 0) / ratios.length;
      console.log(`regression, ${method}: mass-in-QRS / time-share, mean ${mean.toFixed(2)}, min ${Math.min(...ratios).toFixed(2)}, MAE ${(mae * 100).toFixed(1)} ms (n = ${ratios.length})`);
      expect(mean).toBeGreaterThanOrEqual(2);
    }
  });
});
