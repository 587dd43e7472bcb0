import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../../ml/backend';
import { toyDataset } from '../../ml/toyDataset';
import type { RunEvent, StagePredictions, StageResult } from '../results';
import { runExperiment } from '../runner';
import { parseSpec, specBudgets } from '../spec';
import { sweepStatsTracker } from './liveStats';

beforeAll(async () => {
  await initBackend('wasm');
});

const classes = ['slow', 'normal', 'fast'];

/** Pretrain → transfer + baseline on one toy source, 2 repeats × budgets 50 %, 100 %; tiny CNN, 1 epoch. */
const spec = parseSpec({
  version: 2,
  name: 'sweep',
  seed: 5,
  backend: 'wasm',
  repeats: 2,
  labelBudgets: [0.5, 1],
  sources: { toy: { kind: 'imported', name: 'toy', split: { method: 'random', val: 0.2, test: 0.25 } } },
  preprocessing: { scaling: 'minmax' },
  model: { kind: 'tiny-cnn' },
  training: { epochs: 1, batchSize: 8, lr: 0.003, weightDecay: 0, schedule: { kind: 'constant' }, patience: 0, restoreBest: false, classWeighting: 'none' },
  stages: [
    { kind: 'pretrain', name: 'pre', source: 'toy', targets: ['hr_bpm'] },
    { kind: 'transfer', name: 'tr', from: 'pre', source: 'toy', task: { kind: 'single-label', classes }, mode: 'finetune' },
    { kind: 'baseline', name: 'base', source: 'toy', task: { kind: 'single-label', classes } },
  ],
});

describe('live sweep statistics', () => {
  it('fill in cell by cell and end equal to the final results’ paired differences, repeat and budget summaries', async () => {
    const ds = toyDataset(48, 7, { fs: 100, nSamples: 200, nLeads: 1 });
    ds.leadNames = ['II'];
    ds.source = 'imported';
    const ends: { result: StageResult; predictions?: StagePredictions }[] = [];
    const res = await runExperiment(spec, {
      datasets: { toy: ds },
      onEvent: (e: RunEvent) => {
        if (e.type === 'stage-end') ends.push({ result: e.result, ...(e.predictions ? { predictions: e.predictions } : {}) });
      },
    });
    const tracker = sweepStatsTracker(specBudgets(spec));
    const pairedSoFar: string[][] = [];
    for (const e of ends) {
      const changed = tracker.add(e.result, e.predictions);
      expect(changed).toBe(e.result.kind !== 'pretrain');
      pairedSoFar.push(tracker.stats().paired.map((p) => p.transferCell));
    }
    // A difference appears once both cells of its repeat and budget have finished, never before.
    const order = ends.map((e) => e.result.cell!.id);
    for (const [i, ids] of pairedSoFar.entries()) {
      for (const id of ids) {
        const base = id.replace(/^tr#/, 'base#');
        expect(order.slice(0, i + 1)).toEqual(expect.arrayContaining([id, base]));
      }
    }
    expect(pairedSoFar[pairedSoFar.length - 1]).toHaveLength(4);
    const live = tracker.stats();
    const sortPairs = (ps: typeof live.paired) => [...ps].sort((a, b) => a.transferCell.localeCompare(b.transferCell));
    expect(sortPairs(live.paired)).toEqual(sortPairs(res.paired!));
    expect(live.repeats).toEqual(expect.arrayContaining(res.repeats!.filter((r) => r.kind !== 'pretrain')));
    expect(live.repeats.every((r) => r.kind !== 'pretrain')).toBe(true);
    expect(live.budgets).toEqual(res.budgets);
  });

  it('a cell reported again replaces its earlier report; a cell without predictions pairs with nothing', () => {
    const cell = (kind: 'transfer' | 'baseline', name: string, acc: number): StageResult =>
      ({
        name,
        kind,
        source: 'toy',
        task: 'single-label',
        cell: { id: `${name}#r0#b1`, repeat: 0, budget: 1, seed: 1 },
        split: { method: 'random', nTrain: 10, nVal: 2, nTest: 4 },
        metrics: { test: { accuracy: acc } },
      }) as unknown as StageResult;
    const preds = (name: string, probs: number[][]): StagePredictions => ({ cell: `${name}#r0#b1`, stage: name, repeat: 0, budget: 1, task: 'single-label', classes: ['a', 'b'], ids: ['1', '2', '3', '4'], labels: [0, 1, 0, 1], probs });
    const t = sweepStatsTracker([1]);
    t.add(cell('baseline', 'base', 0.5), preds('base', [[0.6, 0.4], [0.6, 0.4], [0.4, 0.6], [0.4, 0.6]]));
    t.add(cell('transfer', 'tr', 0.5));
    expect(t.stats().paired).toHaveLength(0);
    t.add(cell('transfer', 'tr', 1), preds('tr', [[0.9, 0.1], [0.1, 0.9], [0.9, 0.1], [0.1, 0.9]]));
    const { paired, repeats } = t.stats();
    expect(paired).toHaveLength(1);
    expect(paired[0].metrics.accuracy.diff).toBeCloseTo(0.5, 12);
    expect(repeats.find((r) => r.stage === 'tr')!.metrics.accuracy.mean).toBe(1);
    expect(repeats).toHaveLength(2);
  });
});
