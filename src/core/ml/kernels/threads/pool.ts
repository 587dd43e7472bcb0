/**
 * Kernel threads: the second (third, …) core for the wasm backend's convolutions.
 *
 * tfjs-wasm's own heap is not shared (its threaded build needs cross-origin isolation, is not offered in Node, and
 * hangs in minified builds), so the helpers work on a heap of their own: one shared WebAssembly.Memory
 * (SharedArrayBuffer) with our SIMD module's shared-memory build instantiated in every helper. A convolution copies
 * the inputs of the helpers' parts into it, posts one job per helper through a control SharedArrayBuffer
 * (Atomics.notify), computes its own part directly on the tfjs heap, waits (Atomics.wait) and copies the helpers'
 * outputs back. Each output element is computed by exactly one thread with the single-threaded kernel's summation
 * order, so results are bit-identical whatever the number of threads.
 *
 * Needs SharedArrayBuffer and a thread that may block (a worker, or Node's main thread): in a browser the page must
 * be cross-origin isolated (COOP/COEP headers), else the pool reports why it is not used and the kernels stay
 * single-threaded. Hosts start it with a `spawn` function making one helper (workers/kernelHelper.worker.ts,
 * cli/kernelThreads.ts).
 */
import { simdVariant, sharedSimdModule } from '../runtime/simd';
import { wasmHost, type WasmMemory } from '../runtime/wasmHost';
import type { HelperInit } from './helperLoop';

/** What a host hands over per helper: something we can post the init message to and terminate. */
export interface HelperHandle {
  postMessage(message: HelperInit): void;
  terminate(): unknown;
  /** Web Worker / worker_threads style: an 'error' event makes the start give up at once instead of waiting. */
  addEventListener?(type: 'error', listener: (e: unknown) => void): void;
  on?(type: 'error', listener: (e: unknown) => void): unknown;
}

export type SpawnHelper = () => HelperHandle;

export interface KernelThreadsInfo {
  /** Threads doing kernel work, the caller's included (1 = no helpers). */
  threads: number;
  /** Why fewer threads than asked are used, when that is so. */
  reason?: string;
}

/** Export names by job code; the helper calls `exports[OPS[code]](...i32 args)`. */
export const OPS = ['convFwd', 'convBpFilterPart', 'convPool'] as const;
export type Op = (typeof OPS)[number];

const SLOT = 32;
const MAX_ARGS = SLOT - 4;
const PAGE = 65536;
/** Byte offset of the first scratch allocation (0 must stay free: kernels read pointer 0 as "none"). */
const BASE = 64;

export interface Pool {
  helpers: HelperHandle[];
  memory: WasmMemory;
  ctrl: Int32Array;
  seq: number[];
  /** Next free byte of the scratch heap in the current call. */
  top: number;
  /** Milliseconds a job may take before the pool is declared broken. */
  jobTimeoutMs: number;
}

let pool: Pool | null = null;
let jobsPosted = 0;

/** Jobs handed to helpers since start-up (tests and benchmarks: proof that work was split). */
export function kernelThreadJobs(): number {
  return jobsPosted;
}
let lastInfo: KernelThreadsInfo = { threads: 1, reason: 'kernel threads not started' };

/** Threads the kernels use now (1 when no helpers run). */
export function kernelThreads(): number {
  return pool ? pool.helpers.length + 1 : 1;
}

/** The last start's outcome (threads and, if fewer than asked, why). */
export function kernelThreadsInfo(): KernelThreadsInfo {
  return pool ? { threads: pool.helpers.length + 1 } : lastInfo;
}

/** Why shared-memory threads cannot run here, or null when they can. */
export function threadsUnavailable(): string | null {
  const g = globalThis as { crossOriginIsolated?: boolean; SharedArrayBuffer?: unknown; Atomics?: unknown };
  if (g.crossOriginIsolated === false) return 'the page is not cross-origin isolated (COOP/COEP headers), so SharedArrayBuffer is off';
  if (typeof g.SharedArrayBuffer !== 'function' || typeof g.Atomics !== 'object') return 'SharedArrayBuffer is not available';
  if (!sharedSimdModule(simdVariant())) return 'this engine does not support WebAssembly threads with SIMD';
  return null;
}

/**
 * Starts `threads − 1` helpers (replacing any running). Resolves once all say they are ready, or with threads 1
 * and the reason when threads cannot be used here or a helper does not start within `timeoutMs`.
 */
