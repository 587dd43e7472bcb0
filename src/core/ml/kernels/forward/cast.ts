/**
 * Cast for wasm: a cast to the tensor's own dtype shares the heap buffer (as the cpu backend does) instead of
 * copying it. tfjs issues many: moments() casts its input to float32, ReLU's gradient casts Step's float32
 * output to float32, … (14 full-size copies per inception1d-small step). Casts to bool are computed here as
 * x ≠ 0: the stock kernel truncates values into the Uint8Array (a tfjs-wasm 4.22 bug: −2.5 → 254, 0.4 → 0).
 * Other conversions → stock.
 */
import { Cast, type CastAttrs, type KernelConfig, type KernelFunc, type TensorInfo } from '@tensorflow/tfjs-core';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { identityWasm } from './identity';
import { runStock } from '../runtime/stock';

function castWasm(args: { inputs: { x: TensorInfo }; backend: BackendWasm; attrs: CastAttrs }): TensorInfo {
  const { inputs, backend, attrs } = args;
  const { x } = inputs;
  if (x.dtype === attrs.dtype && attrs.dtype !== 'string' && attrs.dtype !== 'complex64') return identityWasm({ inputs, backend });
  if (attrs.dtype === 'bool' && (x.dtype === 'float32' || x.dtype === 'int32')) {
    // the stock kernel copies values into the Uint8Array (−2.5 → 254, 0.4 → 0); tfjs semantics are x ≠ 0
    const out = backend.makeOutput(x.shape, 'bool');
    const src = backend.typedArrayFromHeap(x) as Float32Array | Int32Array;
    const dst = backend.typedArrayFromHeap(out) as Uint8Array;
    for (let i = 0; i < src.length; i++) dst[i] = src[i] !== 0 ? 1 : 0;
    return out;
  }
  return runStock(Cast, backend, inputs, attrs);
}

export const castConfig: KernelConfig = { kernelName: Cast, backendName: 'wasm', kernelFunc: castWasm as unknown as KernelFunc };
