/**
 * Concat and SplitV for wasm as row-strided copies inside WebAssembly (asm/simd.as copyRows, bulk
 * memory.copy): the stock kernels copy each row with a JS subarray/set (Concat) or a strided Slice per
 * output (SplitV), which dominates for InceptionTime's channel concat/split of [N, W, 4·nf] tensors.
 * Any axis: tensors are viewed as [outer, inner] with inner = product of the dims from the axis on.
 * Strings and complex numbers, or no SIMD module, go to the stock kernels.
 */
import { backend_util, Concat, SplitV, util, type ConcatAttrs, type KernelConfig, type KernelFunc, type SplitVAttrs, type TensorInfo } from '@tensorflow/tfjs-core';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { ptr, simd } from '../runtime/simd';
import { runStock } from '../runtime/stock';

const BYTES: Record<string, number> = { float32: 4, int32: 4, bool: 1 };

function concatWasm(args: { inputs: TensorInfo[]; backend: BackendWasm; attrs: ConcatAttrs }): TensorInfo {
  const { inputs, backend, attrs } = args;
  const mod = simd(backend);
  const bytes = BYTES[inputs[0].dtype];
  const parts = inputs.filter((t) => util.sizeFromShape(t.shape) > 0);
  if (!mod || !bytes || parts.length < 2 || inputs.some((t) => t.dtype !== inputs[0].dtype)) {
    return runStock(Concat, backend, inputs as unknown as Record<string, TensorInfo>, attrs);
  }
  const axis = util.parseAxisParam(attrs.axis, inputs[0].shape)[0];
  backend_util.assertParamsConsistent(inputs.map((t) => t.shape), axis);
  const outShape = backend_util.computeOutShape(inputs.map((t) => t.shape), axis);
  const out = backend.makeOutput(outShape, inputs[0].dtype);
  const outer = util.sizeFromShape(parts[0].shape.slice(0, axis));
  const total = util.sizeFromShape(outShape.slice(axis)) * bytes;
  const dst = ptr(backend, out);
  let off = 0;
  for (const t of parts) {
    const inner = util.sizeFromShape(t.shape.slice(axis)) * bytes;
    mod.copyRows(ptr(backend, t), inner, dst + off, total, outer, inner);
    off += inner;
  }
  return out;
}

function splitVWasm(args: { inputs: { x: TensorInfo }; backend: BackendWasm; attrs: SplitVAttrs }): TensorInfo[] {
  const { inputs, backend, attrs } = args;
  const { x } = inputs;
  const mod = simd(backend);
  const bytes = BYTES[x.dtype];
  if (!mod || !bytes) return runStock(SplitV, backend, inputs, attrs) as unknown as TensorInfo[];
  const axis = util.parseAxisParam(attrs.axis, x.shape)[0];
  const sizes = backend_util.prepareSplitSize(x as never, attrs.numOrSizeSplits, axis);
  const outer = util.sizeFromShape(x.shape.slice(0, axis));
  const rowElems = util.sizeFromShape(x.shape.slice(axis + 1));
  const total = x.shape[axis] * rowElems * bytes;
  const src = ptr(backend, x);
  let off = 0;
  return sizes.map((s) => {
    const shape = [...x.shape];
    shape[axis] = s;
    const out = backend.makeOutput(shape, x.dtype);
    const inner = s * rowElems * bytes;
    if (inner > 0 && outer > 0) mod.copyRows(src + off, total, ptr(backend, out), inner, outer, inner);
    off += inner;
    return out;
  });
}

export const concatConfig: KernelConfig = { kernelName: Concat, backendName: 'wasm', kernelFunc: concatWasm as unknown as KernelFunc };
export const splitVConfig: KernelConfig = { kernelName: SplitV, backendName: 'wasm', kernelFunc: splitVWasm as unknown as KernelFunc };
