/**
 * The page behind the WebGPU checks (bench/browser/webgpuHost.ts): on the page's main thread, tfjs-webgpu with
 * the lab's set-up (src/core/ml/backend.ts → backendWebGpu.ts, kernels/webgpu). Exposes `window.__webgpu`:
 * conv and conv-gradient parity vs cpu, the synchronous-read guard, and per-kernel profiles of a training step.
 */
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-webgpu';
import { initBackend } from '../../src/core/ml/backend';
import { webgpuLostReason } from '../../src/core/ml/backendWebGpu';
import { registerWebGpuKernels, unregisterWebGpuKernels, webgpuConv1dCalls, webgpuConv1dFilterGradCalls, webgpuConv1dInputGradCalls, webgpuStockFallbacks } from '../../src/core/ml/kernels';
import { buildModel, type ModelKind } from '../../src/core/ml/models';
import { prepareTask } from '../../src/core/ml/task';
import { toyDataset } from '../../src/core/ml/toyDataset';
import { trainModel, usesResidentData } from '../../src/core/ml/train';
import type { ConvCase, ConvParity, GradCase, GradError, GradParity, KernelProfileRow, ProfileReply, SyncGuardReply, TrainLossReply } from './webgpuProtocol';

function seeded(n: number, seed: number): Float32Array {
  const a = new Float32Array(n);
  let s = seed >>> 0;
  for (let i = 0; i < n; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    a[i] = s / 2 ** 31 - 1;
  }
  return a;
}

function conv(c: ConvCase, x: tf.Tensor3D, w: tf.Tensor3D, b: tf.Tensor1D): tf.Tensor {
  if (c.epilogue === 'none') return tf.conv1d(x, w, c.stride, c.pad);
  const filter = w.expandDims<tf.Tensor4D>(0);
  const y = tf.fused.conv2d({ x: x.expandDims<tf.Tensor4D>(1), filter, strides: [1, c.stride], pad: c.pad, bias: b, activation: c.epilogue === 'bias-relu' ? 'relu' : 'linear' });
  return y.squeeze([1]);
}

async function convParity(cases: ConvCase[]): Promise<ConvParity[]> {
  const out: ConvParity[] = [];
  for (const [i, c] of cases.entries()) {
    const xs = seeded(c.batch * c.width * c.cin, 11 + i);
    const ws = seeded(c.k * c.cin * c.cout, 23 + i).map((v) => v / Math.sqrt(c.k * c.cin));
    const bs = seeded(c.cout, 37 + i);
    const compute = async (): Promise<Float32Array> => {
      const [x, w, b] = [tf.tensor3d(xs, [c.batch, c.width, c.cin]), tf.tensor3d(ws, [c.k, c.cin, c.cout]), tf.tensor1d(bs)];
      const y = tf.tidy(() => conv(c, x, w, b));
      const v = (await y.data()) as Float32Array;
      tf.dispose([x, w, b, y]);
      return v;
    };
    await tf.setBackend('cpu');
    const want = await compute();
    await initBackend('webgpu', { navigator: { gpu: (navigator as { gpu?: unknown }).gpu } });
    const before = webgpuConv1dCalls();
    const ours = await compute();
    const ran = webgpuConv1dCalls() - before;
    unregisterWebGpuKernels();
    const mid = webgpuConv1dCalls();
    const stock = await compute();
    const stockRanOurs = webgpuConv1dCalls() - mid;
    registerWebGpuKernels();
    const err = (a: Float32Array) => a.reduce((m, v, j) => Math.max(m, Math.abs(v - want[j])), 0);
    out.push({ case: c, n: want.length, ourCalls: ran, stockRanOurs, oursVsStock: ours.reduce((m, v, j) => Math.max(m, Math.abs(v - stock[j])), 0), maxAbsErr: err(ours), stockMaxAbsErr: err(stock), maxAbs: want.reduce((m, v) => Math.max(m, Math.abs(v)), 0), backend: tf.getBackend() });
  }
  return out;
}

