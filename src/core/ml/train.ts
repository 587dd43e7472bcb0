/**
 * The training loop: Adam (lr, L2 weight decay as in PyTorch's Adam), mini-batches assembled on the fly from the
 * compact dataset with seeded shuffling, learning-rate schedule, class weighting, early stopping with patience
 * and best-weights restore, optional unfreezing after K epochs, pause/resume/cancel between batches.
 * Every step runs in tf.tidy; tensor memory stays flat across epochs.
 *
 * On a GPU backend (webgpu, webgl) the step is kept free of host round trips: the training records are packed and
 * uploaded once (`residentData`), each batch is gathered on the device by an upload of its B indices, nothing in
 * the step reads synchronously, and the batch loss is read one batch late (`await data()` while the next batch
 * runs).
 */
import * as tf from '@tensorflow/tfjs';
import { assembleBatch, type BatchOptions } from '../data/batching';
import type { EcgDataset } from '../data/dataset';
import type { RunControl } from './control';
import { evaluateModel, monitorValue, type EvalResult } from './evaluate';
import { fusedAdam } from './kernels';
import { mulberry32, shuffleInPlace } from './random';
import { learningRateAt, type LrSchedule } from './schedule';
import { balancedClassWeights, type PreparedTask } from './task';
import { setFrozen } from './transfer';

export interface TrainConfig {
  epochs: number;
  batchSize: number;
  lr: number;
  weightDecay: number;
  schedule: LrSchedule;
  /** Early-stopping patience in epochs (0 = off). */
  patience: number;
  restoreBest: boolean;
  classWeighting: 'none' | 'balanced';
  seed: number;
  batch: BatchOptions;
  /** Frozen layer-name prefixes at the start; unfrozen after `unfreezeAfterEpochs` (if set) at lr × unfreezeLrFactor. */
  frozenPrefixes?: string[];
  unfreezeAfterEpochs?: number;
  unfreezeLrFactor?: number;
  evalBatchSize?: number;
  /**
   * 'fused-adam' (default): `fusedAdam` of ./kernels, one kernel per variable on wasm, the stock Adam elsewhere
   * (same float32 operations: bit-identical on cpu). 'adam': `tf.train.adam` (for comparisons).
   */
  optimizer?: 'fused-adam' | 'adam';
  /**
   * Keep the packed training set on the backend as one tensor and gather each batch there (one upload per run
   * instead of one per batch). 'auto' (default): on GPU backends when it fits RESIDENT_MAX_BYTES. Same values, same
   * batch order, so the same losses as the per-batch path (bit-identical on cpu).
   */
  residentData?: boolean | 'auto';
}

/** 'auto' residency limit: the packed inputs of the training split (float32). */
export const RESIDENT_MAX_BYTES = 256 * 2 ** 20;
const GPU_BACKENDS = new Set(['webgpu', 'webgl']);

/** Whether `trainModel` keeps the training set on the device for this config, backend and size. */
export function usesResidentData(residentData: TrainConfig['residentData'], backend: string, bytes: number): boolean {
  const r = residentData ?? 'auto';
  return r === 'auto' ? GPU_BACKENDS.has(backend) && bytes <= RESIDENT_MAX_BYTES : r;
}

export interface BatchProgress {
  /** 0-based loop index (the runner's events and results add 1: see EPOCH_BASE in experiment/results). */
  epoch: number;
  batch: number;
  nBatches: number;
  loss: number;
  samplesPerSec: number;
}

export interface EpochRecord {
  /** 0-based loop index (the runner's events and results add 1). */
  epoch: number;
  lr: number;
  loss: number;
  valLoss: number;
  /** Lower-is-better early-stopping value (val L1, or −val macro AUC). */
  monitor: number;
  val: EvalResult;
  seconds: number;
  improved: boolean;
}

export interface TrainCallbacks {
  onBatch?(p: BatchProgress): void;
  onEpoch?(r: EpochRecord): void;
  control?: RunControl;
}

export interface TrainOutcome {
  history: EpochRecord[];
  /** 0-based index of the best epoch (−1 if no epoch ran). */
  bestEpoch: number;
  stoppedEarly: boolean;
  samplesPerSec: number;
}

