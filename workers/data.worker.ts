/**
 * Data worker: synthesis previews, synthetic dataset generation, file import. Keeps what it produced so the
 * record browser can fetch one record at a time (with fiducials / annotations) without holding it in the page.
 */
import * as Comlink from 'comlink';
import { synthesize } from '../src/core/signal';
import type { RecordOptions, SynthParams, SynthRecord, BeatFiducials } from '../src/core/signal/types';
import {
  generateSyntheticDataset,
  presetAssignment,
  sampleRecordParams,
  specClasses,
  validateSyntheticSpec,
  type SyntheticDatasetSpec,
} from '../src/core/data/synthDataset';
import { deriveSeed } from '../src/core/signal/rng';
import { rereadRecord, streamImport, type RecordSource } from './dataImport';

export interface Histogram {
  key: string;
  lo: number;
  hi: number;
  counts: number[];
}

export interface SpecPreview {
  histograms: Histogram[];
  classCounts: Record<string, number>;
  error?: { message: string; param?: string };
}
import type { EcgDataset } from '../src/core/data/dataset';
import { REGRESSION_TARGETS, type RegressionTarget } from '../src/core/data/dataset';
import type { Annotation } from '../src/core/formats/recording';

export interface Progress {
  done: number;
  total: number;
  detail?: string;
}
export type ProgressFn = (p: Progress) => void;

/** A file handed over by the page: the File object (read here, not on the main thread) and its relative path. */
export interface ImportFileRef {
  name: string;
  file: Blob;
}

export interface ImportError {
  file: string;
  error: string;
  code: string;
}

export interface DatasetSummary {
  id: string;
  name: string;
  fingerprint: string;
  n: number;
  fs: number;
  nLeads: number;
  nSamples: number;
  leadNames: string[];
  /** What labels the records carry. */
  labelType: 'classes' | 'regression' | 'classes+regression' | 'none';
  classes: string[];
  /** Records per class (multi-label: a record counts once in each of its classes). */
  classCounts: Record<string, number>;
  /** Regression targets present, with how many records have a value. */
  targets: Partial<Record<RegressionTarget, number>>;
  /** Record names for the browser. */
  recordNames: string[];
}

export interface ImportResult {
  dataset?: EcgDataset;
  summary?: DatasetSummary;
  errors: ImportError[];
  recordCount: number;
}

export interface PreviewResult {
  record?: SynthRecord;
  /** Synthesis time inside the worker, ms. */
  ms: number;
  error?: { message: string; param?: string };
}

export interface RecordView {
  name: string;
  fs: number;
  leadNames: string[];
  signals: Float32Array[];
  beats?: BeatFiducials[];
  annotations?: Annotation[];
  /** Display labels: classes and measured/exact intervals. */
  classes: string[];
  values: Partial<Record<RegressionTarget, number>>;
  comments?: string[];
}

interface Held {
  dataset: EcgDataset;
  /** Imported records: where to re-read each one (no samples kept beyond the compact dataset). */
  sources?: Map<string, RecordSource>;
  spec?: SyntheticDatasetSpec;
}
const held = new Map<string, Held>();
/** Files handed over in batches before a large import (posting thousands of File handles at once blocks the page). */
const staged = new Map<string, ImportFileRef[]>();

export function summarize(ds: EcgDataset): DatasetSummary {
  const classes = ds.classes ?? [];
  const classCounts: Record<string, number> = {};
  for (const c of classes) classCounts[c] = 0;
  if (ds.y && classes.length) {
    const k = classes.length;
    for (let r = 0; r < ds.n; r++) for (let c = 0; c < k; c++) if (ds.y[r * k + c]) classCounts[classes[c]]++;
  }
  const targets: Partial<Record<RegressionTarget, number>> = {};
  for (const t of REGRESSION_TARGETS) {
    const arr = ds.targets?.[t];
    if (!arr) continue;
    let m = 0;
    for (let i = 0; i < arr.length; i++) if (!Number.isNaN(arr[i])) m++;
    if (m > 0) targets[t] = m;
  }
  const hasC = classes.length > 0;
  const hasR = Object.keys(targets).length > 0;
  return {
    id: ds.id,
    name: ds.name,
    fingerprint: ds.fingerprint,
    n: ds.n,
    fs: ds.fs,
    nLeads: ds.nLeads,
    nSamples: ds.nSamples,
    leadNames: ds.leadNames,
    labelType: hasC && hasR ? 'classes+regression' : hasC ? 'classes' : hasR ? 'regression' : 'none',
    classes,
    classCounts,
    targets,
    recordNames: ds.recordNames,
  };
}