/** dx and dW of a conv seeded by dy, on cpu and on webgpu with our kernels, per case. */
async function gradParity(cases: GradCase[]): Promise<GradParity[]> {
  const out: GradParity[] = [];
  await initBackend('webgpu', { navigator: { gpu: (navigator as { gpu?: unknown }).gpu } });
  registerWebGpuKernels();
  for (const [i, c] of cases.entries()) {
    const rows = c.rows ?? 1;
    const kh = rows > 1 ? 2 : 1;
    const xShape: [number, number, number, number] = [c.batch, rows, c.width, c.cin];
    const wShape: [number, number, number, number] = [kh, c.k, c.cin, c.cout];
    const xs = seeded(xShape.reduce((a, b) => a * b), 41 + i);
    const ws = seeded(wShape.reduce((a, b) => a * b), 53 + i).map((v) => v / Math.sqrt(kh * c.k * c.cin));
    const f = (x: tf.Tensor, w: tf.Tensor) =>
      rows > 1 ? tf.conv2d(x as tf.Tensor4D, w as tf.Tensor4D, c.stride, c.pad) : tf.conv1d(x.squeeze([1]) as tf.Tensor3D, w.squeeze([0]) as tf.Tensor3D, c.stride, c.pad);
    const compute = async (): Promise<[Float32Array, Float32Array]> => {
      const [x, w] = [tf.tensor4d(xs, xShape), tf.tensor4d(ws, wShape)];
      const yShape = tf.tidy(() => f(x, w).shape);
      const dy = tf.tensor(seeded(yShape.reduce((a, b) => a * b, 1), 67 + i), yShape);
      const [dx, dw] = tf.grads(f)([x, w], dy);
      const v = [(await dx.data()) as Float32Array, (await dw.data()) as Float32Array] as [Float32Array, Float32Array];
      tf.dispose([x, w, dy, dx, dw]);
      return v;
    };
    await tf.setBackend('cpu');
    const [wantDx, wantDw] = await compute();
    await tf.setBackend('webgpu');
    const before = [webgpuConv1dFilterGradCalls(), webgpuConv1dInputGradCalls(), webgpuStockFallbacks('Conv2DBackpropFilter'), webgpuStockFallbacks('Conv2DBackpropInput')];
    const [dx, dw] = await compute();
    const err = (a: Float32Array, want: Float32Array): GradError => ({
      n: want.length,
      maxAbsErr: a.reduce((m, v, j) => Math.max(m, Math.abs(v - want[j])), a.length === want.length ? 0 : Infinity),
      maxAbs: want.reduce((m, v) => Math.max(m, Math.abs(v)), 0),
    });
    out.push({
      case: c,
      filterCalls: webgpuConv1dFilterGradCalls() - before[0],
      inputCalls: webgpuConv1dInputGradCalls() - before[1],
      filterFallbacks: webgpuStockFallbacks('Conv2DBackpropFilter') - before[2],
      inputFallbacks: webgpuStockFallbacks('Conv2DBackpropInput') - before[3],
      dW: err(dw, wantDw),
      dx: err(dx, wantDx),
      backend: tf.getBackend(),
    });
  }
  return out;
}

async function syncGuard(): Promise<SyncGuardReply> {
  await initBackend('webgpu', { navigator: { gpu: (navigator as { gpu?: unknown }).gpu } });
  const t = tf.tidy(() => tf.mul(tf.ones([4096]), 3)); // large enough to live on the GPU
  let message: string | null = null;
  try {
    t.dataSync();
  } catch (e) {
    message = e instanceof Error ? e.message : String(e);
  }
  const after = (await t.data())[7];
  t.dispose();
  return { backend: tf.getBackend(), message, after, lost: webgpuLostReason() };
}

/**
 * One Adam step of `kind` (batch × samples × 8 leads, 5 classes) profiled per kernel, with and without ours,
 * `reps` times each, alternating (stock, ours, stock, …); each kernel's time is the median over the reps.
 */
