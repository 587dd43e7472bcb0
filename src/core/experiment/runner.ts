/**
 * Runs an ExperimentSpec: prepares data sources, executes the stages in order (pretrain, transfer, baseline,
 * evaluate), streams RunEvents and returns RunResults. The same code runs in the lab's worker and in `cli run`.
 * Imported data is supplied by the host (`datasets`, keyed by source name); synthetic data is generated here.
 */
import * as tf from '@tensorflow/tfjs';
import { resolveLeads, type BatchOptions } from '../data/batching';
import type { EcgDataset, RegressionTarget } from '../data/dataset';
import { generateSyntheticDataset, type SyntheticDatasetSpec } from '../data/synthDataset';
import { initBackend, type BackendChoice, type BackendEnv } from '../ml/backend';
import { kernelThreadsInfo } from '../ml/kernels/threads';
import { CancelledError, RunControl } from '../ml/control';
import { evaluateModel, type EvalOutput } from '../ml/evaluate';
import { rocCurve, type RocPoint } from '../ml/metrics';
import { buildModel } from '../ml/models';
import { seedForTask } from '../ml/random';
import { estimateEpochSeconds, summarizeModel, TYPICAL_GFLOPS } from '../ml/summary';
import { classIndex, eligibleOnly, prepareTask, type PreparedTask, type TaskSpec } from '../ml/task';
import { trainModel, type TrainConfig } from '../ml/train';
import { copyWeights, frozenPrefixes, setFrozen } from '../ml/transfer';
import {
  EPOCH_BASE,
  flatMetrics,
  scalarMetrics,
  type ComparisonRow,
  type RunEvent,
  type RunResults,
  type StageKind,
  type StageMetrics,
  type StageModelInfo,
  type StageResult,
} from './results';
import { DEFAULT_SPLIT, stageTraining, type ExperimentSpec, type StageSpec } from './spec';
import { splitDataset, splitInfo, type SplitResult } from './split';
import { datasetsBySource } from './datasetMatch';

export interface RunOptions {
  /**
   * Imported datasets keyed by source name (the lab's IndexedDB / the CLI's readers resolve them), or a list
   * matched to the imported sources by datasetMatch.ts (fingerprint, else name, else the only one that fits).
   */
  datasets?: Record<string, EcgDataset> | EcgDataset[];
  /**
   * Receives every trained model (pretrain, transfer, baseline) when its stage ends. The host then owns it
   * (must dispose it); without this callback the runner disposes the models at the end of the run.
   */
  onModel?(stage: string, model: tf.LayersModel): void;
  onEvent?(ev: RunEvent): void;
  control?: RunControl;
  /** Passed to initBackend (wasm paths in a Vite build). */
  backendEnv?: BackendEnv;
  /** Use this backend instead of the spec's preference (CLI --backend). */
  backendOverride?: ExperimentSpec['backend'];
  /** Skip backend initialisation (the host already set it). */
  skipBackendInit?: boolean;
  /**
   * The backend the host already initialised, as `initBackend` returned it (backend + fallback reason): the runner
   * skips initialisation and reports this choice (run-start event, `results.backend`, notes) instead of a bare
   * `tf.getBackend()`. Takes precedence over `skipBackendInit`, `backendOverride` and the spec's preference.
   */
  backend?: BackendChoice;
}

interface TrainedModel {
  model: tf.LayersModel;
  task: PreparedTask;
  stage: StageSpec;
}

const MAX_ROC_POINTS = 200;
const MAX_SCATTER = 2000;

function thinCurve(pts: RocPoint[]): RocPoint[] {
  if (pts.length <= MAX_ROC_POINTS) return pts;
  const step = (pts.length - 1) / (MAX_ROC_POINTS - 1);
  return Array.from({ length: MAX_ROC_POINTS }, (_, i) => pts[Math.round(i * step)]);
}

function taskName(t: TaskSpec): StageResult['task'] {
  return t.kind;
}

