/**
 * Hallmark measurements on a clean (noise-free) lead, the way an ECG reader checks them, independent of the
 * generator's internals: they read only the signal and a beat's QRS on/off and T peak sample indices.
 * Amplitudes in mV (isoelectric line = 0 on clean synthetic leads), durations in ms.
 */

/** Samples of the QRS (on..off inclusive). */
export function qrsSegment(x: ArrayLike<number>, on: number, off: number): number[] {
  const out: number[] = [];
  for (let i = on; i <= off; i++) out.push(x[i]);
  return out;
}

const EPS = 0.02; // 20 µV: smallest deflection a reader counts

/** Initial Q wave: depth (mV), duration from QRS onset to the return above the line (ms), and the R height. */
export function initialQ(seg: number[], fs: number): { depth: number; ms: number; r: number } {
  const r = Math.max(0, ...seg);
  let first = seg.findIndex((v) => Math.abs(v) > EPS);
  if (first < 0 || seg[first] > 0) return { depth: 0, ms: 0, r };
  let end = first;
  let depth = 0;
  while (end < seg.length && seg[end] < 0) depth = Math.max(depth, -seg[end++]);
  first = 0;
  return { depth, ms: ((end - first) * 1000) / fs, r };
}

/** Pathological Q (MI criteria as commonly taught): duration ≥ 40 ms and depth ≥ 25 % of the R (or a QS complex). */
export function hasPathologicalQ(seg: number[], fs: number): boolean {
  const q = initialQ(seg, fs);
  return q.ms >= 40 && (q.r < EPS || q.depth >= 0.25 * q.r);
}

/** Local extrema of a segment ignoring deflections below EPS: alternating signed peaks, in time order. */
export function deflections(seg: number[]): number[] {
  const out: number[] = [];
  let sign = 0;
  let best = 0;
  for (const v of seg) {
    const s = v > EPS ? 1 : v < -EPS ? -1 : 0;
    if (s === 0) continue;
    if (s !== sign) {
      if (sign !== 0) out.push(best);
      sign = s;
      best = v;
    } else if (Math.abs(v) > Math.abs(best)) best = v;
  }
  if (sign !== 0) out.push(best);
  return out;
}

/** rsR′: a positive r, a negative S, then a later positive R′ taller than r. */
export function hasRsrPrime(seg: number[]): boolean {
  const d = deflections(seg);
  for (let i = 0; i + 2 < d.length; i++) if (d[i] > 0 && d[i + 1] < 0 && d[i + 2] > d[i]) return true;
  return false;
}

/** Terminal S: duration (ms) of the negative part that ends the QRS, and its depth (mV). */
export function terminalS(seg: number[], fs: number): { ms: number; depth: number } {
  let i = seg.length - 1;
  while (i >= 0 && Math.abs(seg[i]) <= EPS) i--;
  if (i < 0 || seg[i] > 0) return { ms: 0, depth: 0 };
  let depth = 0;
  const end = i;
  while (i >= 0 && seg[i] < 0) depth = Math.max(depth, -seg[i--]);
  return { ms: ((end - i) * 1000) / fs, depth };
}

/** Positive peaks of a segment (strict local maxima above EPS). */
export function positivePeaks(seg: number[]): number[] {
  const out: number[] = [];
  for (let i = 1; i + 1 < seg.length; i++) if (seg[i] > EPS && seg[i] > seg[i - 1] && seg[i] >= seg[i + 1]) out.push(i);
  return out;
}

/**
 * Notched R: two positive peaks of R size (each at least a quarter of the segment's maximum) with a dip between
 * them below 90 % of the smaller one. A low bump of the terminal slur after the S is not a notch of the R.
 */
export function hasNotchedR(seg: number[]): boolean {
  const top = Math.max(0, ...seg);
  const pk = positivePeaks(seg).filter((i) => seg[i] >= 0.25 * top);
  for (let a = 0; a < pk.length; a++)
    for (let b = a + 1; b < pk.length; b++) {
      let dip = Infinity;
      for (let i = pk[a]; i <= pk[b]; i++) dip = Math.min(dip, seg[i]);
      if (dip > 0 && dip < 0.9 * Math.min(seg[pk[a]], seg[pk[b]])) return true;
    }
  return false;
}

/** Duration (ms) the QRS stays above the line (all positive samples). */
export function positiveMs(seg: number[], fs: number): number {
  return (seg.filter((v) => v > EPS).length * 1000) / fs;
}

/**
 * Frontal QRS axis (degrees) from the net QRS areas of leads I and aVF. aVF's lead vector is √3/2 as long as
 * lead I's in the hexaxial frame, so its area is scaled by 2/√3 before the angle is taken.
 */
export function frontalAxis(leadI: number[], aVF: number[]): number {
  const a = leadI.reduce((s, v) => s + v, 0);
  const f = (aVF.reduce((s, v) => s + v, 0) * 2) / Math.sqrt(3);
  return (Math.atan2(f, a) * 180) / Math.PI;
}

/** Slurred upstroke: over the first `ms` of the QRS the signal rises monotonically, slower than 30 % of its fastest slope. */
export function deltaWave(seg: number[], fs: number, ms = 25): { rise: number; slopeRatio: number; monotonic: boolean } {
  const k = Math.round((ms * fs) / 1000);
  let maxSlope = 0;
  for (let i = 1; i < seg.length; i++) maxSlope = Math.max(maxSlope, Math.abs(seg[i] - seg[i - 1]));
  let monotonic = true;
  for (let i = 1; i <= k; i++) if (seg[i] < seg[i - 1] - 1e-9) monotonic = false;
  const rise = seg[k] - seg[0];
  return { rise, slopeRatio: rise / k / maxSlope, monotonic };
}
