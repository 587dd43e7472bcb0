/**
 * Training / inference throughput per backend (issue 7). `npm run bench -- train [flags]`
 *   --models ref,inception1d-small,resnet1d,inception1d   which models (default: all of these)
 *   --backends cpu,wasm,wasm+kernels                       which tfjs backends (default: all; cpu only for light models)
 *   --batch 32  --seconds 4 (time budget per measurement)  --profile (per-kernel times of one train step)
 *   --no-torch (skip the PyTorch comparison)
 * "wasm" is stock tfjs-wasm plus only the Conv2DBackpropFilter it lacks (the baseline);
 * "wasm+kernels" is wasm with all of src/core/ml/kernels registered.
 * Rows: model, input, batch, backend, host, train/infer samples/s, ms_per_step, and the PyTorch figures
 * (bench/torch_train.py, 1 thread) with ratios when python3 with torch is available.
 */
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { buildModel, type ModelKind } from '../src/core/ml/models';
import { registerWasmKernels } from '../src/core/ml/kernels';
import { printTable } from './table';

export interface TrainBenchRow {
  model: string;
  input: string;
  batch: number;
  backend: string;
  host: string;
  train_samples_per_s: number;
  infer_samples_per_s: number;
  ms_per_step: number;
  torch_train_samples_per_s?: number;
  torch_infer_samples_per_s?: number;
  train_ratio_vs_torch?: number;
  infer_ratio_vs_torch?: number;
}

interface BenchModel {
  name: string;
  nSamples: number;
  nLeads: number;
  nOut: number;
  /** too slow for the tfjs cpu backend to measure in a reasonable time (measured on cpu only when asked) */
  heavy: boolean;
  build(): tf.LayersModel;
}

/** The issue-7 reference model: 4 × [Conv1D(32, k7, same) + BN + ReLU + MaxPool(2)], GAP, Dense(5). */
export function buildReferenceModel(nSamples = 1000, nLeads = 1, nOut = 5): tf.LayersModel {
  const input = tf.input({ shape: [nSamples, nLeads] });
  let x: tf.SymbolicTensor = input;
  for (let i = 0; i < 4; i++) {
    x = tf.layers.conv1d({ filters: 32, kernelSize: 7, padding: 'same', kernelInitializer: tf.initializers.heNormal({ seed: 1 + i }) }).apply(x) as tf.SymbolicTensor;
    x = tf.layers.batchNormalization({ epsilon: 1e-5, momentum: 0.9 }).apply(x) as tf.SymbolicTensor;
    x = tf.layers.reLU().apply(x) as tf.SymbolicTensor;
    x = tf.layers.maxPooling1d({ poolSize: 2 }).apply(x) as tf.SymbolicTensor;
  }
  x = tf.layers.globalAveragePooling1d().apply(x) as tf.SymbolicTensor;
  const out = tf.layers.dense({ units: nOut, kernelInitializer: tf.initializers.glorotUniform({ seed: 9 }) }).apply(x) as tf.SymbolicTensor;
  return tf.model({ inputs: input, outputs: out, name: 'reference' });
}

function zoo(kind: ModelKind, heavy: boolean): BenchModel {
  return { name: kind, nSamples: 1000, nLeads: 8, nOut: 5, heavy, build: () => buildModel({ kind, nSamples: 1000, nLeads: 8, nOut: 5, seed: 1 }) };
}

const MODELS: Record<string, BenchModel> = {
  ref: { name: 'ref-4xconv32', nSamples: 1000, nLeads: 1, nOut: 5, heavy: false, build: () => buildReferenceModel() },
  'inception1d-small': zoo('inception1d-small', true),
  resnet1d: zoo('resnet1d', true),
  inception1d: zoo('inception1d', true),
};

const BACKENDS = ['cpu', 'wasm', 'wasm+kernels'] as const;
type BenchBackend = (typeof BACKENDS)[number];

async function useBackend(b: BenchBackend): Promise<void> {
  await tf.setBackend(b === 'cpu' ? 'cpu' : 'wasm');
  await tf.ready();
  if (b !== 'cpu') registerWasmKernels({ set: b === 'wasm' ? 'required' : 'all' });
}

/** Deterministic batch: inputs in [0, 1] like min-max scaled leads, one-hot labels. */
function makeBatch(m: BenchModel, batch: number): { x: tf.Tensor3D; y: tf.Tensor2D } {
  const xs = new Float32Array(batch * m.nSamples * m.nLeads);
  let s = 12345;
  for (let i = 0; i < xs.length; i++) {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    xs[i] = s / 2 ** 32;
  }
  const labels = Array.from({ length: batch }, (_, i) => i % m.nOut);
  return { x: tf.tensor3d(xs, [batch, m.nSamples, m.nLeads]), y: tf.oneHot(tf.tensor1d(labels, 'int32'), m.nOut).toFloat() as tf.Tensor2D };
}

/** One Adam step on softmax cross-entropy, batch-norm in training mode; nothing read back. */
function trainStep(model: tf.LayersModel, opt: tf.Optimizer, x: tf.Tensor, y: tf.Tensor): void {
  tf.tidy(() => {
    opt.minimize(() => {
      const logits = model.apply(x, { training: true }) as tf.Tensor;
      return tf.losses.softmaxCrossEntropy(y, logits) as tf.Scalar;
    });
  });
}

function timeIt(seconds: number, minReps: number, fn: () => void): number {
  const t0 = performance.now();
  let reps = 0;
  while (reps < minReps || performance.now() - t0 < seconds * 1000) {
    fn();
    reps++;
  }
  return (performance.now() - t0) / reps;
}

