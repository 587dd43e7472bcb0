/**
 * Recordings → compact EcgDataset (one preallocated Int16 or Float32 array, no per-sample objects).
 * `DatasetBuilder` takes records one at a time (stream them from `readRecordings(..., { keep: false,
 * onRecord })`), so a full PTB-XL at 100 Hz (21 799 × 12 × 1000 Int16 ≈ 523 MB) never holds more than one
 * record as floats. `importFiles` does it all for dropped files and reports progress.
 */
import { SUPERCLASSES, type RecordLabels, type Recording } from '../formats/recording';
import { annotatedWindows } from './annotatedWindows';
import { readRecordings, type InputFile, type ReadError, type DatasetInfo } from '../formats/index';
import { REGRESSION_TARGETS, type EcgDataset, type RegressionTarget } from './dataset';
import { preprocessRecording, DEFAULT_LEADS, type PreprocessOptions } from './preprocess';
import { allocSamples } from './sharedSamples';

export interface ImportOptions extends Omit<PreprocessOptions, 'nSamples' | 'fs' | 'leads'> {
  name?: string;
  leads?: string[];
  /** Target sampling rate (default: the first record's). */
  fs?: number;
  /** Fixed length in samples (default: 10 s at the target rate). */
  nSamples?: number;
  storage?: 'int16' | 'float32';
  /**
   * Samples in shared memory (SharedArrayBuffer; see sharedSamples.ts): the finished dataset then reaches the page
   * and the training worker as views of one copy. Only where the host can share (`canShareMemory`).
   */
  sharedSamples?: boolean;
  /** mV per Int16 unit (default 0.001 = 1 µV: ±32.767 mV range). */
  xScale?: number;
  /** Class names for y (default the PTB-XL superclasses). */
  classes?: string[];
  /** Keep PTB-XL records whose scp_codes hold no diagnostic statement (default false: left out, listed). */
  keepUndiagnosed?: boolean;
  /**
   * Records longer than one window: 'first' keeps the first `nSamples` (default); 'consecutive' cuts them into
   * consecutive non-overlapping windows named `<record>#w<k>` (k from 0), each with the record's labels; a
   * remainder shorter than a window is dropped (a record shorter than one window gives one, padded);
   * 'annotated' cuts the same grid but keeps only windows holding annotated beats, each labelled from the wave
   * boundaries inside it (annotatedWindows.ts; the QT database's .q1c beats). Records without wave annotations
   * are left out (listed in `skipped`).
   */
  windows?: 'first' | 'consecutive' | 'annotated';
  onProgress?(done: number, total: number): void;
}

/** The recordings as they were, beside the model-ready copy (for dataset cards). */
export interface DatasetOrigin {
  /** Records read (before windowing). */
  records: number;
  /** The first record: name, its own leads, rate and duration. */
  first?: { name: string; leads: string[]; fs: number; durationS: number; filled: number };
  /** Distinct original rates, and the shortest and longest record. */
  rates: number[];
  minDurationS: number;
  maxDurationS: number;
  /** Fewest and most lead slots filled from a record's own (or derived) leads. */
  minFilled: number;
  maxFilled: number;
  windows: 'first' | 'consecutive' | 'annotated';
  /** Windows cut (rows of the dataset made from records). */
  windowsCut: number;
  /** PhysioNet Challenge `# Dx` codes → records carrying them. */
  dx?: Record<string, number>;
}

export interface Skipped {
  record: string;
  reason: string;
}

/** FNV-1a 32-bit, two lanes with different offsets → 16 hex digits. */
class Fingerprint {
  private a = 0x811c9dc5;
  private b = 0x050c5d1f;
  bytes(u: Uint8Array): void {
    let a = this.a, b = this.b;
    for (let i = 0; i < u.length; i++) {
      a = Math.imul(a ^ u[i], 0x01000193);
      b = Math.imul(b ^ u[i], 0x01000193) ^ (b >>> 13);
    }
    this.a = a;
    this.b = b;
  }
  text(s: string): void {
    this.bytes(new TextEncoder().encode(s + '\u0000'));
  }
  hex(): string {
    return (this.a >>> 0).toString(16).padStart(8, '0') + (this.b >>> 0).toString(16).padStart(8, '0');
  }
}

