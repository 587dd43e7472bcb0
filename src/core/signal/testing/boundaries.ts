/**
 * Wave boundaries found by thresholding a noise-free signal (independent of the generator's internals):
 * runs of samples with |x| > eps, merging runs separated by less than 10 ms (zero crossings inside a QRS).
 */
export interface Run {
  start: number;
  end: number;
}

export function activeRuns(x: ArrayLike<number>, fs: number, eps = 1e-5): Run[] {
  const gap = Math.max(2, Math.round(0.01 * fs));
  const runs: Run[] = [];
  let start = -1;
  for (let i = 0; i <= x.length; i++) {
    const on = i < x.length && Math.abs(x[i]) > eps;
    if (on && start < 0) start = i;
    else if (!on && start >= 0) {
      const prev = runs[runs.length - 1];
      if (prev && start - prev.end - 1 < gap) prev.end = i - 1;
      else runs.push({ start, end: i - 1 });
      start = -1;
    }
  }
  return runs;
}

/** Sum of |lead| over leads, sample by sample (for boundaries across all 12 leads). */
export function absSum(leads: ArrayLike<number>[]): Float64Array {
  const out = new Float64Array(leads[0].length);
  for (const l of leads) for (let i = 0; i < out.length; i++) out[i] += Math.abs(l[i]);
  return out;
}

/** FNV-1a hash of the bits of Float32 arrays (golden values for determinism checks). */
export function hashSignals(signals: Float32Array[]): string {
  let h = 0x811c9dc5;
  for (const s of signals) {
    const u = new Uint32Array(s.buffer, s.byteOffset, s.length);
    for (let i = 0; i < u.length; i++) h = Math.imul(h ^ u[i], 0x01000193);
  }
  return (h >>> 0).toString(16).padStart(8, '0');
}
