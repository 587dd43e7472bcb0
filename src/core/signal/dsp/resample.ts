/**
 * Band-limited resampling by windowed-sinc interpolation evaluated as a polyphase filter bank:
 * for a rational ratio up/down the kernel phases repeat every `up` outputs and are precomputed.
 * The anti-aliasing cutoff is min(fsIn, fsOut)/2 (times `rolloff`); Kaiser window; edges replicate.
 */

function gcd(a: number, b: number): number {
  while (b) [a, b] = [b, a % b];
  return a;
}

function besselI0(x: number): number {
  let s = 1, t = 1;
  for (let k = 1; k < 50; k++) {
    t *= (x / (2 * k)) ** 2;
    s += t;
    if (t < 1e-12 * s) break;
  }
  return s;
}

/** Rational approximation up/down of fsOut/fsIn (exact for integer or millihertz rates). */
export function resampleRatio(fsIn: number, fsOut: number): { up: number; down: number } {
  const a = Math.round(fsOut * 1000), b = Math.round(fsIn * 1000);
  const g = gcd(a, b);
  return { up: a / g, down: b / g };
}

export interface ResampleOptions {
  /** Zero crossings of the sinc on each side (kernel half-width at the lower rate). Default 16. */
  halfWidth?: number;
  /** Cutoff as a fraction of the lower Nyquist. Default 0.94. */
  rolloff?: number;
  /** Kaiser beta. Default 8.6. */
  beta?: number;
}

/** Output length for an input of n samples. */
export function resampledLength(n: number, fsIn: number, fsOut: number): number {
  const { up, down } = resampleRatio(fsIn, fsOut);
  return Math.ceil((n * up) / down);
}

export function resample(x: Float32Array, fsIn: number, fsOut: number, opts: ResampleOptions = {}): Float32Array {
  if (!(fsIn > 0) || !(fsOut > 0)) throw new RangeError(`sampling rates must be positive (${fsIn} → ${fsOut})`);
  if (fsIn === fsOut) return Float32Array.from(x);
  const n = x.length;
  const { up, down } = resampleRatio(fsIn, fsOut);
  const nOut = Math.ceil((n * up) / down);
  const out = new Float32Array(nOut);
  if (n === 0) return out;
  const L = opts.halfWidth ?? 16;
  const fc = Math.min(1, up / down) * (opts.rolloff ?? 0.94); // cutoff relative to the input Nyquist
  const beta = opts.beta ?? 8.6;
  const W = Math.ceil(L / fc); // half-width in input samples
  const i0b = besselI0(beta);
  const kernel = (d: number) => {
    const r = d / (W + 1);
    if (r <= -1 || r >= 1) return 0;
    const win = besselI0(beta * Math.sqrt(1 - r * r)) / i0b;
    const a = Math.PI * fc * d;
    return fc * (d === 0 ? 1 : Math.sin(a) / a) * win;
  };
  const usePhases = up <= 4096;
  const taps = 2 * W + 2;
  const table = usePhases ? new Float64Array(up * taps) : undefined;
  if (table) {
    for (let ph = 0; ph < up; ph++) {
      const frac = ph / up;
      let sum = 0;
      for (let k = 0; k < taps; k++) {
        const v = kernel(frac - (k - W));
        table[ph * taps + k] = v;
        sum += v;
      }
      for (let k = 0; k < taps; k++) table[ph * taps + k] /= sum; // unity DC gain per phase
    }
  }
  const last = n - 1;
  for (let m = 0; m < nOut; m++) {
    const num = m * down;
    const i0 = Math.floor(num / up);
    const ph = num - i0 * up;
    let acc = 0;
    if (table) {
      const base = ph * taps;
      for (let k = 0; k < taps; k++) {
        let j = i0 + k - W;
        j = j < 0 ? 0 : j > last ? last : j;
        acc += table[base + k] * x[j];
      }
    } else {
      const frac = ph / up;
      let sum = 0;
      for (let k = 0; k < taps; k++) {
        let j = i0 + k - W;
        j = j < 0 ? 0 : j > last ? last : j;
        const v = kernel(frac - (k - W));
        acc += v * x[j];
        sum += v;
      }
      acc /= sum;
    }
    out[m] = acc;
  }
  return out;
}
