/**
 * The saliency path the training worker runs for a drilled-down record: a stored model file is loaded, the
 * record goes through the run's preprocessing (lead selection by name, z-score) and the explanation comes back
 * reduced to a strip. Known answer end to end: a model that tells wide from narrow QRS complexes (P and T waves
 * independent of the class) gets a strip whose mass sits inside the synthesizer's exact QRS windows.
 */
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerWasmKernels } from '../kernels';
import { exportModel } from '../modelExport';
import type { ModelFile } from '../modelFile';
import { NO_NOISE, presetParams, Rng, synthesize, type SynthRecord } from '../../signal';
import { assembleBatch, resolveLeads } from '../../data/batching';
import type { EcgDataset } from '../../data/dataset';
import { datasetDrillSamples, syntheticDrillRecord, syntheticIndexOf } from '../../data/drillRecord';
import { defaultSyntheticSpec, generateSyntheticDataset } from '../../data/synthDataset';
import { explainRequest, modelInput } from './record';
import type { ExplainPrep, RecordSamples } from './request';

const FS = 100;
const N = 200;
const LEADS = ['II', 'V2'];

function record(wide: boolean, rng: Rng, seed: number): SynthRecord {
  const qrsMs = wide ? 120 + 30 * rng.next() : 60 + 25 * rng.next();
  const p = { ...presetParams('normal'), hrBpm: 60 + 40 * rng.next(), rrStdMs: 0, rsaMs: 0, qrsMs, qtMode: 'direct' as const, qtMs: qrsMs + 260 };
  return synthesize(p, { fs: FS, seconds: 2, leads: '12', seed, noise: { ...NO_NOISE, emgMv: 0.01 } });
}

/** Records as a 12-lead dataset (record, lead, time) and each one as the samples a host hands over. */
function makeSet(n: number, seed: number) {
  const rng = new Rng(seed);
  const recs = Array.from({ length: n }, (_, i) => record(i % 2 === 1, rng, seed * 1000 + i));
  const leadNames = [...recs[0].leadNames];
  const x = new Float32Array(n * 12 * N);
  recs.forEach((r, i) => r.signals.forEach((s, l) => x.set(s.subarray(0, N), (i * 12 + l) * N)));
  const ds: EcgDataset = { id: 'qrs', name: 'qrs', fingerprint: '', source: 'imported', fs: FS, nLeads: 12, nSamples: N, leadNames, n, x, recordNames: recs.map((_, i) => `r${i}`) };
  return { recs, labels: recs.map((_, i) => i % 2), ds };
}

const prep: ExplainPrep = { scaling: 'zscore', leads: LEADS };

describe('records of a run by id', () => {
  it('a synthetic record synthesized again has the generated dataset’s samples and labels', () => {
    const spec = { ...defaultSyntheticSpec(), n: 12, seconds: 2 };
    const ds = generateSyntheticDataset(spec);
    for (const i of [0, 5, 11]) {
      const id = ds.recordNames[i];
      expect(syntheticIndexOf(spec, id)).toBe(i);
      const got = syntheticDrillRecord(spec, id)!;
      expect(Array.from(got.samples.x)).toEqual(Array.from(ds.x.subarray(i * 12 * ds.nSamples, (i + 1) * 12 * ds.nSamples)));
      expect(got.view.classes).toEqual([ds.classes![ds.y!.subarray(i * ds.classes!.length, (i + 1) * ds.classes!.length).indexOf(1)]]);
      expect(got.view.values.qt_ms).toBeCloseTo(ds.targets!.qt_ms![i], 3);
      expect(got.view.beats!.length).toBeGreaterThan(0);
    }
    expect(syntheticDrillRecord(spec, '00013')).toBeUndefined();
    expect(syntheticDrillRecord(spec, 'abc')).toBeUndefined();
  });

  it('modelInput equals the training batch of that record (lead subset by name, z-score)', () => {
    const { ds } = makeSet(3, 5);
    const got = datasetDrillSamples(ds, 'r2')!;
    expect(got.index).toBe(2);
    const batch = assembleBatch(ds, [2], { scaling: 'zscore', leadIndices: resolveLeads(ds, LEADS) });
    expect(Array.from(modelInput(got.samples, prep))).toEqual(Array.from(batch));
    expect(datasetDrillSamples(ds, 'nope')).toBeUndefined();
  });
});

