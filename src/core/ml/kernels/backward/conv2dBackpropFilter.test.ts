import { describe, expect, it, beforeAll } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { registerWasmKernels } from '../index';
import { bpFilterMode, bpInputStats, bpInputStridedMode } from './conv1dFast';
import { onBackend, randomArray, relError } from '../testUtil';

beforeAll(async () => {
  await tf.setBackend('wasm');
  registerWasmKernels();
  registerWasmKernels(); // idempotent
});

type Pad = 'same' | 'valid' | number;
interface Case { n: number; h: number; w: number; cin: number; cout: number; fh: number; fw: number; sh: number; sw: number; pad: Pad; fmt: 'NHWC' | 'NCHW' }

const size = (shape: number[]): number => shape.reduce((a, b) => a * b, 1);

function runKernel(c: Case, seed: number): () => tf.Tensor {
  return () => {
    const xShape: number[] = c.fmt === 'NHWC' ? [c.n, c.h, c.w, c.cin] : [c.n, c.cin, c.h, c.w];
    const x = tf.tensor4d(randomArray(size(xShape), seed), xShape as [number, number, number, number]);
    const filter = tf.zeros([c.fh, c.fw, c.cin, c.cout]) as tf.Tensor4D;
    const xNhwc = c.fmt === 'NHWC' ? x : (x.transpose([0, 2, 3, 1]) as tf.Tensor4D);
    const yShape = tf.conv2d(xNhwc, filter, [c.sh, c.sw], c.pad).shape;
    const dyShape: number[] = c.fmt === 'NHWC' ? yShape : [yShape[0], yShape[3], yShape[1], yShape[2]];
    const dy = tf.tensor4d(randomArray(size(dyShape), seed + 1), dyShape as [number, number, number, number]);
    return tf.engine().runKernel('Conv2DBackpropFilter', { x, dy }, {
      strides: [c.sh, c.sw], pad: c.pad, dataFormat: c.fmt, filterShape: [c.fh, c.fw, c.cin, c.cout],
    }) as tf.Tensor;
  };
}

describe('Conv2DBackpropFilter on wasm matches the cpu backend', () => {
  const cases: Case[] = [];
  // 1D convolutions as tfjs-layers' conv1d issues them (height 1), the shapes the lab's models use
  for (const [cin, cout, k] of [[1, 32, 7], [3, 8, 5], [6, 12, 7], [32, 32, 7], [8, 32, 1], [8, 8, 39], [16, 8, 19], [128, 32, 1], [32, 5, 9]])
    for (const pad of ['same', 'valid'] as const)
      for (const s of [1, 2, 3]) cases.push({ n: 3, h: 1, w: 57, cin, cout, fh: 1, fw: k, sh: 1, sw: s, pad, fmt: 'NHWC' });
  // the full InceptionTime's widest long kernels (the cpu reference is slow: one stride each)
  cases.push({ n: 2, h: 1, w: 57, cin: 32, cout: 32, fh: 1, fw: 39, sh: 1, sw: 1, pad: 'same', fmt: 'NHWC' });
  cases.push({ n: 2, h: 1, w: 57, cin: 32, cout: 32, fh: 1, fw: 19, sh: 1, sw: 2, pad: 'same', fmt: 'NHWC' });
  // true 2D, odd sizes, explicit padding, channels-first
  cases.push({ n: 2, h: 9, w: 11, cin: 3, cout: 4, fh: 3, fw: 2, sh: 2, sw: 1, pad: 'same', fmt: 'NHWC' });
  cases.push({ n: 2, h: 9, w: 11, cin: 3, cout: 4, fh: 3, fw: 3, sh: 1, sw: 2, pad: 1, fmt: 'NHWC' });
  cases.push({ n: 2, h: 7, w: 8, cin: 5, cout: 3, fh: 2, fw: 3, sh: 1, sw: 1, pad: 'valid', fmt: 'NCHW' });
  cases.push({ n: 1, h: 1, w: 4, cin: 2, cout: 3, fh: 1, fw: 9, sh: 1, sw: 1, pad: 'same', fmt: 'NHWC' }); // kernel > input
  // direct SIMD kernel: 4 × 4 tile (cout % 8 = 4), kernel longer than the input, several cache chunks of samples
  cases.push({ n: 3, h: 1, w: 33, cin: 8, cout: 12, fh: 1, fw: 7, sh: 1, sw: 2, pad: 'same', fmt: 'NHWC' });
  cases.push({ n: 2, h: 1, w: 20, cin: 8, cout: 8, fh: 1, fw: 39, sh: 1, sw: 1, pad: 'same', fmt: 'NHWC' });
  cases.push({ n: 3, h: 1, w: 520, cin: 128, cout: 4, fh: 1, fw: 1, sh: 1, sw: 1, pad: 'same', fmt: 'NHWC' }); // > 256 kB per sample

  it.each(cases.map((c, i) => [i, c] as const))('case %i %o', async (i, c) => {
    const [ref] = await onBackend('cpu', runKernel(c, 100 + i));
    const [got] = await onBackend('wasm', runKernel(c, 100 + i));
    expect(got.length).toBe(ref.length);
    expect(relError(got, ref)).toBeLessThan(1e-4);
  });

  it.each(cases.filter((c) => c.h === 1 && c.cin % 4 === 0 && c.cout % 4 === 0 && c.w < 100 && c.fw <= 9 && c.pad === 'same').map((c, i) => [i, c] as const))(
    'XNNPACK formulation (forced) case %i %o',
    async (i, c) => {
      bpFilterMode.value = 'xnnpack';
      try {
        const [ref] = await onBackend('cpu', runKernel(c, 200 + i));
        const [got] = await onBackend('wasm', runKernel(c, 200 + i));
        expect(relError(got, ref)).toBeLessThan(1e-4);
      } finally {
        bpFilterMode.value = 'direct';
      }
    },
  );

  it('gives conv1d weight gradients equal to cpu through tf.grads (the path tfjs-layers takes)', async () => {
    const f = () => {
      const x = tf.tensor3d(randomArray(4 * 100 * 3, 7), [4, 100, 3]);
      const w = tf.tensor3d(randomArray(7 * 3 * 6, 8), [7, 3, 6]);
      const r = tf.tensor3d(randomArray(4 * 50 * 6, 9), [4, 50, 6]);
      const g = tf.grads((xx: tf.Tensor, ww: tf.Tensor) => tf.conv1d(xx as tf.Tensor3D, ww as tf.Tensor3D, 2, 'same').mul(r).sum());
      return g([x, w]);
    };
    const ref = await onBackend('cpu', f);
    const got = await onBackend('wasm', f);
    expect(relError(got[0], ref[0])).toBeLessThan(1e-4);
    expect(relError(got[1], ref[1])).toBeLessThan(1e-4);
  });
});

