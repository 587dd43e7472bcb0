/**
 * Multi-lead R-peak detection: the leads' 5–15 Hz band-passed signals are combined into one non-negative
 * QRS-energy signal (√Σ bp²), on which the Pan–Tompkins-style detector of ../testing/panTompkins runs
 * (adaptive thresholds, 200 ms refractory period, search-back). A lead with invalid samples is NaN-filled first.
 */
import { bandPass, detectRPeaks } from '../testing/panTompkins';
import { fillNaN } from './baseline';

export function qrsEnergy(signals: ArrayLike<number>[], fs: number): Float64Array {
  const n = signals[0]?.length ?? 0;
  const e = new Float64Array(n);
  for (const s of signals) {
    const bp = bandPass(fillNaN(s), fs);
    for (let i = 0; i < n; i++) e[i] += bp[i] * bp[i];
  }
  for (let i = 0; i < n; i++) e[i] = Math.sqrt(e[i]);
  return e;
}

/** R-peak sample indices (ascending) from all leads together. */
export function detectBeats(signals: ArrayLike<number>[], fs: number): number[] {
  if (!signals.length) return [];
  return detectRPeaks(qrsEnergy(signals, fs), fs);
}
