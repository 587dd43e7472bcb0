/**
 * The pure reducer that folds live events into a run's view model (`LiveRun`), and the same model rebuilt from
 * finished results (a run viewed from the history). tfjs-free: the page's store runs it.
 */
import type { EpochPoint, LiveCell, LiveEvent, LiveRun, LiveStage, MetricRecord, RocCurve } from './contract/live';
import type { RunResults, StageResult } from './results';

export function emptyLiveRun(): LiveRun {
  return { stages: [], current: null, log: [] };
}

/** Most batch-loss points kept per stage: past it every other point is dropped (the curve keeps its shape). */
export const BATCH_LOSS_MAX = 1500;

/** A stage's batch-loss trace with one more point; thinned by half when it reaches BATCH_LOSS_MAX. */
export function addBatchLoss(trace: readonly { x: number; loss: number }[] | undefined, x: number, loss: number): { x: number; loss: number }[] {
  const prev = trace ?? [];
  // A repeat (a resumed run, a re-sent update) at or before the last x replaces the points from there on.
  const kept = prev.length && prev[prev.length - 1].x >= x ? prev.filter((p) => p.x < x) : prev;
  const next = [...kept, { x, loss }];
  return next.length >= BATCH_LOSS_MAX ? next.filter((_, i) => i % 2 === 0 || i === next.length - 1) : next;
}

const NUMERIC_SKIP = new Set(['confusion', 'roc', 'classes']);

/** Numeric metrics only, for charts. */
export function numericMetrics(m: MetricRecord | undefined): Record<string, number> {
  const out: Record<string, number> = {};
  if (!m) return out;
  for (const [k, v] of Object.entries(m)) {
    if (NUMERIC_SKIP.has(k)) continue;
    if (typeof v === 'number' && Number.isFinite(v)) out[k] = v;
  }
  return out;
}

/** A metric value that is a number matrix (a single-label confusion matrix), else undefined. */
export function asMatrix(v: unknown): number[][] | undefined {
  if (!Array.isArray(v) || v.length === 0) return undefined;
  if (!v.every((row) => Array.isArray(row) && row.every((x) => typeof x === 'number'))) return undefined;
  return v as number[][];
}

/** Accepts ROC as [{class|className, auc, fpr[], tpr[]}] or [{..., points:[{fpr,tpr}] | [fpr, tpr][]}]. */
export function asRoc(v: unknown, classes?: string[]): RocCurve[] | undefined {
  if (!Array.isArray(v) || v.length === 0) return undefined;
  const curves: RocCurve[] = [];
  v.forEach((c: unknown, i) => {
    if (!c || typeof c !== 'object') return;
    const o = c as Record<string, unknown>;
    const name = String(o.className ?? o.class ?? o.label ?? classes?.[i] ?? `class ${i}`);
    const auc = typeof o.auc === 'number' ? o.auc : NaN;
    let points: { fpr: number; tpr: number }[] = [];
    if (Array.isArray(o.points)) {
      points = o.points.map((p: unknown) => {
        if (Array.isArray(p)) return { fpr: Number(p[0]), tpr: Number(p[1]) };
        const q = (p ?? {}) as Record<string, unknown>;
        return { fpr: Number(q.fpr ?? q.x), tpr: Number(q.tpr ?? q.y) };
      });
    } else if (Array.isArray(o.fpr) && Array.isArray(o.tpr)) {
      const tpr = o.tpr;
      points = o.fpr.map((x: unknown, j) => ({ fpr: Number(x), tpr: Number(tpr[j]) }));
    }
    curves.push({ className: name, auc, points });
  });
  return curves.length ? curves : undefined;
}

function upsertStage(stages: LiveStage[], name: string, init: () => LiveStage): [LiveStage[], LiveStage] {
  const i = stages.findIndex((s) => s.name === name);
  if (i >= 0) {
    const copy = stages.slice();
    const s = { ...copy[i] };
    copy[i] = s;
    return [copy, s];
  }
  const s = init();
  return [[...stages, s], s];
}

function pendingStage(name: string, kind = 'stage', target?: string): LiveStage {
  return { name, kind, target, status: 'pending', epochs: [] };
}

