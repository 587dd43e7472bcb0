/**
 * Test helpers for the ONNX exporter: run an exported model with onnxruntime-node, compare with the tfjs model,
 * and give a model non-trivial batch-norm statistics (deterministic). Node only (tests).
 */
import * as tf from '@tensorflow/tfjs';
import * as ort from 'onnxruntime-node';
import { mulberry32 } from '../../../signal/rng';

/** Deterministic uniform [0, 1) (mulberry32). */
export const rng = mulberry32;

/**
 * Sets every batch-norm layer's gamma, beta, moving mean and moving variance (and every layer norm's gamma and
 * beta) to seeded random values around their identity (γ ∈ [0.7, 1.3], β and mean ± 0.2, variance ∈ [0.4, 1.6]),
 * so the normalisations are exercised beyond their initial identity. Returns the number of batch-norm layers.
 */
export function randomiseNorms(model: tf.LayersModel, seed: number): number {
  const r = rng(seed);
  let n = 0;
  for (const l of model.layers) {
    const cls = l.getClassName();
    if (cls !== 'BatchNormalization' && cls !== 'LayerNormalization') continue;
    if (l.weights.length === 0) continue;
    const C = l.weights[0].shape[0] as number;
    const fill = (lo: number, hi: number) => tf.tensor1d(Float32Array.from({ length: C }, () => lo + (hi - lo) * r()));
    const next = l.weights.map((w) => {
      const short = w.originalName.split('/').pop();
      return short === 'gamma' ? fill(0.7, 1.3) : short === 'moving_variance' ? fill(0.4, 1.6) : fill(-0.2, 0.2);
    });
    l.setWeights(next);
    tf.dispose(next);
    if (cls === 'BatchNormalization') n++;
  }
  return n;
}

/** Runs the ONNX bytes on one float32 input; returns every output by name. */
export async function runOnnx(bytes: Uint8Array, x: Float32Array, shape: number[]): Promise<Record<string, { data: Float32Array; dims: readonly number[] }>> {
  const session = await ort.InferenceSession.create(bytes, { intraOpNumThreads: 1, interOpNumThreads: 1, graphOptimizationLevel: 'all' });
  try {
    const out = await session.run({ [session.inputNames[0]]: new ort.Tensor('float32', x, shape) });
    const res: Record<string, { data: Float32Array; dims: readonly number[] }> = {};
    for (const name of session.outputNames) res[name] = { data: out[name].data as Float32Array, dims: out[name].dims };
    return res;
  } finally {
    await session.release();
  }
}

/** The tfjs model's inference output on the same input. */
export function runTf(model: tf.LayersModel, x: Float32Array, shape: number[]): Float32Array {
  return tf.tidy(() => (model.predict(tf.tensor(x, shape)) as tf.Tensor).dataSync() as Float32Array).slice();
}

export function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) throw new RangeError(`lengths ${a.length} and ${b.length} differ`);
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
}

export function maxAbs(a: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]));
  return m;
}

/** One Adam step in training mode (batch norm updates its moving statistics from the batch, as in a real run). */
export function trainOneStep(model: tf.LayersModel, x: Float32Array, shape: number[], head: 'classification' | 'regression', seed: number): void {
  const nOut = model.outputs[0].shape[1] as number;
  const r = rng(seed);
  const opt = tf.train.adam(1e-3);
  tf.tidy(() => {
    const xs = tf.tensor(x, shape);
    const y =
      head === 'classification'
        ? tf.oneHot(tf.tensor1d(Array.from({ length: shape[0] }, () => Math.floor(r() * nOut)), 'int32'), nOut)
        : tf.tensor2d(Float32Array.from({ length: shape[0] * nOut }, () => r() * 2 - 1), [shape[0], nOut]);
    opt.minimize(() => {
      const out = model.apply(xs, { training: true }) as tf.Tensor;
      return (head === 'classification' ? tf.losses.softmaxCrossEntropy(y, out) : tf.losses.meanSquaredError(y, out)) as tf.Scalar;
    });
  });
  opt.dispose();
}
