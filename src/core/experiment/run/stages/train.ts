/**
 * The training part shared by pretrain, transfer and baseline stages: split, model (made by the stage), stage-start
 * event with an estimate, the training loop with batch/epoch events, evaluation on val and test, the stage result.
 */
import * as tf from '@tensorflow/tfjs';
import type { EcgDataset } from '../../../data/dataset';
import { evaluateModel } from '../../../ml/evaluate';
import { seedForTask } from '../../../ml/random';
import { estimateEpochSeconds, summarizeModel, TYPICAL_GFLOPS } from '../../../ml/summary';
import { prepareTask, type PreparedTask, type TaskSpec } from '../../../ml/task';
import { trainModel, type TrainConfig } from '../../../ml/train';
import { EPOCH_BASE, flatMetrics, scalarMetrics, type StageModelInfo, type StageResult } from '../../results';
import { stageModelKind, stageTraining, type StageSpec } from '../../spec';
import { splitInfo, type SplitResult } from '../../split';
import type { RunContext, StagePosition } from '../context';
import { batchFor, loadSource } from '../sources';
import { testExtras } from './extras';
import { taskStrata, trainingSplit } from './split';
import { BudgetError, budgetSubsets } from '../../../data/budgets';

export type TrainingStageSpec = Exclude<StageSpec, { kind: 'evaluate' }>;

/** A stage's model before training: fresh or initialised from a pretrained one; frozen layer prefixes; transfer report. */
export interface PreparedModel {
  model: tf.LayersModel;
  frozen: string[];
  transfer?: StageResult['transfer'];
}

export interface TrainingStageInput {
  st: TrainingStageSpec;
  taskSpec: TaskSpec;
  position: StagePosition;
  /** Seed of the run (the spec's): split, initialisation and shuffling seeds derive from it. */
  seed: number;
  /** Builds the stage's model for `nOut` outputs; called after the split, before stage-start. */
  makeModel(nOut: number): PreparedModel;
  /** Label budget (classification stages): train on this nested stratified subset of the training split. */
  budget?: number;
  /** Id of the sweep cell (in stage-start events). */
  cellId?: string;
}

export interface TrainedStage {
  result: StageResult;
  model: tf.LayersModel;
  task: PreparedTask;
  /** The split the stage trained on (the budget subset as `train`). */
  split: SplitResult;
  ds: EcgDataset;
  /** Test-split outputs (probabilities or physical-unit predictions), row-major; absent without test records. */
  testOutputs?: Float32Array;
}

/** The split with its training part cut to the label budget (nested, class-stratified; val and test unchanged). */
export function budgetSplit(sp: SplitResult, ds: EcgDataset, taskSpec: TaskSpec, budget: number | undefined, seed: number, source: string): SplitResult {
  if (budget === undefined) return sp;
  const [train] = budgetSubsets(sp.train, taskStrata(ds, taskSpec), [budget], seedForTask(seed, `budget:${source}`));
  return { ...sp, train };
}

export function modelInfo(ctx: RunContext, model: tf.LayersModel, st: StageSpec): StageModelInfo {
  const s = summarizeModel(model);
  return { kind: stageModelKind(ctx.spec, st), trainableParams: s.trainableParams, flopsPerSample: s.flopsPerSample, inputShape: s.inputShape };
}

async function evalSplits(model: tf.LayersModel, ds: EcgDataset, task: PreparedTask, batch: ReturnType<typeof batchFor>, sp: SplitResult, classes?: string[]) {
  const val = sp.val.length ? await evaluateModel(model, ds, sp.val, task, batch) : undefined;
  const test = sp.test.length ? await evaluateModel(model, ds, sp.test, task, batch) : undefined;
  return { val, test, metrics: { val: val && flatMetrics(val.result, classes), test: test && flatMetrics(test.result, classes) } };
}

export async function runTrainingStage(ctx: RunContext, input: TrainingStageInput): Promise<TrainedStage> {
  const { st, taskSpec, position, seed } = input;
  const { spec, control } = ctx;
  const stT0 = performance.now();
  const ds = await loadSource(ctx, st.source);
  const batch = batchFor(ctx, ds, st.source);
  const full = trainingSplit(ctx, st.source, ds, taskSpec, seed);
  let sp: SplitResult;
  try {
    sp = budgetSplit(full, ds, taskSpec, input.budget, seed, st.source);
  } catch (e) {
    if (e instanceof BudgetError) throw new BudgetError(`stage "${st.name}": ${e.message} of source "${st.source}"`);
    throw e;
  }
  if (sp.train.length < 2) throw new Error(`stage "${st.name}": only ${sp.train.length} training records in source "${st.source}" for this task`);
  const task = prepareTask(ds, taskSpec, sp.train);
  const hp = stageTraining(spec, st);
  const { model, frozen, transfer } = input.makeModel(task.nOut);
  ctx.inProgress = model;
  const info = modelInfo(ctx, model, st);
  const rate = ctx.throughput.flopsPerSec > 0 ? ctx.throughput.flopsPerSec / 1e9 : (TYPICAL_GFLOPS[tf.getBackend()] ?? 1);
  const estimatedSeconds = estimateEpochSeconds(info.flopsPerSample, sp.train.length, rate, sp.val.length) * hp.epochs;
  ctx.emit({
    type: 'stage-start',
    stage: st.name,
    kind: st.kind,
    index: position.index,
    total: position.total,
    model: info,
    split: splitInfo(sp),
    epochs: hp.epochs,
    estimatedSeconds,
    ...(input.cellId ? { cell: input.cellId } : {}),
  });
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
    seed: seedForTask(seed, `shuffle:${st.source}:${taskSpec.kind}`),
    batch,
    frozenPrefixes: frozen,
    ...(st.kind === 'transfer' && st.mode === 'frozen-then-unfreeze'
      ? { unfreezeAfterEpochs: st.unfreezeAfterEpochs, unfreezeLrFactor: st.unfreezeLrFactor ?? 0.1 }
      : {}),
  };
  const perEpochSamples = sp.train.length;
  const remainingStages = position.total - position.index - 1;
  const stageSeconds = ctx.throughput.stageSeconds;
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
      ctx.emit({ type: 'batch', stage: st.name, epoch: b.epoch + EPOCH_BASE, batch: b.batch, nBatches: b.nBatches, loss: b.loss, samplesPerSec: b.samplesPerSec, etaSeconds: eta, runEtaSeconds: eta + remainingStages * avgStage });
    },
    onEpoch: (r) => {
      const left = (hp.epochs - r.epoch - 1) * perEpochSamples;
      ctx.emit({
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
  ctx.throughput.flopsPerSec = 3 * info.flopsPerSample * outcome.samplesPerSec;
  const ev = await evalSplits(model, ds, task, batch, sp, classes);
  const result: StageResult = {
    name: st.name,
    kind: st.kind,
    ...(taskSpec.kind === 'regression' ? { target: taskSpec.targets[0], targets: taskSpec.targets } : {}),
    source: st.source,
    ...(st.kind === 'transfer' ? { from: st.from, mode: st.mode } : {}),
    task: taskSpec.kind,
    model: info,
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
    ...(transfer ? { transfer } : {}),
    ...(input.budget !== undefined ? { budget: { value: input.budget, nTrain: sp.train.length, nTrainFull: full.train.length } } : {}),
    ...testExtras(ev.test, task, sp.test, classes, ds.recordNames),
  };
  stageSeconds.push(result.seconds);
  // finished: the caller owns the model now
  ctx.inProgress = undefined;
  return { result, model, task, split: sp, ds, ...(ev.test ? { testOutputs: ev.test.outputs } : {}) };
}
