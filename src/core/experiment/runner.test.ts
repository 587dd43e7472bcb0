import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { describeExperiment } from './describe';
import { initBackend } from '../ml/backend';
import { toyDataset } from '../ml/toyDataset';
import { presetSpec } from './presets';
import type { RunEvent } from './results';
import { CancelledError, RunControl, runExperiment } from './runner';
import { parseSpec, type ExperimentSpec } from './spec';

beforeAll(async () => {
  await initBackend('wasm');
});

/** teaching-quick shrunk to a few seconds. */
function tinySpec(): ExperimentSpec {
  const s = presetSpec('teaching-quick');
  for (const src of Object.values(s.sources)) if (src.kind === 'synthetic') src.spec.n = 40;
  s.training.epochs = 2;
  s.backend = 'wasm';
  return parseSpec(s);
}

describe('runExperiment', () => {
  it('runs pretrain → transfer → baseline, streams events and returns the results shape', async () => {
    const events: RunEvent[] = [];
    const res = await runExperiment(tinySpec(), { onEvent: (e) => events.push(e) });
    const types = events.map((e) => e.type);
    expect(types[0]).toBe('run-start');
    expect(types[types.length - 1]).toBe('done');
    expect(types.filter((t) => t === 'stage-start')).toHaveLength(3);
    expect(types.filter((t) => t === 'epoch')).toHaveLength(6);
    expect(types).toContain('batch');
    // epochs count from 1 in events, history rows and bestEpoch (results.epochBase = 1)
    const epochsOf = (stage: string) => events.flatMap((e) => (e.type === 'epoch' && e.stage === stage ? [e.epoch] : []));
    expect(epochsOf('pretrain-hr')).toEqual([1, 2]);
    expect(epochsOf('baseline')).toEqual([1, 2]);
    const batchEpochs = new Set(events.flatMap((e) => (e.type === 'batch' ? [e.epoch] : [])));
    expect([...batchEpochs].sort()).toEqual([1, 2]);
    expect(events.every((e) => e.type !== 'batch' || (e.batch >= 0 && e.batch < e.nBatches))).toBe(true);
    const ep = events.find((e) => e.type === 'epoch' && e.stage === 'pretrain-hr');
    expect(ep && ep.type === 'epoch' && typeof ep.metrics.mae_hr_bpm).toBe('number');
    const epc = events.find((e) => e.type === 'epoch' && e.stage === 'baseline');
    expect(epc && epc.type === 'epoch' && epc.metrics.confusion).toHaveLength(4);

    expect(res.backend.backend).toBe('wasm');
    expect(res.stages.map((s) => [s.name, s.kind])).toEqual([
      ['pretrain-hr', 'pretrain'], ['transfer-hr', 'transfer'], ['baseline', 'baseline'],
    ]);
    const pre = res.stages[0];
    expect(pre.target).toBe('hr_bpm');
    expect(pre.metrics.test?.mae_hr_bpm).toBeGreaterThan(0);
    expect(pre.history).toHaveLength(2);
    expect(res.epochBase).toBe(1);
    for (const st of res.stages) {
      expect(st.history.map((h) => h.epoch)).toEqual([1, 2]);
      expect([1, 2]).toContain(st.bestEpoch);
      expect(st.history.find((h) => h.epoch === st.bestEpoch)?.improved).toBe(true);
    }
    expect(pre.predictions?.[0].true.length).toBe(pre.split.nTest);
    // each scatter point names its test record (the drill-down opens it), distinct ids of the source
    const ids = pre.predictions?.[0].ids ?? [];
    expect(ids).toHaveLength(pre.split.nTest);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.every((id) => /^\d{5}$/.test(id))).toBe(true);
    const tr = res.stages[1];
    expect(tr.transfer?.fresh).toEqual(['head_out']);
    expect(tr.transfer?.frozen).toContain('bb1_conv');
    expect(tr.metrics.test?.confusion).toHaveLength(4);
    expect(tr.roc?.curves).toHaveLength(4);
    // baseline and transfer share split and budget
    expect(res.stages[2].split).toEqual(tr.split);
    expect(res.comparison.map((r) => r.stage)).toEqual(['baseline', 'transfer-hr']);
    expect(res.comparison[1].deltaTest?.accuracy).toBeCloseTo((tr.metrics.test!.accuracy ?? 0) - (res.stages[2].metrics.test!.accuracy ?? 0), 12);
    expect(JSON.parse(JSON.stringify(res)).stages[0].metrics.test.mae_hr_bpm).toBe(pre.metrics.test?.mae_hr_bpm);
  });

  it('uses imported datasets, falls back from tiny folds to a stratified split and records it', async () => {
    const ds = toyDataset(60, 4, { fs: 100, nSamples: 1000, nLeads: 1 });
    ds.leadNames = ['II'];
    ds.folds = Int8Array.from({ length: 60 }, (_, i) => (i % 10) + 1); // 6 records in folds 9 and 10
    const s = tinySpec();
    s.sources.real = { kind: 'imported', name: 'toy', fingerprint: 'other' };
    s.stages = [
      s.stages[0],
      { kind: 'transfer', name: 't', from: 'pretrain-hr', source: 'real', task: { kind: 'single-label', classes: ['slow', 'normal', 'fast'] }, mode: 'frozen' },
      { kind: 'evaluate', name: 'e', from: 'pretrain-hr', source: 'real', on: 'all' },
    ];
    const res = await runExperiment(parseSpec(s), { datasets: { real: ds } });
    const t = res.stages[1];
    expect(t.split.method).toBe('stratified-random');
    expect(t.split.note).toMatch(/strat_fold 9\/10 too small .*val 6, test 6/);
    expect(res.notes.some((n) => n.includes('fingerprint'))).toBe(true);
    expect(t.transfer?.frozen.length).toBeGreaterThan(0);
    expect(res.stages[2].split.nTest).toBe(60);
    expect(res.stages[2].metrics.test?.mae_hr_bpm).toBeGreaterThan(0);
  });

  it('cancels between batches and reports it', async () => {
    const control = new RunControl();
    const events: RunEvent[] = [];
    const p = runExperiment(tinySpec(), {
      control,
      onEvent: (e) => {
        events.push(e);
        if (e.type === 'stage-start') control.cancel();
      },
    });
    await expect(p).rejects.toBeInstanceOf(CancelledError);
    const last = events[events.length - 1];
    expect(last).toMatchObject({ type: 'error', cancelled: true, stage: 'pretrain-hr' });
  });

  it.each([
    ['cancel mid-epoch of the first stage', 'pretrain-hr', 'cancel'],
    ['cancel mid-epoch of a transfer stage (pretrained model held)', 'transfer-hr', 'cancel'],
    ['an error mid-epoch', 'transfer-hr', 'throw'],
  ] as const)('leaves no tensors behind after %s', async (_what, stage, how) => {
    const spec = tinySpec();
    spec.training.batchSize = 8; // several batches per epoch
    await runExperiment(spec); // warm up lazily created engine state
    const before = tf.memory().numTensors;
    const bytesBefore = tf.memory().numBytes;
    const control = new RunControl();
    let batches = 0;
    const p = runExperiment(spec, {
      control,
      onEvent: (e) => {
        // the first batch event of the stage comes after its first batch of several: mid-epoch
        if (e.type === 'batch' && e.stage === stage && e.batch < e.nBatches - 1 && ++batches === 1) {
          if (how === 'cancel') control.cancel();
          else throw new Error('host failed');
        }
      },
    });
    if (how === 'cancel') await expect(p).rejects.toBeInstanceOf(CancelledError);
    else await expect(p).rejects.toThrow('host failed');
    expect(batches).toBe(1);
    expect(tf.memory().numTensors).toBe(before);
    expect(tf.memory().numBytes).toBe(bytesBefore);
  });

  it('reports a backend the host initialised, with its fallback reason', async () => {
    const choice = await initBackend('webgpu', { isNode: false }); // no navigator.gpu here: falls back
    expect(choice.backend).not.toBe('webgpu');
    expect(choice.reason).toMatch(/webgpu: navigator.gpu is not available/);
    const spec = tinySpec();
    spec.stages = spec.stages.slice(0, 1);
    spec.training.epochs = 1;
    const events: RunEvent[] = [];
    const res = await runExperiment(spec, { backend: choice, backendOverride: 'cpu', onEvent: (e) => events.push(e) });
    expect(tf.getBackend()).toBe(choice.backend); // not re-initialised (the override was not applied)
    expect(events[0]).toMatchObject({ type: 'run-start', backend: { backend: choice.backend, reason: choice.reason } });
    // wasm: the runner adds how many threads ran the convolutions (no kernel threads started here: 1)
    expect(res.backend).toEqual(choice.backend === 'wasm' ? { ...choice, threads: 1 } : choice);
    expect(res.notes).toContain(`backend ${choice.backend}: ${choice.reason}`);
    await initBackend('wasm');
  });

  it('names a missing imported dataset', async () => {
    const s = presetSpec('paper-synthetic-to-real');
    for (const src of Object.values(s.sources)) if (src.kind === 'synthetic') src.spec.n = 20;
    s.stages = s.stages.filter((x) => x.source === 'ptbxl' && x.kind === 'baseline');
    await expect(runExperiment(parseSpec(s), { backendOverride: 'wasm' })).rejects.toThrow(/source "ptbxl" \(PTB-XL\) is imported data: load it first/);
  });
});

