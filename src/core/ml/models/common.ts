/**
 * Shared pieces of the model zoo. Naming convention used by transfer (src/core/ml/transfer.ts):
 *  - every backbone layer name starts with "bb"; the first block's layers with "bb1_" (frozen in transfer);
 *  - head layers start with "head_"; the last dense layer (replaced in transfer) is "head_out".
 * Models take input [batch, nSamples, nLeads] (channels last) and output raw logits / regression values.
 */
import { batchNormalization } from './batchNorm';
import * as tf from '@tensorflow/tfjs';

/** PyTorch BatchNorm1d defaults: eps 1e-5, momentum 0.1 (Keras convention: 1 - 0.1 = 0.9). */
const BN_EPSILON = 1e-5;
const BN_MOMENTUM = 0.9;

/** Deterministic per-layer seeds so that a model built with the same seed has the same weights. */
export class SeedSeq {
  private i = 0;
  constructor(private readonly base: number) {}
  next(): number {
    this.i++;
    return (Math.imul(this.base ^ 0x9e3779b9, 2654435761) + this.i * 7919) >>> 0;
  }
  glorot(): ReturnType<typeof tf.initializers.glorotUniform> {
    return tf.initializers.glorotUniform({ seed: this.next() });
  }
  he(): ReturnType<typeof tf.initializers.glorotUniform> {
    return tf.initializers.heNormal({ seed: this.next() });
  }
}

export function conv(
  x: tf.SymbolicTensor,
  name: string,
  filters: number,
  kernelSize: number,
  seeds: SeedSeq,
  opts: { useBias?: boolean; strides?: number; activation?: 'relu' | 'linear' } = {},
): tf.SymbolicTensor {
  return tf.layers
    .conv1d({
      name,
      filters,
      kernelSize,
      strides: opts.strides ?? 1,
      padding: 'same',
      useBias: opts.useBias ?? false,
      activation: opts.activation ?? 'linear',
      kernelInitializer: seeds.he(),
    })
    .apply(x) as tf.SymbolicTensor;
}

export function bn(x: tf.SymbolicTensor, name: string): tf.SymbolicTensor {
  return batchNormalization({ name, epsilon: BN_EPSILON, momentum: BN_MOMENTUM }).apply(x) as tf.SymbolicTensor;
}

export function relu(x: tf.SymbolicTensor, name: string): tf.SymbolicTensor {
  return tf.layers.reLU({ name }).apply(x) as tf.SymbolicTensor;
}

export function dense(x: tf.SymbolicTensor, name: string, units: number, seeds: SeedSeq, activation: 'relu' | 'gelu' | 'linear' = 'linear'): tf.SymbolicTensor {
  return tf.layers.dense({ name, units, activation, kernelInitializer: seeds.glorot() }).apply(x) as tf.SymbolicTensor;
}

export function dropout(x: tf.SymbolicTensor, name: string, rate: number, seeds: SeedSeq): tf.SymbolicTensor {
  return tf.layers.dropout({ name, rate, seed: seeds.next() }).apply(x) as tf.SymbolicTensor;
}

/** Concat of global max and average pooling over time. */
export function concatPool(x: tf.SymbolicTensor, prefix: string): tf.SymbolicTensor {
  const mx = tf.layers.globalMaxPooling1d({ name: `${prefix}_gmp` }).apply(x) as tf.SymbolicTensor;
  const av = tf.layers.globalAveragePooling1d({ name: `${prefix}_gap` }).apply(x) as tf.SymbolicTensor;
  return tf.layers.concatenate({ name: `${prefix}_concat` }).apply([mx, av]) as tf.SymbolicTensor;
}

/**
 * fastai/PTB-XL benchmark head: BN → dropout(ps/2) → dense(hidden) + ReLU → BN → dropout(ps) → dense(nOut) ("head_out").
 */
export function benchmarkHead(feat: tf.SymbolicTensor, nOut: number, seeds: SeedSeq, hidden = 128, ps = 0.5): tf.SymbolicTensor {
  let h = bn(feat, 'head_bn1');
  h = dropout(h, 'head_drop1', ps / 2, seeds);
  h = dense(h, 'head_fc1', hidden, seeds, 'relu');
  h = bn(h, 'head_bn2');
  h = dropout(h, 'head_drop2', ps, seeds);
  return dense(h, 'head_out', nOut, seeds);
}
