/**
 * Adam with one fused kernel per variable on the wasm backend. tfjs's AdamOptimizer issues ~14 kernels per
 * variable per step (mul, add, square, div, sqrt, … plus scalar uploads) — 438 of the 1485 kernel calls of a
 * resnet1d training step — each with engine overhead. `fusedAdam()` is a drop-in for `tf.train.adam()`: the
 * same class (serialisation name 'Adam', same slots m/v, same getWeights/setWeights) and the same float32
 * operations in the same order (asm/simd.as `adam`), so results equal tfjs's Adam; on other backends, or
 * without our SIMD module, it runs the stock implementation.
 *
 *   const opt = fusedAdam(lr, 0.9, 0.999, 1e-8);   // instead of tf.train.adam(lr, 0.9, 0.999, 1e-8)
 */
import * as tf from '@tensorflow/tfjs-core';
import { registerKernel, getKernel, type KernelConfig, type KernelFunc, type NamedTensorMap, type TensorInfo } from '@tensorflow/tfjs-core';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { ptr, simd } from '../runtime/simd';

export const ADAM_KERNEL = 'EcgFusedAdam';

interface AdamAttrs {
  b1: number;
  b2: number;
  c1: number;
  c2: number;
  eps: number;
  lr: number;
}

function adamWasm(args: { inputs: { x: TensorInfo; g: TensorInfo; m: TensorInfo; v: TensorInfo }; backend: BackendWasm; attrs: AdamAttrs }): TensorInfo[] {
  const { inputs, backend, attrs } = args;
  const { x, g, m, v } = inputs;
  const mod = simd(backend)!;
  const ox = backend.makeOutput(x.shape, 'float32');
  const om = backend.makeOutput(x.shape, 'float32');
  const ov = backend.makeOutput(x.shape, 'float32');
  const n = tf.util.sizeFromShape(x.shape);
  const p = (t: TensorInfo): number => ptr(backend, t);
  mod.adam(p(x), p(g), p(m), p(v), p(ox), p(om), p(ov), n, attrs.b1, 1 - attrs.b1, attrs.b2, 1 - attrs.b2, attrs.c1, attrs.c2, attrs.eps, -attrs.lr);
  return [ox, om, ov];
}

const adamConfig: KernelConfig = { kernelName: ADAM_KERNEL, backendName: 'wasm', kernelFunc: adamWasm as unknown as KernelFunc };

interface AdamInternals {
  accumulatedFirstMoment: { originalName: string; variable: tf.Variable }[];
  accumulatedSecondMoment: { originalName: string; variable: tf.Variable }[];
  accBeta1: tf.Variable;
  accBeta2: tf.Variable;
  beta1: number;
  beta2: number;
  epsilon: number;
  learningRate: number;
  incrementIterations(): void;
}

export class FusedAdamOptimizer extends tf.AdamOptimizer {
  override applyGradients(variableGradients: Parameters<tf.AdamOptimizer['applyGradients']>[0]): void {
    const backend = tf.backend() as unknown as BackendWasm;
    if (tf.getBackend() !== 'wasm' || !simd(backend)) {
      super.applyGradients(variableGradients);
      return;
    }
    if (!getKernel(ADAM_KERNEL, 'wasm')) registerKernel(adamConfig);
    const self = this as unknown as AdamInternals;
    const list: { name: string; tensor: tf.Tensor }[] = Array.isArray(variableGradients)
      ? variableGradients
      : Object.keys(variableGradients).map((name) => ({ name, tensor: (variableGradients as NamedTensorMap)[name] }));
    const readScalar = (t: tf.Tensor): number => (t.dataSync() as Float32Array)[0]; // a heap read on wasm
    tf.tidy(() => {
      const c1 = Math.fround(1 - readScalar(self.accBeta1));
      const c2 = Math.fround(1 - readScalar(self.accBeta2));
      const attrs = { b1: self.beta1, b2: self.beta2, c1, c2, eps: self.epsilon, lr: self.learningRate };
      list.forEach(({ name, tensor: gradient }, i) => {
        const value = tf.engine().registeredVariables[name];
        if (!self.accumulatedFirstMoment[i]) self.accumulatedFirstMoment[i] = { originalName: `${name}/m`, variable: tf.tidy(() => tf.zerosLike(value).variable(false)) };
        if (!self.accumulatedSecondMoment[i]) self.accumulatedSecondMoment[i] = { originalName: `${name}/v`, variable: tf.tidy(() => tf.zerosLike(value).variable(false)) };
        if (gradient == null) return;
        const m = self.accumulatedFirstMoment[i].variable;
        const v = self.accumulatedSecondMoment[i].variable;
        const g = gradient.dtype === 'float32' ? gradient : gradient.toFloat();
        const [nx, nm, nv] = tf.engine().runKernel(ADAM_KERNEL, { x: value, g, m, v }, attrs as unknown as tf.NamedAttrMap) as tf.Tensor[];
        m.assign(nm);
        v.assign(nv);
        value.assign(nx);
      });
      self.accBeta1.assign(tf.mul(self.accBeta1, self.beta1));
      self.accBeta2.assign(tf.mul(self.accBeta2, self.beta2));
    });
    self.incrementIterations();
  }
}

/** Drop-in for `tf.train.adam` (same defaults): fused on wasm, stock elsewhere. */
export function fusedAdam(learningRate = 0.001, beta1 = 0.9, beta2 = 0.999, epsilon: number | null = null): FusedAdamOptimizer {
  return new FusedAdamOptimizer(learningRate, beta1, beta2, epsilon as number);
}
