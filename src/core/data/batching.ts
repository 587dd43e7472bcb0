/**
 * On-the-fly batch assembly from a compact EcgDataset: gathers the requested records into one
 * Float32Array in the model's layout [batch, nSamples, nLeads] (channels last), scaling each lead of each
 * record. Never materialises the whole dataset as floats.
 */
import type { EcgDataset } from './dataset';

/**
 * 'minmax': each lead of each record scaled to [0, 1] (the paper); 'zscore': each lead standardised to mean 0,
 * sd 1; 'none': physical units (mV). NaN samples become 0 after scaling (the lead's minimum / mean).
 */
export type LeadScaling = 'minmax' | 'zscore' | 'none';

export interface BatchOptions {
  scaling: LeadScaling;
  /** Dataset lead indices to feed, in order (default: all leads). */
  leadIndices?: number[];
}

/** Indices of `wanted` lead names in the dataset (case-insensitive); throws naming the missing leads. */
export function resolveLeads(ds: EcgDataset, wanted: string[] | undefined): number[] {
  if (!wanted || wanted.length === 0) return ds.leadNames.map((_, i) => i);
  const lower = ds.leadNames.map((n) => n.toLowerCase());
  const missing: string[] = [];
  const idx = wanted.map((w) => {
    const i = lower.indexOf(w.toLowerCase());
    if (i < 0) missing.push(w);
    return i;
  });
  if (missing.length) throw new Error(`dataset "${ds.name}" lacks lead(s) ${missing.join(', ')} (has ${ds.leadNames.join(', ')})`);
  return idx;
}

/** Fills `out` (or a new array) with the batch [indices.length, nSamples, leads.length]. */
export function assembleBatch(ds: EcgDataset, indices: ArrayLike<number>, opts: BatchOptions, out?: Float32Array): Float32Array {
  const leads = opts.leadIndices ?? ds.leadNames.map((_, i) => i);
  const L = leads.length;
  const T = ds.nSamples;
  const size = indices.length * T * L;
  const buf = out && out.length >= size ? out.subarray(0, size) : new Float32Array(size);
  const scale = ds.x instanceof Int16Array ? (ds.xScale ?? 1) : 1;
  const x = ds.x;
  for (let b = 0; b < indices.length; b++) {
    const r = indices[b];
    if (r < 0 || r >= ds.n) throw new RangeError(`record index ${r} outside dataset of ${ds.n}`);
    for (let li = 0; li < L; li++) {
      const base = (r * ds.nLeads + leads[li]) * T;
      let a = 0;
      let m = 1;
      if (opts.scaling === 'minmax') {
        let lo = Infinity;
        let hi = -Infinity;
        for (let t = 0; t < T; t++) {
          const v = x[base + t];
          if (v < lo) lo = v;
          if (v > hi) hi = v;
        }
        if (!Number.isFinite(lo)) lo = hi = 0;
        a = lo;
        m = hi > lo ? 1 / (hi - lo) : 0;
      } else if (opts.scaling === 'zscore') {
        let s = 0;
        let s2 = 0;
        let k = 0;
        for (let t = 0; t < T; t++) {
          const v = x[base + t] * scale;
          if (Number.isFinite(v)) {
            s += v;
            s2 += v * v;
            k++;
          }
        }
        const mean = k ? s / k : 0;
        const sd = k ? Math.sqrt(Math.max(0, s2 / k - mean * mean)) : 0;
        a = mean / scale;
        m = sd > 1e-6 ? scale / sd : 0;
      } else {
        m = scale;
      }
      let o = b * T * L + li;
      for (let t = 0; t < T; t++, o += L) {
        const v = (x[base + t] - a) * m;
        buf[o] = Number.isFinite(v) ? v : 0;
      }
    }
  }
  return buf;
}
