import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../ml/backend';
import { toyDataset } from '../ml/toyDataset';
import { planSweep } from './plan';
import { predictionsCsv } from './predictionsCsv';
import type { RunEvent, StagePredictions, StageResult } from './results';
import { enumerateCells } from './run/cells';
import { memoryModelCache } from './run/modelCache';
import { CancelledError, RunControl, runExperiment } from './runner';
import { parseSpec, type ExperimentSpec } from './spec';

beforeAll(async () => {
  await initBackend('wasm');
});

const classes = ['slow', 'normal', 'fast'];
const data = () => {
  const ds = toyDataset(48, 7, { fs: 100, nSamples: 200, nLeads: 1 });
  ds.leadNames = ['II'];
  ds.source = 'imported';
  return { toy: ds };
};

/** Pretrain → transfer + baseline on one toy source; tiny CNN, 1 epoch. */
function sweepSpec(extra: Partial<ExperimentSpec> = {}): ExperimentSpec {
  return parseSpec({
    version: 2,
    name: 'sweep',
    seed: 5,
    backend: 'wasm',
    sources: { toy: { kind: 'imported', name: 'toy', split: { method: 'random', val: 0.2, test: 0.25 } } },
    preprocessing: { scaling: 'minmax' },
    model: { kind: 'tiny-cnn' },
    training: { epochs: 1, batchSize: 8, lr: 0.003, weightDecay: 0, schedule: { kind: 'constant' }, patience: 0, restoreBest: false, classWeighting: 'none' },
    stages: [
      { kind: 'pretrain', name: 'pre', source: 'toy', targets: ['hr_bpm'] },
      { kind: 'transfer', name: 'tr', from: 'pre', source: 'toy', task: { kind: 'single-label', classes }, mode: 'finetune' },
      { kind: 'baseline', name: 'base', source: 'toy', task: { kind: 'single-label', classes } },
    ],
    ...extra,
  });
}

const started = (events: RunEvent[], kind: string) => events.filter((e) => e.type === 'stage-start' && e.kind === kind && e.epochs > 0).length;
const byId = (cells: StageResult[] | undefined, id: string) => cells?.find((c) => c.cell?.id === id);

