/**
 * View model of a run as the charts see it, and the pure reducer that folds the engine's events into it.
 * The engine's RunEvent is adapted here in one place (see `LiveEvent`), so chart components stay plain.
 */

/** Metric keys as the engine and CLI name them (mae_hr_bpm, accuracy, macro_auc, ...). */
export type MetricRecord = Record<string, unknown>;

export interface RocCurve {
  className: string;
  auc: number;
  /** Points (fpr, tpr), sorted by fpr. */
  points: { fpr: number; tpr: number }[];
}

export interface EpochPoint {
  epoch: number;
  loss?: number;
  valLoss?: number;
  /** Validation metrics of this epoch (MAE per target in bpm/ms, accuracy, macro_auc...). */
  metrics: Record<string, number>;
}

export interface LiveStage {
  name: string;
  kind: string;
  target?: string;
  from?: string;
  status: 'pending' | 'running' | 'done' | 'failed';
  epochs: EpochPoint[];
  maxEpochs?: number;
  progress?: { epoch: number; batch: number; batches: number };
  etaS?: number;
  classes?: string[];
  /** Latest confusion matrix (rows = true class, columns = predicted) and the split it comes from. */
  confusion?: { split: 'val' | 'test'; matrix: number[][]; epoch?: number };
  /** Number of epochs whose validation confusion matrix was received (one per epoch while training). */
  confusionUpdates?: number;
  roc?: { split: 'val' | 'test'; curves: RocCurve[] };
  final?: { val?: MetricRecord; test?: MetricRecord };
  /** Records per split (from the engine's split, independent of the metrics). */
  split?: SplitCounts;
  /** Engine's estimate for the whole stage (s), at its start. */
  estimatedS?: number;
  trainableParams?: number;
  samplesPerSec?: number;
  bestEpoch?: number;
  stoppedEarly?: boolean;
  seconds?: number;
  startedAt?: number;
  endedAt?: number;
  /** Regression targets of the stage's model (hr_bpm, pr_ms, …). */
  targets?: string[];
  /** Regression test predictions in physical units (≤ 2000 per target): true vs predicted for scatter plots. */
  predictions?: Prediction[];
}

export interface Prediction {
  target: string;
  true: number[];
  pred: number[];
}

export interface LiveRun {
  stages: LiveStage[];
  current: string | null;
  /** Whole-run ETA in seconds, when the engine provides one. */
  etaS?: number;
  log: { t: number; text: string; level?: 'info' | 'warn' }[];
  /** Synthetic data generation progress, per source. */
  data?: { source: string; done: number; total: number };
  backend?: { backend: string; reason?: string };
}

export interface ComparisonRowLike {
  name: string;
  kind?: string;
  from?: string;
  val?: MetricRecord;
  test?: MetricRecord;
  [k: string]: unknown;
}

export interface RunResultsLike {
  stages: { name: string; kind: string; target?: string; metrics: { val?: MetricRecord; test?: MetricRecord }; history?: unknown[]; [k: string]: unknown }[];
  comparison: ComparisonRowLike[];
  [k: string]: unknown;
}

export interface SplitCounts {
  method: string;
  nTrain: number;
  nVal: number;
  nTest: number;
  note?: string;
}

/** Events the UI understands (the worker maps the engine's RunEvent onto these; epochs and batches 1-based). */
export type LiveEvent =
  | { type: 'plan'; backend?: { backend: string; reason?: string }; stages: { name: string; kind: string; target?: string; from?: string; classes?: string[] }[] }
  | { type: 'data'; source: string; done: number; total: number }
  | {
      type: 'stage-start';
      stage: string;
      kind: string;
      target?: string;
      from?: string;
      epochs?: number;
      classes?: string[];
      split?: SplitCounts;
      estimatedS?: number;
      params?: number;
      plan?: { name: string; kind: string; target?: string }[];
    }
  | { type: 'epoch'; stage: string; epoch: number; loss?: number; valLoss?: number; metrics?: MetricRecord; classes?: string[]; etaS?: number; lr?: number }
  | { type: 'batch'; stage: string; epoch: number; batch: number; batches: number; etaS?: number; runEtaS?: number; samplesPerSec?: number }
  | { type: 'stage-end'; stage: string; metrics?: { val?: MetricRecord; test?: MetricRecord }; classes?: string[]; split?: SplitCounts; seconds?: number; bestEpoch?: number; stoppedEarly?: boolean; predictions?: Prediction[]; targets?: string[] }
  | { type: 'log'; text: string; level?: 'info' | 'warn' };

