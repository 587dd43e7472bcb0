/**
 * Training / inference throughput per backend. `npm run bench -- train [flags]`
 *   --models ref,inception1d-small,resnet1d,resnet1d-deep,tiny-cnn,inception1d  which models (default: all)
 *   --backends cpu,wasm,wasm+kernels                       which tfjs backends (default: all; cpu only for light models)
 *   --batch 32  --seconds 4 (time budget per measurement)  --profile (per-kernel times of one train and one
 *       inference step)
 *   --relaxed-simd (Node: turn on V8's --experimental-wasm-relaxed-simd, so the kernels load their relaxed-SIMD
 *       build with fused multiply-add, as Chromium ≥ 114 does by default; rows say "+relaxed")
 *   --stock-adam (wasm+kernels rows use tf.train.adam instead of fusedAdam, the lab's default optimizer;
 *       the stock "wasm" baseline always uses tf.train.adam)
 *   --threads 1,2 (wasm+kernels rows per kernel-thread count; default 1 and all cores. Rows with more than one
 *       thread are timed on the wall clock whatever --clock says, and also compared with PyTorch on as many threads)
 *   --no-torch (skip the PyTorch comparison)   --clock wall|cpu (default wall; cpu = process CPU time, Node and
 *       PyTorch alike — use on a loaded machine; the Chromium-worker rows are always wall time)
 *   --samples 1000 (input length of the zoo models, Node, Chromium and PyTorch alike; ref stays at 1000)
 *   --torch-device cuda (also time PyTorch on its GPU: torch_cuda_* columns; default: CPU only)
 *   --browser-backends wasm,wasm+kernels,webgl,webgpu   Chromium-worker rows (when /usr/bin/chromium or
 *       $CHROMIUM_PATH exists); --browser-models ref,tiny-cnn,… which models get them (default: ref when it is among
 *       --models); --no-browser skips them
 * "wasm" is stock tfjs-wasm plus only the Conv2DBackpropFilter it lacks (the baseline);
 * "wasm+kernels" is wasm with all of src/core/ml/kernels registered.
 * Rows: model, input, batch, backend, host, train/infer samples/s, ms_per_step, and the PyTorch figures
 * (bench/torch_train.py, 1 thread) with ratios when python3 with torch is available.
 */
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { spawnSync } from 'node:child_process';
import { cpus, loadavg } from 'node:os';
import { setFlagsFromString } from 'node:v8';
import { fileURLToPath } from 'node:url';
import { buildModel, type ModelKind } from '../src/core/ml/models';
import { fusedAdam, registerWasmKernels, simdVariant } from '../src/core/ml/kernels';
import { stopKernelThreads } from '../src/core/ml/kernels/threads';
import { startNodeKernelThreads } from '../cli/kernelThreads';
import { availableParallelism } from 'node:os';
import { foldedPredictor } from '../src/core/ml/infer';

import { printTable } from './table';
import { buildReferenceModel, makeBatch, trainStep } from './browser/referenceModel';
import { chromiumPath, runInChromium } from './browser/run';