describe('sweeps: stage × repeat × label budget', () => {
  it('enumerates cells: pretrain once per repeat, classifiers once per budget', () => {
    const ids = enumerateCells(sweepSpec({ repeats: 2, labelBudgets: [0.5, 1] })).map((c) => c.id);
    expect(ids).toEqual(['pre#r0', 'tr#r0#b0.5', 'base#r0#b0.5', 'tr#r0#b1', 'base#r0#b1', 'pre#r1', 'tr#r1#b0.5', 'base#r1#b0.5', 'tr#r1#b1', 'base#r1#b1']);
    const plain = enumerateCells(sweepSpec());
    expect(plain.map((c) => [c.id, c.seed])).toEqual([['pre#r0', 5], ['tr#r0#b1', 5], ['base#r0#b1', 5]]);
  });

  it('runs every cell, reuses each repeat’s pretrained model, nests budgets, new splits per repeat', async () => {
    const events: RunEvent[] = [];
    const res = await runExperiment(sweepSpec({ repeats: 2, labelBudgets: [0.5, 1] }), { datasets: data(), onEvent: (e) => events.push(e) });
    expect(started(events, 'pretrain')).toBe(2);
    expect(started(events, 'transfer')).toBe(4);
    expect(res.cells).toHaveLength(10);
    expect(res.sweep).toEqual({ repeats: 2, labelBudgets: [0.5, 1], headlineBudget: 1 });
    // headline stages: repeat 0 at the full budget
    expect(res.stages.map((s) => s.cell?.id)).toEqual(['pre#r0', 'tr#r0#b1', 'base#r0#b1']);
    const half = byId(res.cells, 'base#r0#b0.5')!;
    const full = byId(res.cells, 'base#r0#b1')!;
    expect(half.budget).toEqual({ value: 0.5, nTrain: Math.round(full.split.nTrain / 2), nTrainFull: full.split.nTrain });
    expect(half.split.nTrain).toBe(half.budget?.nTrain);
    expect([half.split.nVal, half.split.nTest]).toEqual([full.split.nVal, full.split.nTest]); // val and test never shrink
    expect(byId(res.cells, 'tr#r0#b0.5')?.split).toEqual(half.split);
    expect(byId(res.cells, 'tr#r0#b0.5')?.cell?.from).toBe('pre#r0');
    expect(byId(res.cells, 'tr#r1#b1')?.cell?.from).toBe('pre#r1');
    // predictions: every classification cell, on the same test records within a repeat
    const preds = res.predictions!;
    expect(preds.map((p) => p.cell).sort()).toEqual(res.cells!.filter((c) => c.kind !== 'pretrain').map((c) => c.cell!.id).sort());
    const p = (id: string) => preds.find((x) => x.cell === id) as StagePredictions;
    expect(p('tr#r0#b1').ids).toEqual(p('base#r0#b0.5').ids);
    expect(p('tr#r0#b1').ids).toHaveLength(full.split.nTest);
    expect(p('tr#r1#b1').ids).not.toEqual(p('tr#r0#b1').ids); // a random split is new in each repeat
    const row = p('tr#r0#b1');
    expect(row.classes).toEqual(classes);
    expect(row.probs.every((q) => q.length === 3 && Math.abs(q.reduce((a, b) => a + b, 0) - 1) < 1e-4)).toBe(true);
    expect((row.labels as number[]).every((l) => l >= 0 && l < 3)).toBe(true);
  });

  it('a budget larger than the training split is an error naming the stage and source', async () => {
    await expect(runExperiment(sweepSpec({ labelBudgets: [500] }), { datasets: data() })).rejects.toThrow(/stage "tr": label budget 500 is larger than the training split \(\d+ records\) of source "toy"/);
  });

  it('caches pretrained models: a rerun with a new budget list trains no regressor, same results', async () => {
    const cache = memoryModelCache();
    const first = await runExperiment(sweepSpec({ labelBudgets: [1] }), { datasets: data(), cache });
    expect(cache.entries.size).toBe(1);
    const events: RunEvent[] = [];
    const again = await runExperiment(sweepSpec({ labelBudgets: [0.5, 1] }), { datasets: data(), cache, onEvent: (e) => events.push(e) });
    expect(started(events, 'pretrain')).toBe(0);
    expect(again.stages[0].cell?.cached).toBe(true);
    expect(again.stages[0].metrics).toEqual(first.stages[0].metrics);
    expect(byId(again.cells, 'tr#r0#b1')?.metrics.test).toEqual(byId(first.cells, 'tr#r0#b1')?.metrics.test);
    // a different seed is a different model
    const plan = planSweep(sweepSpec({ seed: 6 }), { datasets: data(), cachedKeys: new Set(cache.entries.keys()) });
    expect(plan.pretrainsCached).toBe(0);
  });

  it('resumes from the last finished cell: finished cells are skipped, results as if never interrupted', async () => {
    const spec = sweepSpec({ repeats: 2, labelBudgets: [0.5, 1] });
    const whole = await runExperiment(spec, { datasets: data() });
    const control = new RunControl();
    const done: StageResult[] = [];
    const preds: StagePredictions[] = [];
    const run = runExperiment(spec, {
      datasets: data(),
      control,
      onEvent: (e) => {
        if (e.type !== 'stage-end') return;
        done.push(e.result);
        if (e.predictions) preds.push(e.predictions);
        if (done.length === 6) control.cancel(); // after pre#r1: repeat 1's transfers need it again
      },
    });
    await expect(run).rejects.toBeInstanceOf(CancelledError);
    const events: RunEvent[] = [];
    const resumed = await runExperiment(spec, { datasets: data(), resume: { cells: done, predictions: preds }, onEvent: (e) => events.push(e) });
    const ended = events.flatMap((e) => (e.type === 'stage-end' ? [e.result.cell?.id] : []));
    expect(ended).toEqual(['tr#r1#b0.5', 'base#r1#b0.5', 'tr#r1#b1', 'base#r1#b1']);
    const strip = (c: StageResult) => ({ id: c.cell?.id, test: c.metrics.test, split: c.split });
    expect(resumed.cells!.map(strip)).toEqual(whole.cells!.map(strip));
    expect(resumed.predictions).toEqual(whole.predictions);
  });

  it('plans cells, reuse, cache and cost before a run', () => {
    const ds = data();
    const plan = planSweep(sweepSpec({ repeats: 3, labelBudgets: [0.25, 1] }), { datasets: ds });
    expect(plan.cells).toHaveLength(3 * (1 + 2 * 2));
    expect(plan.pretrainsToRun).toBe(3);
    const pre0 = plan.cells.find((c) => c.id === 'pre#r0')!;
    expect(pre0.reusedBy).toEqual(['tr#r0#b0.25', 'tr#r0#b1']);
    expect(pre0.cacheKey).toMatch(/^[0-9a-f]{16}$/);
    expect(new Set(plan.cells.filter((c) => c.kind === 'pretrain').map((c) => c.cacheKey)).size).toBe(3);
    const q = plan.cells.find((c) => c.id === 'base#r0#b0.25')!;
    const f = plan.cells.find((c) => c.id === 'base#r0#b1')!;
    expect(q.trainRecords).toBe(Math.round(f.trainRecords! * 0.25));
    expect(q.estSeconds!).toBeLessThan(f.estSeconds!);
    expect(plan.estTotalSeconds).toBeCloseTo(plan.cells.reduce((a, c) => a + c.estSeconds!, 0), 9);
    expect(plan.summary).toMatch(/^15 cells \(3 stages × 3 repeats × budgets 25 %, 100 %\); 3 pretrainings .* reused by 6 transfer cells; est\. /);
    const cached = planSweep(sweepSpec({ repeats: 3, labelBudgets: [0.25, 1] }), { datasets: ds, cachedKeys: new Set([pre0.cacheKey!]), finished: new Set(['pre#r1']) });
    expect([cached.pretrainsCached, cached.pretrainsToRun]).toEqual([1, 2]);
    expect(cached.estTotalSeconds!).toBeLessThan(plan.estTotalSeconds!);
    expect(cached.summary).toMatch(/1 pretrained model from the cache; 1 cell already finished/);
  });
});

