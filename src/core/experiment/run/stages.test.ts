import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../../ml/backend';
import { toyDataset } from '../../ml/toyDataset';
import type { StageResult } from '../results';
import { parseSpec, type ExperimentSpec } from '../spec';
import { createContext, releaseModels } from './context';
import { buildResults, compareStages } from './results';
import { setupGeometry } from './sources';
import { runBaseline } from './stages/baseline';
import { runEvaluate } from './stages/evaluate';
import { runPretrain } from './stages/pretrain';
import { runTransfer } from './stages/transfer';

beforeAll(async () => {
  await initBackend('wasm');
});

const classes = ['slow', 'normal', 'fast'];

/** One imported toy source (1 lead, 100 Hz × 2 s), tiny CNN, 1 epoch. */
function toySpec(): ExperimentSpec {
  return parseSpec({
    version: 1,
    name: 'toy',
    seed: 3,
    backend: 'wasm',
    sources: { toy: { kind: 'imported', name: 'toy', split: { method: 'random', val: 0.2, test: 0.2 } } },
    preprocessing: { scaling: 'minmax' },
    model: { kind: 'tiny-cnn' },
    training: { epochs: 1, batchSize: 8, lr: 0.003, weightDecay: 0, schedule: { kind: 'constant' }, patience: 0, restoreBest: false, classWeighting: 'none' },
    stages: [
      { kind: 'pretrain', name: 'pre', source: 'toy', targets: ['hr_bpm'] },
      { kind: 'transfer', name: 'tr', from: 'pre', source: 'toy', task: { kind: 'single-label', classes }, mode: 'finetune' },
      { kind: 'baseline', name: 'base', source: 'toy', task: { kind: 'single-label', classes } },
      { kind: 'evaluate', name: 'ev', from: 'pre', source: 'toy', on: 'test' },
    ],
  });
}

async function toyContext() {
  const ds = toyDataset(40, 7, { fs: 100, nSamples: 200, nLeads: 1 });
  ds.leadNames = ['II'];
  const spec = toySpec();
  const ctx = createContext(spec, { datasets: { toy: ds } });
  await setupGeometry(ctx);
  return { ctx, spec, ds };
}

const at = (index: number) => ({ index, total: 4 });

describe('stage runners, each on its own', () => {
  it('baseline: splits, trains and evaluates a fresh classifier', async () => {
    const { ctx, spec } = await toyContext();
    const before = tf.memory().numTensors;
    const st = spec.stages[2];
    if (st.kind !== 'baseline') throw new Error('stage 2 is the baseline');
    const done = await runBaseline(ctx, st, at(2), spec.seed);
    expect(done.result).toMatchObject({ name: 'base', kind: 'baseline', task: 'single-label', split: { method: 'stratified-random' } });
    const { nTrain, nVal, nTest } = done.result.split;
    expect([nTrain + nVal + nTest, nVal, nTest]).toEqual([40, done.split.val.length, done.split.test.length]);
    expect(nTrain).toBeGreaterThan(nVal + nTest);
    expect(done.result.history).toHaveLength(1);
    expect(done.result.metrics.test?.confusion).toHaveLength(3);
    expect(done.result.roc?.curves).toHaveLength(3);
        done.model.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('transfer: needs the pretrained model, copies all but the head, same split as the baseline', async () => {
    const { ctx, spec } = await toyContext();
    const [pre, tr, base] = spec.stages;
    if (pre.kind !== 'pretrain' || tr.kind !== 'transfer' || base.kind !== 'baseline') throw new Error('stage kinds');
    expect(() => runTransfer(ctx, tr, undefined, at(1), spec.seed)).toThrow(/pretrain stage "pre" has no trained model/);
    const p = await runPretrain(ctx, pre, at(0), spec.seed);
    expect(p.result.metrics.test?.mae_hr_bpm).toBeGreaterThan(0);
    const t = await runTransfer(ctx, tr, p.model, at(1), spec.seed);
    expect(t.result.transfer?.fresh).toEqual(['head_out']);
    expect(t.result.transfer?.copied).toBeGreaterThan(1);
    const b = await runBaseline(ctx, base, at(2), spec.seed);
    expect(Array.from(b.split.test)).toEqual(Array.from(t.split.test));
    for (const m of [p.model, t.model, b.model]) m.dispose();
  });

  it('evaluate: scores an earlier model on the test split of its task', async () => {
    const { ctx, spec } = await toyContext();
    const pre = spec.stages[0];
    const ev = spec.stages[3];
    if (pre.kind !== 'pretrain' || ev.kind !== 'evaluate') throw new Error('stage kinds');
    const p = await runPretrain(ctx, pre, at(0), spec.seed);
    const { result: r } = await runEvaluate(ctx, ev, { model: p.model, task: p.task, stage: pre }, at(3), spec.seed);
    expect(r.split.nTest).toBe(p.split.test.length);
    expect(r.metrics.test?.mae_hr_bpm).toBeCloseTo(p.result.metrics.test!.mae_hr_bpm!, 4);
    ctx.trained.set('pre', { model: p.model, task: p.task, stage: pre });
    releaseModels(ctx);
    expect(ctx.trained.size).toBe(0);
  });
});

describe('results builder', () => {
  const stage = (name: string, kind: StageResult['kind'], acc: number, from?: string): StageResult => ({
    name,
    kind,
    source: 's',
    ...(from ? { from } : {}),
    task: 'single-label',
    model: { kind: 'tiny-cnn', trainableParams: 1, flopsPerSample: 1, inputShape: [null, 1, 1] },
    split: { method: 'random', nTrain: 10, nVal: 2, nTest: 4 },
    metrics: { test: { n: 4, loss: 1, accuracy: acc, macro_auc: acc, macro_f1: acc } },
    history: [],
    seconds: 0,
  });

  it('compares each transfer with the baseline of its source and task, baselines first', () => {
    const rows = compareStages([stage('t', 'transfer', 0.75, 'p'), stage('b', 'baseline', 0.5)]);
    expect(rows.map((r) => r.stage)).toEqual(['b', 't']);
    expect(rows[1].deltaTest).toEqual({ accuracy: 0.25, macro_auc: 0.25, macro_f1: 0.25 });
    expect(rows[0].deltaTest).toBeUndefined();
  });

  it('builds results from the context and the finished stages', async () => {
    const { ctx } = await toyContext();
    ctx.warn('a note');
    const res = buildResults(ctx, { backend: { backend: 'wasm' }, startedAt: 'x', t0: 0, stages: [stage('b', 'baseline', 0.5)] });
    expect(res).toMatchObject({ version: 1, name: 'toy', seed: 3, leads: ['II'], notes: ['a note'], epochBase: 1 });
    expect(res.sources.toy).toMatchObject({ kind: 'synthetic', n: 40, fs: 100, nSamples: 200 });
    expect(res.comparison).toHaveLength(1);
  });
});
