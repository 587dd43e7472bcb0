/**
 * The conv1d kernels split over the kernel threads (./pool). Forward: by samples (each output row is one
 * sample's). Filter gradient: by output channels (blocks of the register tile's width), else by taps. The calling
 * thread computes part 0 in place on the tfjs heap; helpers get copies of what their parts read, in the shared
 * heap, and their outputs are copied back. Every output element is summed by one thread in the single-threaded
 * order: bit-identical results for any thread count. Small calls (< MIN_PARALLEL_MACS) stay on one thread.
 */
import type { SimdExports } from '../runtime/simd';
import type { WasmMemory } from '../runtime/wasmHost';
import { beginCall, helpersOf, post, scratchAlloc, sharedF32, wait, type Op, type Pool } from './pool';

/** Below this many multiply-adds a call stays on one thread (a job round trip and the copies cost ~20–100 µs). */
export const MIN_PARALLEL_MACS = 1 << 20;

/** 0 = b[0] < b[1] < … < b[parts] = n, parts of near-equal size. */
function bounds(n: number, parts: number): number[] {
  const b: number[] = [];
  for (let i = 0; i <= parts; i++) b.push(Math.round((i * n) / parts));
  return b;
}

function heapF32(heap: WasmMemory, byteOffset: number, length: number): Float32Array {
  return new Float32Array(heap.buffer, byteOffset, length);
}

/** Copies `length` floats from the tfjs heap into a new shared-heap allocation; returns its offset. */
function toShared(p: Pool, heap: WasmMemory, byteOffset: number, length: number): number {
  const at = scratchAlloc(p, length * 4);
  sharedF32(p, at, length).set(heapF32(heap, byteOffset, length));
  return at;
}

/**
 * A kernel that maps each sample of x [N, xLen] to the same sample of y [N, yLen], split by samples: part 0 on this
 * thread in place (`run(xPtr, yPtr, count)`, on the tfjs heap), the others on helpers as
 * `op(...args(xPtr, yPtr, count, wPtr, biasPtr, scratchPtr))` on shared copies (w [wLen] and the optional bias [bLen]
 * copied once for all parts), whose outputs are copied back — or, if a helper failed, computed here.
 */
function bySamples(
  heap: WasmMemory, p: Pool, N: number, xLen: number, yLen: number, scratchLen: number,
  x: number, y: number, w: number, wLen: number, bias: number, bLen: number,
  op: Op, args: (xp: number, yp: number, cnt: number, wp: number, bp: number, scratch: number) => number[],
  run: (xp: number, yp: number, cnt: number) => void,
): void {
  const parts = Math.min(helpersOf(p) + 1, N);
  const b = bounds(N, parts);
  const ws = toShared(p, heap, w, wLen);
  const bs = bias ? toShared(p, heap, bias, bLen) : 0;
  const outs: number[] = [];
  for (let h = 1; h < parts; h++) {
    const cnt = b[h + 1] - b[h];
    const xs = toShared(p, heap, x + b[h] * xLen * 4, cnt * xLen);
    const ys = scratchAlloc(p, cnt * yLen * 4);
    const sc = scratchLen ? scratchAlloc(p, scratchLen * 4) : 0;
    outs.push(ys);
    post(p, h - 1, op, args(xs, ys, cnt, ws, bs, sc));
  }
  run(x, y, b[1]);
  for (let h = 1; h < parts; h++) {
    const cnt = b[h + 1] - b[h];
    const yOff = y + b[h] * yLen * 4;
    if (wait(p, h - 1)) heapF32(heap, yOff, cnt * yLen).set(sharedF32(p, outs[h - 1], cnt * yLen));
    else run(x + b[h] * xLen * 4, yOff, cnt);
  }
}

/** convFwd (see asm/simd.as) on all threads. Pointers are tfjs heap byte offsets; bias 0 = none. */
export function convFwdParallel(
  mod: SimdExports, heap: WasmMemory,
  x: number, w: number, y: number, N: number, W: number, Cin: number, OW: number, Cout: number, K: number, s: number, pl: number, bias: number, act: number,
): void {
  const p = N >= 2 && N * OW * Cout * K * Cin >= MIN_PARALLEL_MACS ? beginCall() : null;
  const run = (xp: number, yp: number, cnt: number) => mod.convFwd(xp, w, yp, cnt, W, Cin, OW, Cout, K, s, pl, bias, act);
  if (!p) return run(x, y, N);
  bySamples(heap, p, N, W * Cin, OW * Cout, 0, x, y, w, K * Cin * Cout, bias, Cout, 'convFwd',
    (xp, yp, cnt, wp, bp) => [xp, wp, yp, cnt, W, Cin, OW, Cout, K, s, pl, bp, act], run);
}

