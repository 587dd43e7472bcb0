/**
 * Interval labels for any dataset from its records' median beats: hr_bpm, pr_ms, qrs_ms, qt_ms targets, NaN
 * where a record has no median beat (fewer than 2 beats) or no P / T offset. The dataset type is structural
 * (EcgDataset of src/core/data fits it) so that the signal layer does not import the data layer.
 */
import { medianBeat, type MedianBeatOptions } from './medianBeat';

export const MEDIAN_TARGETS = ['hr_bpm', 'pr_ms', 'qrs_ms', 'qt_ms'] as const;
export type MedianTarget = (typeof MEDIAN_TARGETS)[number];

export interface DatasetSignals {
  fs: number;
  nLeads: number;
  nSamples: number;
  n: number;
  /** Record-major, then lead, then time: x[(r * nLeads + l) * nSamples + t]; Int16 values × xScale. */
  x: Float32Array | Int16Array;
  xScale?: number;
  targets?: Partial<Record<MedianTarget | string, Float32Array>>;
}

export interface MedianTargetsResult {
  targets: Record<MedianTarget, Float32Array>;
  /** Records without a median beat, with why. */
  failures: { record: number; reason: string }[];
}

/** One record's leads (Float32, in the dataset's units). */
export function recordSignals(ds: DatasetSignals, r: number): Float32Array[] {
  const scale = ds.x instanceof Int16Array ? (ds.xScale ?? 1) : 1;
  const out: Float32Array[] = [];
  for (let l = 0; l < ds.nLeads; l++) {
    const off = (r * ds.nLeads + l) * ds.nSamples;
    const lead = new Float32Array(ds.nSamples);
    for (let t = 0; t < ds.nSamples; t++) lead[t] = ds.x[off + t] * scale;
    out.push(lead);
  }
  return out;
}

export function medianBeatTargets(ds: DatasetSignals, opts: MedianBeatOptions = {}): MedianTargetsResult {
  const targets = Object.fromEntries(MEDIAN_TARGETS.map((k) => [k, new Float32Array(ds.n).fill(NaN)])) as Record<MedianTarget, Float32Array>;
  const failures: MedianTargetsResult['failures'] = [];
  for (let r = 0; r < ds.n; r++) {
    try {
      const m = medianBeat({ fs: ds.fs, signals: recordSignals(ds, r) }, opts);
      for (const k of MEDIAN_TARGETS) targets[k][r] = m.intervals[k] ?? NaN;
    } catch (e) {
      failures.push({ record: r, reason: e instanceof Error ? e.message : String(e) });
    }
  }
  return { targets, failures };
}

export interface LabelsFromMedianOptions extends MedianBeatOptions {
  /** 'missing' (default): keep existing values, fill only missing targets and NaN entries; 'replace': all. */
  mode?: 'missing' | 'replace';
}

/** A copy of the dataset whose hr/pr/qrs/qt targets are filled from the median beats (x is shared, not copied). */
export function labelsFromMedianBeats<T extends DatasetSignals>(ds: T, opts: LabelsFromMedianOptions = {}): T & { targets: Partial<Record<MedianTarget, Float32Array>> } {
  const { targets } = medianBeatTargets(ds, opts);
  const out: Partial<Record<string, Float32Array>> = { ...ds.targets };
  for (const k of MEDIAN_TARGETS) {
    const old = ds.targets?.[k];
    if (opts.mode === 'replace' || !old) out[k] = targets[k];
    else out[k] = old.map((v, i) => (Number.isNaN(v) ? targets[k][i] : v));
  }
  return { ...ds, targets: out };
}
