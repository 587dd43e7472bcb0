/**
 * Recordings → compact EcgDataset (one preallocated Int16 or Float32 array, no per-sample objects).
 * `DatasetBuilder` takes records one at a time (stream them from `readRecordings(..., { keep: false,
 * onRecord })`), so a full PTB-XL at 100 Hz (21 799 × 12 × 1000 Int16 ≈ 523 MB) never holds more than one
 * record as floats. `importFiles` does it all for dropped files and reports progress.
 */
import { SUPERCLASSES, type Recording } from '../formats/recording';
import { readRecordings, type InputFile, type ReadError, type DatasetInfo } from '../formats/index';
import { REGRESSION_TARGETS, type EcgDataset, type RegressionTarget } from './dataset';
import { preprocessRecording, DEFAULT_LEADS, type PreprocessOptions } from './preprocess';

export interface ImportOptions extends Omit<PreprocessOptions, 'nSamples' | 'fs' | 'leads'> {
  name?: string;
  leads?: string[];
  /** Target sampling rate (default: the first record's). */
  fs?: number;
  /** Fixed length in samples (default: 10 s at the target rate). */
  nSamples?: number;
  storage?: 'int16' | 'float32';
  /** mV per Int16 unit (default 0.001 = 1 µV: ±32.767 mV range). */
  xScale?: number;
  /** Class names for y (default the PTB-XL superclasses). */
  classes?: string[];
  /** Keep PTB-XL records whose scp_codes hold no diagnostic statement (default false: left out, listed). */
  keepUndiagnosed?: boolean;
  onProgress?(done: number, total: number): void;
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

  constructor(
    private capacity: number,
    private opts: ImportOptions = {},
  ) {
    this.leads = opts.leads ?? DEFAULT_LEADS;
    this.classes = opts.classes ?? [...SUPERCLASSES];
    this.y = new Uint8Array(capacity * this.classes.length);
    this.folds = new Int8Array(capacity);
    this.targets = Object.fromEntries(REGRESSION_TARGETS.map((t) => [t, new Float32Array(capacity).fill(NaN)])) as Record<RegressionTarget, Float32Array>;
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
    if (this.n >= this.capacity) {
      this.skipped.push({ record: rec.name, reason: `dataset capacity ${this.capacity} reached` });
      return false;
    }
    if (this.fs === undefined) {
      this.fs = this.opts.fs ?? rec.fs;
      this.nSamples = this.opts.nSamples ?? Math.round(this.fs * 10);
      const total = this.capacity * this.leads.length * this.nSamples;
      this.x = this.opts.storage === 'float32' ? new Float32Array(total) : new Int16Array(total);
    }
    const p = preprocessRecording(rec, { ...this.opts, leads: this.leads, fs: this.fs, nSamples: this.nSamples });
    if (p.missing.length === this.leads.length) {
      this.skipped.push({ record: rec.name, reason: `none of the leads ${this.leads.join(', ')} present` });
      return false;
    }
    const T = this.nSamples!;
    const L = this.leads.length;
    const base = this.n * L * T;
    const x = this.x!;
    if (x instanceof Int16Array) {
      const inv = 1 / (this.opts.xScale ?? 0.001);
      for (let l = 0; l < L; l++) {
        const s = p.signals[l];
        const o = base + l * T;
        for (let t = 0; t < T; t++) {
          const v = Math.round(s[t] * inv);
          x[o + t] = Number.isNaN(v) ? 0 : v > 32767 ? 32767 : v < -32767 ? -32767 : v;
        }
      }
      this.fp.bytes(new Uint8Array(x.buffer, x.byteOffset + base * 2, L * T * 2));
    } else {
      for (let l = 0; l < L; l++) x.set(p.signals[l], base + l * T);
      this.fp.bytes(new Uint8Array(x.buffer, x.byteOffset + base * 4, L * T * 4));
    }
    const r = this.n;
    this.names.push(rec.name);
    this.fp.text(rec.name);
    if (sc) {
      this.hasY = true;
      for (const c of sc) {
        const k = this.classes.indexOf(c);
        if (k >= 0) this.y[r * this.classes.length + k] = 1;
      }
      this.fp.text(sc.join(','));
    }
    for (const t of REGRESSION_TARGETS) {
      const v = rec.labels?.[t];
      if (v !== undefined && Number.isFinite(v)) {
        this.targets[t][r] = v;
        this.hasTarget.add(t);
        this.fp.text(`${t}=${v}`);
      }
    }
    this.pids.push(rec.patientId ?? '');
    if (rec.patientId) this.hasPid = true;
    if (rec.fold) {
      this.folds[r] = rec.fold;
      this.hasFold = true;
      this.fp.text(`f${rec.fold}`);
    }
    this.n++;
    return true;
  }

  finish(): EcgDataset {
    const n = this.n;
    const fs = this.fs ?? this.opts.fs ?? 100;
    const T = this.nSamples ?? Math.round(fs * 10);
    const L = this.leads.length;
    const x = this.x ? this.x.subarray(0, n * L * T) : this.opts.storage === 'float32' ? new Float32Array(0) : new Int16Array(0);
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
