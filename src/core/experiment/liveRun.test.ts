import { describe, expect, it } from 'vitest';
import type { LiveEvent } from './contract/live';
import { addBatchLoss, applyEvents, asRoc, BATCH_LOSS_MAX, batchTraces, emptyLiveRun, liveFromResults, withBatchTraces, type ResultsView } from './liveRun';
import type { StageResult } from './results';

const stage = (over: Partial<StageResult>): StageResult => ({
  name: 's',
  kind: 'transfer',
  source: 'src',
  task: 'single-label',
  model: { kind: 'tiny-cnn', trainableParams: 10, flopsPerSample: 100, inputShape: [null, 100, 1] },
  split: { method: 'random', nTrain: 10, nVal: 4, nTest: 6 },
  metrics: {},
  history: [],
  seconds: 1,
  ...over,
});
const results = (stages: StageResult[], epochBase?: 0 | 1): ResultsView => ({ stages, backend: { backend: 'wasm' }, ...(epochBase !== undefined ? { epochBase } : {}) });

describe('applyEvents', () => {
  const events: LiveEvent[] = [
    { type: 'stage-start', stage: 'pretrain-hr', kind: 'pretrain', target: 'hr_bpm', epochs: 2 },
    { type: 'batch', stage: 'pretrain-hr', epoch: 1, batch: 3, batches: 10, etaS: 12 },
    { type: 'epoch', stage: 'pretrain-hr', epoch: 1, loss: 0.9, valLoss: 1.1, metrics: { mae_hr_bpm: 7.5 } },
    { type: 'epoch', stage: 'pretrain-hr', epoch: 2, loss: 0.5, valLoss: 0.6, metrics: { mae_hr_bpm: 3.25 } },
    { type: 'stage-end', stage: 'pretrain-hr', metrics: { val: { mae_hr_bpm: 3.25 }, test: { mae_hr_bpm: 3.5 } } },
    { type: 'stage-start', stage: 'baseline', kind: 'baseline', epochs: 1, classes: ['A', 'B'] },
    { type: 'epoch', stage: 'baseline', epoch: 1, loss: 0.7, metrics: { accuracy: 0.5, confusion: [[1, 1], [1, 1]], roc: [{ class: 'A', auc: 0.5, fpr: [0, 1], tpr: [0, 1] }] } },
    { type: 'stage-end', stage: 'baseline', metrics: { test: { accuracy: 0.75, confusion: [[3, 1], [0, 4]] } } },
  ];

  it('folds stage, epoch, batch and end events into per-stage curves and final matrices', () => {
    const live = applyEvents(emptyLiveRun(), events);
    expect(live.stages.map((s) => [s.name, s.status])).toEqual([
      ['pretrain-hr', 'done'],
      ['baseline', 'done'],
    ]);
    const hr = live.stages[0];
    expect(hr.epochs.map((p) => p.metrics.mae_hr_bpm)).toEqual([7.5, 3.25]);
    expect(hr.epochs[1].valLoss).toBe(0.6);
    expect(hr.progress).toBeUndefined();
    expect(live.etaS).toBeUndefined(); // no ETA once every stage is done
    const b = live.stages[1];
    expect(b.epochs[0].metrics).toEqual({ accuracy: 0.5 }); // matrices are not numeric series
    expect(b.confusion).toEqual({ split: 'test', matrix: [[3, 1], [0, 4]] });
    expect(b.roc?.curves[0]).toEqual({ className: 'A', auc: 0.5, points: [{ fpr: 0, tpr: 0 }, { fpr: 1, tpr: 1 }] });
  });

  it('does not mutate its input and coalesces repeated epochs', () => {
    const first = applyEvents(emptyLiveRun(), events.slice(0, 3));
    const snapshot = JSON.stringify(first);
    const second = applyEvents(first, [{ type: 'epoch', stage: 'pretrain-hr', epoch: 1, loss: 0.8, metrics: {} }]);
    expect(JSON.stringify(first)).toBe(snapshot);
    expect(second.stages[0].epochs).toHaveLength(1);
    expect(second.stages[0].epochs[0].loss).toBe(0.8);
  });

  it('batch losses fold into a trace at epochs done, so a one-epoch stage is a curve; a new start clears it', () => {
    const b = (batch: number, loss?: number): LiveEvent => ({ type: 'batch', stage: 'one', epoch: 1, batch, batches: 4, ...(loss !== undefined ? { loss } : {}) });
    const start: LiveEvent = { type: 'stage-start', stage: 'one', kind: 'baseline', epochs: 1 };
    const live = applyEvents(emptyLiveRun(), [start, b(1, 2), b(2, 1.5), b(3), b(4, 1)]);
    expect(live.stages[0].batchLoss).toEqual([
      { x: 0.25, loss: 2 },
      { x: 0.5, loss: 1.5 },
      { x: 1, loss: 1 },
    ]);
    expect(applyEvents(live, [start]).stages[0].batchLoss).toBeUndefined();
    const nan = applyEvents(emptyLiveRun(), [start, b(1, Number.NaN)]);
    expect(nan.stages[0].batchLoss).toBeUndefined();
  });

  it('the batch-loss trace is thinned by half at its cap, keeping the first and the latest point; a repeat replaces', () => {
    let t: { x: number; loss: number }[] | undefined;
    for (let i = 1; i < BATCH_LOSS_MAX; i++) t = addBatchLoss(t, i, i);
    expect(t).toHaveLength(BATCH_LOSS_MAX - 1);
    t = addBatchLoss(t, BATCH_LOSS_MAX, 0);
    expect(t.length).toBeLessThanOrEqual(BATCH_LOSS_MAX / 2 + 1);
    expect(t[0]).toEqual({ x: 1, loss: 1 });
    expect(t[t.length - 1]).toEqual({ x: BATCH_LOSS_MAX, loss: 0 });
    expect(t.every((p, i) => i === 0 || p.x > t![i - 1].x)).toBe(true);
    const again = addBatchLoss([{ x: 1, loss: 3 }, { x: 2, loss: 2 }, { x: 3, loss: 1 }], 2, 9);
    expect(again).toEqual([{ x: 1, loss: 3 }, { x: 2, loss: 9 }]);
  });

  it('a finished run keeps only its batch traces; a view rebuilt from results gets them back by stage name', () => {
    const live = applyEvents(emptyLiveRun(), [...events.slice(0, 1), { type: 'batch', stage: 'pretrain-hr', epoch: 1, batch: 5, batches: 10, loss: 1.25 }, ...events.slice(1)]);
    const kept = batchTraces(live);
    expect(kept?.stages).toEqual([{ name: 'pretrain-hr', kind: 'pretrain', status: 'done', epochs: [], batchLoss: [{ x: 0.5, loss: 1.25 }] }]);
    expect(batchTraces(applyEvents(emptyLiveRun(), events))).toBeUndefined();
    const view = liveFromResults(results([stage({ name: 'pretrain-hr', kind: 'pretrain' }), stage({ name: 'baseline' })], 1));
    const merged = withBatchTraces(view, kept);
    expect(merged.stages.map((s) => s.batchLoss)).toEqual([[{ x: 0.5, loss: 1.25 }], undefined]);
    expect(withBatchTraces(view, undefined)).toBe(view);
  });

  it('a plan lists every stage as pending and records the backend', () => {
    const live = applyEvents(emptyLiveRun(), [{ type: 'plan', backend: { backend: 'wasm', threads: 2 }, stages: [{ name: 'a', kind: 'pretrain' }, { name: 'b', kind: 'baseline' }] }], 5);
    expect(live.stages.map((s) => [s.name, s.status])).toEqual([['a', 'pending'], ['b', 'pending']]);
    expect(live.backend).toEqual({ backend: 'wasm', threads: 2 });
    const logged = applyEvents(live, [{ type: 'log', text: 'hi' }], 7);
    expect(logged.log).toEqual([{ t: 7, text: 'hi', level: undefined }]);
  });

  it('keeps the latest sweep statistics beside the stages, which they leave alone', () => {
    const stats = (n: number) => ({ paired: [], repeats: [], budgets: [{ budget: 1, label: '100 %', stages: { s: { kind: 'transfer' as const, nTrain: n, metrics: {} } } }] });
    const live = applyEvents(emptyLiveRun(), [...events, { type: 'sweep-stats', stats: stats(5) }, { type: 'sweep-stats', stats: stats(9) }], 5);
    expect(live.stats?.budgets[0].stages.s.nTrain).toBe(9);
    expect(live.stages).toEqual(applyEvents(emptyLiveRun(), events, 5).stages);
    expect(applyEvents(live, [{ type: 'log', text: 'x' }], 6).stats).toBe(live.stats);
  });

  it("a 'held' event marks the run held until a stage, epoch or batch event; log and data lines leave it", () => {
    const live = applyEvents(emptyLiveRun(), [...events.slice(0, 2), { type: 'held' }], 5);
    expect(live.held).toBe(true);
    expect(applyEvents(live, [{ type: 'log', text: 'x' }, { type: 'data', source: 's', done: 1, total: 2 }], 6).held).toBe(true);
    expect(applyEvents(live, [{ type: 'batch', stage: 'pretrain-hr', epoch: 1, batch: 4, batches: 10 }], 6).held).toBeUndefined();
    expect(applyEvents(emptyLiveRun(), events, 5).held).toBeUndefined();
  });

  it('accepts ROC points as pairs', () => {
    expect(asRoc([{ auc: 1, points: [[0, 0], [0, 1], [1, 1]] }], ['NORM'])?.[0].className).toBe('NORM');
  });
});

