/**
 * The WebAssembly host API as the kernels use it. Core is typed without DOM, whose lib is where TypeScript declares
 * `WebAssembly`; these structural types describe the engine's objects (browser, worker and Node alike), and
 * `wasmHost()` reads the global when called.
 */

/** A compiled module: only instantiated or posted to a helper thread. */
export type WasmModule = object;

export interface WasmMemory {
  readonly buffer: ArrayBuffer;
  grow(deltaPages: number): number;
}

export interface WasmInstance {
  readonly exports: Record<string, unknown>;
}

export interface WasmHost {
  validate(bytes: Uint8Array<ArrayBuffer>): boolean;
  Module: new (bytes: Uint8Array<ArrayBuffer>) => WasmModule;
  Instance: new (module: WasmModule, imports: Record<string, Record<string, unknown>>) => WasmInstance;
  Memory: new (descriptor: { initial: number; maximum?: number; shared?: boolean }) => WasmMemory;
}

export function wasmHost(): WasmHost {
  return (globalThis as unknown as { WebAssembly: WasmHost }).WebAssembly;
}
