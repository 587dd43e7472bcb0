/**
 * Teaching model that trains in seconds: a 3-layer CNN with pooling (`tiny-cnn`). The conv-front LSTM is in ./recurrent.
 */
import * as tf from '@tensorflow/tfjs';
import { bn, concatPool, conv, dense, relu, SeedSeq } from './common';

export function buildTinyCnn(nSamples: number, nLeads: number, nOut: number, seed: number): tf.LayersModel {
  const seeds = new SeedSeq(seed);
  const input = tf.input({ shape: [nSamples, nLeads], name: 'ecg' });
  let x = relu(bn(conv(input, 'bb1_conv', 8, 7, seeds), 'bb1_bn'), 'bb1_relu');
  x = tf.layers.maxPooling1d({ name: 'bb1_pool', poolSize: 2, strides: 2 }).apply(x) as tf.SymbolicTensor;
  x = relu(bn(conv(x, 'bb2_conv', 16, 7, seeds), 'bb2_bn'), 'bb2_relu');
  x = tf.layers.maxPooling1d({ name: 'bb2_pool', poolSize: 2, strides: 2 }).apply(x) as tf.SymbolicTensor;
  x = relu(bn(conv(x, 'bb3_conv', 32, 5, seeds), 'bb3_bn'), 'bb3_relu');
  const feat = concatPool(x, 'bbpool');
  const h = dense(feat, 'head_fc1', 32, seeds, 'relu');
  const out = dense(h, 'head_out', nOut, seeds);
  return tf.model({ inputs: input, outputs: out, name: 'tiny_cnn' });
}

export { concatPool };