/** Fold events into a new LiveRun (pure: inputs untouched). `now` stamps log lines and stage start/end. */
export function applyEvents(live: LiveRun, events: readonly LiveEvent[], now: number = Date.now()): LiveRun {
  let stages = live.stages;
  let current = live.current;
  let etaS = live.etaS;
  let log = live.log;
  let data = live.data;
  let backend = live.backend;
  let cells = live.cells;
  let stats = live.stats;
  let held = live.held;
  for (const ev of events) {
    if (ev.type === 'held') {
      held = true;
      continue;
    }
    if (ev.type === 'sweep-stats') {
      stats = ev.stats;
      continue;
    }
    if (ev.type === 'log') {
      log = [...log.slice(-199), { t: now, text: ev.text, level: ev.level }];
      continue;
    }
    if (ev.type === 'data') {
      data = { source: ev.source, done: ev.done, total: ev.total };
      continue;
    }
    if (ev.type === 'plan') {
      stages = ev.stages.map((p) => ({ ...pendingStage(p.name, p.kind, p.target), from: p.from, classes: p.classes }));
      backend = ev.backend ?? backend;
      continue;
    }
    held = undefined; // a stage, epoch or batch event: training advanced
    const [next, s] = upsertStage(stages, ev.stage, () => pendingStage(ev.stage));
    stages = next;
    switch (ev.type) {
      case 'stage-start':
        s.kind = ev.kind;
        s.target = ev.target ?? s.target;
        s.from = ev.from;
        s.maxEpochs = ev.epochs;
        s.classes = ev.classes ?? s.classes;
        s.split = ev.split ?? s.split;
        s.estimatedS = ev.estimatedS;
        s.trainableParams = ev.params;
        s.status = 'running';
        s.startedAt = now;
        s.epochs = [];
        s.batchLoss = undefined;
        s.confusionUpdates = 0;
        s.etaS = ev.estimatedS;
        current = ev.stage;
        data = undefined;
        break;
      case 'epoch': {
        const m = ev.metrics ?? {};
        s.epochs = [...s.epochs.filter((p) => p.epoch !== ev.epoch), { epoch: ev.epoch, loss: ev.loss, valLoss: ev.valLoss, metrics: numericMetrics(m) }];
        s.classes = ev.classes ?? (Array.isArray(m.classes) ? (m.classes as string[]) : s.classes);
        const cm = asMatrix(m.confusion);
        if (cm) {
          s.confusion = { split: 'val', matrix: cm, epoch: ev.epoch };
          s.confusionUpdates = (s.confusionUpdates ?? 0) + 1;
        }
        const roc = asRoc(m.roc, s.classes);
        if (roc) s.roc = { split: 'val', curves: roc };
        if (ev.etaS !== undefined) s.etaS = ev.etaS;
        s.status = 'running';
        current = ev.stage;
        break;
      }
      case 'batch':
        s.progress = { epoch: ev.epoch, batch: ev.batch, batches: ev.batches };
        s.etaS = ev.etaS;
        if (ev.samplesPerSec !== undefined) s.samplesPerSec = ev.samplesPerSec;
        if (ev.runEtaS !== undefined) etaS = ev.runEtaS;
        if (ev.loss !== undefined && Number.isFinite(ev.loss) && ev.batches > 0) s.batchLoss = addBatchLoss(s.batchLoss, ev.epoch - 1 + ev.batch / ev.batches, ev.loss);
        s.status = 'running';
        current = ev.stage;
        break;
      case 'stage-end': {
        s.status = 'done';
        s.endedAt = now;
        s.final = ev.metrics;
        s.classes = ev.classes ?? s.classes;
        s.split = ev.split ?? s.split;
        s.seconds = ev.seconds;
        s.bestEpoch = ev.bestEpoch;
        s.stoppedEarly = ev.stoppedEarly;
        if (ev.predictions) s.predictions = ev.predictions;
        if (ev.targets) s.targets = ev.targets;
        if (ev.agreement) s.agreement = ev.agreement;
        if (ev.cell) {
          const cell = ev.cell;
          // A resumed run may report a cell again: the latest report replaces it in place.
          const at = (cells ?? []).findIndex((c) => c.id === cell.id);
          cells = at >= 0 ? cells!.map((c, i) => (i === at ? cell : c)) : [...(cells ?? []), cell];
        }
        const test = ev.metrics?.test;
        const cm = asMatrix(test?.confusion);
        if (cm) s.confusion = { split: 'test', matrix: cm };
        const roc = asRoc(test?.roc, s.classes);
        if (roc) s.roc = { split: 'test', curves: roc };
        s.progress = undefined;
        s.etaS = undefined;
        break;
      }
    }
  }
  const running = stages.some((s) => s.status === 'running' || s.status === 'pending');
  return { stages, current, etaS: running ? etaS : undefined, log, data, backend, ...(cells ? { cells } : {}), ...(stats ? { stats } : {}), ...(held ? { held } : {}) };
}

