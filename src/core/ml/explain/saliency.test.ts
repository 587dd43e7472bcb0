import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { afterAll, describe, expect, it } from 'vitest';
import { registerWasmKernels } from '../kernels';
import { buildModel, MODEL_KINDS } from '../models';
import { gradCam, lastConvLayer, resampleCentres } from './gradcam';
import { blurBaseline, completenessError, integratedGradients } from './integratedGradients';
import { binStrip, saliencyStrip } from './strip';
import { toTimeMajor } from './types';

afterAll(async () => {
  await tf.setBackend('cpu');
});

const wave = (n: number, nLeads: number) => {
  const x = new Float32Array(n * nLeads);
  for (let t = 0; t < n; t++) for (let l = 0; l < nLeads; l++) x[t * nLeads + l] = Math.sin((t * (l + 1)) / 7) + 0.3 * Math.cos(t / 3);
  return x;
};

function smallNet(nSamples: number, nLeads: number, seed: number): tf.LayersModel {
  const input = tf.input({ shape: [nSamples, nLeads] });
  let h = tf.layers.conv1d({ filters: 6, kernelSize: 5, padding: 'same', activation: 'relu', kernelInitializer: tf.initializers.glorotNormal({ seed }) }).apply(input) as tf.SymbolicTensor;
  h = tf.layers.globalAveragePooling1d({}).apply(h) as tf.SymbolicTensor;
  const out = tf.layers.dense({ units: 3, kernelInitializer: tf.initializers.glorotNormal({ seed: seed + 1 }) }).apply(h) as tf.SymbolicTensor;
  return tf.model({ inputs: input, outputs: out });
}

describe('integrated gradients: completeness (cpu backend)', () => {
  it('Σ attr ≈ f(x) − f(baseline) within 2 % for zeros and blurred baselines, logit and probability', async () => {
    await tf.setBackend('cpu');
    const m = smallNet(64, 3, 11);
    const x = wave(64, 3);
    for (const baseline of ['zeros', 'blur'] as const) {
      for (const activation of ['none', 'softmax'] as const) {
        const a = integratedGradients(m, x, { output: 1, activation, baseline, steps: 64, batchSize: 24 });
        expect(Math.abs(a.value - a.baselineValue!)).toBeGreaterThan(1e-3);
        expect(completenessError(a), `${baseline}/${activation}`).toBeLessThan(0.02);
      }
    }
    // fewer steps: the trapezoid error grows (so the check above can fail)
    const coarse = integratedGradients(m, x, { output: 1, baseline: 'zeros', steps: 1 });
    expect(completenessError(coarse)).toBeGreaterThan(completenessError(integratedGradients(m, x, { output: 1, steps: 64 })));
    m.dispose();
  });

  it('a linear model: attributions are exactly w ⊙ (x − b)', async () => {
    await tf.setBackend('cpu');
    const input = tf.input({ shape: [10, 2] });
    const flat = tf.layers.flatten().apply(input) as tf.SymbolicTensor;
    const m = tf.model({ inputs: input, outputs: tf.layers.dense({ units: 1, kernelInitializer: tf.initializers.randomNormal({ seed: 5 }) }).apply(flat) as tf.SymbolicTensor });
    const w = (m.layers[2].getWeights()[0].dataSync() as Float32Array).slice();
    const x = wave(10, 2);
    const a = integratedGradients(m, x, { output: 0, steps: 4 });
    for (let i = 0; i < 20; i++) expect(a.attr[i]).toBeCloseTo(w[i] * x[i], 5);
    // Grad-CAM has no convolution to use here: it falls back
    const g = gradCam(m, x, { output: 0 });
    expect(g.method).toBe('integrated-gradients');
    expect(g.fallback).toMatch(/no convolution/);
    m.dispose();
  });
});

