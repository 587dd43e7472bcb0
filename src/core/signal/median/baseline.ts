/**
 * Baseline-wander removal by the two-stage median filter (200 ms then 600 ms, de Chazal et al. 2004): the
 * 200 ms median removes the QRS and P waves, the 600 ms one the T wave; what is left is the baseline, which
 * is subtracted. Invalid samples (NaN) are first filled by linear interpolation (edges: nearest valid value).
 */

export function fillNaN(x: ArrayLike<number>): Float64Array {
  const n = x.length;
  const out = Float64Array.from(x as ArrayLike<number>);
  let last = -1;
  for (let i = 0; i <= n; i++) {
    if (i < n && Number.isFinite(out[i])) {
      if (last < i - 1) {
        const a = last >= 0 ? out[last] : out[i];
        for (let k = last + 1; k < i; k++) out[k] = a + ((out[i] - a) * (k - last)) / (i - last);
      }
      last = i;
    } else if (i === n && last < n - 1) {
      const a = last >= 0 ? out[last] : 0;
      for (let k = last + 1; k < n; k++) out[k] = a;
    }
  }
  return out;
}

/** Running median over an odd window (edges: the window shrinks symmetrically to what is inside). */
export function runningMedian(x: Float64Array, win: number): Float64Array {
  const n = x.length;
  const h = Math.max(0, Math.floor(win / 2));
  const out = new Float64Array(n);
  const sorted: number[] = [];
  const insert = (v: number) => {
    let lo = 0, hi = sorted.length;
    while (lo < hi) {
      const m = (lo + hi) >> 1;
      if (sorted[m] < v) lo = m + 1;
      else hi = m;
    }
    sorted.splice(lo, 0, v);
  };
  const remove = (v: number) => {
    let lo = 0, hi = sorted.length;
    while (lo < hi) {
      const m = (lo + hi) >> 1;
      if (sorted[m] < v) lo = m + 1;
      else hi = m;
    }
    sorted.splice(lo, 1);
  };
  // window [i − h, i + h] clipped to the record
  let a = 0, b = -1;
  for (let i = 0; i < n; i++) {
    const na = Math.max(0, i - h), nb = Math.min(n - 1, i + h);
    while (b < nb) insert(x[++b]);
    while (a < na) remove(x[a++]);
    const k = sorted.length;
    out[i] = k % 2 ? sorted[k >> 1] : 0.5 * (sorted[k / 2 - 1] + sorted[k / 2]);
  }
  return out;
}

export function removeBaseline(x: ArrayLike<number>, fs: number): Float64Array {
  const y = fillNaN(x);
  const odd = (ms: number) => Math.max(1, 2 * Math.round((ms * fs) / 2000) + 1);
  const base = runningMedian(runningMedian(y, odd(200)), odd(600));
  for (let i = 0; i < y.length; i++) y[i] -= base[i];
  return y;
}