describe('Conv2DBackpropInput on wasm matches the cpu backend', () => {
  const cases: Case[] = [];
  for (const [cin, cout, k] of [[1, 32, 7], [32, 32, 7], [128, 32, 1], [32, 32, 39], [16, 32, 7]])
    for (const pad of ['same', 'valid'] as const)
      for (const s of [1, 2]) for (const w of [57, 60]) cases.push({ n: 2, h: 1, w, cin, cout, fh: 1, fw: k, sh: 1, sw: s, pad, fmt: 'NHWC' });
  cases.push({ n: 2, h: 9, w: 11, cin: 3, cout: 4, fh: 3, fw: 2, sh: 2, sw: 1, pad: 'same', fmt: 'NHWC' }); // 2D: stock fallback
  cases.push({ n: 1, h: 1, w: 4, cin: 2, cout: 3, fh: 1, fw: 9, sh: 1, sw: 1, pad: 'same', fmt: 'NHWC' });
  // strided (polyphase): stride 3 and 4, kernels shorter than the stride (1×1, 2 taps at stride 3: rows no tap reaches)
  for (const [cin, cout, k, s] of [[16, 32, 7, 3], [8, 16, 5, 4], [16, 32, 1, 2], [12, 8, 2, 3], [32, 64, 7, 2]])
    for (const pad of ['same', 'valid'] as const) cases.push({ n: 3, h: 1, w: 61, cin, cout, fh: 1, fw: k, sh: 1, sw: s, pad, fmt: 'NHWC' });

  const runInput = (c: Case, seed: number) => () => {
    const filter = tf.tensor4d(randomArray(c.fh * c.fw * c.cin * c.cout, seed), [c.fh, c.fw, c.cin, c.cout]);
    const yShape = tf.conv2d(tf.zeros([c.n, c.h, c.w, c.cin]) as tf.Tensor4D, filter, [c.sh, c.sw], c.pad).shape;
    const dy = tf.tensor4d(randomArray(size(yShape), seed + 1), yShape);
    return tf.engine().runKernel('Conv2DBackpropInput', { dy, filter }, {
      strides: [c.sh, c.sw], pad: c.pad, dataFormat: 'NHWC', inputShape: [c.n, c.h, c.w, c.cin],
    }) as tf.Tensor;
  };

  it.each(cases.map((c, i) => [i, c] as const))('case %i %o', async (i, c) => {
    const [ref] = await onBackend('cpu', runInput(c, 300 + i));
    const [got] = await onBackend('wasm', runInput(c, 300 + i));
    expect(got.length).toBe(ref.length);
    expect(relError(got, ref)).toBeLessThan(1e-4);
  });

  it('strided: the polyphase path gives the zero-inserted formulation\'s sums (its non-zero products, same order)', async () => {
    for (const [i, c] of cases.filter((c) => c.h === 1 && c.sw > 1).entries()) {
      bpInputStridedMode.value = 'zero-insert';
      const [zeroInserted] = await onBackend('wasm', runInput(c, 700 + i));
      bpInputStridedMode.value = 'polyphase';
      const taken = bpInputStats.polyphase;
      const [polyphase] = await onBackend('wasm', runInput(c, 700 + i));
      expect(bpInputStats.polyphase, `polyphase path taken for ${JSON.stringify(c)}`).toBe(taken + 1);
      let bad = -1;
      for (let j = 0; j < polyphase.length && bad < 0; j++) if (polyphase[j] !== zeroInserted[j]) bad = j; // ±0 alike
      expect(bad, `case ${JSON.stringify(c)}`).toBe(-1);
    }
  });

  it('leaks no tensors on the wasm heap', async () => {
    await tf.setBackend('wasm');
    const backend = tf.backend() as unknown as { numDataIds(): number };
    for (const c of [cases[3], cases.find((x) => x.sw === 3)!]) {
      tf.dispose(tf.tidy(runInput(c, 1))); // warm-up
      const before = backend.numDataIds();
      tf.dispose(tf.tidy(runInput(c, 2)));
      expect(backend.numDataIds()).toBe(before);
    }
    const c = cases[3];
    tf.dispose(tf.tidy(runInput(c, 1))); // warm-up
    const before = backend.numDataIds();
    for (let i = 0; i < 3; i++) tf.dispose(tf.tidy(() => [runInput(c, i)(), runKernel(c, i)()]));
    expect(backend.numDataIds()).toBe(before);
  });
});
