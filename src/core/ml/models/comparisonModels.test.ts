/**
 * The model-comparison kinds (rnn, gru, cnn2d, vit1d): shapes and parameter counts at the study's input sizes,
 * one training step for regression and classification, a save/load round trip, and transfer (head swap with the
 * first block frozen).
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../backend';
import { parseSpec } from '../../experiment/spec';
import { presetSpec } from '../../experiment/presets';
import { summarizeModel } from '../summary';
import { prepareTask } from '../task';
import { toyDataset } from '../toyDataset';
import { trainModel, type TrainConfig } from '../train';
import { copyWeights, frozenPrefixes, setFrozen } from '../transfer';
import { buildModel, type ModelKind } from './index';

beforeAll(async () => {
  // wasm with the project's kernels: several times faster than cpu in Node for the recurrent models
  await initBackend('wasm');
});

const KINDS = ['rnn', 'gru', 'cnn2d', 'vit1d'] as const satisfies readonly ModelKind[];

/**
 * Trainable parameters for 1 000 samples and 1 output, worked by hand:
 *  - rnn / gru: conv 7·L·16 + BN γβ 32 + recurrence gates·(32·(16 + 32) + 32) + head 33;
 *  - cnn2d: convs 7·3·1·8 + 5·3·8·16 + 5·3·16·32 (no bias), BN γβ 2·(8 + 16 + 32), dense 64·32 + 32, head 33;
 *  - vit1d: patch 20·L·32 + 32, positions 50·32, per block LN 64 + attention 4·32·32 + 4·32 + LN 64
 *    + MLP 32·64 + 64 + 64·32 + 32, final LN 64, head 33.
 */
const PARAMS: Record<(typeof KINDS)[number], (L: number) => number> = {
  rnn: (L) => 7 * L * 16 + 32 + 1 * (32 * 48 + 32) + 33,
  gru: (L) => 7 * L * 16 + 32 + 3 * (32 * 48 + 32) + 33,
  cnn2d: () => 168 + 1920 + 7680 + 2 * 56 + 2080 + 33,
  vit1d: (L) => 20 * L * 32 + 32 + 1600 + 2 * (64 + 4 * 1024 + 128 + 64 + 2048 + 64 + 2048 + 32) + 64 + 33,
};

const cfg = (over: Partial<TrainConfig> = {}): TrainConfig => ({
  epochs: 1, batchSize: 8, lr: 0.01, weightDecay: 0, schedule: { kind: 'constant' }, patience: 0, restoreBest: false,
  classWeighting: 'none', seed: 3, batch: { scaling: 'minmax' }, optimizer: 'adam', ...over,
});

const ds = toyDataset(12, 2, { nLeads: 1, nSamples: 200 });
const trainIdx = Int32Array.from({ length: 8 }, (_, i) => i);
const valIdx = Int32Array.from({ length: 4 }, (_, i) => 8 + i);
const CLASSES = ['slow', 'normal', 'fast'];

const weightsOf = (m: tf.LayersModel, layer: string) => m.getLayer(layer).getWeights().map((w) => Array.from(w.dataSync()));

