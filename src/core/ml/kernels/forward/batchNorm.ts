/**
 * FusedBatchNorm (forward) for wasm with per-channel statistics over the innermost axis (how tfjs-layers
 * calls it, in training and inference): one SIMD pass y = (x − mean)·k + offset with k = scale/√(var + ε)
 * computed per channel in float64 (as the cpu backend does per element) and rounded once. The stock kernel's
 * per-element index arithmetic made it one of the largest costs of inference. Other shapes → stock.
 */
import { FusedBatchNorm, util, type FusedBatchNormAttrs, type KernelConfig, type KernelFunc, type TensorInfo } from '@tensorflow/tfjs-core';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { ptr, simd } from '../runtime/simd';
import { free, runStock } from '../runtime/stock';

function batchNormWasm(args: {
  inputs: { x: TensorInfo; mean: TensorInfo; variance: TensorInfo; offset?: TensorInfo; scale?: TensorInfo };
  backend: BackendWasm;
  attrs: FusedBatchNormAttrs;
}): TensorInfo {
  const { inputs, backend, attrs } = args;
  const { x, mean, variance, offset, scale } = inputs;
  const mod = simd(backend);
  const C = x.shape[x.shape.length - 1];
  const perChannel = (t?: TensorInfo): boolean => t == null || (util.sizeFromShape(t.shape) === C && t.dtype === 'float32');
  if (!mod || x.dtype !== 'float32' || C % 4 !== 0 || !perChannel(mean) || !perChannel(variance) || !perChannel(offset) || !perChannel(scale)) {
    return runStock(FusedBatchNorm, backend, inputs as unknown as Record<string, TensorInfo>, attrs);
  }
  const f = (t: TensorInfo) => backend.typedArrayFromHeap(t) as Float32Array;
  const pc = backend.makeOutput([3 * C], 'float32');
  const p = f(pc);
  const m = f(mean);
  const v = f(variance);
  const o = offset ? f(offset) : null;
  const s = scale ? f(scale) : null;
  const eps = attrs.varianceEpsilon ?? 0.001;
  for (let c = 0; c < C; c++) {
    p[c] = m[c];
    p[C + c] = (s ? s[c] : 1) / Math.sqrt(v[c] + eps);
    p[2 * C + c] = o ? o[c] : 0;
  }
  const out = backend.makeOutput(x.shape, 'float32');
  mod.bnForward(ptr(backend, x), ptr(backend, pc), util.sizeFromShape(x.shape) / C, C, ptr(backend, out));
  free(backend, pc);
  return out;
}

export const batchNormConfig: KernelConfig = { kernelName: FusedBatchNorm, backendName: 'wasm', kernelFunc: batchNormWasm as unknown as KernelFunc };
