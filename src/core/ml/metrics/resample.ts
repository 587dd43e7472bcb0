/**
 * Bootstrap resampling as per-record counts: a resample of n records drawn with replacement is the number of
 * times each record was drawn. Metrics then take the counts as integer weights, so no record data is copied.
 */
import { mulberry32, seedForTask } from '../random';

/** Fills `counts` (length n, zeroed here) with one resample's draw counts. */
export type Resampler = (counts: Int32Array) => void;

/**
 * A seeded resampler over n records. With `strata` (a group index per record, e.g. the true class), each group
 * is resampled within itself and keeps its size; without, all n records are drawn from together.
 * The same n, strata and seed always give the same sequence of resamples.
 */
export function makeResampler(n: number, seed: number, strata?: ArrayLike<number> | null): Resampler {
  const rand = mulberry32(seedForTask(seed, 'bootstrap'));
  const groups: Int32Array[] = [];
  if (strata) {
    if (strata.length !== n) throw new Error(`strata length ${strata.length} does not match ${n} records`);
    const byGroup = new Map<number, number[]>();
    for (let i = 0; i < n; i++) {
      const g = strata[i];
      let list = byGroup.get(g);
      if (!list) byGroup.set(g, (list = []));
      list.push(i);
    }
    const keys = [...byGroup.keys()].sort((a, b) => a - b);
    for (const k of keys) groups.push(Int32Array.from(byGroup.get(k)!));
  } else {
    groups.push(Int32Array.from({ length: n }, (_, i) => i));
  }
  return (counts) => {
    counts.fill(0);
    for (const g of groups) {
      const m = g.length;
      for (let j = 0; j < m; j++) counts[g[Math.floor(rand() * m)]]++;
    }
  };
}

/** Quantile of sorted values by linear interpolation between order statistics (Hyndman & Fan type 7). */
export function quantileSorted(sorted: ArrayLike<number>, p: number): number {
  const m = sorted.length;
  if (m === 0) return NaN;
  const h = (m - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, m - 1);
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}