describe('explainRequest: the worker’s saliency of a drilled-down record (wasm backend)', () => {
  let file: ModelFile;
  let test: ReturnType<typeof makeSet>;
  beforeAll(async () => {
    await tf.setBackend('wasm');
    registerWasmKernels();
    const train = makeSet(256, 7);
    test = makeSet(12, 99);
    const input = tf.input({ shape: [N, LEADS.length] });
    const init = (seed: number) => tf.initializers.heNormal({ seed });
    let h = tf.layers.conv1d({ filters: 8, kernelSize: 7, padding: 'same', activation: 'relu', kernelInitializer: init(1) }).apply(input) as tf.SymbolicTensor;
    h = tf.layers.conv1d({ filters: 8, kernelSize: 5, padding: 'same', activation: 'relu', kernelInitializer: init(2) }).apply(h) as tf.SymbolicTensor;
    h = tf.layers.globalMaxPooling1d({}).apply(h) as tf.SymbolicTensor;
    const out = tf.layers.dense({ units: 2, kernelInitializer: tf.initializers.glorotUniform({ seed: 3 }) }).apply(h) as tf.SymbolicTensor;
    const model = tf.model({ inputs: input, outputs: out });
    model.compile({ optimizer: tf.train.adam(0.005), loss: (yt: tf.Tensor, yp: tf.Tensor) => tf.losses.softmaxCrossEntropy(yt, yp) });
    const idx = Array.from({ length: train.ds.n }, (_, i) => i);
    const xs = tf.tensor3d(assembleBatch(train.ds, idx, { scaling: 'zscore', leadIndices: resolveLeads(train.ds, LEADS) }), [train.ds.n, N, LEADS.length]);
    const ys = tf.oneHot(tf.tensor1d(train.labels, 'int32'), 2);
    await model.fit(xs, ys, { epochs: 30, batchSize: 32, shuffle: false, verbose: 0 });
    const pred = tf.tidy(() => (model.predict(tf.tensor3d(assembleBatch(test.ds, test.labels.map((_, i) => i), { scaling: 'zscore', leadIndices: resolveLeads(test.ds, LEADS) }), [test.ds.n, N, 2])) as tf.Tensor).argMax(-1).dataSync());
    expect(Array.from(pred).filter((p, i) => p === test.labels[i]).length / test.labels.length).toBeGreaterThanOrEqual(0.9);
    file = await exportModel('qrs', model);
    tf.dispose([xs, ys]);
    model.dispose();
  });
  afterAll(async () => {
    await tf.setBackend('cpu');
  });

  const samplesOf = (i: number): RecordSamples => datasetDrillSamples(test.ds, `r${i}`)!.samples;

  for (const method of ['grad-cam', 'integrated-gradients'] as const) {
    it(`${method}: the strip's mass inside the QRS windows is ≥ 2× their share of the time axis; nothing stays in memory`, async () => {
      const before = tf.memory().numTensors;
      const ratios: number[] = [];
      for (let i = 0; i < test.recs.length; i++) {
        const ans = await explainRequest({ stage: 'qrs', model: file, record: samplesOf(i), prep, output: test.labels[i], method });
        if (!ans.ok) throw new Error(ans.error);
        const e = ans.explanation;
        expect(e.method).toBe(method);
        expect(e.leads).toEqual(LEADS);
        expect(e.strip.length).toBe(N);
        expect(e.perLead.length).toBe(N * LEADS.length);
        expect(e.leadTotals.reduce((s, v) => s + v, 0)).toBeCloseTo(1, 5);
        const inside = (t: number) => test.recs[i].beats.some((b) => b.qrsOn >= 0 && t >= b.qrsOn && t <= b.qrsOff);
        let mIn = 0, mAll = 0, nIn = 0;
        for (let t = 0; t < N; t++) {
          mAll += e.strip[t];
          if (inside(t)) {
            mIn += e.strip[t];
            nIn++;
          }
        }
        ratios.push(mIn / mAll / (nIn / N));
      }
      const mean = ratios.reduce((s, v) => s + v, 0) / ratios.length;
      const sd = Math.sqrt(ratios.reduce((s, v) => s + (v - mean) ** 2, 0) / (ratios.length - 1));
      const half = (2.201 * sd) / Math.sqrt(ratios.length); // t(0.975, 11 df)
      console.log(`explainRequest ${method}: strip mass in QRS / time share, mean ${mean.toFixed(2)} [95 % CI ${(mean - half).toFixed(2)}, ${(mean + half).toFixed(2)}], min ${Math.min(...ratios).toFixed(2)} (n = ${ratios.length})`);
      expect(mean).toBeGreaterThanOrEqual(2);
      expect(tf.memory().numTensors).toBe(before);
    });
  }

  it('a record the model cannot take is an error answer naming the stage', async () => {
    const ans = await explainRequest({ stage: 'qrs', model: file, record: samplesOf(0), prep: { scaling: 'zscore', leads: ['II'] }, output: 0 });
    expect(ans.ok).toBe(false);
    if (!ans.ok) expect(ans.error).toMatch(/stage "qrs".*model takes 200 × 2/);
    const missing = await explainRequest({ stage: 'qrs', model: file, record: samplesOf(0), prep: { scaling: 'zscore', leads: ['II', 'X9'] }, output: 0 });
    expect(!missing.ok && missing.error).toMatch(/lacks lead\(s\) X9/);
  });
});
