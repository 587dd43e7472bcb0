/**
 * Training worker: runs the engine's `runExperiment` off the main thread. Exposed with Comlink; progress comes back
 * through a `Comlink.proxy` callback as arrays of events, coalesced (batch events at most every 100 ms) so the
 * page is never flooded. Pause / resume / cancel act between batches through the engine's RunControl.
 * The tfjs backend is chosen here (webgpu → webgl → wasm → cpu, or as the spec asks) and the one in use reported.
 */
import * as Comlink from 'comlink';
import * as tf from '@tensorflow/tfjs';
import { initBackend, type BackendPref } from '../src/core/ml/backend';
import { wasmPaths } from '../src/core/ml/wasmPaths.browser';
import { RunControl } from '../src/core/ml/control';
import { summarizeModel, estimateEpochSeconds, TYPICAL_GFLOPS, type ModelSummary } from '../src/core/ml/summary';
import type { EcgDataset } from '../src/core/data/dataset';
import { buildModel, type ModelKind } from '../src/core/ml/models';
import type { LiveEvent, RunResultsLike } from '../src/ui/results/liveRun';

export interface BackendReport {
  name: string;
  requested: string;
  reason?: string;
}

export interface SpecDescription {
  backend: BackendReport;
  /** Summary of each distinct model the run will train (name → summary). */
  models: { stage: string; summary: ModelSummary }[];
  /** Estimated seconds per epoch of the heaviest stage on the backend in use. */
  epochSeconds: number | null;
  trainRecords: number | null;
}

export interface ModelFile {
  stage: string;
  modelTopology: unknown;
  weightSpecs: unknown[];
  weightData: ArrayBuffer;
  format?: string;
  generatedBy?: string;
  convertedBy?: string | null;
}

/** The engine's runner (soft import until src/core/experiment lands; the run fails with a clear message). */
interface EngineRunner {
  parseSpec(json: unknown): unknown;
  runExperiment(spec: never, opts: never): Promise<unknown>;
}
const engineMod = Object.values(import.meta.glob('../src/core/experiment/index.ts', { eager: true }))[0] as Partial<EngineRunner> | undefined;
function engine(): EngineRunner {
  if (!engineMod?.runExperiment || !engineMod.parseSpec) throw new Error('The experiment engine (src/core/experiment) is not part of this build yet.');
  return engineMod as EngineRunner;
}
const parseSpec = (json: unknown) => engine().parseSpec(json);

let backendPromise: Promise<BackendReport> | null = null;
let backendPref: string | null = null;
let control: RunControl | null = null;
/** Trained models of the last run, by stage name (kept until the next run). */
let models = new Map<string, tf.LayersModel>();