/** The parts of RunResults the view model is rebuilt from (a finished run in the history). */
export type ResultsView = Pick<RunResults, 'stages' | 'backend' | 'epochBase' | 'cells'>;

/** A result's sweep cell in the live view's shape (undefined for results without a cell). */
export function cellOfResult(r: StageResult): LiveCell | undefined {
  if (!r.cell) return undefined;
  const test: Record<string, number> = {};
  for (const [k, v] of Object.entries(r.metrics.test ?? {})) if (typeof v === 'number' && Number.isFinite(v)) test[k] = v;
  return {
    id: r.cell.id,
    stage: r.name,
    kind: r.kind,
    repeat: r.cell.repeat,
    ...(r.cell.budget !== undefined ? { budget: r.cell.budget } : {}),
    nTrain: r.split.nTrain,
    nTest: r.split.nTest,
    test,
    ...(r.ci ? { ci: r.ci } : {}),
    ...(r.cell.cached ? { cached: true } : {}),
  };
}

/** Rebuild a LiveRun from final results (history view of a finished run). */
export function liveFromResults(results: ResultsView): LiveRun {
  // Results with `epochBase: 1` count epochs from 1 (history rows, bestEpoch); results without it from 0.
  const shift = results.epochBase === 1 ? 0 : 1;
  const stages: LiveStage[] = results.stages.map((st) => {
    const test = st.metrics.test;
    const val = st.metrics.val;
    const classes = test?.classes ?? val?.classes;
    const epochs: EpochPoint[] = st.history.map((h) => ({ epoch: h.epoch + shift, loss: h.loss, valLoss: h.valLoss, metrics: numericMetrics(h.val) }));
    const testCm = asMatrix(test?.confusion);
    const cm = testCm ?? asMatrix(val?.confusion);
    const aucs = test?.per_class_auc ?? [];
    const roc = st.roc ? st.roc.curves.map((points, i) => ({ className: st.roc!.classes[i], auc: aucs[i] ?? NaN, points })) : undefined;
    return {
      name: st.name,
      kind: st.kind,
      target: st.targets && st.targets.length > 1 ? st.targets.join('+') : st.target,
      status: 'done',
      epochs,
      classes,
      confusion: cm ? { split: testCm ? 'test' : 'val', matrix: cm } : undefined,
      roc: roc ? { split: 'test', curves: roc } : undefined,
      from: st.from,
      final: st.metrics,
      split: st.split,
      seconds: st.seconds,
      bestEpoch: st.bestEpoch !== undefined ? st.bestEpoch + shift : undefined,
      stoppedEarly: st.stoppedEarly,
      samplesPerSec: st.samplesPerSec,
      maxEpochs: epochs.length || undefined,
      ...(st.predictions ? { predictions: st.predictions } : {}),
      ...(st.targets ? { targets: st.targets } : {}),
    };
  });
  const cells = (results.cells ?? []).flatMap((r) => cellOfResult(r) ?? []);
  return { stages, current: null, log: [], ...(results.backend ? { backend: results.backend } : {}), ...(cells.length ? { cells } : {}) };
}

/**
 * What a finished run keeps of its live view beside its results: the stages' batch-loss traces only (results
 * hold the per-epoch points), so its saved loss charts stay curves. Undefined when no stage has a trace.
 */
export function batchTraces(live: LiveRun): LiveRun | undefined {
  const stages: LiveStage[] = live.stages.flatMap((s) => (s.batchLoss?.length ? [{ name: s.name, kind: s.kind, status: s.status, epochs: [], batchLoss: s.batchLoss }] : []));
  return stages.length ? { stages, current: null, log: [] } : undefined;
}

/** A view rebuilt from results with the batch-loss traces a saved run kept (matched by stage name). */
export function withBatchTraces(view: LiveRun, traces: LiveRun | undefined): LiveRun {
  if (!traces?.stages.some((s) => s.batchLoss?.length)) return view;
  const byName = new Map(traces.stages.map((s) => [s.name, s.batchLoss]));
  return { ...view, stages: view.stages.map((s) => (s.batchLoss || !byName.get(s.name) ? s : { ...s, batchLoss: byName.get(s.name) })) };
}
