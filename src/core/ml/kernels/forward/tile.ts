/**
 * Tile for wasm by block copies (memcpy-speed doubling) instead of the stock per-element loop;
 * batch-norm's gradient tiles a [1, 1, C] vector to the full activation shape on every layer.
 */
import { Tile, type KernelConfig, type KernelFunc, type TensorInfo, type TileAttrs, util } from '@tensorflow/tfjs-core';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { runStock } from '../runtime/stock';

type Arr = Float32Array | Int32Array | Uint8Array;

/** Writes x (shape `shape`) tiled by `reps` into dst (row-major output of shape shape[i]·reps[i]). */
function tileInto(src: Arr, shape: number[], reps: number[], dst: Arr): void {
  const r = shape.length;
  const outStrides = new Array<number>(r);
  const inStrides = new Array<number>(r);
  let so = 1;
  let si = 1;
  for (let i = r - 1; i >= 0; i--) {
    outStrides[i] = so;
    inStrides[i] = si;
    so *= shape[i] * reps[i];
    si *= shape[i];
  }
  const fill = (axis: number, srcOff: number, dstOff: number): void => {
    const d = shape[axis];
    const block = d * outStrides[axis]; // one copy of this axis' extent in the output
    if (axis === r - 1) dst.set(src.subarray(srcOff, srcOff + d), dstOff);
    else for (let i = 0; i < d; i++) fill(axis + 1, srcOff + i * inStrides[axis], dstOff + i * outStrides[axis]);
    const total = block * reps[axis];
    let len = block;
    while (len < total) {
      const n = Math.min(len, total - len);
      dst.copyWithin(dstOff + len, dstOff, dstOff + n);
      len += n;
    }
  };
  if (r === 0) dst[0] = src[0];
  else fill(0, 0, 0);
}

function tileWasm(args: { inputs: { x: TensorInfo }; backend: BackendWasm; attrs: TileAttrs }): TensorInfo {
  const { inputs, backend, attrs } = args;
  const { x } = inputs;
  if (x.dtype === 'string' || x.dtype === 'complex64') return runStock(Tile, backend, inputs, attrs);
  const outShape = x.shape.map((d, i) => d * attrs.reps[i]);
  const out = backend.makeOutput(outShape, x.dtype);
  if (util.sizeFromShape(outShape) === 0) return out;
  tileInto(backend.typedArrayFromHeap(x), x.shape, attrs.reps, backend.typedArrayFromHeap(out));
  return out;
}

export const tileConfig: KernelConfig = { kernelName: Tile, backendName: 'wasm', kernelFunc: tileWasm as unknown as KernelFunc };
