/**
 * Summary of one metric over repeated runs (independent seeds): mean, sample SD and the Student t interval of
 * the mean. For a transfer-vs-baseline comparison, pass the per-repeat differences (pairedRepeats).
 */
import { studentTQuantile } from './distributions';
import type { Interval } from './bootstrap';

export interface RepeatSummary {
  mean: number;
  /** Sample standard deviation (n − 1 in the denominator); NaN when n < 2. */
  sd: number;
  /** mean ± t(1 − α/2, n − 1) · sd / √n; null when n < 2. */
  ci: Interval | null;
  /** Finite values summarized (non-finite values, e.g. a metric undefined in one repeat, are left out). */
  n: number;
  values: number[];
}

/**
 * @param range the values the metric can take (e.g. [0, 1] for an AUC, [−1, 1] for a difference of two): the
 *   interval is clipped to it, since with few repeats the t interval can reach past what the metric can be.
 */
export function summarizeRepeats(values: number[], level = 0.95, range?: readonly [number, number]): RepeatSummary {
  if (!(level > 0 && level < 1)) throw new Error(`level must lie strictly between 0 and 1, got ${level}`);
  const v = values.filter((x) => Number.isFinite(x));
  const n = v.length;
  if (n === 0) return { mean: NaN, sd: NaN, ci: null, n, values: v };
  const mean = v.reduce((a, b) => a + b, 0) / n;
  if (n < 2) return { mean, sd: NaN, ci: null, n, values: v };
  const sd = Math.sqrt(v.reduce((a, x) => a + (x - mean) ** 2, 0) / (n - 1));
  const half = studentTQuantile(1 - (1 - level) / 2, n - 1) * (sd / Math.sqrt(n));
  const lo = range ? Math.max(range[0], mean - half) : mean - half;
  const hi = range ? Math.min(range[1], mean + half) : mean + half;
  return { mean, sd, ci: { lo, hi }, n, values: v };
}

/** Summary of the per-repeat differences a[i] − b[i] (repeats matched by index; pairs with a non-finite side dropped). */
export function pairedRepeats(a: number[], b: number[], level = 0.95): RepeatSummary {
  if (a.length !== b.length) throw new Error(`length mismatch: ${a.length} vs ${b.length} repeats`);
  return summarizeRepeats(a.map((x, i) => x - b[i]), level);
}