function makeLoss(task: PreparedTask, weights: number[] | null) {
  const C = task.nOut;
  const w = weights ? tf.tensor1d(weights) : null;
  const fn = (logits: tf.Tensor2D, y: tf.Tensor2D): tf.Scalar => {
    if (task.spec.kind === 'regression') {
      const mask = tf.logicalNot(tf.isNaN(y)).toFloat();
      const yc = tf.where(tf.isNaN(y), tf.zerosLike(y), y);
      const n = tf.maximum(mask.sum(), 1);
      return tf.abs(logits.sub(yc)).mul(mask).sum().div(n) as tf.Scalar;
    }
    if (task.spec.kind === 'single-label') {
      const ce = tf.neg(tf.logSoftmax(logits).mul(y).sum(1));
      if (!w) return ce.mean() as tf.Scalar;
      const sw = y.mul(w.reshape([1, C])).sum(1);
      return ce.mul(sw).sum().div(tf.maximum(sw.sum(), 1e-12)) as tf.Scalar;
    }
    // multi-label: BCE with logits, optional positive-class weights
    const softplusNeg = tf.log1p(tf.exp(tf.neg(tf.abs(logits)))).add(tf.relu(tf.neg(logits)));
    const posW = w ? tf.onesLike(y).add(y.mul(w.reshape([1, C]).sub(1))) : tf.onesLike(y);
    return tf.sub(1, y).mul(logits).add(posW.mul(softplusNeg)).mean() as tf.Scalar;
  };
  return { fn, dispose: () => w?.dispose() };
}

function snapshot(model: tf.LayersModel): tf.Tensor[] {
  return model.getWeights().map((t) => t.clone());
}

