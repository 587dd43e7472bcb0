/**
 * InceptionTime-1D as in the PTB-XL benchmark (Strodthoff et al. 2020) and Jayasundara et al. 2025.
 * Full size: 6 blocks, 32 filters per branch, kernels 39/19/9, bottleneck 32, residual every 3 blocks,
 * head concat-pool → BN → drop .25 → 128 ReLU → BN → drop .5 → nOut. 506 369 parameters for 8 leads, 1 output.
 */
import * as tf from '@tensorflow/tfjs';
import { benchmarkHead, bn, concatPool, conv, relu, SeedSeq } from './common';

export interface InceptionOptions {
  /** Filters per branch (block output = 4 × nbFilters). Paper: 32. */
  nbFilters: number;
  /** Number of inception blocks. Paper: 6. */
  depth: number;
  /** Kernel sizes of the three conv branches. Paper: [39, 19, 9]. */
  kernelSizes: number[];
  /** Bottleneck width. Paper: 32. */
  bottleneck: number;
  /** Residual shortcut every `residualEvery` blocks. Paper: 3. */
  residualEvery: number;
  /** Hidden units of the head. Paper: 128. */
  headHidden: number;
}

export const INCEPTION_FULL: InceptionOptions = {
  nbFilters: 32,
  depth: 6,
  kernelSizes: [39, 19, 9],
  bottleneck: 32,
  residualEvery: 3,
  headHidden: 128,
};

/** Scaled-down variant for CPU/wasm training: 8 filters per branch, 3 blocks, bottleneck 8, head 64. */
export const INCEPTION_SMALL: InceptionOptions = {
  nbFilters: 8,
  depth: 3,
  kernelSizes: [39, 19, 9],
  bottleneck: 8,
  residualEvery: 3,
  headHidden: 64,
};

function inceptionBlock(x: tf.SymbolicTensor, cIn: number, p: string, o: InceptionOptions, seeds: SeedSeq): tf.SymbolicTensor {
  // benchmark: bottleneck only when the input has more than one channel
  const bottled = cIn > 1 ? conv(x, `${p}_bottleneck`, o.bottleneck, 1, seeds) : x;
  const branches = o.kernelSizes.map((k, i) => conv(bottled, `${p}_conv${i}_k${k}`, o.nbFilters, k, seeds));
  const pooled = tf.layers.maxPooling1d({ name: `${p}_maxpool`, poolSize: 3, strides: 1, padding: 'same' }).apply(x) as tf.SymbolicTensor;
  branches.push(conv(pooled, `${p}_poolconv`, o.nbFilters, 1, seeds));
  const cat = tf.layers.concatenate({ name: `${p}_concat` }).apply(branches) as tf.SymbolicTensor;
  return relu(bn(cat, `${p}_bn`), `${p}_relu`);
}

export function buildInception1d(nSamples: number, nLeads: number, nOut: number, seed: number, o: InceptionOptions = INCEPTION_FULL): tf.LayersModel {
  const seeds = new SeedSeq(seed);
  const input = tf.input({ shape: [nSamples, nLeads], name: 'ecg' });
  let x: tf.SymbolicTensor = input;
  let res: tf.SymbolicTensor = input;
  let cIn = nLeads;
  const cOut = o.nbFilters * (o.kernelSizes.length + 1);
  for (let d = 0; d < o.depth; d++) {
    const p = `bb${d + 1}`;
    x = inceptionBlock(x, cIn, p, o, seeds);
    cIn = cOut;
    if ((d + 1) % o.residualEvery === 0) {
      const s = bn(conv(res, `${p}_shortcut_conv`, cOut, 1, seeds), `${p}_shortcut_bn`);
      x = relu(tf.layers.add({ name: `${p}_add` }).apply([x, s]) as tf.SymbolicTensor, `${p}_res_relu`);
      res = x;
    }
  }
  const feat = concatPool(x, 'bbpool');
  const out = benchmarkHead(feat, nOut, seeds, o.headHidden);
  return tf.model({ inputs: input, outputs: out, name: o === INCEPTION_FULL ? 'inception1d' : 'inception1d_small' });
}
