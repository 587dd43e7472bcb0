/**
 * The engine's RunEvent → the page's LiveEvent (the one place where engine field names are adapted), and the
 * sink that coalesces them for the worker boundary: batch updates at most once per interval (only the latest is
 * kept), every other event at once, in order.
 */
import type { LiveEvent } from './contract/live';
import { cellOfResult } from './liveRun';
import { EPOCH_BASE, type RunEvent } from './results';
import type { ExperimentSpec, StageSpec } from './spec';

/** Live events count epochs from 1; the engine's events already do when EPOCH_BASE is 1. */
const TO_LIVE_EPOCH = 1 - EPOCH_BASE;

function stageExtras(st: StageSpec | undefined): { target?: string; from?: string; classes?: string[] } {
  if (!st) return {};
  return {
    ...(st.kind === 'pretrain' ? { target: st.targets.join('+') } : {}),
    ...('from' in st ? { from: st.from } : {}),
    ...('task' in st ? { classes: st.task.classes } : {}),
  };
}

export function toLiveEvent(e: RunEvent, spec: Pick<ExperimentSpec, 'stages'>): LiveEvent | null {
  const stageOf = (name: string) => spec.stages.find((s) => s.name === name);
  switch (e.type) {
    case 'run-start':
      return { type: 'plan', backend: e.backend, stages: e.stages.map((x) => ({ name: x.name, kind: x.kind, ...stageExtras(stageOf(x.name)) })) };
    case 'stage-start':
      return { type: 'stage-start', stage: e.stage, kind: e.kind, ...stageExtras(stageOf(e.stage)), epochs: e.epochs, split: e.split, estimatedS: e.estimatedSeconds, params: e.model.trainableParams };
    case 'epoch':
      return { type: 'epoch', stage: e.stage, epoch: e.epoch + TO_LIVE_EPOCH, loss: e.loss, valLoss: e.valLoss, metrics: e.metrics, classes: e.metrics.classes, etaS: e.etaSeconds, lr: e.lr };
    case 'batch':
      return { type: 'batch', stage: e.stage, epoch: e.epoch + TO_LIVE_EPOCH, batch: e.batch + 1, batches: e.nBatches, etaS: e.etaSeconds, runEtaS: e.runEtaSeconds, samplesPerSec: e.samplesPerSec, loss: e.loss };
    case 'data-progress':
      return { type: 'data', source: e.source, done: e.done, total: e.total };
    case 'stage-end': {
      const r = e.result;
      const test = r.metrics.test;
      const roc = r.roc;
      const metrics = {
        ...(r.metrics.val ? { val: r.metrics.val } : {}),
        ...(test ? { test: roc ? { ...test, roc: roc.curves.map((points, i) => ({ className: roc.classes[i], auc: test.per_class_auc?.[i] ?? NaN, points })) } : test } : {}),
      };
      const classes = test?.classes ?? r.metrics.val?.classes;
      const cell = cellOfResult(r);
      return {
        type: 'stage-end',
        stage: e.stage,
        metrics,
        classes,
        split: r.split,
        seconds: r.seconds,
        bestEpoch: r.bestEpoch !== undefined ? r.bestEpoch + TO_LIVE_EPOCH : undefined,
        stoppedEarly: r.stoppedEarly,
        ...(r.predictions ? { predictions: r.predictions } : {}),
        ...(r.targets ? { targets: r.targets } : {}),
        ...(cell ? { cell } : {}),
      };
    }
    case 'log':
      return { type: 'log', text: e.message, level: e.level };
    case 'error':
      return { type: 'log', text: e.cancelled ? 'run cancelled' : `error${e.stage ? ` in stage ${e.stage}` : ''}: ${e.message}`, level: e.cancelled ? 'info' : 'warn' };
    default:
      return null;
  }
}

/** Runs `fn` after `ms`; returns a function that cancels it (the host's timer, e.g. setTimeout). */
export type Schedule = (fn: () => void, ms: number) => () => void;

export interface EventSink {
  push(ev: LiveEvent): void;
  /** Sends what is pending now (end of run). */
  flush(): void;
}

/** Batches events for `send`: batch updates coalesce for `intervalMs`; other events flush at once, after them. */
export function createEventSink(send: (evs: LiveEvent[]) => void, schedule: Schedule, intervalMs = 100): EventSink {
  let pending: LiveEvent[] = [];
  let lastBatch: LiveEvent | null = null;
  let cancel: (() => void) | null = null;
  const flush = () => {
    cancel?.();
    cancel = null;
    const out = lastBatch ? [...pending, lastBatch] : pending;
    pending = [];
    lastBatch = null;
    if (out.length) send(out);
  };
  const push = (ev: LiveEvent) => {
    if (ev.type === 'batch') {
      lastBatch = ev;
      cancel ??= schedule(flush, intervalMs);
      return;
    }
    // A pending batch update belongs before the epoch/stage event.
    if (lastBatch) {
      pending.push(lastBatch);
      lastBatch = null;
    }
    pending.push(ev);
    flush();
  };
  return { push, flush };
}
