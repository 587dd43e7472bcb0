/**
 * EcgFusedConvPool (wasm): conv1d + bias + optional ReLU, then max pooling — what conv → BN → ReLU → MaxPool1D
 * becomes at inference once the BN is folded (src/core/ml/infer.ts). One kernel, one sample at a time through a
 * cache-resident scratch row, so the convolution's output never makes a round trip through memory; the results are
 * exactly FusedConv2D followed by MaxPool (the same two SIMD routines). Inputs: x [N, W, Cin], filter [1, K, Cin, Cout],
 * bias [Cout]; attrs: stride, pad, relu, poolSize, poolStride, poolPad. Cout % 4 == 0 (`convPoolApplies`).
 */
import { backend_util, getKernel, type KernelConfig, type KernelFunc, type TensorInfo } from '@tensorflow/tfjs-core';
import * as tf from '@tensorflow/tfjs-core';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { heapMemory, ptr, simd } from '../runtime/simd';
import { free } from '../runtime/stock';
import { convPoolParallel } from '../threads/parallelConv';

export const CONV_POOL_KERNEL = 'EcgFusedConvPool';

export interface ConvPoolAttrs {
  stride: number;
  pad: 'same' | 'valid';
  relu: boolean;
  poolSize: number;
  poolStride: number;
  poolPad: 'same' | 'valid';
}

function convPoolWasm(args: { inputs: { x: TensorInfo; filter: TensorInfo; bias: TensorInfo }; backend: BackendWasm; attrs: ConvPoolAttrs }): TensorInfo {
  const { inputs: { x, filter, bias }, backend, attrs } = args;
  const mod = simd(backend)!;
  const [N, W, Cin] = x.shape;
  const ci = backend_util.computeConv2DInfo([N, 1, W, Cin], filter.shape as [number, number, number, number], [1, attrs.stride], 1, attrs.pad, undefined, false, 'channelsLast');
  const pi = backend_util.computePool2DInfo([N, 1, ci.outWidth, ci.outChannels], [1, attrs.poolSize], [1, attrs.poolStride], 1, attrs.poolPad);
  const Cout = ci.outChannels;
  const out = backend.makeOutput([N, pi.outWidth, Cout], 'float32');
  const scratch = backend.makeOutput([ci.outWidth, Cout], 'float32');
  convPoolParallel(
    mod, heapMemory(backend)!, ptr(backend, scratch),
    ptr(backend, x), ptr(backend, filter), ptr(backend, out), N, W, Cin, ci.outWidth, Cout, ci.filterWidth, ci.strideWidth, ci.padInfo.left,
    ptr(backend, bias), attrs.relu ? 1 : 0, pi.outWidth, pi.filterWidth, pi.strideWidth, pi.padInfo.left,
  );
  free(backend, scratch);
  return out;
}

export const convPoolConfig: KernelConfig = { kernelName: CONV_POOL_KERNEL, backendName: 'wasm', kernelFunc: convPoolWasm as unknown as KernelFunc };

/** Whether the fused kernel can run x [N, W, Cin] into Cout channels here (wasm with our kernels registered). */
export function convPoolApplies(x: tf.Tensor, cout: number): boolean {
  if (tf.getBackend() !== 'wasm' || !getKernel(CONV_POOL_KERNEL, 'wasm') || !simd(tf.backend() as unknown as BackendWasm)) return false;
  return x.dtype === 'float32' && x.rank === 3 && cout % 4 === 0 && x.shape[0] > 0;
}

/** conv → bias → (ReLU) → max pool as one wasm kernel; check `convPoolApplies` first. */
export function convPool(x: tf.Tensor3D, filter: tf.Tensor4D, bias: tf.Tensor1D, attrs: ConvPoolAttrs): tf.Tensor3D {
  return tf.engine().runKernel(CONV_POOL_KERNEL, { x, filter, bias }, attrs as unknown as tf.NamedAttrMap) as tf.Tensor3D;
}