export function emptyLiveRun(): LiveRun {
  return { stages: [], current: null, log: [] };
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

export function asMatrix(v: unknown): number[][] | undefined {
  if (!Array.isArray(v) || v.length === 0) return undefined;
  if (!v.every((row) => Array.isArray(row) && row.every((x) => typeof x === 'number'))) return undefined;
  return v as number[][];
}

/** Accepts ROC as [{class|className, auc, fpr[], tpr[]}] or [{..., points:[{fpr,tpr}]}]. */
export function asRoc(v: unknown, classes?: string[]): RocCurve[] | undefined {
  if (!Array.isArray(v) || v.length === 0) return undefined;
  const curves: RocCurve[] = [];
  v.forEach((c, i) => {
    if (!c || typeof c !== 'object') return;
    const o = c as Record<string, unknown>;
    const name = String(o.className ?? o.class ?? o.label ?? classes?.[i] ?? `class ${i}`);
    const auc = typeof o.auc === 'number' ? o.auc : NaN;
    let points: { fpr: number; tpr: number }[] = [];
    if (Array.isArray(o.points)) {
      points = (o.points as unknown[]).map((p) => {
        if (Array.isArray(p)) return { fpr: Number(p[0]), tpr: Number(p[1]) };
        const q = p as Record<string, unknown>;
        return { fpr: Number(q.fpr ?? q.x), tpr: Number(q.tpr ?? q.y) };
      });
    } else if (Array.isArray(o.fpr) && Array.isArray(o.tpr)) {
      const fpr = o.fpr as number[];
      const tpr = o.tpr as number[];
      points = fpr.map((x, j) => ({ fpr: x, tpr: tpr[j] }));
    }
    curves.push({ className: name, auc, points });
  });
  return curves.length ? curves : undefined;
}

function upsertStage(stages: LiveStage[], name: string, init: () => LiveStage): [LiveStage[], LiveStage, number] {
  const i = stages.findIndex((s) => s.name === name);
  if (i >= 0) {
    const copy = stages.slice();
    const s = { ...copy[i] };
    copy[i] = s;
    return [copy, s, i];
  }
  const s = init();
  return [[...stages, s], s, stages.length];
}

function pendingStage(name: string, kind = 'stage', target?: string): LiveStage {
  return { name, kind, target, status: 'pending', epochs: [] };
}

/** Fold events into a new LiveRun (pure: inputs untouched). */
export function applyEvents(live: LiveRun, events: LiveEvent[]): LiveRun {
  let stages = live.stages;
  let current = live.current;
  let etaS = live.etaS;
  let log = live.log;
  let data = live.data;
  let backend = live.backend;
  const now = Date.now();
  for (const ev of events) {
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
    if (ev.type === 'stage-start' && ev.plan && stages.length === 0) {
      stages = ev.plan.map((p) => pendingStage(p.name, p.kind, p.target));
    }
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
  return { stages, current, etaS: running ? etaS : undefined, log, data, backend };
}

/** Rebuild a LiveRun from final results (history view of a finished run). */
export function liveFromResults(results: RunResultsLike): LiveRun {
  // Results with `epochBase: 1` count epochs from 1 (history rows, bestEpoch); older ones from 0.
  const shift = results.epochBase === 1 ? 0 : 1;
  const stages: LiveStage[] = results.stages.map((st) => {
    const history = Array.isArray(st.history) ? (st.history as Record<string, unknown>[]) : [];
    const testClasses = (st.metrics?.test as MetricRecord | undefined)?.classes ?? (st.metrics?.val as MetricRecord | undefined)?.classes;
    const classes = Array.isArray(st.classes) ? (st.classes as string[]) : Array.isArray(testClasses) ? (testClasses as string[]) : undefined;
    const epochs: EpochPoint[] = history.map((h, i) => {
      const { epoch, loss, valLoss, val_loss, metrics, val, ...rest } = h as Record<string, unknown>;
      return {
        // the charts count epochs from 1 (as the live events)
        epoch: typeof epoch === 'number' ? epoch + shift : i + 1,
        loss: typeof loss === 'number' ? loss : undefined,
        valLoss: typeof valLoss === 'number' ? valLoss : typeof val_loss === 'number' ? val_loss : undefined,
        metrics: numericMetrics((metrics as MetricRecord) ?? (val && typeof val === 'object' ? (val as MetricRecord) : rest)),
      };
    });
    const test = st.metrics?.test;
    const cm = asMatrix(test?.confusion) ?? asMatrix(st.metrics?.val?.confusion);
    const stRoc = st.roc as { classes: string[]; curves: { fpr: number; tpr: number }[][] } | undefined;
    const aucs = (test?.per_class_auc as number[] | undefined) ?? [];
    const roc = stRoc ? stRoc.curves.map((points, i) => ({ className: stRoc.classes[i], auc: aucs[i] ?? NaN, points })) : asRoc(test?.roc ?? st.metrics?.val?.roc, classes);
    return {
      name: st.name,
      kind: st.kind,
      target: Array.isArray(st.targets) && st.targets.length > 1 ? (st.targets as string[]).join('+') : st.target,
      status: 'done',
      epochs,
      classes,
      confusion: cm ? { split: asMatrix(test?.confusion) ? 'test' : 'val', matrix: cm } : undefined,
      roc: roc ? { split: stRoc || test?.roc ? 'test' : 'val', curves: roc } : undefined,
      from: typeof st.from === 'string' ? st.from : undefined,
      final: st.metrics,
      split: st.split as SplitCounts | undefined,
      seconds: typeof st.seconds === 'number' ? st.seconds : undefined,
      bestEpoch: typeof st.bestEpoch === 'number' ? st.bestEpoch + shift : undefined,
      stoppedEarly: typeof st.stoppedEarly === 'boolean' ? st.stoppedEarly : undefined,
      samplesPerSec: typeof st.samplesPerSec === 'number' ? st.samplesPerSec : undefined,
      maxEpochs: epochs.length || undefined,
      ...(Array.isArray(st.predictions) ? { predictions: st.predictions as Prediction[] } : {}),
      ...(Array.isArray(st.targets) ? { targets: st.targets as string[] } : {}),
    };
  });
  const backend = results.backend as LiveRun['backend'];
  return { stages, current: null, log: [], ...(backend ? { backend } : {}) };
}