describe('statistics in the results', () => {
  it('intervals per cell, paired differences, repeat and budget summaries, warnings, predictions CSV', async () => {
    const res = await runExperiment(sweepSpec({ repeats: 2, labelBudgets: [0.5, 1] }), { datasets: data() });
    for (const c of res.cells!) {
      const m = c.metrics.test!;
      const k = c.kind === 'pretrain' ? 'mae_hr_bpm' : 'accuracy';
      const ci = c.ci?.[k];
      expect(ci, `${c.cell?.id} ${k}`).toBeTruthy();
      expect(ci!.lo).toBeLessThanOrEqual((m as unknown as Record<string, number>)[k] + 1e-12);
      expect(ci!.hi).toBeGreaterThanOrEqual((m as unknown as Record<string, number>)[k] - 1e-12);
    }
    // paired: one per transfer cell, the difference of the two cells' own metrics
    expect(res.paired!.map((p) => p.transferCell)).toEqual(['tr#r0#b0.5', 'tr#r0#b1', 'tr#r1#b0.5', 'tr#r1#b1']);
    const p = res.paired![1];
    const tr = byId(res.cells, 'tr#r0#b1')!.metrics.test!;
    const base = byId(res.cells, 'base#r0#b1')!.metrics.test!;
    expect(p).toMatchObject({ baseline: 'base', baselineCell: 'base#r0#b1', repeat: 0, budget: 1, n: tr.n });
    expect(p.metrics.accuracy.diff).toBeCloseTo(tr.accuracy! - base.accuracy!, 12);
    expect(p.metrics.accuracy.winFraction).toBeGreaterThanOrEqual(0);
    expect(p.metrics.accuracy.winFraction).toBeLessThanOrEqual(1);
    // repeats: mean over the two repeats, and the mean paired difference
    const row = res.repeats!.find((r) => r.stage === 'tr' && r.budget === 1)!;
    const accs = ['tr#r0#b1', 'tr#r1#b1'].map((id) => byId(res.cells, id)!.metrics.test!.accuracy!);
    expect(row.repeats).toBe(2);
    expect(row.metrics.accuracy.mean).toBeCloseTo((accs[0] + accs[1]) / 2, 12);
    expect(row.diff!.accuracy.mean).toBeCloseTo((res.paired![1].metrics.accuracy.diff + res.paired![3].metrics.accuracy.diff) / 2, 12);
    expect(res.repeats!.find((r) => r.stage === 'pre')?.metrics.mae_hr_bpm.n).toBe(2);
    // budgets: the learning-curve view
    expect(res.budgets!.map((b) => [b.budget, b.label, Object.keys(b.stages)])).toEqual([[0.5, '50 %', ['tr', 'base']], [1, '100 %', ['tr', 'base']]]);
    expect(res.budgets![1].stages.tr.metrics.accuracy).toMatchObject({ mean: row.metrics.accuracy.mean, ciMethod: 'repeats' });
    expect(res.budgets![0].stages.tr.nTrain).toBeLessThan(res.budgets![1].stages.tr.nTrain);
    // 12 test records: the small-split warning, once per stage
    expect(res.warnings!.filter((w) => w.code === 'small-test-split').map((w) => w.stage)).toEqual(['tr', 'base']);
    // CSV: a header and one row per classification cell and test record
    const csv = predictionsCsv(res).trim().split('\n');
    expect(csv[0]).toBe('cell,stage,repeat,budget,record_id,true,p_slow,p_normal,p_fast');
    expect(csv).toHaveLength(1 + res.predictions!.reduce((a, q) => a + q.ids.length, 0));
    const first = res.predictions![0];
    expect(csv[1]).toBe([first.cell, first.stage, 0, 0.5, first.ids[0], classes[(first.labels as number[])[0]], ...first.probs[0]].join(','));
  });
});

