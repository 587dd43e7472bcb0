/** The issue-7 reference model, shared by the Node bench (bench/train.ts) and the Chromium-worker page. */
import * as tf from '@tensorflow/tfjs';
import { batchNormalization } from '../../src/core/ml/models/batchNorm';

/** 4 × [Conv1D(32, k7, same) + BN + ReLU + MaxPool(2)], GAP, Dense(5) — built from the lab's layers (its batch
 * norm is tfjs-layers' with the fused wasm training path, src/core/ml/models/batchNorm.ts). */
export function buildReferenceModel(nSamples = 1000, nLeads = 1, nOut = 5): tf.LayersModel {
  const input = tf.input({ shape: [nSamples, nLeads] });
  let x: tf.SymbolicTensor = input;
  for (let i = 0; i < 4; i++) {
    x = tf.layers.conv1d({ filters: 32, kernelSize: 7, padding: 'same', kernelInitializer: tf.initializers.heNormal({ seed: 1 + i }) }).apply(x) as tf.SymbolicTensor;
    x = batchNormalization({ epsilon: 1e-5, momentum: 0.9 }).apply(x) as tf.SymbolicTensor;
    x = tf.layers.reLU().apply(x) as tf.SymbolicTensor;
    x = tf.layers.maxPooling1d({ poolSize: 2 }).apply(x) as tf.SymbolicTensor;
  }
  x = tf.layers.globalAveragePooling1d().apply(x) as tf.SymbolicTensor;
  const out = tf.layers.dense({ units: nOut, kernelInitializer: tf.initializers.glorotUniform({ seed: 9 }) }).apply(x) as tf.SymbolicTensor;
  return tf.model({ inputs: input, outputs: out, name: 'reference' });
}

/** Deterministic batch: inputs in [0, 1] like min-max scaled leads, one-hot labels. */
export function makeBatch(nSamples: number, nLeads: number, nOut: number, batch: number): { x: tf.Tensor3D; y: tf.Tensor2D } {
  const xs = new Float32Array(batch * nSamples * nLeads);
  let s = 12345;
  for (let i = 0; i < xs.length; i++) {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    xs[i] = s / 2 ** 32;
  }
  const labels = Array.from({ length: batch }, (_, i) => i % nOut);
  return { x: tf.tensor3d(xs, [batch, nSamples, nLeads]), y: tf.oneHot(tf.tensor1d(labels, 'int32'), nOut).toFloat() as tf.Tensor2D };
}

/** One Adam step on softmax cross-entropy, batch-norm in training mode; nothing read back. */
export function trainStep(model: tf.LayersModel, opt: tf.Optimizer, x: tf.Tensor, y: tf.Tensor): void {
  tf.tidy(() => {
    opt.minimize(() => {
      const logits = model.apply(x, { training: true }) as tf.Tensor;
      return tf.losses.softmaxCrossEntropy(y, logits) as tf.Scalar;
    });
  });
}
