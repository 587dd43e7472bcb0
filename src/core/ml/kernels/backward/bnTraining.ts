/**
 * Batch normalisation in training mode as two wasm passes forward and two backward, instead of tfjs-layers'
 * composition (moments = Mean, Sub, Square, Mean; FusedBatchNorm; and in the backward pass the gradients of each,
 * tiled and added: ~14 full-size passes and ~40 kernel calls per layer and step).
 *
 *  forward:  EcgBnStats (mean and biased variance per channel, float64 accumulation) → FusedBatchNorm (ours)
 *  backward: EcgBnTrainGrad — the gradient through the batch statistics in closed form,
 *            dx = γk·dy − γk³·S/n·(x − μ) − γk·Σdy/n, dγ = k·S, dβ = Σdy   (S = Σdy·(x − μ), k = 1/√(σ² + ε))
 *
 * Same mathematics as the composed graph, different float32 rounding (≤ 1e-5 relative on the tests against the
 * cpu backend). Used by the zoo's batch-norm layer (models/batchNorm.ts) on wasm with our SIMD module;
 * `bnTrainingFast` returns null elsewhere (other backends, channels not a multiple of 4) and the caller falls back.
 */
import * as tf from '@tensorflow/tfjs-core';
import { getKernel, registerKernel, util, type KernelConfig, type KernelFunc, type NamedAttrMap, type TensorInfo } from '@tensorflow/tfjs-core';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { ptr, simd } from '../runtime/simd';
import { free } from '../runtime/stock';

export const BN_STATS_KERNEL = 'EcgBnStats';
export const BN_TRAIN_GRAD_KERNEL = 'EcgBnTrainGrad';

/** 'auto' uses the fused path where it applies; 'off' always falls back. Set by registerWasmKernels ('all' → auto)
 * and unregisterWasmKernels / the 'required' set (→ off), so the stock-wasm baseline stays stock. */
export const bnTrainingMode: { value: 'auto' | 'off' } = { value: 'off' };

function f32(backend: BackendWasm, t: TensorInfo): Float32Array {
  return backend.typedArrayFromHeap(t) as Float32Array;
}

/** Splits a [2·C] float32 heap tensor into two new [C] tensors and frees it. */
function splitHalves(backend: BackendWasm, both: TensorInfo, C: number): [TensorInfo, TensorInfo] {
  const halves = [backend.makeOutput([C], 'float32'), backend.makeOutput([C], 'float32')] as [TensorInfo, TensorInfo];
  const b = f32(backend, both);
  halves.forEach((h, i) => f32(backend, h).set(b.subarray(i * C, (i + 1) * C)));
  free(backend, both);
  return halves;
}

function bnStatsWasm(args: { inputs: { x: TensorInfo }; backend: BackendWasm }): TensorInfo[] {
  const { inputs: { x }, backend } = args;
  const C = x.shape[x.shape.length - 1];
  const R = util.sizeFromShape(x.shape) / C;
  const both = backend.makeOutput([2 * C], 'float32');
  const acc = backend.makeOutput([4 * C], 'float32'); // 2·C float64
  simd(backend)!.bnStats(ptr(backend, x), R, C, ptr(backend, both), ptr(backend, acc));
  free(backend, acc);
  return splitHalves(backend, both, C); // [mean, variance]
}

function bnTrainGradWasm(args: { inputs: { x: TensorInfo; dy: TensorInfo; mean: TensorInfo; variance: TensorInfo; gamma: TensorInfo }; backend: BackendWasm; attrs: { eps: number } }): TensorInfo[] {
  const { inputs: { x, dy, mean, variance, gamma }, backend, attrs } = args;
  const C = mean.shape[0];
  const R = util.sizeFromShape(x.shape) / C;
  const pc = backend.makeOutput([3 * C], 'float32');
  const p = f32(backend, pc);
  const m = f32(backend, mean);
  const v = f32(backend, variance);
  const g = f32(backend, gamma);
  for (let c = 0; c < C; c++) {
    p[c] = m[c];
    p[C + c] = 1 / Math.sqrt(v[c] + attrs.eps);
    p[2 * C + c] = g[c];
  }
  const dx = backend.makeOutput(x.shape, 'float32');
  const sums = backend.makeOutput([2 * C], 'float32');
  const acc = backend.makeOutput([8 * C], 'float32');
  simd(backend)!.bnTrainGrad(ptr(backend, x), ptr(backend, dy), ptr(backend, pc), R, C, ptr(backend, dx), ptr(backend, sums), ptr(backend, acc));
  free(backend, pc, acc);
  return [dx, ...splitHalves(backend, sums, C)]; // dx, dγ, dβ
}

const configs: KernelConfig[] = [
  { kernelName: BN_STATS_KERNEL, backendName: 'wasm', kernelFunc: bnStatsWasm as unknown as KernelFunc },
  { kernelName: BN_TRAIN_GRAD_KERNEL, backendName: 'wasm', kernelFunc: bnTrainGradWasm as unknown as KernelFunc },
];

function ensureKernels(): void {
  for (const c of configs) if (!getKernel(c.kernelName, c.backendName)) registerKernel(c);
}

/** Whether bnTrainingFast takes x (else it returns null): wasm with our SIMD module, float32, rank ≥ 2, channels
 * (last axis) a multiple of 4, at least 64 rows, not switched off. */
export function bnTrainingApplies(x: tf.Tensor): boolean {
  if (bnTrainingMode.value === 'off' || tf.getBackend() !== 'wasm' || !simd(tf.backend() as unknown as BackendWasm)) return false;
  const C = x.shape[x.rank - 1];
  return x.dtype === 'float32' && x.rank >= 2 && C % 4 === 0 && x.size / C >= 64;
}

export interface BnTrainingResult {
  y: tf.Tensor;
  /** Batch mean and biased variance per channel (for the moving averages). */
  mean: tf.Tensor1D;
  variance: tf.Tensor1D;
}

/**
 * Batch norm over every axis but the last (training mode), or null when the fused path does not apply here
 * (backend not wasm with our SIMD module, channels not a multiple of 4, fewer than 64 rows, or switched off).
 * Differentiable with respect to x, gamma and beta.
 */
export function bnTrainingFast(x: tf.Tensor, gamma: tf.Tensor, beta: tf.Tensor, eps: number): BnTrainingResult | null {
  if (!bnTrainingApplies(x) || gamma.size !== x.shape[x.rank - 1] || beta.size !== x.shape[x.rank - 1]) return null;
  ensureKernels();
  const [mean, variance] = tf.engine().runKernel(BN_STATS_KERNEL, { x }, {}) as tf.Tensor1D[];
  const op = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const [xIn, g, b] = args as tf.Tensor[];
    const save = args[3] as tf.GradSaveFunc;
    const y = tf.batchNorm(xIn, mean, variance, b, g, eps);
    save([xIn, g, mean, variance]);
    return {
      value: y,
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
        const [xs, gs, ms, vs] = saved;
        return tf.engine().runKernel(BN_TRAIN_GRAD_KERNEL, { x: xs, dy, mean: ms, variance: vs, gamma: gs }, { eps } as unknown as NamedAttrMap) as tf.Tensor[];
      },
    };
  });
  return { y: op(x, gamma, beta), mean, variance };
}
