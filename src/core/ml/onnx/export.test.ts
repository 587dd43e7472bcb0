import { readFileSync } from 'node:fs';
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { assembleBatch } from '../../data/batching';
import { importFiles } from '../../data/importDataset';
import { defaultSyntheticSpec, generateSyntheticDataset } from '../../data/synthDataset';
import { dataPath, hasEcgData } from '../../../test-support/ecgData';
import { PAPER_LEADS } from '../../experiment/presets';
import { initBackend } from '../backend';
import { buildModel, MODEL_KINDS, type ModelKind } from '../models';
import { decodeOnnxModel, exportOnnx, readOnnxMeta, type OnnxMeta } from './index';
import { maxAbs, maxAbsDiff, randomiseNorms, runOnnx, runTf, trainOneStep } from './testing/parity';

const FS = 100;
const N_SAMPLES = 1000;
const N_RECORDS = 3;
let x: Float32Array;
let leads: string[];

beforeAll(async () => {
  // the lab's backend (with the project's wasm kernels): the outputs the exported model must reproduce
  await initBackend('wasm');
  const ds = generateSyntheticDataset({ ...defaultSyntheticSpec(), n: N_RECORDS, fs: FS, seconds: N_SAMPLES / FS, leads: '12', seed: 11 });
  leads = [...PAPER_LEADS];
  const idx = leads.map((l) => ds.leadNames.indexOf(l));
  x = assembleBatch(ds, [0, 1, 2], { scaling: 'minmax', leadIndices: idx });
});

const CLASSES = ['NORM', 'MI', 'STTC', 'CD', 'HYP'];
const TARGETS = ['hr_bpm', 'qrs_ms'];

function meta(kind: ModelKind, head: 'classification' | 'regression'): OnnxMeta {
  return {
    leads,
    fs: FS,
    nSamples: N_SAMPLES,
    scaling: 'minmax',
    task: head === 'classification' ? { kind: 'single-label', classes: CLASSES } : { kind: 'regression', targets: TARGETS, mean: [70, 95], std: [15, 20] },
    modelKind: kind,
  };
}

describe.each(MODEL_KINDS)('%s', (kind) => {
  it.each(['classification', 'regression'] as const)('%s head: onnxruntime outputs equal tfjs within 1e-4', async (head) => {
    const nOut = head === 'classification' ? CLASSES.length : TARGETS.length;
    const model = buildModel({ kind, nLeads: leads.length, nSamples: N_SAMPLES, nOut, seed: 3 });
    const nBn = randomiseNorms(model, 17);
    const shape = [N_RECORDS, N_SAMPLES, leads.length];
    trainOneStep(model, x, shape, head, 5);
    const want = runTf(model, x, shape);
    const bytes = exportOnnx(model, meta(kind, head));
    const got = await runOnnx(bytes, x, shape);
    const raw = head === 'classification' ? got.logits : got.standardised;
    expect(raw.dims).toEqual([N_RECORDS, nOut]);
    const diff = maxAbsDiff(raw.data, want);
    // the parity table of docs/engine.md ("ONNX export") comes from these lines
    console.log(`onnx parity ${kind} ${head}: max |onnx − tfjs| ${diff.toExponential(2)} (max |output| ${maxAbs(want).toFixed(3)}, ${nBn} BN layers, ${bytes.length} bytes)`);
    expect(diff).toBeLessThan(1e-4);
    expect(maxAbs(want)).toBeGreaterThan(1e-3);
    if (head === 'classification') {
      const p = tf.tidy(() => tf.softmax(tf.tensor2d(want, [N_RECORDS, nOut])).dataSync());
      expect(maxAbsDiff(got.probabilities.data, p)).toBeLessThan(1e-5);
    } else {
      const v = Array.from(want, (y, i) => y * [15, 20][i % 2] + [70, 95][i % 2]);
      expect(maxAbsDiff(got.values.data, v)).toBeLessThan(1e-3);
    }
    const d = decodeOnnxModel(bytes);
    expect(readOnnxMeta(d.metadata)).toEqual(meta(kind, head));
    model.dispose();
  });
});

describe.runIf(hasEcgData)('real PTB-XL records (100 Hz, the paper\'s 8 leads)', () => {
  it.each(MODEL_KINDS)('%s: onnxruntime outputs equal tfjs within 1e-4', async (kind) => {
    const ids = ['00001', '00002', '00003'];
    const files = ids.flatMap((id) => ['hea', 'dat'].map((ext) => {
      const name = dataPath('ptb-xl', 'records100', '00000', `${id}_lr.${ext}`);
      return { name, data: new Uint8Array(readFileSync(name)) };
    }));
    const { dataset } = await importFiles(files, { name: 'ptb-xl', fs: FS, nSamples: N_SAMPLES, ptbxlRate: 100 });
    expect(dataset.n).toBe(ids.length);
    const real = assembleBatch(dataset, [0, 1, 2], { scaling: 'minmax', leadIndices: leads.map((l) => dataset.leadNames.indexOf(l)) });
    const model = buildModel({ kind, nLeads: leads.length, nSamples: N_SAMPLES, nOut: CLASSES.length, seed: 8 });
    randomiseNorms(model, 23);
    const shape = [ids.length, N_SAMPLES, leads.length];
    trainOneStep(model, real, shape, 'classification', 6);
    const want = runTf(model, real, shape);
    const got = await runOnnx(exportOnnx(model, meta(kind, 'classification')), real, shape);
    const diff = maxAbsDiff(got.logits.data, want);
    console.log(`onnx parity ${kind} PTB-XL: max |onnx − tfjs| ${diff.toExponential(2)} (max |output| ${maxAbs(want).toFixed(3)})`);
    expect(diff).toBeLessThan(1e-4);
    model.dispose();
  });
});