export class DatasetBuilder {
  readonly leads: string[];
  readonly classes: string[];
  readonly skipped: Skipped[] = [];
  private fs?: number;
  private nSamples?: number;
  private x?: Int16Array | Float32Array;
  private n = 0;
  private names: string[] = [];
  private y: Uint8Array;
  private folds: Int8Array;
  private pids: string[] = [];
  private targets: Record<RegressionTarget, Float32Array>;
  private hasY = false;
  private hasTarget = new Set<RegressionTarget>();
  private hasPid = false;
  private hasFold = false;
  private fp = new Fingerprint();
  private origin: DatasetOrigin;

  constructor(
    private capacity: number,
    private opts: ImportOptions = {},
  ) {
    this.leads = opts.leads ?? DEFAULT_LEADS;
    this.classes = opts.classes ?? [...SUPERCLASSES];
    this.y = new Uint8Array(capacity * this.classes.length);
    this.folds = new Int8Array(capacity);
    this.targets = Object.fromEntries(REGRESSION_TARGETS.map((t) => [t, new Float32Array(capacity).fill(NaN)])) as Record<RegressionTarget, Float32Array>;
    this.origin = { records: 0, rates: [], minDurationS: Infinity, maxDurationS: 0, minFilled: Infinity, maxFilled: 0, windows: opts.windows ?? 'first', windowsCut: 0 };
  }

  /** What the records were and how they became rows (see DatasetOrigin). */
  describeOrigin(): DatasetOrigin {
    const o = this.origin;
    return { ...o, ...(o.dx ? { dx: { ...o.dx } } : {}), rates: [...o.rates], minDurationS: o.records ? o.minDurationS : 0, minFilled: o.records ? o.minFilled : 0 };
  }

  /** Doubles the row capacity (windowing makes more rows than records). */
  private grow(): void {
    const cap = Math.max(1, this.capacity * 2);
    const C = this.classes.length;
    const y = new Uint8Array(cap * C);
    y.set(this.y);
    this.y = y;
    const folds = new Int8Array(cap);
    folds.set(this.folds);
    this.folds = folds;
    for (const t of REGRESSION_TARGETS) {
      const a = new Float32Array(cap).fill(NaN);
      a.set(this.targets[t]);
      this.targets[t] = a;
    }
    if (this.x) {
      const x = allocSamples(this.storage, cap * this.leads.length * this.nSamples!, !!this.opts.sharedSamples);
      x.set(this.x);
      this.x = x;
    }
    this.capacity = cap;
  }

  private get storage(): 'int16' | 'float32' {
    return this.opts.storage === 'float32' ? 'float32' : 'int16';
  }

  get size(): number {
    return this.n;
  }

