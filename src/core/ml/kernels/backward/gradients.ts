/**
 * Gradient overrides for the batch-norm training path (tfjs-layers: moments → FusedBatchNorm), active only
 * while the wasm backend (with our SIMD module) is in use; on any other backend they call the stock tfjs-core
 * gradient functions, so other backends are unaffected.
 *
 *  - FusedBatchNorm: tfjs-core's gradient is ~25 kernels (sub, tile, several full-size muls and four sums);
 *    here one pass (asm/simd.as bnGrad) with the same f32 operations gives dx, dmean, dvariance, dscale, doffset.
 *  - Mean: tfjs-core broadcasts dy with ones(x.shape)·dy / n (fill + two full-size passes); here dy / n is
 *    computed on the small tensor and tiled (our block-copy Tile): the same values, one full-size pass.
 *  - Relu: mul(dy, cast(step(x))) (two passes, three kernels) → one pass (asm/simd.as reluGrad), same multiply.
 *  - Max over a contiguous block of axes (global max pooling): mul(dy, cast(equal(x, y))) with broadcasting
 *    (three passes) → one pass (maxGradRows), same multiply; ties all get dy, as in tfjs.
 */
import * as tf from '@tensorflow/tfjs-core';
import {
  FusedBatchNorm,
  getGradient,
  Max,
  Mean,
  Relu,
  registerGradient,
  registerKernel,
  getKernel,
  util,
  type GradConfig,
  type KernelConfig,
  type KernelFunc,
  type NamedAttrMap,
  type TensorInfo,
} from '@tensorflow/tfjs-core';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { ptr, simd } from '../runtime/simd';
import { free } from '../runtime/stock';

const BN_GRAD_KERNEL = 'EcgFusedBatchNormGrad';

function bnGradWasm(args: { inputs: { x: TensorInfo; dy: TensorInfo; mean: TensorInfo; variance: TensorInfo; scale: TensorInfo }; backend: BackendWasm; attrs: { eps: number } }): TensorInfo[] {
  const { inputs, backend, attrs } = args;
  const { x, dy, mean, variance, scale } = inputs;
  const C = mean.shape[0];
  const R = util.sizeFromShape(x.shape) / C;
  const f = (t: TensorInfo) => backend.typedArrayFromHeap(t) as Float32Array;
  const pc = backend.makeOutput([4 * C], 'float32');
  const p = f(pc);
  const vv = f(variance);
  const sv = f(scale);
  const mv = f(mean);
  const eps = Math.fround(attrs.eps);
  for (let c = 0; c < C; c++) {
    const inv = Math.fround(1 / Math.fround(Math.sqrt(Math.fround(vv[c] + eps)))); // rsqrt(add(variance, eps))
    p[c] = inv;
    p[C + c] = Math.fround(Math.fround(Math.fround(inv * inv) * inv) * -0.5);
    p[2 * C + c] = sv[c];
    p[3 * C + c] = mv[c];
  }
  const dx = backend.makeOutput(x.shape, 'float32');
  const sums = backend.makeOutput([4 * C], 'float32');
  simd(backend)!.bnGrad(ptr(backend, x), ptr(backend, dy), ptr(backend, pc), R, C, ptr(backend, dx), ptr(backend, sums));
  free(backend, pc);
  const outs = [0, 1, 2, 3].map(() => backend.makeOutput([C], 'float32'));
  const s = f(sums);
  outs.forEach((o, i) => f(o).set(s.subarray(i * C, (i + 1) * C)));
  free(backend, sums);
  return [dx, ...outs];
}

const bnGradConfig: KernelConfig = { kernelName: BN_GRAD_KERNEL, backendName: 'wasm', kernelFunc: bnGradWasm as unknown as KernelFunc };

function wasmSimdActive(): boolean {
  return tf.getBackend() === 'wasm' && simd(tf.backend() as unknown as BackendWasm) !== null;
}

let stockBn: GradConfig | undefined;
let stockMean: GradConfig | undefined;
let stockRelu: GradConfig | undefined;
let stockMax: GradConfig | undefined;

const RELU_GRAD_KERNEL = 'EcgReluGrad';
const MAX_GRAD_KERNEL = 'EcgMaxGrad';

function reluGradWasm(args: { inputs: { x: TensorInfo; dy: TensorInfo }; backend: BackendWasm }): TensorInfo {
  const { inputs: { x, dy }, backend } = args;
  const dx = backend.makeOutput(x.shape, 'float32');
  simd(backend)!.reluGrad(ptr(backend, x), ptr(backend, dy), ptr(backend, dx), util.sizeFromShape(x.shape));
  return dx;
}

function maxGradWasm(args: { inputs: { x: TensorInfo; y: TensorInfo; dy: TensorInfo }; backend: BackendWasm; attrs: { a: number; r: number; b: number } }): TensorInfo {
  const { inputs: { x, y, dy }, backend, attrs: { a, r, b } } = args;
  const dx = backend.makeOutput(x.shape, 'float32');
  simd(backend)!.maxGradRows(ptr(backend, x), ptr(backend, y), ptr(backend, dy), ptr(backend, dx), a, r, b);
  return dx;
}

const extraGradKernels: KernelConfig[] = [
  { kernelName: RELU_GRAD_KERNEL, backendName: 'wasm', kernelFunc: reluGradWasm as unknown as KernelFunc },
  { kernelName: MAX_GRAD_KERNEL, backendName: 'wasm', kernelFunc: maxGradWasm as unknown as KernelFunc },
];