/**
 * What goes to the page and what the worker keeps. When every record can be rebuilt without the samples
 * (synthetic: re-synthesized from the spec; imported from files: re-read on demand), the samples are
 * transferred, not copied, so a full PTB-XL (523 MB) is held once, not twice.
 */
function handOver(ds: EcgDataset, keepSamples: boolean): { page: EcgDataset; kept: EcgDataset } {
  // A view on a much larger buffer (records left out) is copied tight, else the page would carry the slack.
  if (keepSamples || ds.x.buffer.byteLength > ds.x.byteLength * 1.1) return { page: { ...ds, x: ds.x.slice() }, kept: keepSamples ? ds : { ...ds, x: ds.x.subarray(0, 0) } };
  const empty = ds.x instanceof Int16Array ? new Int16Array(0) : new Float32Array(0);
  return { page: ds, kept: { ...ds, x: empty } };
}

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

const api = {
  preview(params: SynthParams, opts: RecordOptions): PreviewResult {
    const t0 = performance.now();
    try {
      const record = synthesize(params, opts);
      const ms = performance.now() - t0;
      return Comlink.transfer({ record, ms }, record.signals.map((s) => s.buffer as ArrayBuffer));
    } catch (err) {
      const param = (err as { param?: unknown }).param;
      return { ms: performance.now() - t0, error: { message: messageOf(err), param: typeof param === 'string' ? param : undefined } };
    }
  },

  async generateDataset(spec: SyntheticDatasetSpec, name: string | null, onProgress?: ProgressFn) {
    const dataset = generateSyntheticDataset(spec, (done: number, total: number) => void onProgress?.({ done, total }), 64);
    if (name) dataset.name = name;
    const { page, kept } = handOver(dataset, false);
    held.set(dataset.id, { dataset: kept, spec });
    return Comlink.transfer({ dataset: page, summary: summarize(dataset) }, [page.x.buffer as ArrayBuffer]);
  },

  /** Adds a batch of files to a staged import (see `importFiles(stageId)`). */
  stageFiles(stageId: string, files: ImportFileRef[]): number {
    const list = staged.get(stageId) ?? [];
    for (const f of files) list.push(f);
    staged.set(stageId, list);
    return list.length;
  },

  /** `files`: the files, or the id of files staged with `stageFiles`. `fs`: the dataset's sampling rate (records resampled to it); undefined = the first record's own rate. */
  async importFiles(filesOrStage: ImportFileRef[] | string, onProgress?: ProgressFn, ptbxlRate: 100 | 500 | 'both' = 100, fs?: number): Promise<ImportResult> {
    const files = typeof filesOrStage === 'string' ? (staged.get(filesOrStage) ?? []) : filesOrStage;
    if (typeof filesOrStage === 'string') staged.delete(filesOrStage);
    const errors: ImportError[] = [];
    let res;
    try {
      res = await streamImport(files, { ptbxlRate, fs }, (done, total, detail) => onProgress?.({ done, total, detail }));
    } catch (err) {
      errors.push({ file: '(dataset)', error: messageOf(err), code: (err as { code?: string }).code ?? 'bad-dataset' });
      return { errors, recordCount: 0 };
    }
    for (const e of res.errors) errors.push({ file: e.file, error: e.error, code: e.code });
    for (const s of res.skipped) errors.push({ file: s.record, error: s.reason, code: 'skipped' });
    const dataset = res.dataset;
    if (!dataset) return { errors, recordCount: res.recordCount } satisfies ImportResult;
    const needSamples = [...res.sources.values()].some((src) => !src.files?.length);
    const { page, kept } = handOver(dataset, needSamples);
    held.set(dataset.id, { dataset: kept, sources: res.sources });
    return Comlink.transfer({ dataset: page, summary: summarize(dataset), errors, recordCount: res.recordCount }, [page.x.buffer as ArrayBuffer]);
  },

  async getRecord(datasetId: string, index: number): Promise<RecordView> {
    const h = held.get(datasetId);
    if (!h) throw new Error(`dataset ${datasetId} is not loaded in the data worker`);
    const ds = h.dataset;
    if (index < 0 || index >= ds.n) throw new Error(`record ${index} out of range 0..${ds.n - 1}`);
    const classes = ds.classes && ds.y ? ds.classes.filter((_, c) => ds.y![index * ds.classes!.length + c]) : [];
    const values: Partial<Record<RegressionTarget, number>> = {};
    for (const t of REGRESSION_TARGETS) {
      const v = ds.targets?.[t]?.[index];
      if (v !== undefined && !Number.isNaN(v)) values[t] = v;
    }
    const src = h.sources?.get(ds.recordNames[index]);
    const rec = src?.files ? await rereadRecord(src).catch(() => undefined) : undefined;
    if (rec) {
      const signals = rec.signals.map((s) => s.slice());
      return Comlink.transfer(
        { name: rec.name, fs: rec.fs, leadNames: rec.sigNames, signals, annotations: rec.annotations, classes, values, comments: rec.comments },
        signals.map((s) => s.buffer as ArrayBuffer),
      );
    }
    if (h.spec) {
      const spec = h.spec;
      const classes2 = specClasses(spec);
      const preset = classes2[presetAssignment(spec)[index]];
      const { params, noise } = sampleRecordParams(spec, index, preset);
      const r = synthesize(params, { fs: spec.fs, seconds: spec.seconds, leads: spec.leads, seed: deriveSeed(spec.seed, 200, index), noise });
      return Comlink.transfer(
        { name: ds.recordNames[index], fs: r.fs, leadNames: r.leadNames, signals: r.signals, beats: r.beats, classes, values },
        r.signals.map((x) => x.buffer as ArrayBuffer),
      );
    }
    if (ds.x.length === 0) throw new Error(`record ${ds.recordNames[index] ?? index + 1}: its files can no longer be read (moved or deleted?) — drop them again`);
    const signals: Float32Array[] = [];
    const scale = ds.xScale ?? 1;
    for (let l = 0; l < ds.nLeads; l++) {
      const off = (index * ds.nLeads + l) * ds.nSamples;
      const out = new Float32Array(ds.nSamples);
      for (let t = 0; t < ds.nSamples; t++) out[t] = ds.x[off + t] * scale;
      signals.push(out);
    }
    const beats = (ds as EcgDataset & { beats?: BeatFiducials[][] }).beats?.[index];
    // Zipped imports: the dataset's own copy (resampled to ds.fs, cropped to nSamples); annotations follow.
    const k = src ? ds.fs / src.fs : 1;
    const annotations = src?.annotations
      ?.map((a) => ({ ...a, sample: Math.round(a.sample * k) }))
      .filter((a) => a.sample >= 0 && a.sample < ds.nSamples);
    return Comlink.transfer(
      { name: ds.recordNames[index] ?? `#${index + 1}`, fs: ds.fs, leadNames: ds.leadNames, signals, beats, annotations, classes, values, comments: src?.comments },
      signals.map((s) => s.buffer as ArrayBuffer),
    );
  },

  /** Histograms of the parameters records will actually get (preset overrides included), from a sample. */
  specPreview(spec: SyntheticDatasetSpec, sample = 800, bins = 24): SpecPreview {
    try {
      validateSyntheticSpec(spec);
    } catch (err) {
      const param = (err as { param?: unknown }).param;
      return { histograms: [], classCounts: {}, error: { message: messageOf(err), param: typeof param === 'string' ? param : undefined } };
    }
    const classes = specClasses(spec);
    const assignment = presetAssignment(spec);
    const classCounts: Record<string, number> = {};
    for (const c of classes) classCounts[c] = 0;
    for (let i = 0; i < spec.n; i++) classCounts[classes[assignment[i]]]++;
    const m = Math.min(sample, spec.n);
    const values = new Map<string, number[]>();
    const push = (k: string, v: number) => {
      let a = values.get(k);
      if (!a) values.set(k, (a = []));
      a.push(v);
    };
    try {
      for (let j = 0; j < m; j++) {
        const i = Math.floor((j * spec.n) / m);
        const { params, noise } = sampleRecordParams(spec, i, classes[assignment[i]]);
        for (const [k, v] of Object.entries(params)) if (typeof v === 'number') push(k, v);
        for (const [k, v] of Object.entries(noise)) if (typeof v === 'number' && k !== 'powerlineHz') push(`noise.${k}`, v);
      }
    } catch (err) {
      const param = (err as { param?: unknown }).param;
      return { histograms: [], classCounts, error: { message: messageOf(err), param: typeof param === 'string' ? param : undefined } };
    }
    const histograms: Histogram[] = [];
    for (const [key, vals] of values) {
      let lo = Infinity;
      let hi = -Infinity;
      for (const v of vals) {
        if (v < lo) lo = v;
        if (v > hi) hi = v;
      }
      const counts = new Array<number>(bins).fill(0);
      const w = hi - lo || 1;
      for (const v of vals) counts[Math.min(bins - 1, Math.floor(((v - lo) / w) * bins))]++;
      histograms.push({ key, lo, hi, counts });
    }
    return { histograms, classCounts };
  },

  forget(datasetId: string): void {
    held.delete(datasetId);
  },
};

export type DataWorkerApi = typeof api;
Comlink.expose(api);
