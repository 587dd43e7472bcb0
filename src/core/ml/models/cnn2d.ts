/**
 * A small 2-D CNN (`cnn2d`) for the study's model comparison: the [time, leads] record is read as a one-channel
 * image [time, leads, 1], so kernels span neighbouring leads as well as time (in the montage's lead order).
 * 3 blocks conv2d (8/16/32 filters, kernels 7×3, 5×3, 5×3, 'same') → BN → ReLU; the first two max-pool 4× in time
 * and 2× across leads (1× once a single lead column is left); concat pooling over the whole map → dense 32 ReLU →
 * `head_out`. Block 1 (frozen in transfer) is the reshape and the first conv block.
 */
import * as tf from '@tensorflow/tfjs';
import { bn, dense, relu, SeedSeq } from './common';

const FILTERS = [8, 16, 32];
const KERNELS: [number, number][] = [[7, 3], [5, 3], [5, 3]];

export function buildCnn2d(nSamples: number, nLeads: number, nOut: number, seed: number): tf.LayersModel {
  const seeds = new SeedSeq(seed);
  const input = tf.input({ shape: [nSamples, nLeads], name: 'ecg' });
  let x = tf.layers.reshape({ name: 'bb1_image', targetShape: [nSamples, nLeads, 1] }).apply(input) as tf.SymbolicTensor;
  let t = nSamples;
  let w = nLeads;
  FILTERS.forEach((filters, i) => {
    const p = `bb${i + 1}`;
    x = tf.layers
      .conv2d({ name: `${p}_conv`, filters, kernelSize: KERNELS[i], padding: 'same', useBias: false, kernelInitializer: seeds.he() })
      .apply(x) as tf.SymbolicTensor;
    x = relu(bn(x, `${p}_bn`), `${p}_relu`);
    if (i < FILTERS.length - 1) {
      const pt = t >= 4 ? 4 : 1;
      const pw = w >= 2 ? 2 : 1;
      x = tf.layers.maxPooling2d({ name: `${p}_pool`, poolSize: [pt, pw], strides: [pt, pw], padding: 'valid' }).apply(x) as tf.SymbolicTensor;
      t = Math.floor(t / pt);
      w = Math.floor(w / pw);
    }
  });
  const mx = tf.layers.globalMaxPooling2d({ name: 'bbpool_gmp' }).apply(x) as tf.SymbolicTensor;
  const av = tf.layers.globalAveragePooling2d({ name: 'bbpool_gap' }).apply(x) as tf.SymbolicTensor;
  const feat = tf.layers.concatenate({ name: 'bbpool_concat' }).apply([mx, av]) as tf.SymbolicTensor;
  const h = dense(feat, 'head_fc1', 32, seeds, 'relu');
  const out = dense(h, 'head_out', nOut, seeds);
  return tf.model({ inputs: input, outputs: out, name: 'cnn2d' });
}