describe('cpu and wasm backends agree', () => {
  it('Grad-CAM and integrated gradients of the same model and record', async () => {
    const m = smallNet(64, 3, 21);
    const x = wave(64, 3);
    const run = async (backend: 'cpu' | 'wasm') => {
      await tf.setBackend(backend);
      if (backend === 'wasm') registerWasmKernels();
      return [gradCam(m, x, { output: 0 }), integratedGradients(m, x, { output: 0, steps: 16 })];
    };
    const [gc, ig] = await run('cpu');
    const [gw, iw] = await run('wasm');
    const close = (a: Float32Array, b: Float32Array) => {
      let mx = 0;
      for (const v of a) mx = Math.max(mx, Math.abs(v));
      expect(mx).toBeGreaterThan(0);
      for (let i = 0; i < a.length; i++) expect(Math.abs(a[i] - b[i])).toBeLessThan(1e-4 * mx + 1e-7);
    };
    close(gc.attr, gw.attr);
    close(ig.attr, iw.attr);
    m.dispose();
  });
});

describe('Grad-CAM on every zoo model (wasm backend)', () => {
  it.each(MODEL_KINDS)('%s: last convolution found, map ≥ 0 over [samples × leads], nothing leaks', async (kind) => {
    await tf.setBackend('wasm');
    registerWasmKernels();
    const nSamples = 200, nLeads = 2;
    const m = buildModel({ kind, nLeads, nSamples, nOut: 3, seed: 1 });
    const layer = lastConvLayer(m);
    expect(layer?.getClassName()).toMatch(/^Conv/);
    const x = wave(nSamples, nLeads);
    gradCam(m, x, { output: 2 });
    const before = tf.memory().numTensors;
    const a = gradCam(m, x, { output: 2, activation: 'sigmoid' });
    expect(tf.memory().numTensors).toBe(before);
    expect(a.layerName).toBe(layer!.name);
    expect(a.attr.length).toBe(nSamples * nLeads);
    expect(a.attr.every((v) => Number.isFinite(v) && v >= 0)).toBe(true);
    const ig = integratedGradients(m, x, { output: 0, steps: 4, batchSize: 5 });
    expect(ig.attr.every(Number.isFinite)).toBe(true);
    expect(tf.memory().numTensors).toBe(before);
    m.dispose();
  });
});

describe('reductions and helpers', () => {
  it('strip: Σ|attr| over leads, max 1; lead totals sum to 1; bins keep the maximum', () => {
    const attr = Float32Array.from([1, -1, 0, 2, -4, 0]); // 3 samples × 2 leads
    const s = saliencyStrip({ attr, nSamples: 3, nLeads: 2 });
    expect(Array.from(s.strip)).toEqual([0.5, 0.5, 1]);
    expect(Array.from(s.leadTotals)).toEqual([5 / 8, 3 / 8]);
    expect(s.perLead[4]).toBe(1);
    expect(Array.from(binStrip(Float32Array.from([0.1, 0.9, 0.2, 0.3]), 2))).toEqual([Float32Array.from([0.9])[0], Float32Array.from([0.3])[0]]);
    expect(Array.from(saliencyStrip({ attr: new Float32Array(4), nSamples: 2, nLeads: 2 }).leadTotals)).toEqual([0, 0]);
  });

  it('layouts, resampling and the blurred baseline', () => {
    expect(Array.from(toTimeMajor([1, 2, 3, 4, 5, 6], 2, 3))).toEqual([1, 4, 2, 5, 3, 6]);
    expect(Array.from(resampleCentres([0, 1], 4))).toEqual([0, 0.25, 0.75, 1]);
    const flat = blurBaseline(Float32Array.from([2, 2, 2, 2, 2]), 5, 1, 1.5);
    for (const v of flat) expect(v).toBeCloseTo(2, 6);
    const spike = blurBaseline(Float32Array.from([0, 0, 9, 0, 0]), 5, 1, 1);
    expect(spike[2]).toBeLessThan(9);
    expect(spike[1]).toBeGreaterThan(0);
  });
});
