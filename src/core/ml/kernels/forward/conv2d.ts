/**
 * Conv2D (forward) for wasm: conv1d shapes (NHWC, height 1, no dilation, output channels a multiple of 4) by
 * our direct SIMD kernel (asm/simd.as convFwd: 4 steps × 8 channels register tile, no im2col/indirection);
 * everything else by the stock XNNPACK kernel. Its f32 summation order (taps, then input channels, mul + add)
 * is XNNPACK's, and its results were bitwise equal to the stock kernel's on every shape measured.
 */
import { backend_util, Conv2D, FusedConv2D, type Conv2DAttrs, type FusedConv2DAttrs, type KernelConfig, type KernelFunc, type TensorInfo, util } from '@tensorflow/tfjs-core';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { heapMemory, ptr, simd } from '../runtime/simd';
import { convFwdParallel } from '../threads/parallelConv';
import { kernelThreads } from '../threads/pool';
import { runStock } from '../runtime/stock';

/** True when convInfo describes a conv1d (height 1, NHWC, no dilation): the shapes the direct and XNNPACK conv1d
 * paths handle, forward here and both gradients in ../backward/conv1dFast. */
export function isConv1d(ci: backend_util.Conv2DInfo): boolean {
  return (
    ci.dataFormat === 'channelsLast' &&
    ci.inHeight === 1 &&
    ci.filterHeight === 1 &&
    ci.outHeight === 1 &&
    ci.strideHeight === 1 &&
    ci.dilationHeight === 1 &&
    ci.dilationWidth === 1 &&
    ci.padInfo.top === 0 &&
    ci.padInfo.bottom === 0 &&
    ci.padInfo.left >= 0
  );
}

/** 'auto' (shape heuristic below), or forced 'direct' / 'xnnpack' (tests and benchmarks). */
export const convFwdMode: { value: 'auto' | 'direct' | 'xnnpack' } = { value: 'auto' };

/**
 * Measured (bench/…, model shapes, batch 32): the direct kernel is 5–25 % faster than XNNPACK with 16+ or fewer
 * than 4 input channels and for 1×1 convolutions, 5–18 % slower for 8 input channels with long kernels.
 */
function preferDirect(ci: backend_util.Conv2DInfo): boolean {
  // with kernel threads the direct kernel runs on all of them (XNNPACK here is single-threaded)
  return kernelThreads() > 1 || ci.inChannels >= 16 || ci.inChannels < 4 || ci.filterWidth === 1;
}

/**
 * Filters (by dataId) already convolved once. The stock kernel creates and caches an XNNPACK operator per
 * filter (packing the weights: +1.4 ms for an 8→16 k7 filter, more than the convolution itself), which only
 * pays off when the same filter comes back — inference. In training every step brings new weights, so a
 * filter's first use always takes the direct kernel.
 */
const seenFilters = new WeakSet<object>();

function firstUse(filter: TensorInfo): boolean {
  if (seenFilters.has(filter.dataId)) return false;
  seenFilters.add(filter.dataId);
  return true;
}

/** conv1d by the direct kernel, with FusedConv2D's optional bias [Cout] and ReLU; null when it does not apply. */
function conv1dDirect(backend: BackendWasm, x: TensorInfo, filter: TensorInfo, attrs: Conv2DAttrs, bias: TensorInfo | null, relu: boolean): TensorInfo | null {
  const mod = simd(backend);
  if (!mod || convFwdMode.value === 'xnnpack' || x.dtype !== 'float32' || x.shape.length !== 4) return null;
  const ci = backend_util.computeConv2DInfo(
    x.shape as [number, number, number, number],
    filter.shape as [number, number, number, number],
    attrs.strides,
    attrs.dilations,
    attrs.pad,
    attrs.dimRoundingMode,
    false,
    backend_util.convertConv2DDataFormat(attrs.dataFormat),
  );
  if (!isConv1d(ci) || ci.outChannels % 4 !== 0) return null;
  if (bias && (bias.dtype !== 'float32' || util.sizeFromShape(bias.shape) !== ci.outChannels)) return null;
  // a fused call always takes the direct kernel (one pass instead of conv + bias + activation)
  if (!(bias || relu || convFwdMode.value === 'direct' || firstUse(filter) || preferDirect(ci))) return null;
  const out = backend.makeOutput([ci.batchSize, 1, ci.outWidth, ci.outChannels], 'float32');
  convFwdParallel(
    mod, heapMemory(backend)!,
    ptr(backend, x), ptr(backend, filter), ptr(backend, out), ci.batchSize, ci.inWidth, ci.inChannels, ci.outWidth, ci.outChannels,
    ci.filterWidth, ci.strideWidth, ci.padInfo.left, bias ? ptr(backend, bias) : 0, relu ? 1 : 0,
  );
  return out;
}

export function conv2dWasm(args: { inputs: { x: TensorInfo; filter: TensorInfo }; backend: BackendWasm; attrs: Conv2DAttrs }): TensorInfo {
  const { inputs, backend, attrs } = args;
  return conv1dDirect(backend, inputs.x, inputs.filter, attrs, null, false) ?? runStock(Conv2D, backend, inputs, attrs);
}

/**
 * FusedConv2D (tf.fused.conv2d: conv + bias + activation): conv1d shapes with activation 'linear' or 'relu', a
 * [Cout] bias or none, and no PReLU weights, in one pass of the direct kernel (bias and ReLU applied to the
 * accumulators before they are stored). Everything else: the stock kernel.
 */
function fusedConv2dWasm(args: {
  inputs: { x: TensorInfo; filter: TensorInfo; bias?: TensorInfo; preluActivationWeights?: TensorInfo };
  backend: BackendWasm;
  attrs: FusedConv2DAttrs;
}): TensorInfo {
  const { inputs, backend, attrs } = args;
  const act = attrs.activation ?? 'linear';
  if ((act === 'linear' || act === 'relu') && !inputs.preluActivationWeights) {
    const out = conv1dDirect(backend, inputs.x, inputs.filter, attrs, inputs.bias ?? null, act === 'relu');
    if (out) return out;
  }
  return runStock(FusedConv2D, backend, inputs as Record<string, TensorInfo>, attrs);
}

export const conv2dConfig: KernelConfig = { kernelName: Conv2D, backendName: 'wasm', kernelFunc: conv2dWasm as unknown as KernelFunc };
export const fusedConv2dConfig: KernelConfig = { kernelName: FusedConv2D, backendName: 'wasm', kernelFunc: fusedConv2dWasm as unknown as KernelFunc };