export interface TrainBenchRow {
  model: string;
  input: string;
  batch: number;
  backend: string;
  host: string;
  /** Threads doing kernel work (wasm+kernels with kernel threads; 1 otherwise). */
  threads: number;
  /** 'wall' or 'cpu' (process CPU time; see --clock) */
  clock: string;
  train_samples_per_s: number;
  infer_samples_per_s: number;
  ms_per_step: number;
  torch_train_samples_per_s?: number;
  torch_infer_samples_per_s?: number;
  train_ratio_vs_torch?: number;
  infer_ratio_vs_torch?: number;
  /** threads > 1: PyTorch with as many threads, and the ratios to it. */
  torch_same_threads_train_samples_per_s?: number;
  torch_same_threads_infer_samples_per_s?: number;
  train_ratio_vs_torch_same_threads?: number;
  infer_ratio_vs_torch_same_threads?: number;
  /** --torch-device cuda: PyTorch on its GPU, and the ratios to it. */
  torch_cuda_train_samples_per_s?: number;
  torch_cuda_infer_samples_per_s?: number;
  train_ratio_vs_torch_cuda?: number;
  infer_ratio_vs_torch_cuda?: number;
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

export { buildReferenceModel };

/** Input length of the zoo models (`--samples`; the reference model stays at 1000). */
let zooSamples = 1000;

function zoo(kind: ModelKind, heavy: boolean, nLeads = 8): BenchModel {
  return {
    name: kind,
    get nSamples() {
      return zooSamples;
    },
    nLeads,
    nOut: 5,
    heavy,
    build: () => buildModel({ kind, nSamples: zooSamples, nLeads, nOut: 5, seed: 1 }),
  };
}

const MODELS: Record<string, BenchModel> = {
  ref: { name: 'ref-4xconv32', nSamples: 1000, nLeads: 1, nOut: 5, heavy: false, build: () => buildReferenceModel() },
  'inception1d-small': zoo('inception1d-small', true),
  resnet1d: zoo('resnet1d', true),
  'resnet1d-deep': zoo('resnet1d-deep', true), // the presets' regression model (paper-synthetic-to-real, real-intervals)
  'tiny-cnn': zoo('tiny-cnn', true, 1), // the teaching preset's model (single lead)
  inception1d: zoo('inception1d', true),
};

const BACKENDS = ['cpu', 'wasm', 'wasm+kernels'] as const;
type BenchBackend = (typeof BACKENDS)[number];

async function useBackend(b: BenchBackend): Promise<void> {
  await tf.setBackend(b === 'cpu' ? 'cpu' : 'wasm');
  await tf.ready();
  if (b !== 'cpu') registerWasmKernels({ set: b === 'wasm' ? 'required' : 'all' });
}

function batchFor(m: BenchModel, batch: number): { x: tf.Tensor3D; y: tf.Tensor2D } {
  return makeBatch(m.nSamples, m.nLeads, m.nOut, batch);
}

/** Which clock turns step times into samples/s: wall time, or this process's CPU time (robust on a shared,
 * overloaded machine: single-threaded wasm/PyTorch-1-thread CPU time ≈ uncontended wall time). */
type Clock = 'wall' | 'cpu';
let clock: Clock = 'wall';
/** wasm+kernels rows train with fusedAdam, as the lab does (src/core/ml/train.ts); --stock-adam: tf.train.adam. */
let useFusedAdam = true;

function cpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

/** Mean ms per call of `fn` on the chosen clock, repeated for `seconds` of wall time and at least minReps times. */
function timeIt(seconds: number, minReps: number, fn: () => void, clockFor: Clock = clock): number {
  const t0 = performance.now();
  const c0 = cpuMs();
  let reps = 0;
  while (reps < minReps || performance.now() - t0 < seconds * 1000) {
    fn();
    reps++;
  }
  return (clockFor === 'cpu' ? cpuMs() - c0 : performance.now() - t0) / reps;
}

async function profileStep(model: tf.LayersModel, opt: tf.Optimizer, x: tf.Tensor, y: tf.Tensor, what: 'train' | 'infer' = 'train'): Promise<void> {
  const info = await tf.profile(() =>
    what === 'train' ? trainStep(model, opt, x, y) : tf.tidy(() => void (model.predict(x) as tf.Tensor).dataSync()),
  );
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
  console.log(`  per-kernel time of one ${what} step (${info.kernels.length} kernel calls, ${total.toFixed(1)} ms in kernels):`);
  printTable(rows);
}

async function measure(m: BenchModel, backend: BenchBackend, batch: number, seconds: number, profile: boolean, threads = 1): Promise<TrainBenchRow> {
  await useBackend(backend);
  stopKernelThreads();
  if (threads > 1) {
    const info = await startNodeKernelThreads(threads);
    if (info.threads !== threads) throw new Error(`kernel threads: ${info.threads} of ${threads} (${info.reason})`);
  }
  // CPU time sums over threads: multi-threaded rows are timed on the wall clock
  const rowClock: Clock = threads > 1 ? 'wall' : clock;
  const model = m.build();
  const fused = useFusedAdam && backend === 'wasm+kernels';
  const opt = fused ? fusedAdam(1e-3) : tf.train.adam(1e-3);
  const { x, y } = batchFor(m, batch);
  trainStep(model, opt, x, y); // warm-up (kernel set-up, optimizer slots)
  const minReps = backend === 'cpu' ? 1 : 3;
  const msStep = timeIt(seconds, minReps, () => trainStep(model, opt, x, y), rowClock);
  const folded = foldedPredictor(model); // BN folded (src/core/ml/infer.ts)
  const msInfer = timeIt(seconds / 2, minReps, () => tf.tidy(() => folded.predict(x).dataSync()), rowClock);
  folded.dispose();
  if (profile) {
    await profileStep(model, opt, x, y);
    await profileStep(model, opt, x, y, 'infer');
  }
  tf.dispose([x, y]);
  opt.dispose();
  model.dispose();
  stopKernelThreads();
  return {
    model: m.name,
    input: `${m.nLeads}x${m.nSamples}`,
    batch,
    backend: `${backend}${backend === 'wasm+kernels' && simdVariant() === 'relaxed-simd' ? '+relaxed' : ''}${backend === 'wasm+kernels' && !fused ? '+stockAdam' : ''}`,
    host: 'Node',
    threads,
    clock: rowClock,
    train_samples_per_s: (batch * 1000) / msStep,
    infer_samples_per_s: (batch * 1000) / msInfer,
    ms_per_step: msStep,
  };
}

interface TorchResult { model: string; train_samples_per_s: number; infer_samples_per_s: number }

function runTorch(models: BenchModel[], batch: number, seconds: number, threads = 1, device: 'cpu' | 'cuda' = 'cpu'): Map<string, TorchResult> {
  const script = fileURLToPath(new URL('./torch_train.py', import.meta.url));
  const names = models.map((m) => m.name).join(',');
  // the first python with torch (e.g. Debian's /usr/bin/python3 with python3-torch when a pyenv shim comes first)
  const python = ['python3', '/usr/bin/python3'].find((py) => spawnSync(py, ['-c', 'import torch'], { stdio: 'ignore' }).status === 0) ?? 'python3';
  const args = [script, '--models', names, '--batch', String(batch), '--seconds', String(seconds), '--threads', String(threads), '--clock', threads > 1 || device !== 'cpu' ? 'wall' : clock, '--samples', String(zooSamples), '--device', device];
  const r = spawnSync(python, args, {
    encoding: 'utf8',
    env: { ...process.env, OMP_NUM_THREADS: String(threads), MKL_NUM_THREADS: String(threads) },
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
  zooSamples = Number(flag(args, 'samples') ?? 1000);
  if (!Number.isInteger(zooSamples) || zooSamples < 64) throw new Error(`bad --samples "${flag(args, 'samples')}" (an integer ≥ 64)`);
  const torchDevice = flag(args, 'torch-device') ?? 'cpu';
  if (torchDevice !== 'cpu' && torchDevice !== 'cuda') throw new Error(`unknown --torch-device "${torchDevice}" (expected cpu, cuda)`);
  const profile = args.includes('--profile');
  clock = (flag(args, 'clock') ?? 'wall') as Clock;
  useFusedAdam = !args.includes('--stock-adam');
  const cores = availableParallelism();
  const threadCounts = (flag(args, 'threads') ?? [...new Set([1, cores])].join(',')).split(',').map(Number);
  for (const t of threadCounts) if (!Number.isInteger(t) || t < 1) throw new Error(`bad --threads entry "${t}" (positive integers)`);
  if (args.includes('--relaxed-simd')) setFlagsFromString('--experimental-wasm-relaxed-simd');
  if (clock !== 'wall' && clock !== 'cpu') throw new Error(`unknown clock "${clock}" (expected wall, cpu)`);
  const load = loadavg()[0];
  if (clock === 'wall' && load > cpus().length) console.log(`note: load average ${load.toFixed(1)} on ${cpus().length} cores; wall-clock figures will be low (try --clock cpu)`);
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
      for (const t of b === 'wasm+kernels' ? threadCounts : [1]) {
        console.log(`measuring ${m.name} ${m.nLeads}x${m.nSamples} batch ${batch} on ${b}${t > 1 ? ` with ${t} kernel threads` : ''} ...`);
        rows.push(await measure(m, b, batch, seconds, profile, t));
      }
    }
  }
  const browserBackends = (flag(args, 'browser-backends') ?? 'wasm,wasm+kernels,webgl,webgpu').split(',');
  const browserModels = (flag(args, 'browser-models') ?? (modelKeys.includes('ref') ? 'ref' : '')).split(',').filter(Boolean);
  for (const k of browserModels) if (!MODELS[k]) throw new Error(`unknown browser model "${k}" (expected ${Object.keys(MODELS).join(', ')})`);
  if (browserModels.length && !args.includes('--no-browser')) {
    console.log(`measuring ${browserModels.join(', ')} in a Chromium Web Worker (${chromiumPath()}) on ${browserBackends.join(', ')} ...`);
    try {
      const reply = await runInChromium({ backends: browserBackends, batch, seconds, pick: args.includes('--pick'), threads: threadCounts, models: browserModels, samples: zooSamples });
      if (!reply) console.log('Chromium worker rows skipped: no Chromium at ' + chromiumPath());
      for (const r of reply?.rows ?? []) {
        if (r.error) {
          console.log(`  Chromium worker ${r.model} ${r.backend}${(r.threads ?? 1) > 1 ? ` (${r.threads} threads)` : ''}: ${r.error}`);
          continue;
        }
        rows.push({
          model: r.model,
          input: r.input,
          batch,
          backend: r.backend === 'webgl' || r.backend === 'webgpu' ? `${r.backend} (SwiftShader)` : r.backend,
          host: 'Chromium worker',
          threads: r.threads ?? 1,
          clock: 'wall',
          train_samples_per_s: r.train_samples_per_s!,
          infer_samples_per_s: r.infer_samples_per_s!,
          ms_per_step: r.ms_per_step!,
        });
      }
      if (reply?.pick) console.log(`  pickFastestBackend in the worker chose ${reply.pick.backend}: ${JSON.stringify(reply.pick.timings)}`);
    } catch (e) {
      console.log(`Chromium worker rows failed: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
  const noTorch = args.includes('--no-torch');
  const torchBy = new Map<number, Map<string, TorchResult>>();
  const torchModels = [...new Set([...models, ...browserModels.map((k) => MODELS[k]).filter((m) => m !== undefined)])];
  for (const t of new Set([1, ...rows.map((r) => r.threads)])) torchBy.set(t, noTorch ? new Map() : runTorch(torchModels, batch, seconds, t));
  const cuda = noTorch || torchDevice !== 'cuda' ? new Map<string, TorchResult>() : runTorch(torchModels, batch, seconds, 1, 'cuda');
  for (const r of rows) {
    const g = cuda.get(r.model);
    if (g) {
      r.torch_cuda_train_samples_per_s = g.train_samples_per_s;
      r.torch_cuda_infer_samples_per_s = g.infer_samples_per_s;
      r.train_ratio_vs_torch_cuda = r.train_samples_per_s / g.train_samples_per_s;
      r.infer_ratio_vs_torch_cuda = r.infer_samples_per_s / g.infer_samples_per_s;
    }
    const t = torchBy.get(1)!.get(r.model);
    if (t) {
      r.torch_train_samples_per_s = t.train_samples_per_s;
      r.torch_infer_samples_per_s = t.infer_samples_per_s;
      r.train_ratio_vs_torch = r.train_samples_per_s / t.train_samples_per_s;
      r.infer_ratio_vs_torch = r.infer_samples_per_s / t.infer_samples_per_s;
    }
    const same = r.threads > 1 ? torchBy.get(r.threads)?.get(r.model) : undefined;
    if (same) {
      r.torch_same_threads_train_samples_per_s = same.train_samples_per_s;
      r.torch_same_threads_infer_samples_per_s = same.infer_samples_per_s;
      r.train_ratio_vs_torch_same_threads = r.train_samples_per_s / same.train_samples_per_s;
      r.infer_ratio_vs_torch_same_threads = r.infer_samples_per_s / same.infer_samples_per_s;
    }
  }
  printTable(rows as unknown as Record<string, unknown>[]);
  return rows;
}