async function ensureBackend(pref: string): Promise<BackendReport> {
  if (!backendPromise || backendPref !== pref) {
    backendPref = pref;
    backendPromise = initBackend(pref as BackendPref, { wasmPaths }).then((c) => ({ name: c.backend, requested: pref, reason: c.reason }));
    backendPromise.catch(() => {
      backendPromise = null;
    });
  }
  return backendPromise;
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

const api = {
  /** Initialise (or switch) the tfjs backend; returns the one actually in use and why a fallback happened. */
  async init(pref: string): Promise<BackendReport> {
    return ensureBackend(pref);
  },

  /** Model summaries and a cost-per-epoch estimate for a spec, before running it. */
  async describe(spec: unknown, datasets: EcgDataset[]): Promise<SpecDescription> {
    const d = await describeSpec(spec, datasets);
    const heaviest = d.models.reduce<ModelSummary | null>((a, m) => (!a || m.summary.flopsPerSample > a.flopsPerSample ? m.summary : a), null);
    const gflops = TYPICAL_GFLOPS[d.backend.name] ?? 1;
    return {
      ...d,
      epochSeconds: heaviest && d.trainRecords ? estimateEpochSeconds(heaviest.flopsPerSample, d.trainRecords, gflops, Math.round(d.trainRecords * 0.25)) : null,
    };
  },

  /** Runs the whole experiment; events stream through `onEvents`. Resolves with the results. */
  async run(spec: unknown, datasets: EcgDataset[], onEvents: (evs: LiveEvent[]) => void): Promise<{ results: RunResultsLike; backend: BackendReport }> {
    for (const m of models.values()) m.dispose();
    models = new Map();
    control = new RunControl();
    const sink = makeSink(onEvents);
    try {
      const parsed = parseSpec(spec);
      const backend = await ensureBackend(backendPrefOf(parsed));
      const results = await engine().runExperiment(parsed as never, {
        datasets,
        control,
        onEvent: (ev: unknown) => {
          const live = toLiveEvent(ev);
          if (live) sink.push(live);
        },
        onModel: (stage: string, model: tf.LayersModel) => {
          models.get(stage)?.dispose();
          models.set(stage, model);
        },
      } as never);
      return { results: results as unknown as RunResultsLike, backend };
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
    const buf = Array.isArray(wd) ? concatBuffers(wd) : (wd as ArrayBuffer | undefined) ?? new ArrayBuffer(0);
    const file: ModelFile = {
      stage,
      modelTopology: a.modelTopology,
      weightSpecs: a.weightSpecs ?? [],
      weightData: buf,
      format: a.format,
      generatedBy: a.generatedBy,
      convertedBy: a.convertedBy,
    };
    return Comlink.transfer(file, [buf]);
  },

  /** tfjs memory (tensor count / bytes), to check nothing leaks across runs. */
  memory(): { numTensors: number; numBytes: number; backend: string } {
    const m = tf.memory();
    return { numTensors: m.numTensors, numBytes: m.numBytes, backend: tf.getBackend() };
  },

  summarize(stage: string): ModelSummary | null {
    const m = models.get(stage);
    return m ? summarizeModel(m) : null;
  },
};

type Obj = Record<string, unknown>;
const num = (...v: unknown[]) => v.find((x): x is number => typeof x === 'number' && Number.isFinite(x));
const str = (...v: unknown[]) => v.find((x): x is string => typeof x === 'string');

function backendPrefOf(spec: unknown): string {
  const s = spec as Obj;
  return str(s.backend, (s.training as Obj | undefined)?.backend, (s.runtime as Obj | undefined)?.backend) ?? 'auto';
}

/** The engine's RunEvent → the UI's LiveEvent (one place to adapt field names). */
function toLiveEvent(raw: unknown): LiveEvent | null {
  const e = raw as Obj;
  const stage = str(e.stage, e.stageName, (e.stage as Obj | undefined)?.name) ?? '';
  switch (e.type) {
    case 'run-start':
      return { type: 'plan', stages: ((e.stages as Obj[] | undefined) ?? []).map((x) => ({ name: String(x.name), kind: String(x.kind) })) };
    case 'stage-start':
      return { type: 'stage-start', stage, kind: str(e.kind) ?? 'stage', target: str(e.target), from: str(e.from), epochs: num(e.epochs, e.maxEpochs, e.nEpochs), classes: e.classes as string[] | undefined, plan: e.plan as never };
    case 'epoch': {
      const m = { ...((e.metrics as Obj) ?? {}), ...((e.val as Obj) ?? {}) };
      for (const k of ['confusion', 'roc', 'accuracy', 'macro_auc', 'macro_f1', 'mae_hr_bpm', 'mae_pr_ms', 'mae_qrs_ms', 'mae_qt_ms']) if (e[k] !== undefined && m[k] === undefined) m[k] = e[k];
      return { type: 'epoch', stage, epoch: num(e.epoch) ?? 0, loss: num(e.loss), valLoss: num(e.valLoss, e.val_loss), metrics: m, classes: e.classes as string[] | undefined };
    }
    case 'batch':
    case 'progress':
      return { type: 'batch', stage, epoch: num(e.epoch) ?? 0, batch: num(e.batch) ?? 0, batches: num(e.batches, e.nBatches) ?? 0, etaS: num(e.etaSeconds, e.etaS, e.eta), runEtaS: num(e.runEtaSeconds, e.runEtaS) };
    case 'stage-end': {
      const r = (e.result as Obj | undefined) ?? e;
      const metrics = { ...((r.metrics as Obj) ?? {}) } as { val?: Obj; test?: Obj };
      const roc = r.roc as { classes: string[]; curves: { fpr: number; tpr: number }[][] } | undefined;
      if (roc && metrics.test) {
        const aucs = (metrics.test.per_class_auc as number[] | undefined) ?? [];
        metrics.test = { ...metrics.test, roc: roc.curves.map((points, i) => ({ className: roc.classes[i], auc: aucs[i] ?? NaN, points })) };
      }
      const classes = (metrics.test?.classes ?? metrics.val?.classes) as string[] | undefined;
      return { type: 'stage-end', stage, metrics: metrics as never, classes };
    }
    case 'log':
      return { type: 'log', text: str(e.text, e.message) ?? '' };
    default:
      return null;
  }
}

/** Model summaries of the stages' architectures (built on the active backend, then disposed). */
async function describeSpec(spec: unknown, datasets: EcgDataset[]): Promise<Omit<SpecDescription, 'epochSeconds'>> {
  const parsed = parseSpec(spec) as unknown as Obj;
  const backend = await ensureBackend(backendPrefOf(parsed));
  const model = (parsed.model as Obj | undefined) ?? {};
  const kind = (str(model.kind, model.arch, parsed.model) ?? 'tiny-cnn') as ModelKind;
  const ds = datasets[0];
  const data = (parsed.data as Obj | undefined) ?? {};
  const synth = (data.synthetic as Obj | undefined) ?? data;
  const nLeads = num(ds?.nLeads, synth.nLeads, (synth.leads as unknown[] | undefined)?.length) ?? 12;
  const fs = num(ds?.fs, synth.fs, (parsed.preprocessing as Obj | undefined)?.fs) ?? 100;
  const nSamples = num(ds?.nSamples, synth.nSamples, (parsed.preprocessing as Obj | undefined)?.nSamples) ?? fs * (num(synth.seconds) ?? 10);
  const n = num(ds?.n, synth.n, synth.count, synth.nRecords) ?? null;
  const m = buildModel({ kind, nLeads, nSamples, nOut: 1, seed: 1 });
  try {
    return { backend, models: [{ stage: kind, summary: summarizeModel(m) }], trainRecords: n ? Math.round(n * 0.7) : null };
  } finally {
    m.dispose();
  }
}

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
