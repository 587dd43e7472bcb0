/**
 * The one wave shape of the engine: a finite-support "lobe" on [on, off] (seconds) — a raised-cosine rise on
 * [on, pk1], a plateau on [pk1, pk2] and a raised-cosine fall on [pk2, off] — exactly zero outside its support,
 * with a continuous slope at both ends. Rendered only over its support into 1 (lead II) or 3 (heart vector)
 * Float64 channels, each channel weighted by w[c] · gain.
 */

/** Channels the waves are rendered into: lead II only (1 channel) or the heart vector (x, y, z). */
export interface Canvas {
  ch: Float64Array[];
  n: number;
  fs: number;
}

export function addLobe(cv: Canvas, w: ArrayLike<number>, gain: number, on: number, pk1: number, pk2: number, off: number): void {
  const fs = cv.fs;
  const last = cv.n - 1;
  let n = Math.max(0, Math.ceil(on * fs));
  const nPk1 = Math.min(last, Math.floor(pk1 * fs));
  const nPk2 = Math.min(last, Math.floor(pk2 * fs));
  const nOff = Math.min(last, Math.floor(off * fs));
  const nc = w.length;
  const c0 = cv.ch[0];
  const c1 = nc > 1 ? cv.ch[1] : c0;
  const c2 = nc > 2 ? cv.ch[2] : c0;
  const w0 = w[0] * gain;
  const w1 = nc > 1 ? w[1] * gain : 0;
  const w2 = nc > 2 ? w[2] * gain : 0;
  const kRise = Math.PI / ((pk1 - on) * fs);
  const kFall = Math.PI / ((off - pk2) * fs);
  const onS = on * fs;
  const pk2S = pk2 * fs;
  for (; n <= nPk1 && n <= last; n++) {
    const s = 0.5 - 0.5 * Math.cos(kRise * (n - onS));
    if (nc === 1) c0[n] += w0 * s;
    else {
      c0[n] += w0 * s;
      c1[n] += w1 * s;
      c2[n] += w2 * s;
    }
  }
  for (; n <= nPk2; n++) {
    if (nc === 1) c0[n] += w0;
    else {
      c0[n] += w0;
      c1[n] += w1;
      c2[n] += w2;
    }
  }
  for (; n <= nOff; n++) {
    const s = 0.5 + 0.5 * Math.cos(kFall * (n - pk2S));
    if (nc === 1) c0[n] += w0 * s;
    else {
      c0[n] += w0 * s;
      c1[n] += w1 * s;
      c2[n] += w2 * s;
    }
  }
}
