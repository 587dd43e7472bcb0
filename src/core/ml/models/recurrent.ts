/**
 * Recurrent models for the study's model comparison: a conv front (conv k7 → BN → ReLU → 4× average pooling, so
 * the recurrence runs over 250 steps of a 10 s record at 100 Hz instead of 1000) and one recurrent layer of 32
 * units whose last state feeds `head_out`.
 *  - `lstm`: LSTM (4 gates);  - `gru`: GRU (3 gates);  - `rnn`: plain SimpleRNN (tanh, 1 gate).
 * Block 1 (frozen in transfer) is the conv front; block 2 the recurrent layer.
 */
import * as tf from '@tensorflow/tfjs';
import { bn, conv, dense, relu, SeedSeq } from './common';

export type RecurrentCell = 'lstm' | 'gru' | 'rnn';

export interface RecurrentOptions {
  cell: RecurrentCell;
  /** Recurrent units (default 32). */
  units?: number;
  /** Conv-front filters (default 16). */
  frontFilters?: number;
  /** Average-pooling factor of the conv front (default 4). */
  pool?: number;
}

const LAYER = { lstm: tf.layers.lstm, gru: tf.layers.gru, rnn: tf.layers.simpleRNN } as const;

export function buildRecurrent(nSamples: number, nLeads: number, nOut: number, seed: number, o: RecurrentOptions): tf.LayersModel {
  const seeds = new SeedSeq(seed);
  const units = o.units ?? 32;
  const pool = Math.max(1, Math.min(o.pool ?? 4, nSamples));
  const input = tf.input({ shape: [nSamples, nLeads], name: 'ecg' });
  let x = relu(bn(conv(input, 'bb1_conv', o.frontFilters ?? 16, 7, seeds), 'bb1_bn'), 'bb1_relu');
  x = tf.layers.averagePooling1d({ name: 'bb1_pool', poolSize: pool, strides: pool }).apply(x) as tf.SymbolicTensor;
  x = LAYER[o.cell]({
    name: `bb2_${o.cell}`,
    units,
    returnSequences: false,
    kernelInitializer: seeds.glorot(),
    recurrentInitializer: seeds.glorot(),
  }).apply(x) as tf.SymbolicTensor;
  const out = dense(x, 'head_out', nOut, seeds);
  return tf.model({ inputs: input, outputs: out, name: o.cell });
}

