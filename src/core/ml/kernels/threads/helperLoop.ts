/**
 * The body of a kernel helper thread (a Web Worker in the browser, a worker_threads Worker in Node). It is
 * self-contained — no imports (type-only ones are erased), no closures, no inner named functions — because Node
 * starts it from its source text (`Function.prototype.toString`), which must survive bundling and minification
 * unchanged in meaning.
 *
 * It instantiates our SIMD module (the shared-memory build) on the pool's SharedArrayBuffer heap, says it is
 * ready, then blocks in Atomics.wait until the main thread posts a job in its slot of the control array:
 *   ctrl[0]           helpers ready (count)
 *   slot = (i+1)·32:  [slot] job sequence number (−1: stop), [slot+1] last finished job, [slot+2] export index
 *                     (negative after a failure), [slot+3] argument count, [slot+4 …] i32 arguments.
 */
import type { WasmHost, WasmMemory, WasmModule } from '../runtime/wasmHost';

export interface HelperInit {
  module: WasmModule;
  memory: WasmMemory;
  ctrl: SharedArrayBuffer;
  slot: number;
  /** Export names by job code (index). */
  ops: string[];
}

export function kernelHelperLoop(init: HelperInit): void {
  const wasm = (globalThis as unknown as { WebAssembly: WasmHost }).WebAssembly;
  const exports = new wasm.Instance(init.module, { env: { memory: init.memory } }).exports;
  const fns = init.ops.map((name) => exports[name] as (...args: number[]) => void);
  const c = new Int32Array(init.ctrl);
  const b = (init.slot + 1) * 32;
  Atomics.add(c, 0, 1);
  Atomics.notify(c, 0);
  let seen = 0;
  for (;;) {
    Atomics.wait(c, b, seen);
    const seq = Atomics.load(c, b);
    if (seq === seen) continue;
    if (seq < 0) return;
    seen = seq;
    const op = c[b + 2];
    const args = Array.from(c.subarray(b + 4, b + 4 + c[b + 3]));
    try {
      fns[op](...args);
    } catch {
      c[b + 2] = -1 - op;
    }
    Atomics.store(c, b + 1, seq);
    Atomics.notify(c, b + 1);
  }
}
