/**
 * Sum and Mean for wasm without the transpose the stock kernels do when the reduced axes are not the
 * innermost ones (batch-norm, bias and pooling gradients reduce [N, W, C] over N and W). When the reduced
 * axes form one contiguous run with kept axes after them, x is viewed as [A, R, B] and reduced in place
 * by our SIMD column sum (float32 accumulation like the stock kernel); without our SIMD module, by a
 * matrix product ones[1, R] · x[a] (stock BatchMatMul).
 * Other cases (innermost reductions, int/bool inputs) go to the stock kernels.
 */
import { backend_util, Mean, Sum, type KernelConfig, type KernelFunc, type SumAttrs, type TensorInfo, util } from '@tensorflow/tfjs-core';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { ptr, simd } from '../runtime/simd';
import { runStock } from '../runtime/stock';

/** ones[1, 1, R] per backend and R, allocated once on the wasm heap. */
const onesCache = new WeakMap<BackendWasm, Map<number, TensorInfo>>();

function ones(backend: BackendWasm, r: number): TensorInfo {
  let m = onesCache.get(backend);
  if (!m) onesCache.set(backend, (m = new Map()));
  let t = m.get(r);
  if (!t) {
    t = backend.makeOutput([1, 1, r], 'float32');
    (backend.typedArrayFromHeap(t) as Float32Array).fill(1);
    m.set(r, t);
  }
  return t;
}

function reduce(kernel: typeof Sum | typeof Mean, args: { inputs: { x: TensorInfo }; backend: BackendWasm; attrs: SumAttrs }): TensorInfo {
  const { inputs, backend, attrs } = args;
  const { x } = inputs;
  const axes = util.parseAxisParam(attrs.axis, x.shape).sort((a, b) => a - b);
  const contiguous = axes.every((a, i) => i === 0 || a === axes[i - 1] + 1);
  const shape = x.shape;
  const last = axes[axes.length - 1];
  const B = util.sizeFromShape(shape.slice(last + 1));
  const R = util.sizeFromShape(shape.slice(axes[0], last + 1));
  if (x.dtype !== 'float32' || axes.length === 0 || !contiguous || B === 1 || R < 64) return runStock(kernel, backend, inputs, attrs);
  const A = util.sizeFromShape(shape.slice(0, axes[0]));
  const [outShape] = backend_util.computeOutAndReduceShapes(shape, axes);
  const mod = simd(backend);
  if (mod) {
    const out = backend.makeOutput(attrs.keepDims ? backend_util.expandShapeToKeepDim(outShape, axes) : outShape, 'float32');
    mod.colsum(ptr(backend, x), A, R, B, ptr(backend, out), kernel === Mean ? 1 / R : 1);
    return out;
  }
  const view: TensorInfo = { dataId: x.dataId, shape: [A, R, B], dtype: 'float32' };
  const out = runStock('BatchMatMul', backend, { a: ones(backend, R), b: view }, { transposeA: false, transposeB: false }); // [A, 1, B]
  if (kernel === Mean) {
    const v = backend.typedArrayFromHeap(out) as Float32Array;
    for (let i = 0; i < v.length; i++) v[i] /= R;
  }
  out.shape = attrs.keepDims ? backend_util.expandShapeToKeepDim(outShape, axes) : outShape;
  return out;
}

const sumWasm = (args: Parameters<typeof reduce>[1]): TensorInfo => reduce(Sum, args);
const meanWasm = (args: Parameters<typeof reduce>[1]): TensorInfo => reduce(Mean, args);

export const sumConfig: KernelConfig = { kernelName: Sum, backendName: 'wasm', kernelFunc: sumWasm as unknown as KernelFunc };
export const meanConfig: KernelConfig = { kernelName: Mean, backendName: 'wasm', kernelFunc: meanWasm as unknown as KernelFunc };
