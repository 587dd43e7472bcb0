/**
 * Fast 1D-convolution gradients on the wasm backend, built from the stock XNNPACK Conv2D kernel
 * (which is well optimised SIMD) plus cheap data rearrangements.
 *
 * backprop filter, channels multiples of 4: our direct SIMD kernel (asm/simd.as convBpFilter), no data movement.
 * Otherwise, applies when the convolution is a conv1d as tfjs issues it: NHWC, input height 1, filter height 1,
 * stride along the width only (any stride), no dilation (tfjs gradients reject dilation anyway).
 *
 *  backprop filter: dW[k, ci, co] = Σ_{n,t} x[n, t·s − pl + k, ci] · dy[n, t, co]
 *    = Conv2D(input X' = x transposed to [Cin, 1, W, N], filter F = dy transposed to [1, outW, N, Cout],
 *             dilation s, explicit padding pl), giving [Cin, 1, K, Cout] → [1, K, Cin, Cout].
 *  backprop input: dx = Conv2D(dy with s − 1 zeros inserted between steps, filter reversed in time and
 *             with in/out channels swapped, padding K − 1 − pl on the left).
 */
import { backend_util, type TensorInfo } from '@tensorflow/tfjs-core';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { free, runStock as run } from '../runtime/stock';
import { heapMemory, ptr, simd } from '../runtime/simd';
import { convBpFilterParallel } from '../threads/parallelConv';
import { conv2dWasm, isConv1d } from '../forward/conv2d';

/** Which dW path conv1d shapes take: 'direct' (default; falls back to XNNPACK when channels are not multiples
 * of 4) or 'xnnpack' (forced, for tests and benchmarks). */
export const bpFilterMode: { value: 'direct' | 'xnnpack' } = { value: 'direct' };

/**
 * dW by our direct SIMD kernel (asm/simd.as convBpFilter), or null when it does not apply (output channels not a
 * multiple of 4). Input channels that are not a multiple of 4 (a first layer on 1–3 leads) are zero-padded up to
 * one: x is copied into [N, W, ⌈Cin⌉₄] and the padded channels' rows of dW dropped — exact (the zero channels add
 * nothing to the others), 4× the multiply-adds of a 1-channel layer, and still 2–3× faster than the transposes +
 * XNNPACK formulation, on every kernel thread.
 */
function conv1dBackpropFilterDirect(backend: BackendWasm, x: TensorInfo, dy: TensorInfo, ci: backend_util.Conv2DInfo): TensorInfo | null {
  const mod = simd(backend);
  if (!mod || !isConv1d(ci) || ci.outChannels % 4 !== 0) return null;
  const { batchSize: n, inWidth: w, inChannels: cin, outWidth: ow, outChannels: cout, filterWidth: k, strideWidth: s } = ci;
  const out = backend.makeOutput([1, k, cin, cout], 'float32');
  const heap = heapMemory(backend)!;
  if (cin % 4 === 0) {
    convBpFilterParallel(mod, heap, ptr(backend, x), ptr(backend, dy), ptr(backend, out), n, w, cin, ow, cout, k, s, ci.padInfo.left);
    return out;
  }
  const c4 = Math.ceil(cin / 4) * 4;
  const xp = backend.makeOutput([n, 1, w, c4], 'float32');
  const dwp = backend.makeOutput([1, k, c4, cout], 'float32');
  f32(backend, xp).fill(0);
  mod.copyRows(ptr(backend, x), cin * 4, ptr(backend, xp), c4 * 4, n * w, cin * 4);
  convBpFilterParallel(mod, heap, ptr(backend, xp), ptr(backend, dy), ptr(backend, dwp), n, w, c4, ow, cout, k, s, ci.padInfo.left);
  // dw[j, c, :] = dwp[j, c, :] for c < cin: rows of cin·cout floats out of rows of c4·cout
  mod.copyRows(ptr(backend, dwp), c4 * cout * 4, ptr(backend, out), cin * cout * 4, k, cin * cout * 4);
  free(backend, xp, dwp);
  return out;
}

