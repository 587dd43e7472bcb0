/**
 * Training worker: runs the engine's `runExperiment` off the main thread, and is the page's only door to the
 * engine (spec validation, share-link codec, presets, model summaries) so tfjs never enters the page bundle.
 * Exposed with Comlink; progress comes back through a `Comlink.proxy` callback as arrays of events, coalesced
 * (batch events at most every 100 ms). Pause / resume / cancel act between batches through the engine's RunControl.
 * The tfjs backend is chosen here and the one in use reported: 'auto' times one small training step on each
 * available backend (wasm, webgl, webgpu) once per worker lifetime and keeps the fastest (issue 7); a named
 * backend is used as asked, falling back webgpu → webgl → wasm → cpu with the reason.
 */
import * as Comlink from 'comlink';
import * as tf from '@tensorflow/tfjs';
import {
  decodeSpec,
  DEFAULT_PRESET,
  describeExperiment,
  encodeSpec,
  parseSpec,
  PRESET_NAMES,
  presetSpec,
  RunControl,
  runExperiment,
  SpecError,
  type ExperimentSpec,
  type RunEvent,
  type RunResults,
  type StageSpec,
} from '../src/core/experiment';
import { EPOCH_BASE } from '../src/core/experiment';
/** Live events count epochs from 1; the engine's events already do when EPOCH_BASE is 1. */
const TO_LIVE_EPOCH = 1 - EPOCH_BASE;
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { initBackend, useUnsharedWasmHeap, BACKEND_PREFS, type BackendPref } from '../src/core/ml/backend';
import type { KernelThreadsInfo } from '../src/core/ml/kernels/threads';
import { startBrowserKernelThreads } from './kernelThreads';
import { pickFastestBackend, type PickResult } from '../src/core/ml/kernels';
import { buildModel } from '../src/core/ml/models';
import { wasmPaths } from '../src/core/ml/wasmPaths.browser';
import { summarizeModel, TYPICAL_GFLOPS, type ModelSummary } from '../src/core/ml/summary';
import { MODEL_KINDS } from '../src/core/ml/models';
import { TRANSFER_MODES } from '../src/core/ml/transfer';
import { REGRESSION_TARGETS, type EcgDataset } from '../src/core/data/dataset';
import type { LiveEvent } from '../src/ui/results/liveRun';
import type { ExperimentPlan } from '../src/core/experiment';

export interface BackendReport {
  /** The tfjs backend in use: webgpu | webgl | wasm | cpu. */
  name: string;
  /** What the spec asked for (auto or a backend name). */
  requested: string;
  /** Why the preferred backend was not used, when it was not. */
  reason?: string;
  /** 'auto': how the backend was chosen, e.g. "wasm: 12 ms/step vs webgpu 240 ms/step, webgl unavailable (…)". */
  measured?: string;
  /** wasm: threads doing the convolutions (this worker plus kernel helper workers). */
  threads?: number;
  /** wasm on one thread although the machine has more: why (e.g. the page is not cross-origin isolated). */
  threadsNote?: string;
}

/** What the page needs from the engine to build its forms (the page never imports the engine: no tfjs there). */
export interface Catalog {
  presets: Record<string, ExperimentSpec>;
  presetNames: string[];
  defaultPreset: string;
  enums: { backend: string[]; model: string[]; transferMode: string[]; target: string[] };
}

export type Validation = { ok: true; spec: ExperimentSpec } | { ok: false; error: string; path?: string };

export interface SpecDescription {
  backend: BackendReport;
  /** Per training stage: model summary and estimated seconds per epoch (engine's describeExperiment). */
  plan: ExperimentPlan;
}

/** A trained model as tfjs ModelArtifacts (topology + weight specs + one weight buffer). */
export interface ModelFile {
  stage: string;
  modelTopology: unknown;
  weightSpecs: unknown[];
  weightData: ArrayBuffer;
  format?: string;
  generatedBy?: string;
  convertedBy?: string | null;
}

let backendPromise: Promise<BackendReport> | null = null;
let backendPref: string | null = null;
let control: RunControl | null = null;
/** Trained models of the last run, by stage name (kept until the next run). */
let models = new Map<string, tf.LayersModel>();