describe('liveFromResults', () => {
  it('rebuilds curves from results counting epochs from 0 (no epochBase)', () => {
    const live = liveFromResults(
      results([
        stage({
          metrics: { test: { n: 6, loss: 1, confusion: [[2, 0], [1, 3]] } },
          bestEpoch: 0,
          history: [{ epoch: 0, lr: 0.01, loss: 2, valLoss: 3, seconds: 1, improved: true, val: { n: 4, loss: 3, accuracy: 0.4 } }],
        }),
      ]),
    );
    expect(live.stages[0].epochs[0]).toEqual({ epoch: 1, loss: 2, valLoss: 3, metrics: { n: 4, loss: 3, accuracy: 0.4 } });
    expect(live.stages[0].bestEpoch).toBe(1);
    expect(live.stages[0].split?.nTest).toBe(6);
    expect(live.stages[0].confusion).toEqual({ split: 'test', matrix: [[2, 0], [1, 3]] });
    expect(live.backend).toEqual({ backend: 'wasm' });
  });

  it('results with epochBase 1 keep their epoch numbers (history rows and best epoch)', () => {
    const row = (epoch: number, loss: number) => ({ epoch, lr: 0.01, loss, valLoss: loss + 1, seconds: 1, improved: true, val: { n: 4, loss } });
    const live = liveFromResults(results([stage({ kind: 'pretrain', bestEpoch: 2, history: [row(1, 2), row(2, 1)] })], 1));
    expect(live.stages[0].epochs.map((e) => e.epoch)).toEqual([1, 2]);
    expect(live.stages[0].bestEpoch).toBe(2);
  });

  it('ROC curves come from the stage with the test per-class AUC; multi-target stages show their targets joined', () => {
    const pts = [{ fpr: 0, tpr: 0, threshold: 1 }, { fpr: 1, tpr: 1, threshold: 0 }];
    const live = liveFromResults(
      results([
        stage({ metrics: { test: { n: 2, loss: 1, per_class_auc: [0.75], classes: ['A'] } }, roc: { classes: ['A'], curves: [pts] } }),
        stage({ name: 'p', kind: 'pretrain', task: 'regression', target: 'hr_bpm', targets: ['hr_bpm', 'qt_ms'] }),
      ]),
    );
    expect(live.stages[0].roc).toEqual({ split: 'test', curves: [{ className: 'A', auc: 0.75, points: pts }] });
    expect(live.stages[0].classes).toEqual(['A']);
    expect(live.stages[1].target).toBe('hr_bpm+qt_ms');
  });
});