async function profileStep(model: tf.LayersModel, opt: tf.Optimizer, x: tf.Tensor, y: tf.Tensor): Promise<void> {
  const info = await tf.profile(() => trainStep(model, opt, x, y));
  const byKernel = new Map<string, { ms: number; calls: number }>();
  let total = 0;
  for (const k of info.kernels) {
    const ms = typeof k.kernelTimeMs === 'number' ? k.kernelTimeMs : 0;
    const e = byKernel.get(k.name) ?? { ms: 0, calls: 0 };
    e.ms += ms;
    e.calls++;
    total += ms;
    byKernel.set(k.name, e);
  }
  const rows = [...byKernel.entries()]
    .sort((a, b) => b[1].ms - a[1].ms)
    .slice(0, 15)
    .map(([kernel, e]) => ({ kernel, calls: e.calls, ms: e.ms, pct: (100 * e.ms) / total }));
  console.log(`  per-kernel time of one train step (${info.kernels.length} kernel calls, ${total.toFixed(1)} ms in kernels):`);
  printTable(rows);
}

async function measure(m: BenchModel, backend: BenchBackend, batch: number, seconds: number, profile: boolean): Promise<TrainBenchRow> {
  await useBackend(backend);
  const model = m.build();
  const opt = tf.train.adam(1e-3);
  const { x, y } = makeBatch(m, batch);
  trainStep(model, opt, x, y); // warm-up (kernel set-up, optimizer slots)
  const minReps = backend === 'cpu' ? 1 : 3;
  const msStep = timeIt(seconds, minReps, () => trainStep(model, opt, x, y));
  const msInfer = timeIt(seconds / 2, minReps, () => tf.tidy(() => (model.predict(x) as tf.Tensor).dataSync()));
  if (profile) await profileStep(model, opt, x, y);
  tf.dispose([x, y]);
  opt.dispose();
  model.dispose();
  return {
    model: m.name,
    input: `${m.nLeads}x${m.nSamples}`,
    batch,
    backend,
    host: 'Node',
    train_samples_per_s: (batch * 1000) / msStep,
    infer_samples_per_s: (batch * 1000) / msInfer,
    ms_per_step: msStep,
  };
}

interface TorchResult { model: string; train_samples_per_s: number; infer_samples_per_s: number }

function runTorch(models: BenchModel[], batch: number, seconds: number): Map<string, TorchResult> {
  const script = fileURLToPath(new URL('./torch_train.py', import.meta.url));
  const names = models.map((m) => m.name).join(',');
  // the first python with torch (e.g. Debian's /usr/bin/python3 with python3-torch when a pyenv shim comes first)
  const python = ['python3', '/usr/bin/python3'].find((py) => spawnSync(py, ['-c', 'import torch'], { stdio: 'ignore' }).status === 0) ?? 'python3';
  const r = spawnSync(python, [script, '--models', names, '--batch', String(batch), '--seconds', String(seconds)], {
    encoding: 'utf8',
    env: { ...process.env, OMP_NUM_THREADS: '1', MKL_NUM_THREADS: '1' },
    timeout: 30 * 60 * 1000,
  });
  const out = new Map<string, TorchResult>();
  if (r.error || r.status !== 0) {
    const why = r.error?.message ?? r.stderr.trim().split('\n').pop();
    console.log(`PyTorch comparison skipped: ${why}`);
    return out;
  }
  for (const line of r.stdout.split('\n')) {
    if (!line.startsWith('{')) continue;
    const res = JSON.parse(line) as TorchResult & { skipped?: string };
    if (res.skipped) console.log(`PyTorch: ${res.skipped}`);
    else out.set(res.model, res);
  }
  return out;
}

function flag(args: string[], name: string): string | undefined {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
}

export async function runBench(args: string[]): Promise<TrainBenchRow[]> {
  const modelKeys = (flag(args, 'models') ?? Object.keys(MODELS).join(',')).split(',');
  const backendsArg = flag(args, 'backends');
  const backends = (backendsArg ?? BACKENDS.join(',')).split(',') as BenchBackend[];
  const batch = Number(flag(args, 'batch') ?? 32);
  const seconds = Number(flag(args, 'seconds') ?? 4);
  const profile = args.includes('--profile');
  for (const b of backends) if (!BACKENDS.includes(b)) throw new Error(`unknown backend "${b}" (expected ${BACKENDS.join(', ')})`);
  const models = modelKeys.map((k) => {
    const m = MODELS[k];
    if (!m) throw new Error(`unknown model "${k}" (expected ${Object.keys(MODELS).join(', ')})`);
    return m;
  });
  tf.env().set('PROD', true);
  const rows: TrainBenchRow[] = [];
  for (const m of models) {
    for (const b of backends) {
      if (b === 'cpu' && m.heavy && !backendsArg) continue;
      console.log(`measuring ${m.name} ${m.nLeads}x${m.nSamples} batch ${batch} on ${b} ...`);
      rows.push(await measure(m, b, batch, seconds, profile));
    }
  }
  const torch = args.includes('--no-torch') ? new Map<string, TorchResult>() : runTorch(models, batch, seconds);
  for (const r of rows) {
    const t = torch.get(r.model);
    if (!t) continue;
    r.torch_train_samples_per_s = t.train_samples_per_s;
    r.torch_infer_samples_per_s = t.infer_samples_per_s;
    r.train_ratio_vs_torch = r.train_samples_per_s / t.train_samples_per_s;
    r.infer_ratio_vs_torch = r.infer_samples_per_s / t.infer_samples_per_s;
  }
  printTable(rows as unknown as Record<string, unknown>[]);
  return rows;
}