  /** Adds one record; returns false (and lists it in `skipped`) when it is left out. */
  add(rec: Recording): boolean {
    const sc = rec.labels?.superclasses;
    if (sc && sc.length === 0 && !this.opts.keepUndiagnosed) {
      this.skipped.push({ record: rec.name, reason: 'no diagnostic statement' });
      return false;
    }
    const windowed = this.opts.windows === 'consecutive' || this.opts.windows === 'annotated';
    if (this.n >= this.capacity && !windowed) {
      this.skipped.push({ record: rec.name, reason: `dataset capacity ${this.capacity} reached` });
      return false;
    }
    if (this.fs === undefined) {
      this.fs = this.opts.fs ?? rec.fs;
      this.nSamples = this.opts.nSamples ?? Math.round(this.fs * 10);
      const total = this.capacity * this.leads.length * this.nSamples;
      this.x = allocSamples(this.storage, total, !!this.opts.sharedSamples);
    }
    const T = this.nSamples!;
    const fullT = Math.round((rec.nSamples * this.fs) / rec.fs);
    const nWin = windowed ? Math.max(1, Math.floor(fullT / T)) : 1;
    const annotated = this.opts.windows === 'annotated' ? annotatedWindows(rec, (T * rec.fs) / this.fs, nWin) : undefined;
    if (annotated && annotated.length === 0) {
      this.skipped.push({ record: rec.name, reason: 'no window with an annotated QRS (onset and offset)' });
      return false;
    }
    const p = preprocessRecording(rec, { ...this.opts, leads: this.leads, fs: this.fs, nSamples: nWin * T });
    if (p.missing.length === this.leads.length) {
      this.skipped.push({ record: rec.name, reason: `none of the leads ${this.leads.join(', ')} present` });
      return false;
    }
    const o = this.origin;
    const durationS = rec.nSamples / rec.fs;
    const filled = this.leads.length - p.missing.length;
    if (!o.first) o.first = { name: rec.name, leads: [...rec.sigNames], fs: rec.fs, durationS, filled };
    o.records++;
    if (!o.rates.includes(rec.fs)) o.rates.push(rec.fs);
    o.minDurationS = Math.min(o.minDurationS, durationS);
    o.maxDurationS = Math.max(o.maxDurationS, durationS);
    o.minFilled = Math.min(o.minFilled, filled);
    o.maxFilled = Math.max(o.maxFilled, filled);
    for (const c of rec.labels?.dx ?? []) (o.dx ??= {})[c] = (o.dx[c] ?? 0) + 1;
    const cuts = annotated ?? Array.from({ length: nWin }, (_, index) => ({ index, labels: undefined }));
    for (const { index: w, labels } of cuts) {
      if (this.n >= this.capacity) this.grow();
      // Windows of a record without a patient id are grouped under the record, so splits never separate them.
      this.put(rec, windowed ? `${rec.name}#w${w}` : rec.name, p.signals, w * T, windowed && !rec.patientId ? `record:${rec.name}` : rec.patientId, labels);
      o.windowsCut++;
    }
    return true;
  }

  /** Writes one row: `T` samples of each lead from `offset`, with the record's labels (or the window's own). */
  private put(rec: Recording, name: string, signals: Float32Array[], offset: number, pid: string | undefined, own?: RecordLabels): void {
    const labels = own ?? rec.labels;
    const sc = labels?.superclasses;
    const T = this.nSamples!;
    const L = this.leads.length;
    const base = this.n * L * T;
    const x = this.x!;
    if (x instanceof Int16Array) {
      const inv = 1 / (this.opts.xScale ?? 0.001);
      for (let l = 0; l < L; l++) {
        const s = signals[l];
        const o = base + l * T;
        for (let t = 0; t < T; t++) {
          const v = Math.round(s[offset + t] * inv);
          x[o + t] = Number.isNaN(v) ? 0 : v > 32767 ? 32767 : v < -32767 ? -32767 : v;
        }
      }
      this.fp.bytes(new Uint8Array(x.buffer, x.byteOffset + base * 2, L * T * 2));
    } else {
      for (let l = 0; l < L; l++) x.set(signals[l].subarray(offset, offset + T), base + l * T);
      this.fp.bytes(new Uint8Array(x.buffer, x.byteOffset + base * 4, L * T * 4));
    }
    const r = this.n;
    this.names.push(name);
    this.fp.text(name);
    if (sc) {
      this.hasY = true;
      for (const c of sc) {
        const k = this.classes.indexOf(c);
        if (k >= 0) this.y[r * this.classes.length + k] = 1;
      }
      this.fp.text(sc.join(','));
    }
    for (const t of REGRESSION_TARGETS) {
      const v = labels?.[t];
      if (v !== undefined && Number.isFinite(v)) {
        this.targets[t][r] = v;
        this.hasTarget.add(t);
        this.fp.text(`${t}=${v}`);
      }
    }
    this.pids.push(pid ?? '');
    if (pid) this.hasPid = true;
    if (rec.fold) {
      this.folds[r] = rec.fold;
      this.hasFold = true;
      this.fp.text(`f${rec.fold}`);
    }
    this.n++;
  }

