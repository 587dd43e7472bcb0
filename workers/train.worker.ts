/**
 * Training worker: runs the engine's `runExperiment` off the main thread, and is the page's only door to the
 * engine (spec validation, share-link codec, presets, model summaries) so tfjs never enters the page bundle.
 * Exposed with Comlink; progress comes back through a `Comlink.proxy` callback as arrays of events, coalesced
 * (batch events at most every 100 ms). Pause / resume / cancel act between batches through the engine's RunControl.
 * The tfjs backend is chosen here (webgpu → webgl → wasm → cpu, or as the spec asks) and the one in use reported.
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
import { initBackend, BACKEND_PREFS, type BackendPref } from '../src/core/ml/backend';
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

async function ensureBackend(pref: string): Promise<BackendReport> {
  if (!backendPromise || backendPref !== pref) {
    backendPref = pref;
    backendPromise = initBackend(pref as BackendPref, { wasmPaths }).then((c) => ({ name: c.backend, requested: pref, ...(c.reason ? { reason: c.reason } : {}) }));
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
      return { type: 'epoch', stage: e.stage, epoch: e.epoch + 1, loss: e.loss, valLoss: e.valLoss, metrics: e.metrics, classes: e.metrics.classes, etaS: e.etaSeconds, lr: e.lr };
    case 'batch':
      return { type: 'batch', stage: e.stage, epoch: e.epoch + 1, batch: e.batch + 1, batches: e.nBatches, etaS: e.etaSeconds, runEtaS: e.runEtaSeconds, samplesPerSec: e.samplesPerSec };
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
      return { type: 'stage-end', stage: e.stage, metrics, classes, split: r.split, seconds: r.seconds, bestEpoch: r.bestEpoch !== undefined ? r.bestEpoch + 1 : undefined, stoppedEarly: r.stoppedEarly };
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
        skipBackendInit: true,
        onEvent: (ev) => {
          const live = toLiveEvent(ev, spec);
          if (live) sink.push(live);
        },
        onModel: (stage, model) => {
          models.get(stage)?.dispose();
          models.set(stage, model);
        },
      });
      // The runner reports tf.getBackend() when the host initialised it: keep the fallback reason we know.
      results.backend = { backend: backend.name, ...(backend.reason ? { reason: backend.reason } : {}) };
      return { results, backend };
    } catch (e) {
      // A cancelled or failed run keeps no half-trained models. The runner does not dispose the model of the
      // stage it was in when cancelled (nor its optimizer state), so every variable left is freed here: after a
      // failed run the worker holds no model at all.
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
