/**
 * Agreement between a measurement method and a reference (Bland & Altman, Lancet 1986; Stat Methods Med Res 1999,
 * section 3): the differences d = pred − true, their mean (bias) with a t-interval, their SD, the limits of
 * agreement mean ± 1.96 SD, and an interval for each limit from the approximate standard error of Bland & Altman
 * 1999: SE(limit) = SD · √(1/n + 1.96² / (2(n − 1))), with t quantiles on n − 1 degrees of freedom.
 * The intervals assume independent pairs (one per record).
 */
import type { Interval } from './bootstrap';
import { studentTQuantile } from './distributions';

export interface Agreement {
  /** Pairs with both values finite. */
  n: number;
  /** Mean absolute difference. */
  mae: number;
  /** Mean of pred − true (the bias). */
  meanDiff: number;
  meanCi: Interval | null;
  /** Sample SD of pred − true (n − 1 in the denominator); NaN for n < 2. */
  sdDiff: number;
  /** Limits of agreement: meanDiff ∓ 1.96 · sdDiff, with their intervals. */
  loaLower: number;
  loaUpper: number;
  loaLowerCi: Interval | null;
  loaUpperCi: Interval | null;
}

/** The multiplier of the limits of agreement (the 2.5 % and 97.5 % points of a normal distribution). */
export const LOA_Z = 1.96;

export function blandAltman(truth: ArrayLike<number>, pred: ArrayLike<number>, level = 0.95): Agreement {
  if (truth.length !== pred.length) throw new Error(`blandAltman: ${truth.length} reference values but ${pred.length} measured`);
  const d: number[] = [];
  for (let i = 0; i < truth.length; i++) {
    const x = pred[i] - truth[i];
    if (Number.isFinite(x)) d.push(x);
  }
  const n = d.length;
  if (n === 0) return { n, mae: NaN, meanDiff: NaN, meanCi: null, sdDiff: NaN, loaLower: NaN, loaUpper: NaN, loaLowerCi: null, loaUpperCi: null };
  const mean = d.reduce((a, b) => a + b, 0) / n;
  const mae = d.reduce((a, b) => a + Math.abs(b), 0) / n;
  if (n < 2) return { n, mae, meanDiff: mean, meanCi: null, sdDiff: NaN, loaLower: NaN, loaUpper: NaN, loaLowerCi: null, loaUpperCi: null };
  const sd = Math.sqrt(d.reduce((a, b) => a + (b - mean) ** 2, 0) / (n - 1));
  const t = studentTQuantile(1 - (1 - level) / 2, n - 1);
  const seMean = sd / Math.sqrt(n);
  const seLoa = sd * Math.sqrt(1 / n + (LOA_Z * LOA_Z) / (2 * (n - 1)));
  const lo = mean - LOA_Z * sd;
  const hi = mean + LOA_Z * sd;
  return {
    n,
    mae,
    meanDiff: mean,
    meanCi: { lo: mean - t * seMean, hi: mean + t * seMean },
    sdDiff: sd,
    loaLower: lo,
    loaUpper: hi,
    loaLowerCi: { lo: lo - t * seLoa, hi: lo + t * seLoa },
    loaUpperCi: { lo: hi - t * seLoa, hi: hi + t * seLoa },
  };
}