/** One small training step (tiny CNN, batch 8 × 1000 samples, Adam) on the active backend; reads the loss back. */
async function trainingStep(): Promise<void> {
  const model = buildModel({ kind: 'tiny-cnn', nSamples: 1000, nLeads: 1, nOut: 5, seed: 1 });
  const opt = tf.train.adam(1e-3);
  const x = tf.randomNormal([8, 1000, 1], 0, 1, 'float32', 1);
  const y = tf.tidy(() => tf.oneHot(tf.tensor1d([0, 1, 2, 3, 4, 0, 1, 2], 'int32'), 5));
  try {
    const loss = tf.tidy(() => opt.minimize(() => tf.losses.softmaxCrossEntropy(y, model.apply(x, { training: true }) as tf.Tensor) as tf.Scalar, true) as tf.Scalar);
    await loss.data();
    loss.dispose();
  } finally {
    x.dispose();
    y.dispose();
    opt.dispose();
    model.dispose();
  }
}

/** How 'auto' was resolved, for the badge: "wasm: 12 ms/step vs webgpu 240 ms/step; webgl unavailable (…)". */
export function describePick(pick: PickResult): string {
  const ok = pick.timings.filter((t) => t.msPerStep !== undefined).sort((a, b) => a.msPerStep! - b.msPerStep!);
  const bad = pick.timings.filter((t) => t.msPerStep === undefined);
  const ms = (v: number) => `${v < 10 ? v.toFixed(1) : Math.round(v)} ms/step`;
  const head = ok.length ? `${ok[0].backend}: ${ms(ok[0].msPerStep!)}${ok.length > 1 ? ` vs ${ok.slice(1).map((t) => `${t.backend} ${ms(t.msPerStep!)}`).join(', ')}` : ''}` : '';
  return [head, ...bad.map((t) => `${t.backend} unavailable (${t.error})`)].filter(Boolean).join('; ');
}