function f32(backend: BackendWasm, t: TensorInfo): Float32Array {
  return backend.typedArrayFromHeap(t) as Float32Array;
}

/** dW for a conv1d, or null when the shape is not handled. */
export function conv1dBackpropFilter(backend: BackendWasm, x: TensorInfo, dy: TensorInfo, ci: backend_util.Conv2DInfo): TensorInfo | null {
  if (!isConv1d(ci)) return null;
  // the direct SIMD kernel beat the XNNPACK formulation on every model shape measured (1.1–10× faster)
  if (bpFilterMode.value !== 'xnnpack') {
    const d = conv1dBackpropFilterDirect(backend, x, dy, ci);
    if (d) return d;
  }
  const { inWidth: w, inChannels: cin, outWidth: ow, outChannels: cout, filterWidth: k, strideWidth: s } = ci;
  const pl = ci.padInfo.left;
  // output length of the helper conv is w + pl + pr − s·(ow − 1); it must be ≥ k (crop extra below)
  const pr = Math.max(0, k + s * (ow - 1) - w - pl);
  const kk = w + pl + pr - s * (ow - 1);
  if (kk < k) return null;
  const xt = run('Transpose', backend, { x }, { perm: [3, 1, 2, 0] }); // [Cin, 1, W, N]
  const dyt = run('Transpose', backend, { x: dy }, { perm: [1, 2, 0, 3] }); // [1, outW, N, Cout]
  const g = run('Conv2D', backend, { x: xt, filter: dyt }, {
    strides: [1, 1],
    pad: [[0, 0], [0, 0], [pl, pr], [0, 0]],
    dataFormat: 'NHWC',
    dilations: [1, s],
    dimRoundingMode: undefined,
  }); // [Cin, 1, kk, Cout]
  free(backend, xt, dyt);
  const out = backend.makeOutput([1, k, cin, cout], 'float32');
  const src = f32(backend, g);
  const dst = f32(backend, out);
  for (let c = 0; c < cin; c++) {
    for (let j = 0; j < k; j++) {
      const from = (c * kk + j) * cout;
      dst.set(src.subarray(from, from + cout), (j * cin + c) * cout);
    }
  }
  free(backend, g);
  return out;
}

/** 'polyphase' (default) or 'zero-insert' (forced, tests and benchmarks) for strided input gradients. */
export const bpInputStridedMode: { value: 'polyphase' | 'zero-insert' } = { value: 'polyphase' };
/** How many strided input gradients took the polyphase path (tests). */
export const bpInputStats = { polyphase: 0 };

/**
 * dx of a strided conv1d without zero insertion: the taps split by residue ρ = k mod s, and for each residue
 *   dx[s·u + ρ − pl] = Σ_j dy[u − j] · w[ρ + s·j]
 * is a stride-1 convolution of dy with that residue's taps (reversed, channels swapped, left padding Jρ − 1),
 * scattered to every s-th row of dx. Only the non-zero products of the zero-inserted formulation are computed (1/s
 * of its multiply-adds), in the same order, so the sums are the same; positions no tap reaches are zero.
 * Null without our SIMD module.
 */