describe('runExperiment hosts', () => {
  it('matches a dataset list by fingerprint and hands trained models to onModel', async () => {
    const ds = toyDataset(40, 4, { fs: 100, nSamples: 1000, nLeads: 1 });
    ds.leadNames = ['II'];
    ds.source = 'imported';
    const s = tinySpec();
    s.sources.real = { kind: 'imported', name: 'toy', fingerprint: ds.fingerprint };
    s.stages = [s.stages[0], { kind: 'baseline', name: 'b', source: 'real', task: { kind: 'single-label', classes: ['slow', 'normal', 'fast'] } }];
    const got: string[] = [];
    const models: tf.LayersModel[] = [];
    const res = await runExperiment(parseSpec(s), {
      datasets: [toyDataset(10, 9), ds],
      onModel: (stage, m) => {
        got.push(stage);
        models.push(m);
      },
    });
    expect(res.sources.real.fingerprint).toBe(ds.fingerprint);
    expect(got).toEqual(['pretrain-hr', 'b']);
    // still usable after the run: the host owns them; the worker exports them as tfjs artifacts
    for (const m of models) {
      let art: tf.io.ModelArtifacts | undefined;
      await m.save(
        tf.io.withSaveHandler(async (a) => {
          art = a;
          return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
        }),
      );
      expect(art?.weightSpecs?.length).toBe(m.weights.length);
      expect((art?.weightData as ArrayBuffer).byteLength).toBeGreaterThan(0);
    }
    // describeExperiment (the lab's plan before a run) with the imported dataset supplied
    const plan = describeExperiment(parseSpec(s), { real: ds }, 'wasm');
    expect(plan.stages.map((p) => [p.stage, p.nOut, p.sourceRecords])).toEqual([['pretrain-hr', 1, 40], ['b', 3, 40]]);
    expect(plan.stages[1].summary.trainableParams).toBe(res.stages[1].model.trainableParams);
    expect(plan.estTotalSeconds).toBeGreaterThan(0);
    const before = tf.memory().numTensors;
    for (const m of models) m.dispose();
    expect(tf.memory().numTensors).toBeLessThan(before);
  });
});