/** null when WebGL2 looks usable by a real GPU, else why not (no OffscreenCanvas, no context, software renderer). */
function softwareWebGl(): string | null {
  if (typeof OffscreenCanvas === 'undefined') return 'no OffscreenCanvas in this worker';
  try {
    const ctx = new OffscreenCanvas(1, 1).getContext('webgl2') as WebGL2RenderingContext | null;
    if (!ctx) return 'no WebGL2 context';
    const ext = ctx.getExtension('WEBGL_debug_renderer_info');
    const renderer = String(ext ? ctx.getParameter(ext.UNMASKED_RENDERER_WEBGL) : ctx.getParameter(ctx.RENDERER));
    ctx.getExtension('WEBGL_lose_context')?.loseContext();
    return /swiftshader|llvmpipe|software/i.test(renderer) ? `software renderer: ${renderer}` : null;
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
}

/** null when a hardware WebGPU adapter is available, else why not. */
async function softwareWebGpu(): Promise<string | null> {
  const gpu = (navigator as { gpu?: { requestAdapter(): Promise<{ isFallbackAdapter?: boolean; info?: { vendor?: string; architecture?: string; description?: string } } | null> } }).gpu;
  if (!gpu) return 'navigator.gpu is not available';
  try {
    const a = await gpu.requestAdapter();
    if (!a) return 'no WebGPU adapter';
    const desc = `${a.info?.vendor ?? ''} ${a.info?.architecture ?? ''} ${a.info?.description ?? ''}`.trim();
    if (a.isFallbackAdapter || /swiftshader|llvmpipe|software/i.test(desc)) return `software adapter${desc ? `: ${desc}` : ''}`;
    return null;
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
}

/** 'auto': time one small training step on each available backend (once per worker lifetime), keep the fastest. */
async function measureBackends(): Promise<BackendReport> {
  setWasmPaths(wasmPaths as unknown as string);
  useUnsharedWasmHeap();
  const candidates = ['wasm'];
  const skipped: string[] = [];
  // A software GPU (SwiftShader: headless Chromium, no GPU driver) takes seconds just to compile the warm-up
  // step's shaders and is always slower than wasm, so it is reported and skipped rather than timed.
  const gl = softwareWebGl();
  if (gl === null) candidates.push('webgl');
  else skipped.push(`webgl skipped (${gl})`);
  const gpu = await softwareWebGpu();
  if (gpu === null) {
    try {
      await import('@tensorflow/tfjs-backend-webgpu');
      candidates.push('webgpu');
    } catch (e) {
      skipped.push(`webgpu unavailable (${e instanceof Error ? e.message : String(e)})`);
    }
  } else skipped.push(`webgpu skipped (${gpu})`);
  const pick = await pickFastestBackend(candidates, trainingStep, { reps: 2, maxWarmupMs: 3000 });
  return { name: pick.backend, requested: 'auto', measured: [describePick(pick), ...skipped].join('; ') };
}

let measuredAuto: Promise<BackendReport> | null = null;
let kernelThreads: Promise<KernelThreadsInfo> | null = null;

/**
 * The wasm kernels' helper threads, started once per worker (see kernelThreads.ts for how many; needs the page to be
 * cross-origin isolated, which the lab's servers arrange) before the backend is measured, so 'auto' times wasm as
 * it will train. Results are bit-identical with and without them.
 */
function ensureKernelThreads(): Promise<KernelThreadsInfo> {
  kernelThreads ??= startBrowserKernelThreads().catch((e) => ({ threads: 1, reason: e instanceof Error ? e.message : String(e) }));
  return kernelThreads;
}

function withThreads(r: BackendReport, t: KernelThreadsInfo): BackendReport {
  if (r.name !== 'wasm') return r;
  return { ...r, threads: t.threads, ...(t.reason ? { threadsNote: t.reason } : {}) };
}

async function ensureBackend(pref: string): Promise<BackendReport> {
  if (!backendPromise || backendPref !== pref) {
    backendPref = pref;
    if (pref === 'auto') {
      measuredAuto ??= ensureKernelThreads().then(measureBackends).catch((e) => {
        measuredAuto = null;
        throw e;
      });
      // Measured once per worker; later 'auto' requests re-activate the winner without timing again.
      backendPromise = measuredAuto.then(async (r) => {
        if (tf.getBackend() !== r.name) await initBackend(r.name as BackendPref, { wasmPaths });
        return withThreads(r, await ensureKernelThreads());
      });
    } else
    backendPromise = ensureKernelThreads().then(async (t) => {
      const c = await initBackend(pref as BackendPref, { wasmPaths });
      return withThreads({ name: c.backend, requested: pref, ...(c.reason ? { reason: c.reason } : {}) }, t);
    });
    backendPromise.catch(() => {
      backendPromise = null;
    });
  }
  return backendPromise;
}

function validation(fn: () => ExperimentSpec): Validation {
  try {
    return { ok: true, spec: fn() };
  } catch (e) {
    return { ok: false, error: e instanceof Error ? e.message : String(e), ...(e instanceof SpecError ? { path: e.path } : {}) };
  }
}

function makeSink(onEvents: (evs: LiveEvent[]) => void) {
  let pending: LiveEvent[] = [];
  let lastBatch: LiveEvent | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;
  const flush = () => {
    if (timer) clearTimeout(timer);
    timer = null;
    const out = lastBatch ? [...pending, lastBatch] : pending;
    pending = [];
    lastBatch = null;
    if (out.length) void onEvents(out);
  };
  const push = (ev: LiveEvent) => {
    if (ev.type === 'batch') {
      lastBatch = ev;
      timer ??= setTimeout(flush, 100);
      return;
    }
    // Keep order: a pending batch update belongs before the epoch/stage event.
    if (lastBatch) {
      pending.push(lastBatch);
      lastBatch = null;
    }
    pending.push(ev);
    flush();
  };
  return { push, flush };
}

/** Datasets keyed by the spec's imported source names (matched by fingerprint, then name, then the only one). */
function datasetsBySource(spec: ExperimentSpec, datasets: EcgDataset[]): Record<string, EcgDataset> {
  const out: Record<string, EcgDataset> = {};
  const imported = Object.entries(spec.sources).filter(([, s]) => s.kind === 'imported');
  for (const [key, src] of imported) {
    if (src.kind !== 'imported') continue;
    const d = (src.fingerprint && datasets.find((x) => x.fingerprint === src.fingerprint)) || datasets.find((x) => x.name === src.name) || (imported.length === 1 && datasets.length === 1 ? datasets[0] : undefined);
    if (d) out[key] = d;
  }
  return out;
}

function stageExtras(st: StageSpec | undefined): { target?: string; from?: string; classes?: string[] } {
  if (!st) return {};
  return {
    ...(st.kind === 'pretrain' ? { target: st.targets.join('+') } : {}),
    ...('from' in st ? { from: st.from } : {}),
    ...('task' in st ? { classes: st.task.classes } : {}),
  };
}

/** The engine's RunEvent → the UI's LiveEvent (the one place where engine field names are adapted). */
export function toLiveEvent(e: RunEvent, spec: ExperimentSpec): LiveEvent | null {
  const stageOf = (name: string) => spec.stages.find((s) => s.name === name);
  switch (e.type) {
    case 'run-start':
      return { type: 'plan', backend: e.backend, stages: e.stages.map((x) => ({ name: x.name, kind: x.kind, ...stageExtras(stageOf(x.name)) })) };
    case 'stage-start':
      return { type: 'stage-start', stage: e.stage, kind: e.kind, ...stageExtras(stageOf(e.stage)), epochs: e.epochs, split: e.split, estimatedS: e.estimatedSeconds, params: e.model.trainableParams };
    case 'epoch':
      return { type: 'epoch', stage: e.stage, epoch: e.epoch + TO_LIVE_EPOCH, loss: e.loss, valLoss: e.valLoss, metrics: e.metrics, classes: e.metrics.classes, etaS: e.etaSeconds, lr: e.lr };
    case 'batch':
      return { type: 'batch', stage: e.stage, epoch: e.epoch + TO_LIVE_EPOCH, batch: e.batch + 1, batches: e.nBatches, etaS: e.etaSeconds, runEtaS: e.runEtaSeconds, samplesPerSec: e.samplesPerSec };
    case 'data-progress':
      return { type: 'data', source: e.source, done: e.done, total: e.total };
    case 'stage-end': {
      const r = e.result;
      const metrics = { ...r.metrics } as { val?: Record<string, unknown>; test?: Record<string, unknown> };
      if (r.roc && metrics.test) {
        const aucs = (metrics.test.per_class_auc as number[] | undefined) ?? [];
        metrics.test = { ...metrics.test, roc: r.roc.curves.map((points, i) => ({ className: r.roc!.classes[i], auc: aucs[i] ?? NaN, points })) };
      }
      const classes = (r.metrics.test?.classes ?? r.metrics.val?.classes) as string[] | undefined;
      return { type: 'stage-end', stage: e.stage, metrics, classes, split: r.split, seconds: r.seconds, bestEpoch: r.bestEpoch !== undefined ? r.bestEpoch + TO_LIVE_EPOCH : undefined, stoppedEarly: r.stoppedEarly, ...(r.predictions ? { predictions: r.predictions } : {}), ...(r.targets ? { targets: r.targets } : {}) };
    }
    case 'log':
      return { type: 'log', text: e.message, level: e.level };
    case 'error':
      return { type: 'log', text: e.cancelled ? 'run cancelled' : `error${e.stage ? ` in stage ${e.stage}` : ''}: ${e.message}`, level: e.cancelled ? 'info' : 'warn' };
    default:
      return null;
  }
}

function disposeModels(): void {
  for (const m of models.values()) m.dispose();
  models = new Map();
}

const api = {
  /** Presets, field choices and the default preset: what the page needs to build its forms without the engine. */
  catalog(): Catalog {
    const presets: Record<string, ExperimentSpec> = {};
    for (const n of PRESET_NAMES) presets[n] = presetSpec(n);
    return {
      presets,
      presetNames: [...PRESET_NAMES],
      defaultPreset: DEFAULT_PRESET,
      enums: { backend: [...BACKEND_PREFS], model: [...MODEL_KINDS], transferMode: [...TRANSFER_MODES], target: [...REGRESSION_TARGETS] },
    };
  },

  /** parseSpec: the validated spec, or the error naming the field. */
  validate(spec: unknown): Validation {
    return validation(() => parseSpec(spec));
  },

  /** Share-link payload of a spec (validated first; local paths dropped by the codec). */
  encode(spec: unknown): { ok: true; encoded: string } | { ok: false; error: string } {
    const v = validation(() => parseSpec(spec));
    if (!v.ok) return v;
    return { ok: true, encoded: encodeSpec(v.spec as ExperimentSpec) };
  },

  decode(s: string): Validation {
    return validation(() => decodeSpec(s));
  },

  /** Initialise (or switch) the tfjs backend; returns the one actually in use and why a fallback happened. */
  async init(pref: string): Promise<BackendReport> {
    return ensureBackend(pref);
  },

  /** Model summaries and a cost-per-epoch estimate for a spec, before running it. */
  async describe(specIn: unknown, datasets: EcgDataset[]): Promise<SpecDescription> {
    const spec = parseSpec(specIn);
    const backend = await ensureBackend(spec.backend);
    const plan = describeExperiment(spec, datasetsBySource(spec, datasets), backend.name, TYPICAL_GFLOPS[backend.name]);
    return { backend, plan };
  },

  /** Runs the whole experiment; events stream through `onEvents`. Resolves with the results. */
  async run(specIn: unknown, datasets: EcgDataset[], onEvents: (evs: LiveEvent[]) => void): Promise<{ results: RunResults; backend: BackendReport }> {
    disposeModels();
    control = new RunControl();
    const sink = makeSink(onEvents);
    try {
      const spec = parseSpec(specIn);
      const backend = await ensureBackend(spec.backend);
      const results = await runExperiment(spec, {
        datasets: datasetsBySource(spec, datasets),
        control,
        // The backend is initialised (or measured) here; the runner records it with its fallback reason.
        backend: { backend: backend.name, ...(backend.reason ? { reason: backend.reason } : {}), ...(backend.threads ? { threads: backend.threads } : {}) },
        onEvent: (ev) => {
          const live = toLiveEvent(ev, spec);
          if (live) sink.push(live);
        },
        onModel: (stage, model) => {
          models.get(stage)?.dispose();
          models.set(stage, model);
        },
      });
      // Add how 'auto' measured its choice (the runner knows only the backend and its reason).
      results.backend = {
        backend: backend.name,
        ...(backend.reason ? { reason: backend.reason } : {}),
        ...(backend.measured ? { measured: backend.measured } : {}),
        ...(backend.threads ? { threads: backend.threads } : {}),
        ...(backend.threadsNote ? { threadsNote: backend.threadsNote } : {}),
      };
      return { results, backend };
    } catch (e) {
      // A cancelled or failed run keeps no half-trained models: the runner disposes the stage it was in, and the
      // finished stages' models handed out through onModel are freed here, so the worker holds no model at all.
      disposeModels();
      tf.disposeVariables();
      throw e;
    } finally {
      sink.flush();
      control = null;
    }
  },

  pause(): void {
    control?.pause();
  },
  resume(): void {
    control?.resume();
  },
  cancel(): void {
    control?.cancel();
  },

  /** Stage names whose trained model is available for export. */
  modelStages(): string[] {
    return [...models.keys()];
  },

  /** tfjs artifacts of a trained model (model.save to an in-memory IOHandler), weights transferred, not copied. */
  async exportModel(stage: string): Promise<ModelFile | null> {
    const m = models.get(stage);
    if (!m) return null;
    let saved: tf.io.ModelArtifacts | null = null;
    await m.save(
      tf.io.withSaveHandler(async (artifacts) => {
        saved = artifacts;
        return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
      }),
    );
    const a = saved as tf.io.ModelArtifacts | null;
    if (!a) return null;
    const wd = a.weightData;
    const buf = Array.isArray(wd) ? concatBuffers(wd) : ((wd as ArrayBuffer | undefined) ?? new ArrayBuffer(0));
    const file: ModelFile = {
      stage,
      modelTopology: a.modelTopology,
      weightSpecs: (a.weightSpecs ?? []) as unknown[],
      weightData: buf,
      format: a.format,
      generatedBy: a.generatedBy,
      convertedBy: a.convertedBy,
    };
    return Comlink.transfer(file, [buf]);
  },

  /** Drops the trained models of the last run (after they were stored). */
  releaseModels(): void {
    disposeModels();
  },

  /** tfjs memory (tensor count / bytes) and models held, to check nothing leaks across runs. */
  memory(): { numTensors: number; numBytes: number; backend: string; modelsHeld: number } {
    const m = tf.memory();
    return { numTensors: m.numTensors, numBytes: m.numBytes, backend: tf.getBackend(), modelsHeld: models.size };
  },

  summarize(stage: string): ModelSummary | null {
    const m = models.get(stage);
    return m ? summarizeModel(m) : null;
  },
};

function concatBuffers(bufs: ArrayBuffer[]): ArrayBuffer {
  const total = bufs.reduce((a, b) => a + b.byteLength, 0);
  const out = new Uint8Array(total);
  let o = 0;
  for (const b of bufs) {
    out.set(new Uint8Array(b), o);
    o += b.byteLength;
  }
  return out.buffer;
}

export type TrainWorkerApi = typeof api;

Comlink.expose(api);