describe.each(KINDS)('%s', (kind) => {
  it('builds for 12 leads and 1 lead × 1 000 samples with the stated parameter counts and output shapes', () => {
    for (const [nLeads, nOut] of [[12, 5], [1, 1]] as const) {
      const m = buildModel({ kind, nLeads, nSamples: 1000, nOut, seed: 1 });
      const s = summarizeModel(m);
      expect(s.trainableParams).toBe(PARAMS[kind](nLeads) + (nOut - 1) * (m.getLayer('head_out').getWeights()[0].shape[0] + 1));
      expect(s.macsPerSample).toBeGreaterThan(0);
      expect(s.flopsPerSample).toBeGreaterThan(2 * s.macsPerSample);
      const x = tf.randomNormal([2, 1000, nLeads], 0, 1, 'float32', 5);
      const y = m.predict(x) as tf.Tensor;
      expect(y.shape).toEqual([2, nOut]);
      expect(Array.from(y.dataSync()).every(Number.isFinite)).toBe(true);
      tf.dispose([x, y]);
      m.dispose();
    }
  });

  it('trains one step for regression and for classification: finite loss, the weights move', async () => {
    for (const spec of [{ kind: 'regression' as const, targets: ['hr_bpm' as const] }, { kind: 'single-label' as const, classes: CLASSES }]) {
      const task = prepareTask(ds, spec, trainIdx);
      const m = buildModel({ kind, nLeads: 1, nSamples: 200, nOut: task.nOut, seed: 2 });
      const before = m.trainableWeights.map((w) => Array.from(w.read().dataSync()));
      const out = await trainModel(m, ds, trainIdx, valIdx, task, cfg());
      expect(out.history).toHaveLength(1);
      expect(Number.isFinite(out.history[0].loss)).toBe(true);
      expect(Number.isFinite(out.history[0].valLoss)).toBe(true);
      m.trainableWeights.forEach((w, i) => {
        // softmax ignores the key bias (it adds one constant to all of a query's scores): its gradient is 0;
        // an L1 loss pulls the output bias by the mean sign of the errors, 0 when half of the 8 are above
        if (w.originalName.endsWith('key_bias') || (spec.kind === 'regression' && w.originalName === 'head_out/bias')) return;
        expect(Array.from(w.read().dataSync()), w.originalName).not.toEqual(before[i]);
      });
      m.dispose();
    }
  });

  it('saves and loads (tfjs artifacts): same layers, same outputs', async () => {
    const m = buildModel({ kind, nLeads: 1, nSamples: 200, nOut: 3, seed: 4 });
    let artifacts: tf.io.ModelArtifacts | null = null;
    await m.save(
      tf.io.withSaveHandler(async (a) => {
        artifacts = a;
        return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
      }),
    );
    const a = artifacts as unknown as tf.io.ModelArtifacts;
    // through JSON, as the export files and share paths carry the topology
    const loaded = await tf.loadLayersModel(tf.io.fromMemory({ ...a, modelTopology: JSON.parse(JSON.stringify(a.modelTopology)) }));
    expect(loaded.layers.map((l) => `${l.name}:${l.getClassName()}`)).toEqual(m.layers.map((l) => `${l.name}:${l.getClassName()}`));
    const x = tf.randomNormal([3, 200, 1], 0, 1, 'float32', 6);
    const y0 = m.predict(x) as tf.Tensor;
    const y1 = loaded.predict(x) as tf.Tensor;
    expect(Array.from(y1.dataSync())).toEqual(Array.from(y0.dataSync()));
    tf.dispose([x, y0, y1]);
    m.dispose();
    loaded.dispose();
  });

  it('transfers: every layer but head_out is copied, the first block stays frozen while the rest trains', async () => {
    const src = buildModel({ kind, nLeads: 1, nSamples: 200, nOut: 1, seed: 1 });
    const dst = buildModel({ kind, nLeads: 1, nSamples: 200, nOut: 3, seed: 2 });
    const rep = copyWeights(src, dst);
    expect(rep.fresh).toEqual(['head_out']);
    const weighted = dst.layers.filter((l) => l.weights.length > 0).map((l) => l.name);
    expect(rep.copied).toEqual(weighted.filter((n) => n !== 'head_out'));
    const first = weighted.filter((n) => n.startsWith('bb1_'));
    const later = weighted.filter((n) => n.startsWith('bb') && !n.startsWith('bb1_'));
    expect(first.length).toBeGreaterThan(0);
    expect(later.length).toBeGreaterThan(0);
    expect(setFrozen(dst, frozenPrefixes('finetune'), true)).toEqual(first);
    setFrozen(dst, frozenPrefixes('finetune'), false);
    const before = Object.fromEntries(weighted.map((n) => [n, weightsOf(dst, n)]));
    expect(before[later[0]]).toEqual(weightsOf(src, later[0]));
    const task = prepareTask(ds, { kind: 'single-label', classes: CLASSES }, trainIdx);
    const out = await trainModel(dst, ds, trainIdx, valIdx, task, cfg({ frozenPrefixes: frozenPrefixes('finetune') }));
    expect(Number.isFinite(out.history[0].loss)).toBe(true);
    // batch-norm running statistics move in training mode even when frozen: compare the trainable weights only
    for (const n of first) {
      const l = dst.getLayer(n);
      const trainableIdx = l.weights.map((w, i) => (w.trainable ? i : -1)).filter((i) => i >= 0);
      const now = weightsOf(dst, n);
      for (const i of trainableIdx) expect(now[i], n).toEqual(before[n][i]);
    }
    expect(weightsOf(dst, 'head_out')).not.toEqual(before.head_out);
    expect(weightsOf(dst, later[later.length - 1])).not.toEqual(before[later[later.length - 1]]);
    src.dispose();
    dst.dispose();
  });
});

describe('model-comparison kinds in the experiment spec', () => {
  it('the spec schema accepts each new kind and rejects an unknown one', () => {
    const base = presetSpec('teaching-quick');
    for (const kind of KINDS) expect(parseSpec({ ...base, model: { kind } }).model.kind).toBe(kind);
    expect(() => parseSpec({ ...base, model: { kind: 'transformer' } })).toThrow(/model\.kind/);
  });
});
