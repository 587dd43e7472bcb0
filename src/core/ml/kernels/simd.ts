/**
 * Our WebAssembly SIMD helpers (asm/simd.as, compiled into simdModule.ts), instantiated on the tfjs-wasm
 * heap itself: the module imports the backend's WebAssembly.Memory, so kernels pass tensor memory offsets
 * and nothing is copied. Returns null (callers fall back) if SIMD or the memory are unavailable
 * (e.g. the threaded build's shared memory).
 */
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import type { TensorInfo } from '@tensorflow/tfjs-core';
import { SIMD_WASM_BASE64 } from './simdModule';

export interface SimdExports {
  colsum(src: number, a: number, r: number, b: number, dst: number, scale: number): void;
  copyRows(src: number, srcStride: number, dst: number, dstStride: number, rows: number, rowBytes: number): void;
  maxPoolGrad(
    x: number, dy: number, dx: number,
    n: number, h: number, w: number, c: number, oh: number, ow: number,
    sH: number, sW: number, fH: number, fW: number, top: number, left: number,
  ): void;
  convBpFilter(x: number, dy: number, dw: number, n: number, w: number, cin: number, ow: number, cout: number, k: number, s: number, pl: number): void;
  bnGrad(x: number, dy: number, pc: number, r: number, c: number, dx: number, sums: number): void;
  bnForward(x: number, pc: number, r: number, c: number, y: number): void;
  convFwd(x: number, w: number, y: number, n: number, wIn: number, cin: number, ow: number, cout: number, k: number, s: number, pl: number): void;
  adam(
    x: number, g: number, m: number, v: number, ox: number, om: number, ov: number, n: number,
    b1: number, omb1: number, b2: number, omb2: number, c1: number, c2: number, eps: number, neglr: number,
  ): void;
}

const instances = new WeakMap<BackendWasm, SimdExports | null>();
let compiled: WebAssembly.Module | null | undefined;

function compile(): WebAssembly.Module | null {
  if (compiled === undefined) {
    try {
      const bin = atob(SIMD_WASM_BASE64);
      const bytes = new Uint8Array(bin.length);
      for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
      compiled = new WebAssembly.Module(bytes); // < 4 kB: synchronous compile is allowed everywhere
    } catch {
      compiled = null;
    }
  }
  return compiled;
}

export function simd(backend: BackendWasm): SimdExports | null {
  if (instances.has(backend)) return instances.get(backend) ?? null;
  let result: SimdExports | null = null;
  try {
    const mod = compile();
    const emscripten = backend.wasm as unknown as { asm?: { memory?: WebAssembly.Memory }; wasmMemory?: WebAssembly.Memory };
    const memory = emscripten.asm?.memory ?? emscripten.wasmMemory;
    if (mod && memory instanceof WebAssembly.Memory) {
      result = new WebAssembly.Instance(mod, { env: { memory } }).exports as unknown as SimdExports;
    }
  } catch {
    result = null;
  }
  instances.set(backend, result);
  return result;
}

/** Byte offset of a tensor's data in the wasm heap. */
export function ptr(backend: BackendWasm, t: TensorInfo): number {
  return backend.dataIdMap.get(t.dataId)!.memoryOffset;
}