function ensureKernel(name: string): void {
  if (!getKernel(name, 'wasm')) registerKernel(extraGradKernels.find((k) => k.kernelName === name)!);
}

function reluGrad(original: GradConfig): GradConfig {
  return {
    kernelName: Relu,
    inputsToSave: ['x'],
    gradFunc: (dy, saved, attrs) => {
      const [x] = saved;
      if (!wasmSimdActive() || Array.isArray(dy) || dy.dtype !== 'float32' || x.dtype !== 'float32' || x.size % 4 !== 0 || x.size === 0) {
        return original.gradFunc(dy, saved, attrs);
      }
      ensureKernel(RELU_GRAD_KERNEL);
      return { x: () => tf.engine().runKernel(RELU_GRAD_KERNEL, { x, dy: dy as tf.Tensor }, {}) as tf.Tensor };
    },
  };
}

function maxGrad(original: GradConfig): GradConfig {
  return {
    kernelName: Max,
    inputsToSave: original.inputsToSave,
    outputsToSave: original.outputsToSave,
    gradFunc: (dy, saved, attrs) => {
      const [x, y] = saved;
      if (!wasmSimdActive() || Array.isArray(dy) || dy.dtype !== 'float32' || x?.dtype !== 'float32' || !y) return original.gradFunc(dy, saved, attrs);
      const axes = util.parseAxisParam((attrs as { reductionIndices: number | number[] }).reductionIndices, x.shape).slice().sort((p, q) => p - q);
      const contiguous = axes.length > 0 && axes.every((v, i) => i === 0 || v === axes[i - 1] + 1);
      if (!contiguous) return original.gradFunc(dy, saved, attrs);
      const a = x.shape.slice(0, axes[0]).reduce((p, d) => p * d, 1);
      const r = axes.reduce((p, ax) => p * x.shape[ax], 1);
      const b = x.shape.slice(axes[axes.length - 1] + 1).reduce((p, d) => p * d, 1);
      if (b % 4 !== 0 || r === 0 || y.size !== a * b || dy.size !== a * b) return original.gradFunc(dy, saved, attrs);
      ensureKernel(MAX_GRAD_KERNEL);
      return { x: () => tf.engine().runKernel(MAX_GRAD_KERNEL, { x, y, dy: dy as tf.Tensor }, { a, r, b } as unknown as NamedAttrMap) as tf.Tensor };
    },
  };
}

function fusedBatchNormGrad(original: GradConfig): GradConfig {
  return {
    kernelName: FusedBatchNorm,
    inputsToSave: ['x', 'mean', 'variance', 'scale'],
    gradFunc: (dy, saved, attrs) => {
      const [x, mean, variance, scale] = saved;
      const C = mean.shape[0];
      const ok =
        wasmSimdActive() && mean.rank === 1 && variance.rank === 1 && scale != null && scale.rank === 1 && scale.shape[0] === C &&
        x.dtype === 'float32' && x.shape[x.rank - 1] === C && C % 4 === 0 && x.size / C >= 64 && !Array.isArray(dy);
      if (!ok) return original.gradFunc(dy, saved, attrs);
      if (!getKernel(BN_GRAD_KERNEL, 'wasm')) registerKernel(bnGradConfig);
      // computed here, not in the thunks: the tape runs each thunk in its own tidy, which would dispose the
      // other outputs; unused ones are released by the tidy around the whole backward pass
      const eps = (attrs as { varianceEpsilon: number }).varianceEpsilon;
      const res = tf.engine().runKernel(BN_GRAD_KERNEL, { x, dy: dy as tf.Tensor, mean, variance, scale }, { eps } as unknown as NamedAttrMap) as tf.Tensor[];
      const get = (i: number) => (): tf.Tensor => res[i];
      return { x: get(0), mean: get(1), variance: get(2), scale: get(3), offset: get(4) };
    },
  };
}

function meanGrad(original: GradConfig): GradConfig {
  return {
    kernelName: Mean,
    inputsToSave: ['x'],
    gradFunc: (dy, saved, attrs) => {
      const [x] = saved;
      if (!wasmSimdActive() || Array.isArray(dy) || dy.dtype !== 'float32') return original.gradFunc(dy, saved, attrs);
      const axes = util.parseAxisParam((attrs as { axis: number | number[] }).axis, x.shape);
      const expanded = x.shape.slice();
      for (const a of axes) expanded[a] = 1;
      const n = axes.reduce((p, a) => p * x.shape[a], 1);
      return { x: () => tf.tile(tf.div(tf.reshape(dy, expanded), n), x.shape.map((d, i) => d / expanded[i])) };
    },
  };
}

/** Installs the overrides (idempotent). */
export function installGradients(): void {
  if (stockBn === undefined) {
    stockBn = getGradient(FusedBatchNorm);
    stockMean = getGradient(Mean);
    stockRelu = getGradient(Relu);
    stockMax = getGradient(Max);
  }
  if (stockBn) registerGradient(fusedBatchNormGrad(stockBn));
  if (stockMean) registerGradient(meanGrad(stockMean));
  if (stockRelu) registerGradient(reluGrad(stockRelu));
  if (stockMax) registerGradient(maxGrad(stockMax));
}

/** Restores tfjs-core's gradients. */
export function restoreGradients(): void {
  if (stockBn) registerGradient(stockBn);
  if (stockMean) registerGradient(stockMean);
  if (stockRelu) registerGradient(stockRelu);
  if (stockMax) registerGradient(stockMax);
}