export async function runExperiment(spec: ExperimentSpec, opts: RunOptions = {}): Promise<RunResults> {
  const emit = (ev: RunEvent) => opts.onEvent?.(ev);
  const control = opts.control ?? new RunControl();
  const t0 = performance.now();
  const startedAt = new Date().toISOString();
  const notes: string[] = [];
  const trained = new Map<string, TrainedModel>();
  const data = new Map<string, EcgDataset>();
  const splits = new Map<string, SplitResult>();
  const stages: StageResult[] = [];
  const handedOver = new Set<tf.LayersModel>();
  /** The model of the stage being trained: disposed by `finally` if the stage does not finish (cancel, error). */
  let inProgress: tf.LayersModel | undefined;
  let currentStage: string | undefined;
  const warn = (message: string) => {
    notes.push(message);
    emit({ type: 'log', level: 'warn', message });
  };
  try {
    const backend: BackendChoice = opts.backend
      ? { ...opts.backend }
      : opts.skipBackendInit
        ? { backend: tf.getBackend() }
        : await initBackend(opts.backendOverride ?? spec.backend, opts.backendEnv ?? {});
    if (backend.backend === 'wasm' && backend.threads === undefined) {
      const t = kernelThreadsInfo();
      backend.threads = t.threads;
    }
    if (backend.reason) notes.push(`backend ${backend.backend}: ${backend.reason}`);
    if (opts.backend && opts.backend.backend !== tf.getBackend()) {
      notes.push(`backend: the host reported ${opts.backend.backend} but tfjs runs on ${tf.getBackend()}`);
    }
    emit({ type: 'run-start', name: spec.name, backend, stages: spec.stages.map((s) => ({ name: s.name, kind: s.kind })) });

    const getSource = async (key: string): Promise<EcgDataset> => {
      const have = data.get(key);
      if (have) return have;
      const src = spec.sources[key];
      let ds: EcgDataset;
      if (src.kind === 'synthetic') {
        emit({ type: 'log', level: 'info', message: `generating synthetic source "${key}" (${String(src.spec.n)} records)` });
        await control.checkpoint(0);
        ds = generateSyntheticDataset(src.spec as unknown as SyntheticDatasetSpec, (done, total) => emit({ type: 'data-progress', source: key, done, total }));
      } else {
        const given = resolveImported(opts.datasets, key, spec);
        if (!given) throw new Error(`source "${key}" (${src.name}) is imported data: load it first (no dataset was supplied for it)`);
        if (src.fingerprint && given.fingerprint !== src.fingerprint) {
          warn(`source "${key}": dataset fingerprint ${given.fingerprint} differs from the spec's ${src.fingerprint} (different files or version)`);
        }
        ds = given;
      }
      data.set(key, ds);
      return ds;
    };

    // model input geometry: the first stage's source defines leads and length
    const first = await getSource(spec.stages[0].source);
    const leadNames = spec.preprocessing.leads ?? first.leadNames;
    const nSamples = first.nSamples;
    const fs = first.fs;
    const batchFor = (ds: EcgDataset, key: string): BatchOptions => {
      if (ds.nSamples !== nSamples || ds.fs !== fs) {
        throw new Error(`source "${key}" has ${ds.nSamples} samples at ${ds.fs} Hz but the model takes ${nSamples} at ${fs} Hz: import it resampled to ${fs} Hz, ${(nSamples / fs).toFixed(1)} s`);
      }
      return { scaling: spec.preprocessing.scaling, leadIndices: resolveLeads(ds, leadNames) };
    };

    let measuredFlopsPerSec = 0; // training FLOP/s measured in earlier stages
    const stageSeconds: number[] = [];

    const evalSplits = async (model: tf.LayersModel, ds: EcgDataset, task: PreparedTask, batch: BatchOptions, sp: SplitResult, classes?: string[]) => {
      const val = sp.val.length ? await evaluateModel(model, ds, sp.val, task, batch) : undefined;
      const test = sp.test.length ? await evaluateModel(model, ds, sp.test, task, batch) : undefined;
      return { val, test, metrics: { val: val && flatMetrics(val.result, classes), test: test && flatMetrics(test.result, classes) } };
    };

    const extras = (out: EvalOutput | undefined, task: PreparedTask, idx: Int32Array, classes?: string[]): Pick<StageResult, 'roc' | 'predictions'> => {
      if (!out) return {};
      if (task.spec.kind === 'regression') {
        const C = task.nOut;
        const n = Math.min(idx.length, MAX_SCATTER);
        return {
          predictions: task.spec.targets.map((t, k) => ({
            target: t,
            true: Array.from({ length: n }, (_, i) => task.y[idx[i] * C + k] * task.std![k] + task.mean![k]),
            pred: Array.from({ length: n }, (_, i) => out.outputs[i * C + k]),
          })),
        };
      }
      const C = task.nOut;
      const curves = Array.from({ length: C }, (_, c) =>
        thinCurve(rocCurve(Array.from(idx, (r) => task.y[r * C + c]), Array.from(idx, (_, i) => out.outputs[i * C + c]))),
      );
      return { roc: { classes: classes ?? [], curves } };
    };

    for (let si = 0; si < spec.stages.length; si++) {
      const st = spec.stages[si];
      currentStage = st.name;
      await control.checkpoint(0);
      const stT0 = performance.now();
      const src = spec.sources[st.source];
      const ds = await getSource(st.source);
      const batch = batchFor(ds, st.source);
      const splitSpec = src.split ?? DEFAULT_SPLIT;

      if (st.kind === 'evaluate') {
        const from = trained.get(st.from);
        if (!from) throw new Error(`stage "${st.name}": stage "${st.from}" has no trained model`);
        const task = prepareTask(ds, from.task.spec, [], from.task.spec.kind === 'regression' ? { mean: from.task.mean!, std: from.task.std! } : undefined);
        const all = eligibleOnly(Int32Array.from({ length: ds.n }, (_, i) => i), task);
        let idx = all;
        let info = { method: 'random' as SplitResult['method'], nTrain: 0, nVal: 0, nTest: all.length, note: 'all records with labels' as string | undefined };
        if (st.on === 'test') {
          const sp = splits.get(`${st.source}|${JSON.stringify(task.spec)}`) ?? splitDataset(ds, all, null, splitSpec, seedForTask(spec.seed, `split:${st.source}`));
          idx = sp.test;
          info = { ...splitInfo(sp), note: sp.note };
        }
        const s = summarizeModel(from.model);
        const model: StageModelInfo = { kind: spec.model.kind, trainableParams: s.trainableParams, flopsPerSample: s.flopsPerSample, inputShape: s.inputShape };
        emit({ type: 'stage-start', stage: st.name, kind: st.kind, index: si, total: spec.stages.length, model, split: info, epochs: 0, estimatedSeconds: 0 });
        if (idx.length === 0) warn(`stage "${st.name}": source "${st.source}" has no records with the labels of "${st.from}"`);
        const classes = task.spec.kind === 'regression' ? undefined : task.spec.classes;
        const out = idx.length ? await evaluateModel(from.model, ds, idx, task, batch) : undefined;
        const res: StageResult = {
          name: st.name,
          kind: 'evaluate',
          ...(task.spec.kind === 'regression' ? { target: task.spec.targets[0], targets: task.spec.targets } : {}),
          source: st.source,
          from: st.from,
          task: taskName(task.spec),
          model,
          split: { method: info.method, nTrain: 0, nVal: 0, nTest: idx.length, ...(info.note ? { note: info.note } : {}) },
          metrics: { test: out && flatMetrics(out.result, classes) },
          history: [],
          seconds: (performance.now() - stT0) / 1000,
          ...extras(out, task, idx, classes),
        };
        stages.push(res);
        emit({ type: 'stage-end', stage: st.name, result: res });
        continue;
      }

      // training stages
      const taskSpec: TaskSpec = st.kind === 'pretrain' ? { kind: 'regression', targets: st.targets as RegressionTarget[] } : st.task;
      const probe = prepareTask(ds, taskSpec, []);
      const eligible = eligibleOnly(Int32Array.from({ length: ds.n }, (_, i) => i), probe);
      const strata =
        taskSpec.kind === 'regression'
          ? null
          : taskSpec.kind === 'multi-label'
            ? Array.from({ length: ds.n }, (_, r) => probe.y.subarray(r * probe.nOut, (r + 1) * probe.nOut).join(''))
            : Int32Array.from({ length: ds.n }, (_, r) => classIndex(probe, r));
      const splitKey = `${st.source}|${JSON.stringify(taskSpec)}`;
      let sp = splits.get(splitKey);
      if (!sp) {
        sp = splitDataset(ds, eligible, strata, splitSpec, seedForTask(spec.seed, `split:${st.source}`));
        splits.set(splitKey, sp);
        if (sp.note) warn(`source "${st.source}": ${sp.note}`);
      }
      if (sp.train.length < 2) throw new Error(`stage "${st.name}": only ${sp.train.length} training records in source "${st.source}" for this task`);
      const task = prepareTask(ds, taskSpec, sp.train);
      const hp = stageTraining(spec, st);
      const nOut = task.nOut;
      // same init seed for transfer heads and baselines on the same task; shuffling seed shared too
      const model = buildModel({ kind: spec.model.kind, nLeads: leadNames.length, nSamples, nOut, seed: seedForTask(spec.seed, `init:${st.kind === 'pretrain' ? st.name : 'classifier'}`) });
      inProgress = model;
      let transferInfo: StageResult['transfer'];
      let frozen: string[] = [];
      if (st.kind === 'transfer') {
        const from = trained.get(st.from);
        if (!from) throw new Error(`stage "${st.name}": pretrain stage "${st.from}" has no trained model`);
        const rep = copyWeights(from.model, model);
        frozen = frozenPrefixes(st.mode);
        const frozenLayers = setFrozen(model, frozen, true);
        setFrozen(model, frozen, false);
        transferInfo = { copied: rep.copied.length, fresh: rep.fresh, frozen: frozenLayers };
      }
      const s = summarizeModel(model);
      const modelInfo: StageModelInfo = { kind: spec.model.kind, trainableParams: s.trainableParams, flopsPerSample: s.flopsPerSample, inputShape: s.inputShape };
      const gflops = measuredFlopsPerSec > 0 ? measuredFlopsPerSec / 1e9 : (TYPICAL_GFLOPS[tf.getBackend()] ?? 1);
      const estimatedSeconds = estimateEpochSeconds(s.flopsPerSample, sp.train.length, gflops, sp.val.length) * hp.epochs;
      emit({ type: 'stage-start', stage: st.name, kind: st.kind, index: si, total: spec.stages.length, model: modelInfo, split: splitInfo(sp), epochs: hp.epochs, estimatedSeconds });
      const classes = taskSpec.kind === 'regression' ? undefined : taskSpec.classes;
      const cfg: TrainConfig = {
        epochs: hp.epochs,
        batchSize: hp.batchSize,
        lr: hp.lr,
        weightDecay: hp.weightDecay,
        schedule: hp.schedule,
        patience: hp.patience,
        restoreBest: hp.restoreBest,
        classWeighting: hp.classWeighting,
        seed: seedForTask(spec.seed, `shuffle:${st.source}:${taskSpec.kind}`),
        batch,
        frozenPrefixes: frozen,
        ...(st.kind === 'transfer' && st.mode === 'frozen-then-unfreeze'
          ? { unfreezeAfterEpochs: st.unfreezeAfterEpochs, unfreezeLrFactor: st.unfreezeLrFactor ?? 0.1 }
          : {}),
      };
      const perEpochSamples = sp.train.length;
      const remainingStages = spec.stages.length - si - 1;
      let lastBatchEmit = 0;
      let lastSps = 0;
      const outcome = await trainModel(model, ds, sp.train, sp.val, task, cfg, {
        control,
        onBatch: (b) => {
          lastSps = b.samplesPerSec;
          const now = performance.now();
          if (now - lastBatchEmit < 100 && b.batch !== b.nBatches - 1) return;
          lastBatchEmit = now;
          const left = (hp.epochs - b.epoch - 1) * perEpochSamples + (b.nBatches - b.batch - 1) * hp.batchSize;
          const eta = left / Math.max(b.samplesPerSec, 1e-6);
          const avgStage = stageSeconds.length ? stageSeconds.reduce((a, c) => a + c, 0) / stageSeconds.length : eta;
          emit({ type: 'batch', stage: st.name, epoch: b.epoch + EPOCH_BASE, batch: b.batch, nBatches: b.nBatches, loss: b.loss, samplesPerSec: b.samplesPerSec, etaSeconds: eta, runEtaSeconds: eta + remainingStages * avgStage });
        },
        onEpoch: (r) => {
          const left = (hp.epochs - r.epoch - 1) * perEpochSamples;
          emit({
            type: 'epoch',
            stage: st.name,
            epoch: r.epoch + EPOCH_BASE,
            epochs: hp.epochs,
            lr: r.lr,
            loss: r.loss,
            valLoss: r.valLoss,
            improved: r.improved,
            seconds: r.seconds,
            metrics: flatMetrics(r.val, classes),
            etaSeconds: left / Math.max(lastSps, 1e-6),
          });
        },
      });
      measuredFlopsPerSec = 3 * s.flopsPerSample * outcome.samplesPerSec;
      const ev = await evalSplits(model, ds, task, batch, sp, classes);
      const res: StageResult = {
        name: st.name,
        kind: st.kind,
        ...(taskSpec.kind === 'regression' ? { target: taskSpec.targets[0], targets: taskSpec.targets } : {}),
        source: st.source,
        ...(st.kind === 'transfer' ? { from: st.from, mode: st.mode } : {}),
        task: taskName(taskSpec),
        model: modelInfo,
        split: splitInfo(sp),
        metrics: ev.metrics,
        history: outcome.history.map((h) => ({
          epoch: h.epoch + EPOCH_BASE,
          lr: h.lr,
          loss: h.loss,
          valLoss: h.valLoss,
          seconds: h.seconds,
          improved: h.improved,
          val: scalarMetrics(flatMetrics(h.val)),
        })),
        ...(outcome.bestEpoch >= 0 ? { bestEpoch: outcome.bestEpoch + EPOCH_BASE } : {}),
        stoppedEarly: outcome.stoppedEarly,
        seconds: (performance.now() - stT0) / 1000,
        samplesPerSec: outcome.samplesPerSec,
        ...(transferInfo ? { transfer: transferInfo } : {}),
        ...extras(ev.test, task, sp.test, classes),
      };
      stageSeconds.push(res.seconds);
      stages.push(res);
      inProgress = undefined;
      if (opts.onModel) {
        handedOver.add(model);
        opts.onModel(st.name, model);
      }
      if (st.kind === 'pretrain' || spec.stages.some((o) => o.kind === 'evaluate' && o.from === st.name)) trained.set(st.name, { model, task, stage: st });
      else if (!handedOver.has(model)) model.dispose();
      emit({ type: 'stage-end', stage: st.name, result: res });
    }
    currentStage = undefined;

    const results: RunResults = {
      version: 1,
      name: spec.name,
      seed: spec.seed,
      backend,
      startedAt,
      finishedAt: new Date().toISOString(),
      seconds: (performance.now() - t0) / 1000,
      sources: Object.fromEntries(
        [...data.entries()].map(([k, d]) => [k, { kind: d.source, name: d.name, fingerprint: d.fingerprint, n: d.n, fs: d.fs, nLeads: d.nLeads, nSamples: d.nSamples }]),
      ),
      leads: leadNames,
      stages,
      comparison: compareStages(stages),
      notes,
      epochBase: EPOCH_BASE,
    };
    emit({ type: 'done', results });
    return results;
  } catch (e) {
    const cancelled = e instanceof CancelledError;
    emit({ type: 'error', message: e instanceof Error ? e.message : String(e), cancelled, ...(currentStage ? { stage: currentStage } : {}) });
    throw e;
  } finally {
    for (const t of trained.values()) if (!handedOver.has(t.model)) t.model.dispose();
    // a stage that did not finish (cancelled, failed): its model is nobody's (trainModel disposed its optimizer)
    if (inProgress && !handedOver.has(inProgress)) inProgress.dispose();
  }
}

