/** What a synthetic dataset spec will produce, before generating it: class counts and parameter histograms. */
import { presetAssignment, sampleRecordParams, specClasses, validateSyntheticSpec, type SyntheticDatasetSpec } from './synthDataset';

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

/** A thrown validation error as the designer shows it (message and the parameter it names). */
export function paramError(err: unknown): { message: string; param?: string } {
  const param = err && typeof err === 'object' && 'param' in err && typeof err.param === 'string' ? err.param : undefined;
  return { message: err instanceof Error ? err.message : String(err), ...(param ? { param } : {}) };
}

export function histogram(key: string, vals: readonly number[], bins: number): Histogram {
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of vals) {
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  const counts = new Array<number>(bins).fill(0);
  const w = hi - lo || 1;
  for (const v of vals) counts[Math.min(bins - 1, Math.floor(((v - lo) / w) * bins))]++;
  return { key, lo, hi, counts };
}

/** Histograms of the parameters records will actually get (preset overrides included), from `sample` records. */
export function specPreview(spec: SyntheticDatasetSpec, sample = 800, bins = 24): SpecPreview {
  try {
    validateSyntheticSpec(spec);
  } catch (err) {
    return { histograms: [], classCounts: {}, error: paramError(err) };
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
    return { histograms: [], classCounts, error: paramError(err) };
  }
  return { histograms: [...values].map(([key, vals]) => histogram(key, vals, bins)), classCounts };
}
