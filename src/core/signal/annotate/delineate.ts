/**
 * Wave boundaries of one beat in one lead, measured on the signal the way a careful annotator marks them
 * (definitions and references in docs/synthesis.md, "Label rules"). Works on any lead given in mV: the
 * synthetic (clean) leads and real recordings alike. All indices are samples; fractional where a rule
 * interpolates (the T-offset tangent).
 *
 * Shared quantities:
 *  - slope d[n] = (x[n+h] − x[n−h]) / (2h / fs) in mV/s, h = round(4 ms · fs) (≥ 1 sample);
 *  - isoelectric level b = mean of the flattest 20-ms window (smallest max − min) in the PR region
 *    [R − 300 ms, R − 30 ms] (clipped to the beat's window);
 *  - "back at the isoelectric line" = |x − b| ≤ θa for at least 10 ms, θa = 10 % of the wave's peak |x − b|
 *    clamped to [10, 20] µV (a 20-µV deflection is 0.2 mm on 10 mm/mV paper); the boundary is where |x − b|
 *    crosses θa (linear interpolation between samples);
 *  - "flat" = |d| ≤ θs, θs = 10 % of the QRS's steepest |d| (at least 0.5 mV/s).
 */

/** Search limits of one beat (sample indices, inclusive). */
export interface BeatWindow {
  /** R peak (or the QRS's largest deflection) — the anchor. */
  r: number;
  /** Earliest sample the beat's P wave / QRS onset may lie at. */
  lo: number;
  /** Latest sample the beat's T offset may lie at. */
  hi: number;
  /** Where to look for the P peak (omit: no P wave is delineated). */
  pLo?: number;
  pHi?: number;
  /** Where to look for the T peak (omit: [QRS offset + 40 ms, hi − 40 ms]). */
  tLo?: number;
  tHi?: number;
}

export interface LeadFiducials {
  baseline: number;
  pOn: number;
  pOff: number;
  qrsOn: number;
  qrsOff: number;
  tPeak: number;
  tOff: number;
  /** Peak |x − b| of the P and T waves (mV), to judge whether a lead shows them. */
  pAmp: number;
  tAmp: number;
}

const NONE = -1;
/** Onset flatness: |d| ≤ 5 % of the QRS's steepest slope (the one threshold chosen on LUDB records 1–40). */
const ON_SLOPE = 0.05;

function clampI(v: number, lo: number, hi: number): number {
  return v < lo ? lo : v > hi ? hi : v;
}

/** 20-ms central-difference slope (mV/s) over [lo, hi]; entries outside stay 0. */
export function slope(x: ArrayLike<number>, fs: number, lo = 0, hi = x.length - 1, out?: Float64Array): Float64Array {
  const h = Math.max(1, Math.round(0.004 * fs));
  const d = out && out.length >= x.length ? out : new Float64Array(x.length);
  const k = fs / (2 * h);
  const last = x.length - 1;
  for (let n = Math.max(0, lo); n <= Math.min(last, hi); n++) {
    const a = x[Math.max(0, n - h)];
    const b = x[Math.min(last, n + h)];
    d[n] = (b - a) * k;
  }
  return d;
}

/** Isoelectric level: mean of the flattest 20-ms window in [from, to]. */
export function isoelectricLevel(x: ArrayLike<number>, fs: number, from: number, to: number): number {
  const w = Math.max(2, Math.round(0.02 * fs));
  const a = Math.max(0, from);
  const b = Math.min(x.length - 1, to);
  if (b - a + 1 < w) return x[clampI(Math.round((a + b) / 2), 0, x.length - 1)] ?? 0;
  let best = Infinity;
  let level = 0;
  for (let s = a; s + w - 1 <= b; s++) {
    let mn = Infinity;
    let mx = -Infinity;
    let sum = 0;
    for (let i = s; i < s + w; i++) {
      const v = x[i];
      if (v < mn) mn = v;
      if (v > mx) mx = v;
      sum += v;
    }
    if (mx - mn < best) {
      best = mx - mn;
      level = sum / w;
    }
  }
  return level;
}

