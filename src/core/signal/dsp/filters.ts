/**
 * IIR filters as cascades of biquads (RBJ cookbook designs, Butterworth Q values), applied forward and
 * backward (zero phase, like scipy.signal.filtfilt) with odd-reflection padding at the edges.
 */

export interface Biquad {
  b0: number;
  b1: number;
  b2: number;
  a1: number;
  a2: number;
}

function norm(b0: number, b1: number, b2: number, a0: number, a1: number, a2: number): Biquad {
  return { b0: b0 / a0, b1: b1 / a0, b2: b2 / a0, a1: a1 / a0, a2: a2 / a0 };
}

function check(fs: number, f: number, what: string): void {
  if (!(fs > 0)) throw new RangeError(`sampling rate must be positive, got ${fs}`);
  if (!(f > 0 && f < fs / 2)) throw new RangeError(`${what} ${f} Hz must lie between 0 and fs/2 = ${fs / 2} Hz`);
}

export function lowpassBiquad(fs: number, f0: number, q = Math.SQRT1_2): Biquad {
  check(fs, f0, 'cutoff');
  const w = (2 * Math.PI * f0) / fs, c = Math.cos(w), alpha = Math.sin(w) / (2 * q);
  return norm((1 - c) / 2, 1 - c, (1 - c) / 2, 1 + alpha, -2 * c, 1 - alpha);
}

export function highpassBiquad(fs: number, f0: number, q = Math.SQRT1_2): Biquad {
  check(fs, f0, 'cutoff');
  const w = (2 * Math.PI * f0) / fs, c = Math.cos(w), alpha = Math.sin(w) / (2 * q);
  return norm((1 + c) / 2, -(1 + c), (1 + c) / 2, 1 + alpha, -2 * c, 1 - alpha);
}

export function notchBiquad(fs: number, f0: number, q = 30): Biquad {
  check(fs, f0, 'notch frequency');
  const w = (2 * Math.PI * f0) / fs, c = Math.cos(w), alpha = Math.sin(w) / (2 * q);
  return norm(1, -2 * c, 1, 1 + alpha, -2 * c, 1 - alpha);
}

/** Q values of the biquads of an even-order Butterworth filter. */
export function butterworthQs(order: number): number[] {
  const n = Math.max(2, 2 * Math.round(order / 2));
  const qs: number[] = [];
  for (let k = 0; k < n / 2; k++) qs.push(1 / (2 * Math.cos((Math.PI * (2 * k + 1)) / (2 * n))));
  return qs;
}

export function butterworth(kind: 'lowpass' | 'highpass', fs: number, f0: number, order = 4): Biquad[] {
  return butterworthQs(order).map((q) => (kind === 'lowpass' ? lowpassBiquad(fs, f0, q) : highpassBiquad(fs, f0, q)));
}

/** Runs the cascade once (causal) in place on a Float64Array. */
export function sosFilterInPlace(x: Float64Array, sos: Biquad[]): void {
  for (const s of sos) {
    let z1 = 0, z2 = 0;
    // Steady-state initial conditions for a step at x[0] (as lfilter_zi) reduce edge transients.
    const x0 = x[0];
    const dc = (s.b0 + s.b1 + s.b2) / (1 + s.a1 + s.a2);
    if (Number.isFinite(dc) && Number.isFinite(x0)) {
      const y0 = dc * x0;
      z1 = y0 - s.b0 * x0;
      z2 = s.b2 * x0 - s.a2 * y0;
    }
    for (let i = 0; i < x.length; i++) {
      const xi = x[i];
      const y = s.b0 * xi + z1;
      z1 = s.b1 * xi - s.a1 * y + z2;
      z2 = s.b2 * xi - s.a2 * y;
      x[i] = y;
    }
  }
}

/** Zero-phase filtering (forward–backward) with odd reflection padding of `padLen` samples at each end. */
export function filtfilt(x: Float32Array | Float64Array, sos: Biquad[], padLen?: number): Float32Array {
  const n = x.length;
  if (n === 0) return new Float32Array(0);
  const pad = Math.min(n - 1, padLen ?? Math.min(n - 1, 6 * sos.length * 3 + 30));
  const ext = new Float64Array(n + 2 * pad);
  for (let i = 0; i < pad; i++) ext[i] = 2 * x[0] - x[pad - i];
  for (let i = 0; i < n; i++) ext[pad + i] = x[i];
  for (let i = 0; i < pad; i++) ext[pad + n + i] = 2 * x[n - 1] - x[n - 2 - i];
  sosFilterInPlace(ext, sos);
  ext.reverse();
  sosFilterInPlace(ext, sos);
  ext.reverse();
  return Float32Array.from(ext.subarray(pad, pad + n));
}

/** Zero-phase Butterworth band-pass (high-pass at `lo`, low-pass at `hi`; either may be omitted). */
export function bandpass(x: Float32Array, fs: number, lo?: number, hi?: number, order = 2): Float32Array {
  const sos: Biquad[] = [];
  if (lo !== undefined && lo > 0) sos.push(...butterworth('highpass', fs, lo, order));
  if (hi !== undefined && hi < fs / 2) sos.push(...butterworth('lowpass', fs, hi, order));
  if (!sos.length) return Float32Array.from(x);
  const pad = lo ? Math.round(Math.min(x.length - 1, (3 * fs) / lo)) : undefined;
  return filtfilt(x, sos, pad);
}

/** Zero-phase notch (e.g. 50 or 60 Hz mains) with quality factor q. */
export function notch(x: Float32Array, fs: number, f0 = 50, q = 30): Float32Array {
  return filtfilt(x, [notchBiquad(fs, f0, q)], Math.min(x.length - 1, Math.round((3 * fs * q) / f0)));
}

/** Magnitude response |H(e^{jw})| of a cascade at frequency f (Hz), single pass. */
export function magnitudeAt(sos: Biquad[], fs: number, f: number): number {
  const w = (2 * Math.PI * f) / fs;
  let mag = 1;
  for (const s of sos) {
    const cr = Math.cos(w), ci = -Math.sin(w), c2r = Math.cos(2 * w), c2i = -Math.sin(2 * w);
    const nr = s.b0 + s.b1 * cr + s.b2 * c2r, ni = s.b1 * ci + s.b2 * c2i;
    const dr = 1 + s.a1 * cr + s.a2 * c2r, di = s.a1 * ci + s.a2 * c2i;
    mag *= Math.hypot(nr, ni) / Math.hypot(dr, di);
  }
  return mag;
}