  finish(): EcgDataset {
    const n = this.n;
    const fs = this.fs ?? this.opts.fs ?? 100;
    const T = this.nSamples ?? Math.round(fs * 10);
    const L = this.leads.length;
    let x = this.x ? this.x.subarray(0, n * L * T) : allocSamples(this.storage, 0, false);
    // Shared samples are handed on as views of their whole buffer: rows left unused (records left out) are
    // dropped here by one tight copy, after which the larger buffer is released with the builder.
    if (this.opts.sharedSamples && this.x && x.length < this.x.length * 0.9) {
      const tight = allocSamples(this.storage, x.length, true);
      tight.set(x);
      x = tight;
      this.x = tight;
    }
    const fingerprint = this.fp.hex();
    const ds: EcgDataset = {
      id: `imported-${fingerprint}`,
      name: this.opts.name ?? 'imported',
      fingerprint,
      source: 'imported',
      fs,
      nLeads: L,
      nSamples: T,
      leadNames: [...this.leads],
      n,
      x,
      recordNames: this.names,
    };
    if (x instanceof Int16Array) ds.xScale = this.opts.xScale ?? 0.001;
    if (this.hasY) {
      ds.classes = [...this.classes];
      ds.y = this.y.subarray(0, n * this.classes.length);
    }
    if (this.hasTarget.size) {
      ds.targets = {};
      for (const t of this.hasTarget) ds.targets[t] = this.targets[t].subarray(0, n);
    }
    if (this.hasPid) ds.patientIds = this.pids;
    if (this.hasFold) ds.folds = this.folds.subarray(0, n);
    return ds;
  }
}

/** Builds a dataset from recordings already in memory. */
export function importRecordings(recs: Recording[], opts: ImportOptions = {}): { dataset: EcgDataset; skipped: Skipped[] } {
  const b = new DatasetBuilder(recs.length, opts);
  recs.forEach((r, i) => {
    b.add(r);
    opts.onProgress?.(i + 1, recs.length);
  });
  return { dataset: b.finish(), skipped: b.skipped };
}

/** Reads dropped files (folders, zips, PTB-XL trees) straight into a compact dataset, record by record. */
export async function importFiles(
  files: InputFile[],
  opts: ImportOptions & { ptbxlRate?: 100 | 500 | 'both'; csvFs?: number } = {},
): Promise<{ dataset: EcgDataset; skipped: Skipped[]; errors: ReadError[]; info?: DatasetInfo }> {
  const isZip = files.some((f) => f.name.toLowerCase().endsWith('.zip'));
  // Capacity: headers + other record files (zips: counted after expansion by readRecordings' progress total).
  let capacity = files.filter((f) => /\.(hea|edf|rec|csv|json)$/i.test(f.name)).length;
  let builder: DatasetBuilder | undefined = isZip ? undefined : new DatasetBuilder(capacity, opts);
  const res = await readRecordings(files, {
    keep: false,
    csvFs: opts.csvFs,
    ptbxlRate: opts.ptbxlRate ?? 'both',
    onProgress: (d, t) => {
      if (!builder) {
        capacity = t;
        builder = new DatasetBuilder(capacity, opts);
      }
      opts.onProgress?.(d, t);
    },
    onRecord: (rec) => {
      builder ??= new DatasetBuilder(Math.max(capacity, 1), opts);
      builder.add(rec);
    },
  });
  const b = builder ?? new DatasetBuilder(0, opts);
  return { dataset: b.finish(), skipped: b.skipped, errors: res.errors, info: res.dataset };
}