describe('label-efficiency plan', () => {
  it('12 pretrainings (4 stages × 3 repeats) reused by 60 transfer cells; 75 classifier cells', async () => {
    const { presetSpec } = await import('./presets');
    const plan = planSweep(presetSpec('label-efficiency'));
    expect(plan.cells).toHaveLength(12 + 75);
    expect(plan.pretrainsToRun).toBe(12);
    expect(plan.cells.filter((c) => c.kind === 'pretrain').every((c) => c.reusedBy?.length === 5)).toBe(true);
    expect(plan.estTotalSeconds).toBeNull(); // PTB-XL not loaded: size unknown
  });
});

describe('evaluate cells in a sweep', () => {
  it('follow the budget of the classifier they evaluate and reuse its model', async () => {
    const base = sweepSpec();
    const spec = parseSpec({ ...base, labelBudgets: [0.5, 1], stages: [...base.stages, { kind: 'evaluate', name: 'ev', from: 'base', source: 'toy', on: 'test' }] });
    expect(enumerateCells(spec).filter((c) => c.stage === 'ev').map((c) => c.id)).toEqual(['ev#r0#b0.5', 'ev#r0#b1']);
    const res = await runExperiment(spec, { datasets: data() });
    for (const b of [0.5, 1]) {
      const ev = byId(res.cells, `ev#r0#b${b}`)!;
      expect(ev.metrics.test?.accuracy).toBe(byId(res.cells, `base#r0#b${b}`)!.metrics.test?.accuracy);
      expect(res.predictions!.find((p) => p.cell === `ev#r0#b${b}`)?.probs).toEqual(res.predictions!.find((p) => p.cell === `base#r0#b${b}`)?.probs);
    }
  });
});

describe('a fully cached sweep', () => {
  it('does not synthesise the pretraining set', async () => {
    const { presetSpec } = await import('./presets');
    const spec = presetSpec('teaching-quick');
    for (const src of Object.values(spec.sources)) if (src.kind === 'synthetic') src.spec.n = 30;
    spec.training.epochs = 1;
    const cache = memoryModelCache();
    const first = await runExperiment(parseSpec(spec), { cache });
    const events: RunEvent[] = [];
    const again = await runExperiment(parseSpec({ ...spec, labelBudgets: [0.5] }), { cache, onEvent: (e) => events.push(e) });
    const generated = events.flatMap((e) => (e.type === 'data-progress' ? [e.source] : []));
    expect(new Set(generated)).toEqual(new Set(['morph']));
    expect(again.stages[0].metrics.test).toEqual(first.stages[0].metrics.test);
    expect(again.leads).toEqual(first.leads);
  });
});