export async function trainModel(
  model: tf.LayersModel,
  ds: EcgDataset,
  trainIdx: Int32Array,
  valIdx: Int32Array,
  task: PreparedTask,
  cfg: TrainConfig,
  cb: TrainCallbacks = {},
): Promise<TrainOutcome> {
  if (trainIdx.length < 2) throw new Error(`training needs at least 2 records, got ${trainIdx.length}`);
  const L = cfg.batch.leadIndices?.length ?? ds.nLeads;
  const T = ds.nSamples;
  const C = task.nOut;
  const rand = mulberry32(cfg.seed);
  const weights = cfg.classWeighting === 'balanced' && task.spec.kind !== 'regression' ? balancedClassWeights(task, trainIdx) : null;
  const loss = makeLoss(task, weights);
  const frozen = cfg.frozenPrefixes ?? [];
  if (frozen.length) setFrozen(model, frozen, true);
  let baseLr = cfg.lr;
  // L2 weight decay is added to the gradients below (PyTorch Adam(weight_decay)); the optimizer itself has none
  const makeAdam = (lr: number): tf.Optimizer => (cfg.optimizer === 'adam' ? tf.train.adam(lr, 0.9, 0.999, 1e-8) : fusedAdam(lr, 0.9, 0.999, 1e-8));
  let opt = makeAdam(cfg.lr);
  // batches follow a shuffled permutation of positions in trainIdx (the same Fisher–Yates draws as shuffling the
  // record ids themselves, so both data paths see the same batches)
  const perm = Int32Array.from({ length: trainIdx.length }, (_, i) => i);
  const order = new Int32Array(trainIdx.length);
  const resident = usesResidentData(cfg.residentData, tf.getBackend(), trainIdx.length * T * L * 4);
  const xBuf = resident ? null : new Float32Array(cfg.batchSize * T * L);
  const yBuf = resident ? null : new Float32Array(cfg.batchSize * C);
  let xAll: tf.Tensor3D | null = null;
  let yAll: tf.Tensor2D | null = null;
  if (resident) {
    const ys = new Float32Array(trainIdx.length * C);
    for (let i = 0; i < trainIdx.length; i++) ys.set(task.y.subarray(trainIdx[i] * C, trainIdx[i] * C + C), i * C);
    xAll = tf.tensor3d(assembleBatch(ds, trainIdx, cfg.batch), [trainIdx.length, T, L]);
    yAll = tf.tensor2d(ys, [trainIdx.length, C]);
  }
  const history: EpochRecord[] = [];
  let best = Infinity;
  let bestEpoch = -1;
  let bestWeights: tf.Tensor[] | null = null;
  let sinceBest = 0;
  let stoppedEarly = false;
  let seen = 0;
  let trainSeconds = 0;
  /** The last batch's loss, read one batch late: the next batch is queued before the read, so GPU backends keep
   * working while the value comes back (no per-batch stall); on wasm/cpu the read is immediate anyway. */
  interface Pending { loss: tf.Tensor; epoch: number; batch: number; nBatches: number; B: number; t0: number }
  let pending = null as Pending | null;
  let lossSum = 0;
  let lossN = 0;
  /** Reads and reports one batch's loss (already taken out of `pending`, so an error here leaks nothing). */
  const report = async (p: Pending | null): Promise<void> => {
    if (!p) return;
    let lv: number;
    try {
      lv = (await p.loss.data())[0];
    } finally {
      p.loss.dispose();
    }
    lossSum += lv * p.B;
    lossN += p.B;
    seen += p.B;
    const el = (performance.now() - p.t0) / 1000;
    cb.onBatch?.({ epoch: p.epoch, batch: p.batch, nBatches: p.nBatches, loss: lv, samplesPerSec: lossN / Math.max(el, 1e-6) });
  };
  try {
    for (let epoch = 0; epoch < cfg.epochs; epoch++) {
      if (cfg.unfreezeAfterEpochs !== undefined && epoch === cfg.unfreezeAfterEpochs && frozen.length) {
        setFrozen(model, frozen, false);
        baseLr = cfg.lr * (cfg.unfreezeLrFactor ?? 0.1);
        opt.dispose();
        opt = makeAdam(baseLr); // fresh moments for the enlarged variable list
      }
      const lr = learningRateAt(cfg.schedule, baseLr, epoch, cfg.epochs);
      (opt as unknown as { learningRate: number }).learningRate = lr;
      shuffleInPlace(perm, rand);
      for (let i = 0; i < perm.length; i++) order[i] = trainIdx[perm[i]];
      const vars = model.trainableWeights.map((w) => w.read() as tf.Variable);
      const nBatches = Math.max(1, Math.floor(order.length / cfg.batchSize) + (order.length % cfg.batchSize >= 2 ? 1 : 0));
      const t0 = performance.now();
      lossSum = 0;
      lossN = 0;
      for (let b = 0; b < nBatches; b++) {
        await cb.control?.checkpoint();
        const lo = b * cfg.batchSize;
        const hi = Math.min(order.length, (b + 1) * cfg.batchSize);
        const B = hi - lo;
        if (xBuf && yBuf) {
          const idx = order.subarray(lo, hi);
          assembleBatch(ds, idx, cfg.batch, xBuf);
          for (let i = 0; i < B; i++) yBuf.set(task.y.subarray(idx[i] * C, idx[i] * C + C), i * C);
        }
        const lossT = tf.tidy(() => {
          let x: tf.Tensor3D;
          let y: tf.Tensor2D;
          if (xAll && yAll) {
            const at = tf.tensor1d(perm.subarray(lo, hi), 'int32');
            x = tf.gather(xAll, at);
            y = tf.gather(yAll, at);
          } else {
            x = tf.tensor3d(xBuf!.subarray(0, B * T * L), [B, T, L]);
            y = tf.tensor2d(yBuf!.subarray(0, B * C), [B, C]);
          }
          const { value, grads } = tf.variableGrads(() => loss.fn(model.apply(x, { training: true }) as tf.Tensor2D, y), vars);
          if (cfg.weightDecay > 0) {
            for (const v of vars) grads[v.name] = grads[v.name].add(v.mul(cfg.weightDecay));
          }
          opt.applyGradients(grads as unknown as Record<string, tf.Variable>);
          return value;
        });
        const prev = pending;
        pending = { loss: lossT, epoch, batch: b, nBatches, B, t0 };
        await report(prev);
      }
      const last = pending;
      pending = null;
      await report(last);
      const trainSec = (performance.now() - t0) / 1000;
      trainSeconds += trainSec;
      await cb.control?.checkpoint();
      const ev = await evaluateModel(model, ds, valIdx.length ? valIdx : trainIdx, task, cfg.batch, cfg.evalBatchSize ?? 64);
      const monitor = monitorValue(ev.result);
      const improved = monitor < best - 1e-9 || bestEpoch < 0;
      if (improved) {
        best = monitor;
        bestEpoch = epoch;
        sinceBest = 0;
        if (cfg.restoreBest) {
          bestWeights?.forEach((t) => t.dispose());
          bestWeights = snapshot(model);
        }
      } else sinceBest++;
      const rec: EpochRecord = {
        epoch,
        lr,
        loss: lossSum / Math.max(1, lossN),
        valLoss: ev.result.loss,
        monitor,
        val: ev.result,
        seconds: (performance.now() - t0) / 1000,
        improved,
      };
      history.push(rec);
      cb.onEpoch?.(rec);
      if (cfg.patience > 0 && sinceBest >= cfg.patience) {
        stoppedEarly = true;
        break;
      }
    }
    if (cfg.restoreBest && bestWeights) model.setWeights(bestWeights);
  } finally {
    xAll?.dispose();
    yAll?.dispose();
    pending?.loss.dispose();
    bestWeights?.forEach((t) => t.dispose());
    opt.dispose();
    loss.dispose();
    if (frozen.length) setFrozen(model, frozen, false);
  }
  return { history, bestEpoch, stoppedEarly, samplesPerSec: seen / Math.max(trainSeconds, 1e-6) };
}
