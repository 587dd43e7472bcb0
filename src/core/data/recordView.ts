/** One record of a loaded dataset as the record browser shows it: signals in mV, fiducials or annotations, labels. */
import { presetAssignment, sampleRecordParams, specClasses, type SyntheticDatasetSpec } from './synthDataset';
import { REGRESSION_TARGETS, type EcgDataset, type RegressionTarget } from './dataset';
import type { Annotation, Recording } from '../formats/recording';
import { deriveSeed } from '../signal/rng';
import { synthesize } from '../signal';
import type { BeatFiducials } from '../signal/types';

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

/** Where an imported record came from: its rate, and what a zipped import kept of it. */
export interface RecordOrigin {
  fs: number;
  annotations?: Annotation[];
  comments?: string[];
}

/** The record's class labels and regression values. */
export function recordLabels(ds: EcgDataset, index: number): Pick<RecordView, 'classes' | 'values'> {
  const k = ds.classes?.length ?? 0;
  const classes = ds.classes && ds.y ? ds.classes.filter((_, c) => ds.y![index * k + c]) : [];
  const values: Partial<Record<RegressionTarget, number>> = {};
  for (const t of REGRESSION_TARGETS) {
    const v = ds.targets?.[t]?.[index];
    if (v !== undefined && !Number.isNaN(v)) values[t] = v;
  }
  return { classes, values };
}

export function checkIndex(ds: EcgDataset, index: number): void {
  if (index < 0 || index >= ds.n) throw new Error(`record ${index} out of range 0..${ds.n - 1}`);
}

/** A record re-read from its files, as stored there. */
export function fileRecordView(ds: EcgDataset, index: number, rec: Recording): RecordView {
  return { name: rec.name, fs: rec.fs, leadNames: rec.sigNames, signals: rec.signals.map((s) => s.slice()), annotations: rec.annotations, ...recordLabels(ds, index), comments: rec.comments };
}

/** A synthetic record re-synthesized from its dataset spec (same seed → the same record, with its fiducials). */
export function syntheticRecordView(ds: EcgDataset, spec: SyntheticDatasetSpec, index: number): RecordView {
  const classes = specClasses(spec);
  const preset = classes[presetAssignment(spec)[index]];
  const { params, noise } = sampleRecordParams(spec, index, preset);
  const r = synthesize(params, { fs: spec.fs, seconds: spec.seconds, leads: spec.leads, seed: deriveSeed(spec.seed, 200, index), noise });
  return { name: ds.recordNames[index], fs: r.fs, leadNames: r.leadNames, signals: r.signals, beats: r.beats, ...recordLabels(ds, index) };
}

/** A record from the dataset's own samples (resampled to ds.fs, cropped to nSamples); annotations follow. */
export function storedRecordView(ds: EcgDataset, index: number, origin?: RecordOrigin): RecordView {
  if (ds.x.length === 0) throw new Error(`record ${ds.recordNames[index] ?? index + 1}: its files can no longer be read (moved or deleted?) — drop them again`);
  const signals: Float32Array[] = [];
  const scale = ds.xScale ?? 1;
  for (let l = 0; l < ds.nLeads; l++) {
    const off = (index * ds.nLeads + l) * ds.nSamples;
    const out = new Float32Array(ds.nSamples);
    for (let t = 0; t < ds.nSamples; t++) out[t] = ds.x[off + t] * scale;
    signals.push(out);
  }
  const k = origin ? ds.fs / origin.fs : 1;
  const annotations = origin?.annotations?.map((a) => ({ ...a, sample: Math.round(a.sample * k) })).filter((a) => a.sample >= 0 && a.sample < ds.nSamples);
  return { name: ds.recordNames[index] ?? `#${index + 1}`, fs: ds.fs, leadNames: ds.leadNames, signals, annotations, ...recordLabels(ds, index), comments: origin?.comments };
}

/** The signal buffers of a view, to transfer rather than copy. */
export function signalBuffers(v: RecordView): ArrayBuffer[] {
  return v.signals.map((s) => s.buffer as ArrayBuffer);
}
