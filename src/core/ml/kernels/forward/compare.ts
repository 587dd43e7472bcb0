/**
 * Broadcasting comparisons (Equal, NotEqual, Greater, GreaterEqual, Less, LessEqual) for wasm. The stock
 * kernels handle broadcasting with a per-element index computation (Equal [32, 1000, 32] vs [32, 1, 32] — the
 * global-max-pool gradient — took ~60 ms); here the shapes are collapsed into runs of dims with the same
 * broadcast pattern and walked with strides, the innermost run in one tight loop. Same-shape inputs, and
 * dtypes other than float32/int32, keep the stock kernels.
 */
import { backend_util, Equal, Greater, GreaterEqual, Less, LessEqual, NotEqual, type KernelConfig, type KernelFunc, type TensorInfo } from '@tensorflow/tfjs-core';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { runStock } from '../runtime/stock';

type Num = Float32Array | Int32Array;

/** Collapsed broadcast plan: dims of the output and the element strides of a and b (0 = broadcast). */
function broadcastPlan(aShape: readonly number[], bShape: readonly number[]): { dims: number[]; sa: number[]; sb: number[] } {
  const outShape = backend_util.assertAndGetBroadcastShape(aShape as number[], bShape as number[]);
  const r = outShape.length;
  const pa = [...Array(r - aShape.length).fill(1), ...aShape];
  const pb = [...Array(r - bShape.length).fill(1), ...bShape];
  const dims: number[] = [];
  const kinds: number[] = []; // bit 0: a varies, bit 1: b varies
  for (let i = 0; i < r; i++) {
    if (outShape[i] === 1) continue;
    const k = (pa[i] === 1 ? 0 : 1) | (pb[i] === 1 ? 0 : 2);
    if (kinds.length && kinds[kinds.length - 1] === k) dims[dims.length - 1] *= outShape[i];
    else {
      dims.push(outShape[i]);
      kinds.push(k);
    }
  }
  if (dims.length === 0) {
    dims.push(1);
    kinds.push(3);
  }
  const sa = new Array<number>(dims.length);
  const sb = new Array<number>(dims.length);
  let ea = 1;
  let eb = 1;
  for (let i = dims.length - 1; i >= 0; i--) {
    sa[i] = kinds[i] & 1 ? ea : 0;
    sb[i] = kinds[i] & 2 ? eb : 0;
    if (kinds[i] & 1) ea *= dims[i];
    if (kinds[i] & 2) eb *= dims[i];
  }
  return { dims, sa, sb };
}

type Cmp = (x: number, y: number) => boolean;
const OPS: Record<string, Cmp> = {
  [Equal]: (x, y) => x === y,
  [NotEqual]: (x, y) => x !== y,
  [Greater]: (x, y) => x > y,
  [GreaterEqual]: (x, y) => x >= y,
  [Less]: (x, y) => x < y,
  [LessEqual]: (x, y) => x <= y,
};

/** out[i] = cmp(a[·], b[·]) over the broadcast plan (odometer over the outer dims, a tight inner loop). */
function compareInto(cmp: Cmp, a: Num, b: Num, plan: ReturnType<typeof broadcastPlan>, out: Uint8Array): void {
  const { dims, sa, sb } = plan;
  const last = dims.length - 1;
  const n = dims[last];
  const ia = sa[last];
  const ib = sb[last];
  const idx = new Array<number>(last).fill(0);
  const rows = out.length / n;
  const eq = cmp === OPS[Equal];
  let pa = 0;
  let pb = 0;
  let o = 0;
  for (let r = 0; r < rows; r++) {
    if (eq) for (let i = 0, qa = pa, qb = pb; i < n; i++, qa += ia, qb += ib) out[o++] = a[qa] === b[qb] ? 1 : 0;
    else for (let i = 0, qa = pa, qb = pb; i < n; i++, qa += ia, qb += ib) out[o++] = cmp(a[qa], b[qb]) ? 1 : 0;
    for (let d = last - 1; d >= 0; d--) {
      pa += sa[d];
      pb += sb[d];
      if (++idx[d] < dims[d]) break;
      idx[d] = 0;
      pa -= sa[d] * dims[d];
      pb -= sb[d] * dims[d];
    }
  }
}

function makeConfig(kernelName: string): KernelConfig {
  const cmp = OPS[kernelName];
  const kernelFunc = (args: { inputs: { a: TensorInfo; b: TensorInfo }; backend: BackendWasm; attrs: object }): TensorInfo => {
    const { inputs, backend } = args;
    const { a, b } = inputs;
    const sameShape = a.shape.length === b.shape.length && a.shape.every((d, i) => d === b.shape[i]);
    const numeric = (t: TensorInfo): boolean => t.dtype === 'float32' || t.dtype === 'int32';
    if (sameShape || !numeric(a) || !numeric(b)) return runStock(kernelName, backend, inputs, args.attrs);
    const plan = broadcastPlan(a.shape, b.shape);
    const out = backend.makeOutput(backend_util.assertAndGetBroadcastShape(a.shape, b.shape), 'bool');
    if (plan.dims.some((d) => d === 0)) return out;
    compareInto(cmp, backend.typedArrayFromHeap(a) as Num, backend.typedArrayFromHeap(b) as Num, plan, backend.typedArrayFromHeap(out) as Uint8Array);
    return out;
  };
  return { kernelName, backendName: 'wasm', kernelFunc: kernelFunc as unknown as KernelFunc };
}

export const compareConfigs: KernelConfig[] = [Equal, NotEqual, Greater, GreaterEqual, Less, LessEqual].map(makeConfig);
