/**
 * ResNet1D-style networks: stem conv(k7) → stages of one basic residual block each (two k7 convs with BN,
 * projection shortcut when the shape changes), concat-pool head.
 *  - RESNET_SMALL ('resnet1d'): stride-2 stem, 3 stages 16/32/64 (strides 1/2/2); receptive field 139 samples.
 *  - RESNET_DEEP ('resnet1d-deep'): full-rate stem, 4 stages 16/32/64/64 (all stride 2); receptive field 277
 *    samples (2.8 s at 100 Hz: two R peaks even at 35 bpm), for heart rate from beat spacing.
 */
import * as tf from '@tensorflow/tfjs';
import { bn, concatPool, conv, dense, dropout, relu, SeedSeq } from './common';

export interface ResNetOptions {
  widths: number[];
  kernelSize: number;
  /** Stride of the stem conv (default 2). */
  stemStride?: number;
  /** Stride of each stage's first conv (default: 1 for the first stage, 2 for the others). */
  strides?: number[];
}

const RESNET_SMALL: ResNetOptions = { widths: [16, 32, 64], kernelSize: 7 };
export const RESNET_DEEP: ResNetOptions = { widths: [16, 32, 64, 64], kernelSize: 7, stemStride: 1, strides: [2, 2, 2, 2] };

function basicBlock(x: tf.SymbolicTensor, cIn: number, cOut: number, stride: number, p: string, k: number, seeds: SeedSeq): tf.SymbolicTensor {
  let h = relu(bn(conv(x, `${p}_conv1`, cOut, k, seeds, { strides: stride }), `${p}_bn1`), `${p}_relu1`);
  h = bn(conv(h, `${p}_conv2`, cOut, k, seeds), `${p}_bn2`);
  const s = cIn !== cOut || stride !== 1 ? bn(conv(x, `${p}_proj`, cOut, 1, seeds, { strides: stride }), `${p}_proj_bn`) : x;
  return relu(tf.layers.add({ name: `${p}_add` }).apply([h, s]) as tf.SymbolicTensor, `${p}_relu2`);
}

export function buildResNet1d(nSamples: number, nLeads: number, nOut: number, seed: number, o: ResNetOptions = RESNET_SMALL): tf.LayersModel {
  const seeds = new SeedSeq(seed);
  const input = tf.input({ shape: [nSamples, nLeads], name: 'ecg' });
  let x = relu(bn(conv(input, 'bb1_stem_conv', o.widths[0], o.kernelSize, seeds, { strides: o.stemStride ?? 2 }), 'bb1_stem_bn'), 'bb1_stem_relu');
  let c = o.widths[0];
  o.widths.forEach((w, i) => {
    x = basicBlock(x, c, w, o.strides?.[i] ?? (i === 0 ? 1 : 2), `bb${i + 1}_res`, o.kernelSize, seeds);
    c = w;
  });
  const feat = concatPool(x, 'bbpool');
  let h = dropout(feat, 'head_drop1', 0.25, seeds);
  h = dense(h, 'head_fc1', 64, seeds, 'relu');
  const out = dense(h, 'head_out', nOut, seeds);
  return tf.model({ inputs: input, outputs: out, name: o === RESNET_SMALL ? 'resnet1d' : 'resnet1d_deep' });
}