async function profile(kind: ModelKind, batch: number, samples: number, reps = 3): Promise<ProfileReply> {
  await initBackend('webgpu', { navigator: { gpu: (navigator as { gpu?: unknown }).gpu } });
  const model = buildModel({ kind, nSamples: samples, nLeads: 8, nOut: 5, seed: 1 });
  const opt = tf.train.adam(1e-3);
  const x = tf.tensor3d(seeded(batch * samples * 8, 5), [batch, samples, 8]);
  const y = tf.tidy(() => tf.oneHot(tf.tensor1d(Array.from({ length: batch }, (_, i) => i % 5), 'int32'), 5).toFloat());
  const step = () => tf.tidy(() => void opt.minimize(() => tf.losses.softmaxCrossEntropy(y, model.apply(x, { training: true }) as tf.Tensor) as tf.Scalar));
  const run = async (ours: boolean): Promise<{ rows: KernelProfileRow[]; totalMs: number; wallMs: number }> => {
    if (ours) registerWebGpuKernels();
    else unregisterWebGpuKernels();
    step(); // shader compilation outside the profile
    await model.getWeights()[0].data();
    const t0 = performance.now();
    const info = await tf.profile(async () => {
      step();
      await model.getWeights()[0].data();
    });
    const wallMs = performance.now() - t0;
    const by = new Map<string, KernelProfileRow>();
    let totalMs = 0;
    for (const k of info.kernels) {
      const ms = typeof k.kernelTimeMs === 'number' ? k.kernelTimeMs : 0;
      const r = by.get(k.name) ?? { kernel: k.name, calls: 0, ms: 0 };
      r.calls++;
      r.ms += ms;
      totalMs += ms;
      by.set(k.name, r);
    }
    return { rows: [...by.values()].sort((a, b) => b.ms - a.ms), totalMs, wallMs };
  };
  const median = (v: number[]) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)];
  const merge = (all: Awaited<ReturnType<typeof run>>[]) => {
    const names = [...new Set(all.flatMap((a) => a.rows.map((r) => r.kernel)))];
    const rows = names.map((kernel) => {
      const hits = all.map((a) => a.rows.find((r) => r.kernel === kernel));
      return { kernel, calls: hits.find((h) => h)?.calls ?? 0, ms: median(hits.map((h) => h?.ms ?? 0)) };
    });
    return { rows: rows.sort((a, b) => b.ms - a.ms), totalMs: median(all.map((a) => a.totalMs)), wallMs: median(all.map((a) => a.wallMs)) };
  };
  try {
    const stock: Awaited<ReturnType<typeof run>>[] = [];
    const ours: Awaited<ReturnType<typeof run>>[] = [];
    for (let i = 0; i < reps; i++) {
      stock.push(await run(false));
      ours.push(await run(true));
    }
    return { model: kind, batch, samples, reps, stock: merge(stock), ours: merge(ours) };
  } finally {
    registerWebGpuKernels();
    tf.dispose([x, y]);
    opt.dispose();
    model.dispose();
  }
}

/**
 * The lab's trainModel (2 epochs, batches of 8, resnet1d on a toy 2-lead regression set) on `backend`: every
 * batch loss as reported (read one batch late), the epoch losses and the final validation loss.
 */
async function trainLosses(backend: 'cpu' | 'webgpu', samples = 200, batchSize = 8): Promise<TrainLossReply>{
  if (backend === 'cpu') await tf.setBackend('cpu');
  else await initBackend('webgpu', { navigator: { gpu: (navigator as { gpu?: unknown }).gpu } });
  const nTrain = 4 * batchSize;
  const ds = toyDataset(nTrain + batchSize, 1, { nSamples: samples, nLeads: 2 });
  const train = Int32Array.from({ length: nTrain }, (_, i) => i);
  const val = Int32Array.from({ length: batchSize }, (_, i) => nTrain + i);
  const task = prepareTask(ds, { kind: 'regression', targets: ['hr_bpm'] }, train);
  const model = buildModel({ kind: 'resnet1d', nSamples: samples, nLeads: 2, nOut: 1, seed: 5 });
  const batches: number[] = [];
  const convCalls = webgpuConv1dCalls();
  const filterCalls = webgpuConv1dFilterGradCalls();
  const inputCalls = webgpuConv1dInputGradCalls();
  try {
    const cfg = { epochs: 2, batchSize, lr: 0.003, weightDecay: 0.001, schedule: { kind: 'constant' as const }, patience: 0, restoreBest: false, classWeighting: 'none' as const, seed: 3, batch: { scaling: 'minmax' as const } };
    const out = await trainModel(model, ds, train, val, task, cfg, { onBatch: (b) => batches.push(b.loss) });
    return {
      backend: tf.getBackend(),
      resident: usesResidentData(undefined, tf.getBackend(), nTrain * samples * 2 * 4),
      ourConvCalls: webgpuConv1dCalls() - convCalls,
      ourFilterGradCalls: webgpuConv1dFilterGradCalls() - filterCalls,
      ourInputGradCalls: webgpuConv1dInputGradCalls() - inputCalls,
      batches,
      epochs: out.history.map((h) => h.loss),
      valLoss: out.history[out.history.length - 1].valLoss,
      lost: webgpuLostReason(),
    };
  } finally {
    model.dispose();
  }
}

(window as unknown as { __webgpu: unknown }).__webgpu = { convParity, gradParity, syncGuard, profile, trainLosses };
document.title = 'ready';