function resolveImported(given: RunOptions['datasets'], key: string, spec: ExperimentSpec): EcgDataset | undefined {
  if (!given) return undefined;
  if (!Array.isArray(given)) return given[key];
  return datasetsBySource(spec, given)[key];
}

const pick = (m?: StageMetrics) => ({ accuracy: m?.accuracy, macro_auc: m?.macro_auc, macro_f1: m?.macro_f1 });

/** Baseline vs each transfer on the same source and task: accuracy, macro AUC, macro F1 on val and test. */
export function compareStages(stages: StageResult[]): ComparisonRow[] {
  const rows: ComparisonRow[] = [];
  const classify = stages.filter((s): s is StageResult & { kind: 'baseline' | 'transfer' } => s.kind === 'baseline' || s.kind === 'transfer');
  for (const s of classify) {
    const base = classify.find((b) => b.kind === 'baseline' && b.source === s.source && b.task === s.task);
    const row: ComparisonRow = {
      stage: s.name,
      kind: s.kind,
      ...(s.from ? { from: s.from } : {}),
      source: s.source,
      val: pick(s.metrics.val),
      test: pick(s.metrics.test),
      n: { train: s.split.nTrain, val: s.split.nVal, test: s.split.nTest },
    };
    if (s.kind === 'transfer' && base) {
      const d = (a?: number, b?: number) => (a === undefined || b === undefined ? undefined : a - b);
      row.deltaTest = {
        accuracy: d(s.metrics.test?.accuracy, base.metrics.test?.accuracy),
        macro_auc: d(s.metrics.test?.macro_auc, base.metrics.test?.macro_auc),
        macro_f1: d(s.metrics.test?.macro_f1, base.metrics.test?.macro_f1),
      };
    }
    rows.push(row);
  }
  // baselines first, as in the paper's table
  return rows.sort((a, b) => (a.kind === b.kind ? 0 : a.kind === 'baseline' ? -1 : 1));
}

export { RunControl, CancelledError };
