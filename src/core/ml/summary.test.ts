import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { MultiHeadSelfAttention } from './models/attention';
import { summarizeModel } from './summary';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** A one-layer model on [steps, features] input; returns the layer's summary row. */
function row(shape: number[], layer: tf.layers.Layer) {
  const input = tf.input({ shape });
  const m = tf.model({ inputs: input, outputs: layer.apply(input) as tf.SymbolicTensor });
  const s = summarizeModel(m);
  m.dispose();
  return { ...s.layers[0], total: s };
}

describe('layer costs worked by hand', () => {
  it('dense 10 → 4 with bias and ReLU: 40 multiply-adds, 2·40 + 4 bias + 4 ReLU FLOPs, 44 parameters', () => {
    const r = row([10], tf.layers.dense({ units: 4, activation: 'relu' }));
    expect(r.params).toBe(44);
    expect(r.macs).toBe(40);
    expect(r.flops).toBe(88);
    expect(r.total.macsPerSample).toBe(40);
    expect(r.total.flopsPerSample).toBe(88);
  });

  it('dense on [5 tokens, 8] → 3, linear: 5·8·3 multiply-adds, + 15 bias adds', () => {
    const r = row([5, 8], tf.layers.dense({ units: 3 }));
    expect(r.macs).toBe(120);
    expect(r.flops).toBe(255);
  });

  it("conv1d 2 → 3 channels, kernel 5, 'same', 20 steps, no bias: 20·3 outputs × 5·2 products", () => {
    const r = row([20, 2], tf.layers.conv1d({ filters: 3, kernelSize: 5, padding: 'same', useBias: false }));
    expect(r.params).toBe(30);
    expect(r.macs).toBe(600);
    expect(r.flops).toBe(1200);
  });

  it("conv1d stride 2, 'valid', with bias: outputs ⌊(20 − 5)/2⌋ + 1 = 8 steps", () => {
    const r = row([20, 2], tf.layers.conv1d({ filters: 3, kernelSize: 5, strides: 2, padding: 'valid' }));
    expect(r.outputShape).toEqual([null, 8, 3]);
    expect(r.macs).toBe(8 * 3 * 10);
    expect(r.flops).toBe(2 * 240 + 24);
  });

  it('conv2d 3×3, 1 → 4 channels on a 6×5 image: 120 outputs × 9 products', () => {
    const r = row([6, 5, 1], tf.layers.conv2d({ filters: 4, kernelSize: 3, padding: 'same', useBias: false }));
    expect(r.macs).toBe(6 * 5 * 4 * 9);
  });

  it('recurrent cells over 7 steps of 3 features, 5 units: gates · 5 · (3 + 5) products per step', () => {
    expect(row([7, 3], tf.layers.simpleRNN({ units: 5 })).macs).toBe(7 * 1 * 5 * 8);
    expect(row([7, 3], tf.layers.gru({ units: 5 })).macs).toBe(7 * 3 * 5 * 8);
    expect(row([7, 3], tf.layers.lstm({ units: 5 })).macs).toBe(7 * 4 * 5 * 8);
  });

  it('self-attention, 6 tokens × 8 features, 2 heads × 4: 4 projections 6·8·8 + QKᵀ and A·V 2 · 6·6·8', () => {
    const r = row([6, 8], new MultiHeadSelfAttention({ numHeads: 2, keyDim: 4 }));
    expect(r.params).toBe(4 * 64 + 3 * 8 + 8);
    expect(r.macs).toBe(4 * 6 * 8 * 8 + 2 * 6 * 6 * 8);
    expect(r.flops).toBe(2 * r.macs + 6 * (3 * 8 + 8) + 5 * 2 * 36);
  });

  it('batch norm: one multiply-add per element', () => {
    const r = row([10, 4], tf.layers.batchNormalization({}));
    expect(r.macs).toBe(40);
    expect(r.flops).toBe(80);
  });
});