function conv1dBackpropInputPolyphase(backend: BackendWasm, dy: TensorInfo, filter: TensorInfo, ci: backend_util.Conv2DInfo): TensorInfo | null {
  const mod = simd(backend);
  if (!mod) return null;
  const { batchSize: n, inWidth: w, inChannels: cin, outWidth: ow, outChannels: cout, filterWidth: k, strideWidth: s } = ci;
  const pl = ci.padInfo.left;
  const plan: { rho: number; taps: number; u0: number; u1: number; right: number }[] = [];
  for (let rho = 0; rho < s; rho++) {
    const taps = rho < k ? Math.ceil((k - rho) / s) : 0;
    const u0 = Math.max(0, Math.ceil((pl - rho) / s));
    const u1 = Math.floor((w - 1 + pl - rho) / s);
    // the helper conv's output length is ow + right (left padding taps − 1): long enough for rows up to u1
    const right = Math.max(0, u1 + 1 - ow);
    plan.push({ rho, taps, u0, u1, right });
  }
  const dx = backend.makeOutput([n, 1, w, cin], 'float32');
  if (plan.some((p) => p.taps === 0)) f32(backend, dx).fill(0);
  const src = f32(backend, filter);
  for (const p of plan) {
    if (p.taps === 0 || p.u1 < p.u0) continue;
    // g[j', b, a] = w[ρ + s·(J − 1 − j'), a, b]: [1, J, Cout, Cin]
    const g = backend.makeOutput([1, p.taps, cout, cin], 'float32');
    const gd = f32(backend, g);
    for (let j = 0; j < p.taps; j++) {
      const so = (p.rho + s * (p.taps - 1 - j)) * cin * cout;
      const d0 = j * cout * cin;
      for (let a = 0; a < cin; a++) for (let b = 0; b < cout; b++) gd[d0 + b * cin + a] = src[so + a * cout + b];
    }
    const part = conv2dWasm({ inputs: { x: dy, filter: g }, backend, attrs: {
      strides: [1, 1],
      pad: [[0, 0], [0, 0], [p.taps - 1, p.right], [0, 0]],
      dataFormat: 'NHWC',
      dilations: [1, 1],
      dimRoundingMode: undefined,
    } }); // [N, 1, ow + right, Cin]
    free(backend, g);
    const len = ow + p.right;
    const rows = p.u1 - p.u0 + 1;
    for (let b = 0; b < n; b++) {
      mod.copyRows(
        ptr(backend, part) + (b * len + p.u0) * cin * 4, cin * 4,
        ptr(backend, dx) + (b * w + s * p.u0 + p.rho - pl) * cin * 4, s * cin * 4,
        rows, cin * 4,
      );
    }
    free(backend, part);
  }
  bpInputStats.polyphase++;
  return dx;
}

/** dx for a conv1d, or null when the shape is not handled. */
export function conv1dBackpropInput(backend: BackendWasm, dy: TensorInfo, filter: TensorInfo, ci: backend_util.Conv2DInfo): TensorInfo | null {
  if (!isConv1d(ci)) return null;
  if (ci.strideWidth > 1 && bpInputStridedMode.value === 'polyphase') {
    const dx = conv1dBackpropInputPolyphase(backend, dy, filter, ci);
    if (dx) return dx;
  }
  const { batchSize: n, inWidth: w, inChannels: cin, outWidth: ow, outChannels: cout, filterWidth: k, strideWidth: s } = ci;
  const pl = ci.padInfo.left;
  const zl = (ow - 1) * s + 1; // length of dy after zero insertion
  const padL = k - 1 - pl;
  const padR = w - zl + k - 1 - padL;
  if (padL < 0 || padR < 0) return null;
  // filter [1, K, Cin, Cout] → reversed in time, channels swapped: [1, K, Cout, Cin]
  const wf = backend.makeOutput([1, k, cout, cin], 'float32');
  {
    const src = f32(backend, filter);
    const dst = f32(backend, wf);
    for (let j = 0; j < k; j++) {
      const so = j * cin * cout;
      const d0 = (k - 1 - j) * cout * cin;
      for (let a = 0; a < cin; a++) for (let b = 0; b < cout; b++) dst[d0 + b * cin + a] = src[so + a * cout + b];
    }
  }
  let dz = dy;
  if (s > 1) {
    dz = backend.makeOutput([n, 1, zl, cout], 'float32');
    const src = f32(backend, dy);
    const dst = f32(backend, dz);
    dst.fill(0);
    for (let b = 0; b < n; b++)
      for (let t = 0; t < ow; t++) {
        const from = (b * ow + t) * cout;
        dst.set(src.subarray(from, from + cout), (b * zl + t * s) * cout);
      }
  }
  const dx = conv2dWasm({ inputs: { x: dz, filter: wf }, backend, attrs: {
    strides: [1, 1],
    pad: [[0, 0], [0, 0], [padL, padR], [0, 0]],
    dataFormat: 'NHWC',
    dilations: [1, 1],
    dimRoundingMode: undefined,
  } });
  free(backend, wf);
  if (dz !== dy) free(backend, dz);
  return dx;
}