/** convBpFilter (see asm/simd.as) on all threads. Pointers are tfjs heap byte offsets. */
export function convBpFilterParallel(
  mod: SimdExports, heap: WasmMemory,
  x: number, dy: number, dw: number, N: number, W: number, Cin: number, OW: number, Cout: number, K: number, s: number, pl: number,
): void {
  const p = N * OW * K * Cin * Cout >= MIN_PARALLEL_MACS ? beginCall() : null;
  const threads = p ? helpersOf(p) + 1 : 1;
  const unit = Cout % 8 === 0 ? 8 : 4; // the kernel's channel tile
  // ranges [k0, k1, co0, co1] per part: by output channels when each thread gets a tile, else by taps
  let ranges: number[][];
  if (threads > 1 && Cout / unit >= threads) ranges = bounds(Cout / unit, threads).slice(1).map((e, i, a) => [0, K, (i ? a[i - 1] : 0) * unit, e * unit]);
  else if (threads > 1 && K >= 2) ranges = bounds(K, Math.min(threads, K)).slice(1).map((e, i, a) => [i ? a[i - 1] : 0, e, 0, Cout]);
  else ranges = [[0, K, 0, Cout]];
  if (!p || ranges.length === 1) {
    mod.convBpFilter(x, dy, dw, N, W, Cin, OW, Cout, K, s, pl);
    return;
  }
  const xs = toShared(p, heap, x, N * W * Cin);
  const dys = toShared(p, heap, dy, N * OW * Cout);
  const dws = scratchAlloc(p, K * Cin * Cout * 4);
  for (let h = 1; h < ranges.length; h++) post(p, h - 1, 'convBpFilterPart', [xs, dys, dws, N, W, Cin, OW, Cout, K, s, pl, ...ranges[h]]);
  mod.convBpFilterPart(x, dy, dw, N, W, Cin, OW, Cout, K, s, pl, ...(ranges[0] as [number, number, number, number]));
  for (let h = 1; h < ranges.length; h++) {
    const [k0, k1, co0, co1] = ranges[h];
    if (!wait(p, h - 1)) {
      mod.convBpFilterPart(x, dy, dw, N, W, Cin, OW, Cout, K, s, pl, k0, k1, co0, co1);
      continue;
    }
    if (co0 === 0 && co1 === Cout) {
      const off = k0 * Cin * Cout;
      const len = (k1 - k0) * Cin * Cout;
      heapF32(heap, dw + off * 4, len).set(sharedF32(p, dws + off * 4, len));
    } else {
      const dst = heapF32(heap, dw, K * Cin * Cout);
      const src = sharedF32(p, dws, K * Cin * Cout);
      for (let r = 0; r < K * Cin; r++) dst.set(src.subarray(r * Cout + co0, r * Cout + co1), r * Cout + co0);
    }
  }
}

/** convPool (see asm/simd.as: conv1d + bias/ReLU, then max pooling, per sample) on all threads, split by samples. */
export function convPoolParallel(
  mod: SimdExports, heap: WasmMemory, scratchHeap: number,
  x: number, w: number, y: number, N: number, W: number, Cin: number, OW: number, Cout: number, K: number, s: number, pl: number, bias: number, act: number,
  PO: number, pf: number, ps: number, ppl: number,
): void {
  const p = N >= 2 && N * OW * Cout * K * Cin >= MIN_PARALLEL_MACS ? beginCall() : null;
  const run = (xp: number, yp: number, cnt: number) => mod.convPool(xp, w, yp, cnt, W, Cin, OW, Cout, K, s, pl, bias, act, scratchHeap, PO, pf, ps, ppl);
  if (!p) return run(x, y, N);
  bySamples(heap, p, N, W * Cin, PO * Cout, OW * Cout, x, y, w, K * Cin * Cout, bias, Cout, 'convPool',
    (xp, yp, cnt, wp, bp, sc) => [xp, wp, yp, cnt, W, Cin, OW, Cout, K, s, pl, bp, act, sc, PO, pf, ps, ppl], run);
}