function peakAbs(x: ArrayLike<number>, b: number, lo: number, hi: number): number {
  let best = lo;
  for (let i = lo; i <= hi; i++) if (Math.abs(x[i] - b) > Math.abs(x[best] - b)) best = i;
  return best;
}

function maxAbs(d: Float64Array, lo: number, hi: number): number {
  let m = 0;
  for (let i = lo; i <= hi; i++) if (Math.abs(d[i]) > m) m = Math.abs(d[i]);
  return m;
}

/**
 * Delineates one beat in one lead. QRS onset: walking back from R, where the signal is back at the isoelectric
 * line or, later, where a 20-ms stretch before it is flat (|d| ≤ 5 % of the QRS's steepest slope). QRS offset (J point): walking forward from R, where it is back at the line, or — earlier, when the ST
 * segment is shifted — the start of a 20-ms stretch that is flat (a peak of S or R' is flat for a few ms only). P onset/offset: from the P peak (largest |x − b| in the P window), the first sample
 * back at the isoelectric line on either side. T offset (tangent method): the tangent at the steepest
 * slope of the T wave's terminal limb (descending for a positive T, ascending for a negative one, searched
 * from the T peak until the wave is back within θa or 300 ms) meets the isoelectric level b.
 */
export function delineateBeat(x: ArrayLike<number>, fs: number, win: BeatWindow, dBuf?: Float64Array): LeadFiducials {
  const last = x.length - 1;
  const lo = clampI(win.lo, 0, last);
  const hi = clampI(win.hi, 0, last);
  const r = clampI(win.r, lo, hi);
  const d = slope(x, fs, lo, hi, dBuf);
  const ms = (v: number) => Math.round((v * fs) / 1000);
  const b = isoelectricLevel(x, fs, Math.max(lo, r - ms(300)), Math.max(lo, r - ms(30)));
  const out: LeadFiducials = { baseline: b, pOn: NONE, pOff: NONE, qrsOn: NONE, qrsOff: NONE, tPeak: NONE, tOff: NONE, pAmp: 0, tAmp: 0 };

  // QRS: amplitude and slope scales from ±100 ms around R.
  const qLo = Math.max(lo, r - ms(100));
  const qHi = Math.min(hi, r + ms(120));
  const qAmp = Math.abs(x[peakAbs(x, b, qLo, qHi)] - b);
  const qSlope = maxAbs(d, qLo, qHi);
  const thA = Math.min(0.02, Math.max(0.01, 0.1 * qAmp));
  const thS = Math.max(0.5, 0.1 * qSlope);
  const hold = Math.max(1, ms(10));
  const flatRun = Math.max(2, ms(20));
  const onLimit = Math.max(lo, r - ms(150));
  const onBack = edgeBack(x, b, thA, r, onLimit, hold);
  let onFlat = onLimit;
  const thSOn = Math.max(0.5, ON_SLOPE * qSlope);
  for (let n = r, run = 0; n >= onLimit; n--) {
    if (Math.abs(d[n]) <= thSOn) {
      if (++run > flatRun) {
        onFlat = n + flatRun;
        break;
      }
    } else run = 0;
  }
  out.qrsOn = Math.max(onBack, onFlat);
  // J point: back at the line, or (ST shift) the start of a 20-ms stretch with |slope| ≤ θs.
  const offLimit = Math.min(hi - flatRun, r + ms(220));
  const back = edgeForward(x, b, thA, r, offLimit, hold);
  let flat = NONE;
  let run = 0;
  for (let n = r; n <= offLimit + flatRun && n < back; n++) {
    if (Math.abs(d[n]) <= thS) {
      if (++run > flatRun) {
        flat = n - flatRun;
        break;
      }
    } else run = 0;
  }
  let off = flat !== NONE && flat < back ? flat : back;
  if (off >= offLimit) {
    // neither: the flattest point 40–200 ms after R
    off = r + ms(40);
    for (let n = r + ms(40); n <= Math.min(hi, r + ms(200)); n++) if (Math.abs(d[n]) < Math.abs(d[off])) off = n;
  }
  out.qrsOff = off;
  const on = Math.floor(out.qrsOn);

  // P wave
  if (win.pLo !== undefined && win.pHi !== undefined) {
    const pLo = clampI(win.pLo, lo, on);
    const pHi = clampI(Math.min(win.pHi, on - 1), lo, on);
    if (pHi > pLo) {
      const pk = peakAbs(x, b, pLo, pHi);
      const pAmp = Math.abs(x[pk] - b);
      const pA = Math.min(0.02, Math.max(0.01, 0.1 * pAmp));
      out.pOn = edgeBack(x, b, pA, pk, Math.max(lo, pk - ms(150)), hold);
      out.pOff = edgeForward(x, b, pA, pk, on, hold);
      out.pAmp = pAmp;
    }
  }

  // T wave: peak, then the tangent at the steepest terminal slope.
  const tLo = clampI(win.tLo ?? Math.ceil(off) + ms(40), Math.ceil(off) + 1, hi);
  const tHi = clampI(win.tHi ?? hi - ms(40), tLo, hi);
  if (tHi > tLo) {
    const tp = peakAbs(x, b, tLo, tHi);
    const sign = x[tp] - b >= 0 ? 1 : -1;
    const tAmp = Math.abs(x[tp] - b);
    out.tPeak = tp;
    out.tAmp = tAmp;
    const endSearch = Math.min(hi, tp + ms(300));
    let best = NONE;
    let bestSlope = 0;
    for (let n = tp; n <= endSearch; n++) {
      const s = -sign * d[n];
      if (s > bestSlope) {
        bestSlope = s;
        best = n;
      }
      if (n > tp && sign * (x[n] - b) <= Math.min(0.02, 0.1 * tAmp)) break;
    }
    if (best !== NONE && bestSlope > 0) {
      const perSample = d[best] / fs;
      out.tOff = Math.min(hi, best + (b - x[best]) / perSample);
    }
  }
  return out;
}

