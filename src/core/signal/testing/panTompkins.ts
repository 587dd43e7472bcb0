/**
 * A Pan–Tompkins-style R-peak detector, written for the tests so that labels are checked independently of the
 * generator: band-pass (difference of centred moving averages, ≈ 5–15 Hz, with nulls at 50 and 60 Hz),
 * five-point derivative, squaring, 150 ms moving-window integration, adaptive signal/noise peak levels with a
 * 200 ms refractory period and search-back at half threshold after 1.66 × the mean RR, then the R peak is the
 * largest |signal − 200 ms moving average| within ±100 ms of the integrator peak.
 */

function movingAverage(x: Float64Array, len: number): Float64Array {
  const n = x.length;
  const out = new Float64Array(n);
  const half = Math.floor(len / 2);
  const cum = new Float64Array(n + 1);
  for (let i = 0; i < n; i++) cum[i + 1] = cum[i] + x[i];
  for (let i = 0; i < n; i++) {
    const a = Math.max(0, i - half);
    const b = Math.min(n, i - half + len);
    out[i] = (cum[b] - cum[a]) / (b - a);
  }
  return out;
}

export function bandPass(signal: ArrayLike<number>, fs: number): Float64Array {
  const x = Float64Array.from(signal as ArrayLike<number>);
  const lp = movingAverage(movingAverage(x, Math.max(1, Math.round(fs / 50))), Math.max(1, Math.round(fs / 60)));
  const hp = movingAverage(lp, Math.max(3, Math.round(fs * 0.2)));
  for (let i = 0; i < x.length; i++) lp[i] -= hp[i];
  return lp;
}

/**
 * R-peak sample indices of one lead. The record is padded with 0.5 s of its edge values on both sides so
 * beats at the ends are seen by the filters; a peak on the first or last sample (a QRS cut by the record
 * edge, its true peak outside) is not reported.
 */
export function detectRPeaks(signal: ArrayLike<number>, fs: number): number[] {
  const len = signal.length;
  const pad = Math.round(0.5 * fs);
  const padded = new Float64Array(len + 2 * pad);
  for (let i = 0; i < padded.length; i++) padded[i] = signal[Math.min(len - 1, Math.max(0, i - pad))];
  return detectPadded(padded, fs, pad, pad + len - 1)
    .map((p) => p - pad)
    .filter((p) => p > 0 && p < len - 1);
}

function detectPadded(signal: Float64Array, fs: number, lo: number, hi: number): number[] {
  const bp = bandPass(signal, fs);
  const n = bp.length;
  const d = new Float64Array(n);
  for (let i = 2; i < n - 2; i++) d[i] = (2 * bp[i + 2] + bp[i + 1] - bp[i - 1] - 2 * bp[i - 2]) / 8;
  for (let i = 0; i < n; i++) d[i] *= d[i];
  const mwi = movingAverage(d, Math.max(1, Math.round(0.15 * fs)));
  // local maxima of the integrated signal, at least 200 ms apart (keep the larger)
  const refractory = Math.round(0.2 * fs);
  const cands: number[] = [];
  for (let i = 1; i < n - 1; i++) {
    if (mwi[i] >= mwi[i - 1] && mwi[i] > mwi[i + 1]) {
      const last = cands[cands.length - 1];
      if (last !== undefined && i - last < refractory) {
        if (mwi[i] > mwi[last]) cands[cands.length - 1] = i;
      } else cands.push(i);
    }
  }
  // initialise levels on the first 2 s
  const init = Math.min(n, 2 * fs);
  let maxInit = 0;
  for (let i = 0; i < init; i++) maxInit = Math.max(maxInit, mwi[i]);
  let spki = 0.5 * maxInit;
  let npki = 0;
  for (let i = 0; i < init; i++) npki += mwi[i];
  npki = (0.5 * npki) / Math.max(1, init);
  const peaks: number[] = [];
  let rrMean = 0;
  let ci = 0;
  while (ci < cands.length) {
    const c = cands[ci];
    const thr = npki + 0.25 * (spki - npki);
    const lastPeak = peaks[peaks.length - 1];
    // search-back: a long gap since the last beat → accept the best candidate above half threshold in it
    if (lastPeak !== undefined && rrMean > 0 && c - lastPeak > 1.66 * rrMean) {
      let best = -1;
      for (let k = ci - 1; k >= 0 && cands[k] > lastPeak; k--) {
        const v = cands[k];
        if (v - lastPeak >= refractory && c - v >= refractory && mwi[v] > 0.5 * thr && (best < 0 || mwi[v] > mwi[best])) best = v;
      }
      if (best >= 0) {
        peaks.push(best);
        spki = 0.25 * mwi[best] + 0.75 * spki;
        continue;
      }
    }
    if (mwi[c] > thr && (lastPeak === undefined || c - lastPeak >= refractory)) {
      if (lastPeak !== undefined) rrMean = rrMean === 0 ? c - lastPeak : 0.875 * rrMean + 0.125 * (c - lastPeak);
      peaks.push(c);
      spki = 0.125 * mwi[c] + 0.875 * spki;
    } else npki = 0.125 * mwi[c] + 0.875 * npki;
    ci++;
  }
  // refine: largest |signal − 200 ms moving average| within ±100 ms, inside the unpadded record
  const base = movingAverage(signal, Math.max(3, Math.round(0.2 * fs)));
  const dev = (i: number) => Math.abs(signal[i] - base[i]);
  const w = Math.round(0.1 * fs);
  const out: number[] = [];
  for (const p of peaks) {
    const a = Math.max(lo, p - w);
    const b = Math.min(hi, p + w);
    if (a > b) continue;
    let best = a;
    for (let i = a; i <= b; i++) if (dev(i) > dev(best)) best = i;
    if (out.length === 0 || best - out[out.length - 1] >= refractory) out.push(best);
  }
  return out;
}

/** Heart rate (bpm) from detected peaks: 60 / mean RR. */
export function heartRateFromPeaks(peaks: number[], fs: number): number {
  if (peaks.length < 2) return NaN;
  return (60 * fs * (peaks.length - 1)) / (peaks[peaks.length - 1] - peaks[0]);
}
