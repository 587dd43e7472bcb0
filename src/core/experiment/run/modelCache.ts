/**
 * A cache of pretrained models keyed by `pretrainCacheKey`: the host supplies the storage (a folder in the CLI,
 * IndexedDB in the lab's worker, a Map in tests) through `ModelCache`; this file turns a trained model and its
 * stage result into a storable entry and back.
 */
import * as tf from '@tensorflow/tfjs';
import type { PreparedTask } from '../../ml/task';
import type { StageResult } from '../results';

export interface CachedWeightSpec {
  name: string;
  shape: number[];
}

/** One stored model: its weights (float32, concatenated in `weights` order), the stage result and the task's target scaling. */
export interface CachedModel {
  key: string;
  weights: CachedWeightSpec[];
  weightData: Uint8Array;
  result: StageResult;
  /** Regression standardisation of the training split (evaluate stages need it). */
  targetStats?: { mean: number[]; std: number[] };
}

/** Storage of serialized model artifacts by key. `get` resolves undefined when absent; errors are the host's. */
export interface ModelCache {
  get(key: string): Promise<CachedModel | undefined>;
  put(key: string, entry: CachedModel): Promise<void>;
}

/** An in-memory cache (tests; a session-long cache for a host without storage). */
export function memoryModelCache(): ModelCache & { entries: Map<string, CachedModel> } {
  const entries = new Map<string, CachedModel>();
  return {
    entries,
    async get(key) {
      return entries.get(key);
    },
    async put(key, entry) {
      entries.set(key, entry);
    },
  };
}

export async function serializeModel(key: string, model: tf.LayersModel, task: PreparedTask, result: StageResult): Promise<CachedModel> {
  const weights = model.weights.map((w) => ({ name: w.originalName, shape: w.shape.map(Number) }));
  const values = model.getWeights();
  const total = values.reduce((a, t) => a + t.size, 0);
  const all = new Float32Array(total);
  let off = 0;
  for (const t of values) {
    if (t.dtype !== 'float32') throw new Error(`cannot cache weight of dtype ${t.dtype}`);
    all.set(await t.data<'float32'>(), off);
    off += t.size;
  }
  return {
    key,
    weights,
    weightData: new Uint8Array(all.buffer),
    result,
    ...(task.mean && task.std ? { targetStats: { mean: task.mean, std: task.std } } : {}),
  };
}

/** Loads cached weights into `model` (same architecture); throws when the names or shapes differ. */
export function restoreWeights(model: tf.LayersModel, entry: CachedModel): void {
  const ws = model.weights;
  if (ws.length !== entry.weights.length) throw new Error(`cached model ${entry.key}: ${entry.weights.length} weights, the model has ${ws.length}`);
  const data = new Float32Array(entry.weightData.buffer, entry.weightData.byteOffset, entry.weightData.byteLength / 4);
  let total = 0;
  ws.forEach((w, i) => {
    const spec = entry.weights[i];
    const shape = w.shape.map(Number);
    if (spec.name !== w.originalName || spec.shape.join('x') !== shape.join('x')) {
      throw new Error(`cached model ${entry.key}: weight ${i} is ${spec.name} ${spec.shape.join('×')}, the model has ${w.originalName} ${shape.join('×')}`);
    }
    total += shape.reduce((a, c) => a * c, 1);
  });
  if (total * 4 !== entry.weightData.byteLength) throw new Error(`cached model ${entry.key}: ${entry.weightData.byteLength} weight bytes, expected ${total * 4}`);
  let off = 0;
  const tensors = ws.map((w) => {
    const shape = w.shape.map(Number);
    const n = shape.reduce((a, c) => a * c, 1);
    const t = tf.tensor(data.slice(off, off + n), shape, 'float32');
    off += n;
    return t;
  });
  model.setWeights(tensors);
  tensors.forEach((t) => t.dispose());
}