export async function startKernelThreads(threads: number, spawn: SpawnHelper, options: { timeoutMs?: number; jobTimeoutMs?: number } = {}): Promise<KernelThreadsInfo> {
  stopKernelThreads();
  const want = Math.max(0, Math.floor(threads) - 1);
  if (want === 0) return (lastInfo = { threads: 1, reason: threads >= 1 ? undefined : 'threads < 1' });
  const why = threadsUnavailable();
  if (why) return (lastInfo = { threads: 1, reason: why });
  const module = sharedSimdModule(simdVariant())!;
  const memory = new (wasmHost().Memory)({ initial: 16, maximum: 65536, shared: true });
  const ctrlBuf = new SharedArrayBuffer((want + 1) * SLOT * 4);
  const ctrl = new Int32Array(ctrlBuf);
  const helpers: HelperHandle[] = [];
  let failed: string | null = null;
  const onError = (e: unknown) => {
    failed ??= e instanceof Error ? e.message : ((e as { message?: string })?.message ?? 'error event');
  };
  try {
    for (let i = 0; i < want; i++) {
      const h = spawn();
      helpers.push(h);
      if (h.addEventListener) h.addEventListener('error', onError);
      else h.on?.('error', onError);
      h.postMessage({ module, memory, ctrl: ctrlBuf, slot: i, ops: [...OPS] });
    }
  } catch (e) {
    for (const h of helpers) h.terminate();
    return (lastInfo = { threads: 1, reason: `a helper thread could not start: ${e instanceof Error ? e.message : String(e)}` });
  }
  const deadline = Date.now() + (options.timeoutMs ?? 10_000);
  while (Atomics.load(ctrl, 0) < want && Date.now() < deadline && failed === null) await new Promise((r) => setTimeout(r, 2));
  if (Atomics.load(ctrl, 0) < want || failed !== null) {
    for (const h of helpers) h.terminate();
    const why = failed !== null ? `a helper thread failed to start: ${failed}` : `only ${Atomics.load(ctrl, 0)} of ${want} helper threads started`;
    return (lastInfo = { threads: 1, reason: why });
  }
  pool = { helpers, memory, ctrl, seq: helpers.map(() => 0), top: BASE, jobTimeoutMs: options.jobTimeoutMs ?? 60_000 };
  return (lastInfo = { threads: want + 1 });
}

/** Stops the helpers; kernels run single-threaded again. */
export function stopKernelThreads(): void {
  if (!pool) return;
  const p = pool;
  pool = null;
  for (let i = 0; i < p.helpers.length; i++) {
    const b = (i + 1) * SLOT;
    Atomics.store(p.ctrl, b, -1);
    Atomics.notify(p.ctrl, b);
    p.helpers[i].terminate();
  }
  lastInfo = { threads: 1, reason: 'stopped' };
}

/** The running pool for one kernel call (its scratch heap starts afresh), or null when single-threaded. */
export function beginCall(): Pool | null {
  if (pool) pool.top = BASE;
  return pool;
}

/** Helpers in a pool. */
export function helpersOf(p: Pool): number {
  return p.helpers.length;
}

/** Reserves `bytes` (16-aligned) in the shared heap, growing it if needed; returns the byte offset. */
export function scratchAlloc(p: Pool, bytes: number): number {
  const at = p.top;
  p.top = at + Math.ceil(bytes / 16) * 16;
  const have = p.memory.buffer.byteLength;
  if (p.top > have) p.memory.grow(Math.ceil((p.top - have) / PAGE));
  return at;
}

/** float32 view of the shared heap (re-made per use: the buffer object changes when the memory grows). */
export function sharedF32(p: Pool, offset: number, length: number): Float32Array {
  return new Float32Array(p.memory.buffer, offset, length);
}

/** Posts job `op(args)` to helper `i` (returns at once). */
export function post(p: Pool, i: number, op: Op, args: number[]): void {
  if (args.length > MAX_ARGS) throw new Error(`kernel thread job with ${args.length} arguments (max ${MAX_ARGS})`);
  const b = (i + 1) * SLOT;
  const c = p.ctrl;
  c[b + 2] = OPS.indexOf(op);
  c[b + 3] = args.length;
  for (let j = 0; j < args.length; j++) c[b + 4 + j] = args[j];
  p.seq[i] = (p.seq[i] % 0x3fffffff) + 1;
  jobsPosted++;
  Atomics.store(c, b, p.seq[i]);
  Atomics.notify(c, b);
}

/**
 * Waits until helper `i` has finished its last job; true when it did. A helper that failed or did not answer
 * within the job timeout stops the pool (kernels are single-threaded from then on, the reason kept in
 * kernelThreadsInfo) and gives false: the caller then computes that part itself.
 */
export function wait(p: Pool, i: number): boolean {
  const b = (i + 1) * SLOT;
  const c = p.ctrl;
  const want = p.seq[i];
  // jobs take ~0.1–20 ms: spin briefly (cheap wake-up), then block
  for (let spin = 0; spin < 2000 && Atomics.load(c, b + 1) !== want; spin++);
  const deadline = Date.now() + p.jobTimeoutMs;
  for (;;) {
    const now = Atomics.load(c, b + 1);
    if (now === want) break;
    if (Date.now() > deadline) return fail(p, `helper thread ${i + 1} did not answer within ${p.jobTimeoutMs} ms; threads stopped`);
    Atomics.wait(c, b + 1, now, 50);
  }
  if (c[b + 2] < 0) return fail(p, `helper thread ${i + 1} failed in ${OPS[-1 - c[b + 2]]}; threads stopped`);
  return true;
}

function fail(p: Pool, reason: string): false {
  if (pool === p) stopKernelThreads();
  lastInfo = { threads: 1, reason };
  return false;
}
