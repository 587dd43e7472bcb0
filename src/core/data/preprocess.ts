/**
 * Recording → model-ready leads: lead selection (normalised names, derived limb leads), NaN interpolation,
 * notch and band-pass (zero phase), band-limited resampling, crop/pad to a fixed length, optional per-lead
 * standardisation.
 */
import type { Recording } from '../formats/recording';
import { bandpass, notch } from '../signal/dsp/filters';
import { resample } from '../signal/dsp/resample';
import { selectLeads } from './leads';

export interface PreprocessOptions {
  /** Leads to output, canonical names (default: the 12 standard leads). */
  leads?: string[];
  /** Target sampling rate (default: the record's). */
  fs?: number;
  /** Fixed output length in samples at the target rate (default: the record's length). */
  nSamples?: number;
  /** Band-pass [low, high] Hz (zero-phase Butterworth); null/undefined for none. Either bound may be 0/Infinity. */
  bandpass?: [number, number] | null;
  /** Notch frequency (50 or 60 Hz); null/undefined for none. */
  notch?: number | null;
  /** Standardise each lead to mean 0, sd 1 (after crop). */
  standardise?: boolean;
  /** Where to crop when the record is longer: from the start (default) or centred. */
  crop?: 'start' | 'center';
  /** Leads that are neither present nor derivable: 'zero' (default) or 'nan'. */
  missingLead?: 'zero' | 'nan';
}

export interface Preprocessed {
  signals: Float32Array[];
  leadNames: string[];
  fs: number;
  nSamples: number;
  derived: string[];
  missing: string[];
  /** NaN samples that were interpolated. */
  nanFilled: number;
}

export const DEFAULT_LEADS = ['I', 'II', 'III', 'aVR', 'aVL', 'aVF', 'V1', 'V2', 'V3', 'V4', 'V5', 'V6'];

/** Linear interpolation over NaN runs (edges hold the nearest valid value; an all-NaN lead becomes 0). */
export function fillNaN(x: Float32Array): number {
  let filled = 0;
  let prev = -1;
  const n = x.length;
  for (let i = 0; i <= n; i++) {
    if (i < n && Number.isNaN(x[i])) continue;
    if (i - prev > 1) {
      const a = prev >= 0 ? x[prev] : i < n ? x[i] : 0;
      const b = i < n ? x[i] : a;
      for (let j = prev + 1; j < i; j++) {
        x[j] = prev < 0 ? b : i >= n ? a : a + ((b - a) * (j - prev)) / (i - prev);
        filled++;
      }
    }
    prev = i;
  }
  return filled;
}

export function cropPad(x: Float32Array, n: number, crop: 'start' | 'center' = 'start'): Float32Array {
  if (x.length === n) return x;
  const out = new Float32Array(n);
  if (x.length > n) {
    const off = crop === 'center' ? Math.floor((x.length - n) / 2) : 0;
    out.set(x.subarray(off, off + n));
  } else out.set(x);
  return out;
}

export function standardise(x: Float32Array): void {
  let m = 0;
  for (let i = 0; i < x.length; i++) m += x[i];
  m /= x.length || 1;
  let v = 0;
  for (let i = 0; i < x.length; i++) v += (x[i] - m) ** 2;
  const sd = Math.sqrt(v / (x.length || 1));
  const inv = sd > 1e-12 ? 1 / sd : 0;
  for (let i = 0; i < x.length; i++) x[i] = (x[i] - m) * inv;
}

export function preprocessRecording(rec: Recording, opts: PreprocessOptions = {}): Preprocessed {
  const leadNames = opts.leads ?? DEFAULT_LEADS;
  const sel = selectLeads(rec.signals, rec.sigNames, leadNames);
  const fsOut = opts.fs ?? rec.fs;
  let nanFilled = 0;
  const signals = sel.signals.map((s0, k) => {
    const missing = sel.missing.includes(leadNames[k]);
    if (missing) return new Float32Array(opts.nSamples ?? Math.ceil((s0.length * fsOut) / rec.fs)).fill(opts.missingLead === 'nan' ? NaN : 0);
    let s: Float32Array = Float32Array.from(s0);
    nanFilled += fillNaN(s);
    if (opts.notch && opts.notch < rec.fs / 2) s = notch(s, rec.fs, opts.notch);
    if (opts.bandpass) {
      const [lo, hi] = opts.bandpass;
      s = bandpass(s, rec.fs, lo > 0 ? lo : undefined, hi < rec.fs / 2 ? hi : undefined);
    }
    if (fsOut !== rec.fs) s = resample(s, rec.fs, fsOut);
    if (opts.nSamples !== undefined) s = cropPad(s, opts.nSamples, opts.crop);
    if (opts.standardise) standardise(s);
    return s;
  });
  return { signals, leadNames: [...leadNames], fs: fsOut, nSamples: signals[0]?.length ?? 0, derived: sel.derived, missing: sel.missing, nanFilled };
}