/**
 * Walking back from `from` to `limit`: the first sample that stays within θa of b for the `hold` samples
 * before it, refined to where |x − b| crosses θa (linear interpolation). Returns `limit` if none.
 */
function edgeBack(x: ArrayLike<number>, b: number, thA: number, from: number, limit: number, hold: number): number {
  let run = 0;
  for (let n = from; n >= limit; n--) {
    if (Math.abs(x[n] - b) <= thA) {
      if (++run > hold) return crossing(x, b, thA, n + hold, n + hold + 1);
    } else run = 0;
  }
  return limit;
}

/** Mirror of edgeBack, walking forward. */
function edgeForward(x: ArrayLike<number>, b: number, thA: number, from: number, limit: number, hold: number): number {
  let run = 0;
  for (let n = from; n <= limit; n++) {
    if (Math.abs(x[n] - b) <= thA) {
      if (++run > hold) return crossing(x, b, thA, n - hold, n - hold - 1);
    } else run = 0;
  }
  return limit;
}

/** Fractional index between `inside` (|x − b| ≤ θa) and its neighbour `outside` where |x − b| = θa. */
function crossing(x: ArrayLike<number>, b: number, thA: number, inside: number, outside: number): number {
  const a0 = Math.abs(x[inside] - b);
  const a1 = Math.abs(x[outside] - b);
  if (!(a1 > a0)) return inside;
  return inside + ((outside - inside) * (thA - a0)) / (a1 - a0);
}

/** Search limits for a beat of a real recording, from its R peak and the neighbouring R peaks. */
export function windowFromRPeaks(r: number, prevR: number | undefined, nextR: number | undefined, fs: number, n: number): BeatWindow {
  const ms = (v: number) => Math.round((v * fs) / 1000);
  const rrNext = nextR !== undefined ? nextR - r : ms(1000);
  const rrPrev = prevR !== undefined ? r - prevR : rrNext;
  const lo = Math.max(0, r - Math.min(ms(450), Math.round(0.6 * rrPrev)));
  const hi = Math.min(n - 1, r + Math.round(0.75 * rrNext));
  return { r, lo, hi, pLo: Math.max(lo, r - ms(350)), pHi: r - ms(40), tLo: undefined, tHi: Math.min(hi, r + Math.round(0.6 * rrNext)) };
}
