/**
 * Forward kernels that dominate inference after the convolutions (profile of ref-4xconv32 / tiny-cnn / resnet1d):
 *  - Add of a bias row vector [C] (or [1, …, 1, C]) to [..., C] (tfjs-layers' bias add): stock tfjs-wasm computes
 *    a broadcast index per element; ours is one SIMD pass (same single f32 add, exact).
 *  - MaxPool on conv1d shapes (NHWC, height 1): direct SIMD windows, the cpu backend's rule (first maximum, NaN
 *    skipped) instead of XNNPACK's operator set-up per call.
 *  - Max over contiguous axes with kept axes after them (global max pooling over time): in-place SIMD column max
 *    instead of transpose + reduce; NaN propagates as in the cpu backend.
 * Anything else (other dtypes, channels not multiples of 4, 2D pooling) goes to the stock kernels.
 */
import { Add, backend_util, Max, MaxPool, type KernelConfig, type KernelFunc, type MaxAttrs, type MaxPoolAttrs, type TensorInfo, util } from '@tensorflow/tfjs-core';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { ptr, simd } from '../runtime/simd';
import { runStock } from '../runtime/stock';

/** True when `v` is a row vector of `full`'s last dimension: shape [C] or [1, …, 1, C], rank ≤ full's. */
function isRowVectorOf(v: TensorInfo, full: TensorInfo): boolean {
  const C = full.shape[full.shape.length - 1];
  return (
    v.shape.length >= 1 &&
    v.shape.length <= full.shape.length &&
    v.shape[v.shape.length - 1] === C &&
    v.shape.slice(0, -1).every((d) => d === 1) &&
    util.sizeFromShape(full.shape) >= C
  );
}

function addWasm(args: { inputs: { a: TensorInfo; b: TensorInfo }; backend: BackendWasm }): TensorInfo {
  const { inputs, backend } = args;
  const { a, b } = inputs;
  const mod = simd(backend);
  if (mod && a.dtype === 'float32' && b.dtype === 'float32' && a.shape.length >= 2) {
    const C = a.shape[a.shape.length - 1];
    // only a full tensor plus a row vector; the full tensor must be first or second with the output its shape
    const [full, row] = isRowVectorOf(b, a) ? [a, b] : isRowVectorOf(a, b) && b.shape.length >= 2 ? [b, a] : [null, null];
    if (full && row && C % 4 === 0 && C > 0 && util.sizeFromShape(full.shape) > 0) {
      const out = backend.makeOutput(full.shape, 'float32');
      mod.addRowVector(ptr(backend, full), ptr(backend, row), ptr(backend, out), util.sizeFromShape(full.shape) / C, C);
      return out;
    }
  }
  return runStock(Add, backend, inputs, {});
}

function maxPoolWasm(args: { inputs: { x: TensorInfo }; backend: BackendWasm; attrs: MaxPoolAttrs }): TensorInfo {
  const { inputs, backend, attrs } = args;
  const { x } = inputs;
  const mod = simd(backend);
  if (mod && x.dtype === 'float32' && x.shape.length === 4) {
    const ci = backend_util.computePool2DInfo(x.shape as [number, number, number, number], attrs.filterSize, attrs.strides, 1, attrs.pad, attrs.dimRoundingMode);
    if (
      ci.inHeight === 1 && ci.outHeight === 1 && ci.filterHeight === 1 && ci.dilationWidth === 1 &&
      ci.padInfo.top === 0 && ci.padInfo.bottom === 0 && ci.inChannels % 4 === 0 && ci.outWidth > 0 &&
      ci.inChannels > 0
    ) {
      const out = backend.makeOutput([ci.batchSize, 1, ci.outWidth, ci.outChannels], 'float32');
      mod.maxPool1d(ptr(backend, x), ptr(backend, out), ci.batchSize, ci.inWidth, ci.inChannels, ci.outWidth, ci.filterWidth, ci.strideWidth, ci.padInfo.left);
      return out;
    }
  }
  return runStock(MaxPool, backend, inputs, attrs);
}

function maxWasm(args: { inputs: { x: TensorInfo }; backend: BackendWasm; attrs: MaxAttrs }): TensorInfo {
  const { inputs, backend, attrs } = args;
  const { x } = inputs;
  const mod = simd(backend);
  if (mod && x.dtype === 'float32') {
    const axes = util.parseAxisParam(attrs.reductionIndices, x.shape).sort((p, q) => p - q);
    const contiguous = axes.length > 0 && axes.every((ax, i) => i === 0 || ax === axes[i - 1] + 1);
    if (contiguous) {
      const last = axes[axes.length - 1];
      const B = util.sizeFromShape(x.shape.slice(last + 1));
      const R = util.sizeFromShape(x.shape.slice(axes[0], last + 1));
      const A = util.sizeFromShape(x.shape.slice(0, axes[0]));
      if (B % 4 === 0 && B > 0 && R > 0 && A > 0) {
        const [outShape] = backend_util.computeOutAndReduceShapes(x.shape, axes);
        const out = backend.makeOutput(attrs.keepDims ? backend_util.expandShapeToKeepDim(outShape, axes) : outShape, 'float32');
        mod.colmax(ptr(backend, x), A, R, B, ptr(backend, out));
        return out;
      }
    }
  }
  return runStock(Max, backend, inputs, attrs);
}

export const addConfig: KernelConfig = { kernelName: Add, backendName: 'wasm', kernelFunc: addWasm as unknown as KernelFunc };
export const maxPoolConfig: KernelConfig = { kernelName: MaxPool, backendName: 'wasm', kernelFunc: maxPoolWasm as unknown as KernelFunc };
export const maxConfig: KernelConfig = { kernelName: Max, backendName: 'wasm', kernelFunc: maxWasm as unknown as KernelFunc };
