/**
 * Our WebAssembly SIMD helpers (asm/simd.as, compiled into generated/simdModule.ts), instantiated on the tfjs-wasm
 * heap itself: the module imports the backend's WebAssembly.Memory, so kernels pass tensor memory offsets
 * and nothing is copied. Returns null (callers fall back) if SIMD or the memory are unavailable
 * (e.g. the threaded build's shared memory).
 */
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import type { TensorInfo } from '@tensorflow/tfjs-core';
import { wasmHost, type WasmMemory, type WasmModule } from './wasmHost';
import { RELAXED_SIMD_SHARED_WASM_BASE64, RELAXED_SIMD_WASM_BASE64, SIMD_SHARED_WASM_BASE64, SIMD_WASM_BASE64 } from '../generated/simdModule';

export interface SimdExports {
  colsum(src: number, a: number, r: number, b: number, dst: number, scale: number): void;
  copyRows(src: number, srcStride: number, dst: number, dstStride: number, rows: number, rowBytes: number): void;
  maxPoolGrad(
    x: number, dy: number, dx: number,
    n: number, h: number, w: number, c: number, oh: number, ow: number,
    sH: number, sW: number, fH: number, fW: number, top: number, left: number,
  ): void;
  convBpFilter(x: number, dy: number, dw: number, n: number, w: number, cin: number, ow: number, cout: number, k: number, s: number, pl: number): void;
  /** convBpFilter for taps [k0, k1) and output channels [co0, co1) only, bit-identical to the whole kernel there. */
  convBpFilterPart(
    x: number, dy: number, dw: number, n: number, w: number, cin: number, ow: number, cout: number, k: number, s: number, pl: number,
    k0: number, k1: number, co0: number, co1: number,
  ): void;
  bnGrad(x: number, dy: number, pc: number, r: number, c: number, dx: number, sums: number): void;
  bnForward(x: number, pc: number, r: number, c: number, y: number): void;
  /** out = [mean (C), biased variance (C)] over r rows, float64 accumulation in acc (16·C bytes). */
  bnStats(x: number, r: number, c: number, out: number, acc: number): void;
  /** Batch-norm training gradient through the batch statistics; pc = [μ, k, γ]; sums = [dγ, dβ]; acc: 32·C bytes. */
  bnTrainGrad(x: number, dy: number, pc: number, r: number, c: number, dx: number, sums: number, acc: number): void;
  /** bias: heap offset of [Cout] float32 or 0; act: 0 linear, 1 relu (FusedConv2D's epilogue). */
  convFwd(x: number, w: number, y: number, n: number, wIn: number, cin: number, ow: number, cout: number, k: number, s: number, pl: number, bias: number, act: number): void;
  addRowVector(x: number, b: number, y: number, r: number, c: number): void;
  /** convFwd then maxPool1d per sample through a [OW, Cout] scratch row; y [N, PO, Cout]. */
  convPool(
    x: number, w: number, y: number, n: number, wIn: number, cin: number, ow: number, cout: number, k: number, s: number, pl: number, bias: number, act: number,
    scratch: number, po: number, pf: number, ps: number, ppl: number,
  ): void;
  /** dx = dy · step(x), n % 4 == 0. */
  reluGrad(x: number, dy: number, dx: number, n: number): void;
  /** dx = dy · (x == y) for a max over the middle axis of x [A, R, B], B % 4 == 0. */
  maxGradRows(x: number, y: number, dy: number, dx: number, a: number, r: number, b: number): void;
  maxPool1d(x: number, y: number, n: number, w: number, c: number, ow: number, f: number, s: number, pl: number): void;
  colmax(src: number, a: number, r: number, b: number, dst: number): void;
  adam(
    x: number, g: number, m: number, v: number, ox: number, om: number, ov: number, n: number,
    b1: number, omb1: number, b2: number, omb2: number, c1: number, c2: number, eps: number, neglr: number,
  ): void;
}

/** Which build of the module to use: 'auto' = relaxed SIMD (FMA in the convolutions) where the engine validates
 * it (Chromium ≥ 114; Node 20 only with --experimental-wasm-relaxed-simd), else plain SIMD; 'plain' forces plain
 * SIMD (tests and benchmarks). Read when a backend's instance is first made; change it only between uses. */
export const simdVariantMode: { value: 'auto' | 'plain' } = { value: 'auto' };

export type SimdVariant = 'relaxed-simd' | 'simd';

const instances = new WeakMap<BackendWasm, { variant: SimdVariant; exports: SimdExports | null }>();
const compiled = new Map<string, WasmModule | null>();

function decode(b64: string): Uint8Array<ArrayBuffer> {
  const bin = atob(b64);
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  return bytes;
}

const SOURCES: Record<string, string> = {
  simd: SIMD_WASM_BASE64,
  'relaxed-simd': RELAXED_SIMD_WASM_BASE64,
  'simd/shared': SIMD_SHARED_WASM_BASE64,
  'relaxed-simd/shared': RELAXED_SIMD_SHARED_WASM_BASE64,
};

function compile(variant: SimdVariant, shared = false): WasmModule | null {
  const key = shared ? `${variant}/shared` : variant;
  if (!compiled.has(key)) {
    let mod: WasmModule | null = null;
    try {
      const bytes = decode(SOURCES[key]);
      // ~6 kB: synchronous compile (a browser main thread may refuse it: kernels then fall back); validate first (no exception where unsupported)
      const wasm = wasmHost();
      if (wasm.validate(bytes)) mod = new wasm.Module(bytes);
    } catch {
      mod = null;
    }
    compiled.set(key, mod);
  }
  return compiled.get(key) ?? null;
}

/** The build of `variant` whose memory import is shared (for the kernel threads' SharedArrayBuffer heap), or null
 * where shared memory / threads are not supported. */
export function sharedSimdModule(variant: SimdVariant): WasmModule | null {
  return compile(variant, true);
}

/** The tfjs-wasm heap (the backend's WebAssembly.Memory), or null. Its buffer changes when the heap grows. */
export function heapMemory(backend: BackendWasm): WasmMemory | null {
  const emscripten = backend.wasm as unknown as { asm?: { memory?: WasmMemory }; wasmMemory?: WasmMemory };
  const memory = emscripten.asm?.memory ?? emscripten.wasmMemory;
  return memory instanceof wasmHost().Memory ? memory : null;
}

/** The build the next new instance will use: relaxed SIMD where supported (and not forced off), else plain. */
export function simdVariant(): SimdVariant {
  return simdVariantMode.value === 'auto' && compile('relaxed-simd') ? 'relaxed-simd' : 'simd';
}

export function simd(backend: BackendWasm): SimdExports | null {
  const variant = simdVariant();
  const have = instances.get(backend);
  if (have && have.variant === variant) return have.exports;
  let result: SimdExports | null = null;
  try {
    const mod = compile(variant);
    const memory = heapMemory(backend);
    if (mod && memory) {
      result = new (wasmHost().Instance)(mod, { env: { memory } }).exports as unknown as SimdExports;
    }
  } catch {
    result = null;
  }
  instances.set(backend, { variant, exports: result });
  return result;
}

/** Byte offset of a tensor's data in the wasm heap. */
export function ptr(backend: BackendWasm, t: TensorInfo): number {
  return backend.dataIdMap.get(t.dataId)!.memoryOffset;
}
