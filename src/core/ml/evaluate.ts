/** Batched inference and task metrics (regression in physical units, classification from probabilities). */
import * as tf from '@tensorflow/tfjs';
import { assembleBatch, type BatchOptions } from '../data/batching';
import type { EcgDataset } from '../data/dataset';
import { multiLabelMetrics, regressionMetrics, singleLabelMetrics, type ClassificationMetrics, type MultiLabelMetrics, type RegressionMetrics } from './metrics';
import { foldedPredictorAsync } from './infer';
import { classIndex, type PreparedTask } from './task';

export interface RegressionEval {
  kind: 'regression';
  loss: number;
  /** Per target, in physical units (bpm, ms). */
  perTarget: Record<string, RegressionMetrics>;
}
export interface SingleLabelEval extends ClassificationMetrics {
  kind: 'single-label';
  loss: number;
}
export interface MultiLabelEval extends MultiLabelMetrics {
  kind: 'multi-label';
  loss: number;
}
export type EvalResult = RegressionEval | SingleLabelEval | MultiLabelEval;

/** Raw model outputs for the given records, row-major [idx.length × nOut]. */
async function predictRaw(model: tf.LayersModel, ds: EcgDataset, idx: ArrayLike<number>, batch: BatchOptions, batchSize = 64): Promise<Float32Array> {
  const nOut = (model.outputs[0].shape[1] as number) ?? 1;
  const out = new Float32Array(idx.length * nOut);
  const L = batch.leadIndices?.length ?? ds.nLeads;
  let buf: Float32Array | undefined;
  // batch norm folded into the convolutions (same outputs up to f32 rounding; see ./infer.ts); the weights are
  // read asynchronously, as a GPU backend needs
  const predictor = await foldedPredictorAsync(model);
  try {
    for (let s = 0; s < idx.length; s += batchSize) {
      const part = Array.prototype.slice.call(idx, s, Math.min(idx.length, s + batchSize)) as number[];
      buf = assembleBatch(ds, part, batch, buf);
      const y = tf.tidy(() => predictor.predict(tf.tensor3d(buf!.subarray(0, part.length * ds.nSamples * L), [part.length, ds.nSamples, L])));
      out.set(await y.data(), s * nOut);
      y.dispose();
    }
  } finally {
    predictor.dispose();
  }
  return out;
}

function softmaxRows(z: Float32Array, C: number): Float32Array {
  const p = new Float32Array(z.length);
  for (let i = 0; i < z.length; i += C) {
    let m = -Infinity;
    for (let k = 0; k < C; k++) m = Math.max(m, z[i + k]);
    let s = 0;
    for (let k = 0; k < C; k++) s += (p[i + k] = Math.exp(z[i + k] - m));
    for (let k = 0; k < C; k++) p[i + k] /= s;
  }
  return p;
}

/** Task loss on raw outputs (same definitions as training, without class weights). */
function lossOf(task: PreparedTask, raw: Float32Array, idx: ArrayLike<number>): number {
  const C = task.nOut;
  let s = 0;
  let k = 0;
  for (let i = 0; i < idx.length; i++) {
    const r = idx[i];
    for (let c = 0; c < C; c++) {
      const y = task.y[r * C + c];
      const z = raw[i * C + c];
      if (task.spec.kind === 'regression') {
        if (Number.isFinite(y)) {
          s += Math.abs(z - y);
          k++;
        }
      } else if (task.spec.kind === 'multi-label') {
        s += Math.max(z, 0) - z * y + Math.log1p(Math.exp(-Math.abs(z)));
        k++;
      }
    }
    if (task.spec.kind === 'single-label') {
      let m = -Infinity;
      for (let c = 0; c < C; c++) m = Math.max(m, raw[i * C + c]);
      let se = 0;
      for (let c = 0; c < C; c++) se += Math.exp(raw[i * C + c] - m);
      s += m + Math.log(se) - raw[i * C + classIndex(task, r)];
      k++;
    }
  }
  return k ? s / k : NaN;
}

export interface EvalOutput {
  result: EvalResult;
  /** Regression: predictions in physical units; classification: probabilities. Row-major. */
  outputs: Float32Array;
}

export async function evaluateModel(model: tf.LayersModel, ds: EcgDataset, idx: ArrayLike<number>, task: PreparedTask, batch: BatchOptions, batchSize = 64): Promise<EvalOutput> {
  const raw = await predictRaw(model, ds, idx, batch, batchSize);
  const loss = lossOf(task, raw, idx);
  const C = task.nOut;
  const spec = task.spec;
  if (spec.kind === 'regression') {
    const phys = new Float32Array(raw.length);
    const perTarget: Record<string, RegressionMetrics> = {};
    spec.targets.forEach((t, k) => {
      const yt = new Float64Array(idx.length);
      const yp = new Float64Array(idx.length);
      for (let i = 0; i < idx.length; i++) {
        yt[i] = task.y[idx[i] * C + k] * task.std![k] + task.mean![k];
        yp[i] = phys[i * C + k] = raw[i * C + k] * task.std![k] + task.mean![k];
      }
      perTarget[t] = regressionMetrics(yt, yp);
    });
    return { result: { kind: 'regression', loss, perTarget }, outputs: phys };
  }
  if (spec.kind === 'single-label') {
    const probs = softmaxRows(raw, C);
    const yt = Int32Array.from(Array.from(idx, (r) => classIndex(task, r)));
    return { result: { kind: 'single-label', loss, ...singleLabelMetrics(yt, probs, C) }, outputs: probs };
  }
  const probs = raw.map((z) => 1 / (1 + Math.exp(-z)));
  const ym = new Uint8Array(idx.length * C);
  for (let i = 0; i < idx.length; i++) for (let c = 0; c < C; c++) ym[i * C + c] = task.y[idx[i] * C + c];
  return { result: { kind: 'multi-label', loss, ...multiLabelMetrics(ym, probs, C) }, outputs: probs };
}

/** The early-stopping monitor: lower is better (regression: val L1; classification: −macro AUC, or loss if undefined). */
export function monitorValue(r: EvalResult): number {
  if (r.kind === 'regression') return r.loss;
  return Number.isFinite(r.macro_auc) ? -r.macro_auc : r.loss;
}
