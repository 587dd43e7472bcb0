import { describe, expect, it } from 'vitest';
import type { LiveEvent } from './contract/live';
import { createEventSink, toLiveEvent, type Schedule } from './liveEvents';
import { presetSpec } from './presets';
import type { RunEvent, StageResult } from './results';

const spec = presetSpec('teaching-quick');

describe('toLiveEvent', () => {
  it('run-start becomes the plan, with each stage’s target, source model and classes from the spec', () => {
    const ev = toLiveEvent({ type: 'run-start', name: 'x', backend: { backend: 'wasm', threads: 2 }, stages: spec.stages.map((s) => ({ name: s.name, kind: s.kind })) }, spec);
    expect(ev).toMatchObject({ type: 'plan', backend: { backend: 'wasm', threads: 2 } });
    if (ev?.type !== 'plan') throw new Error('not a plan');
    const pre = spec.stages.find((s) => s.kind === 'pretrain')!;
    const tr = spec.stages.find((s) => s.kind === 'transfer')!;
    expect(ev.stages.find((s) => s.name === pre.name)?.target).toBe(pre.kind === 'pretrain' ? pre.targets.join('+') : '');
    expect(ev.stages.find((s) => s.name === tr.name)).toMatchObject({ from: pre.name, classes: tr.kind === 'transfer' ? tr.task.classes : [] });
  });

  it('batch numbers become 1-based and carry the batch loss; epochs keep the engine’s 1-based numbers', () => {
    const batch: RunEvent = { type: 'batch', stage: 's', epoch: 1, batch: 0, nBatches: 4, loss: 0.75, samplesPerSec: 50, etaSeconds: 3, runEtaSeconds: 9 };
    expect(toLiveEvent(batch, spec)).toEqual({ type: 'batch', stage: 's', epoch: 1, batch: 1, batches: 4, etaS: 3, runEtaS: 9, samplesPerSec: 50, loss: 0.75 });
    const epoch: RunEvent = { type: 'epoch', stage: 's', epoch: 2, epochs: 2, lr: 0.1, loss: 1, valLoss: 2, improved: true, seconds: 1, metrics: { n: 3, loss: 2, classes: ['a'] }, etaSeconds: 0 };
    expect(toLiveEvent(epoch, spec)).toMatchObject({ type: 'epoch', epoch: 2, classes: ['a'], lr: 0.1 });
  });

  it('stage-end carries the test ROC curves with their per-class AUC', () => {
    const result: StageResult = {
      name: 's', kind: 'baseline', source: 'x', task: 'single-label',
      model: { kind: 'tiny-cnn', trainableParams: 1, flopsPerSample: 1, inputShape: [] },
      split: { method: 'random', nTrain: 1, nVal: 1, nTest: 1 },
      metrics: { test: { n: 1, loss: 0.5, per_class_auc: [0.9, 0.8], classes: ['a', 'b'] } },
      history: [], seconds: 2, bestEpoch: 3,
      roc: { classes: ['a', 'b'], curves: [[{ fpr: 0, tpr: 1, threshold: 0.5 }], []] },
    };
    const ev = toLiveEvent({ type: 'stage-end', stage: 's', result }, spec);
    if (ev?.type !== 'stage-end') throw new Error('not a stage-end');
    expect(ev.metrics?.test?.roc).toEqual([
      { className: 'a', auc: 0.9, points: [{ fpr: 0, tpr: 1, threshold: 0.5 }] },
      { className: 'b', auc: 0.8, points: [] },
    ]);
    expect(ev).toMatchObject({ classes: ['a', 'b'], bestEpoch: 3, seconds: 2 });
  });

  it('errors become log lines; a cancel is info', () => {
    expect(toLiveEvent({ type: 'error', message: 'boom', cancelled: false, stage: 's' }, spec)).toEqual({ type: 'log', text: 'error in stage s: boom', level: 'warn' });
    expect(toLiveEvent({ type: 'error', message: 'x', cancelled: true }, spec)).toEqual({ type: 'log', text: 'run cancelled', level: 'info' });
    expect(toLiveEvent({ type: 'done', results: {} as never }, spec)).toBeNull();
  });
});

describe('createEventSink', () => {
  /** A manual timer: `fire()` runs what is scheduled. */
  function manual() {
    let due: (() => void) | null = null;
    const schedule: Schedule = (fn) => {
      due = fn;
      return () => (due = null);
    };
    return { schedule, fire: () => due?.(), pending: () => due !== null };
  }
  const batch = (b: number): LiveEvent => ({ type: 'batch', stage: 's', epoch: 1, batch: b, batches: 9 });
  const log: LiveEvent = { type: 'log', text: 'x' };

  it('keeps only the latest batch update until the timer fires', () => {
    const sent: LiveEvent[][] = [];
    const t = manual();
    const sink = createEventSink((evs) => sent.push(evs), t.schedule);
    sink.push(batch(1));
    sink.push(batch(2));
    expect(sent).toEqual([]);
    expect(t.pending()).toBe(true);
    t.fire();
    expect(sent).toEqual([[batch(2)]]);
  });

  it('other events go at once, after the pending batch update, and cancel the timer', () => {
    const sent: LiveEvent[][] = [];
    const t = manual();
    const sink = createEventSink((evs) => sent.push(evs), t.schedule);
    sink.push(batch(1));
    sink.push(log);
    expect(sent).toEqual([[batch(1), log]]);
    expect(t.pending()).toBe(false);
    sink.flush();
    expect(sent).toHaveLength(1); // nothing left to send
  });
});
