/**
 * Multi-lead R-peak detection: the leads' 5–15 Hz band-passed signals are combined into one non-negative
 * QRS-energy signal (√Σ bp²), on which the Pan–Tompkins-style detector of ../testing/panTompkins runs
 * (adaptive thresholds, 200 ms refractory period, search-back). A lead with invalid samples is NaN-filled first.
 * T-wave discrimination: of two detections less than 360 ms apart, one whose QRS energy is under half the
 * other's is a T wave (tall T waves of wide-QRS records pass the detector's thresholds) and is dropped.
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
  const e = qrsEnergy(signals, fs);
  const w = Math.max(1, Math.round(0.05 * fs));
  const amp = (i: number) => {
    let m = 0;
    for (let k = Math.max(0, i - w); k <= Math.min(e.length - 1, i + w); k++) m = Math.max(m, e[k]);
    return m;
  };
  const kept: number[] = [];
  for (const p of detectRPeaks(e, fs)) {
    const last = kept[kept.length - 1];
    if (last !== undefined && p - last < 0.36 * fs) {
      if (amp(p) < 0.5 * amp(last)) continue;
      if (amp(last) < 0.5 * amp(p)) {
        kept[kept.length - 1] = p;
        continue;
      }
    }
    kept.push(p);
  }
  return kept;
}
