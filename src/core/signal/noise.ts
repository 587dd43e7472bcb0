/**
 * Additive noise sources, each with its own strength in mV, added to one lead in place.
 * Noise is drawn from its own random stream and never touches the labels.
 *
 * - baseline wander: 0.7·sin(respiration) + 0.3·sin(slow drift 0.03–0.12 Hz); peak ≤ baselineMv.
 * - power line: baselineless sinusoid at 50/60 Hz, amplitude powerlineMv; omitted when the line frequency
 *   is at or above Nyquist (fs = 100 Hz with 50/60 Hz: a real recorder's anti-alias filter removes it).
 * - EMG: white noise high-passed at 20 Hz (band 20 Hz – Nyquist), scaled so its RMS is exactly emgMv.
 * - electrode motion: on average one burst per 10 s (0–2 per 10 s), 0.3–1 s long, a sin² envelope on a
 *   1–3 Hz oscillation with offset, peak amplitude motionMv.
 * Sinusoids use a rotating phasor (only multiplications and additions per sample: deterministic and fast).
 */
import type { Rng } from './rng';
import type { NoiseParams } from './types';

let emgScratch = new Float64Array(0);

/** Adds a sum of up to three sinusoids in one pass (rotating phasors: only * and + per sample). */
function addSines(out: Float32Array, fs: number, parts: Array<[hz: number, amp: number, phase: number]>): void {
  const k = parts.length;
  if (k === 0) return;
  // unused slots stay at amplitude 0 and phase 0 (their phasor rotates but adds nothing)
  let s0 = 0, c0 = 0, s1 = 0, c1 = 0, s2 = 0, c2 = 0;
  let cd0 = 0, sd0 = 0, cd1 = 0, sd1 = 0, cd2 = 0, sd2 = 0;
  let a0 = 0, a1 = 0, a2 = 0;
  const [hz0, amp0, ph0] = parts[0];
  const d0 = (2 * Math.PI * hz0) / fs;
  cd0 = Math.cos(d0);
  sd0 = Math.sin(d0);
  s0 = Math.sin(ph0);
  c0 = Math.cos(ph0);
  a0 = amp0;
  if (k > 1) {
    const [hz1, amp1, ph1] = parts[1];
    const d1 = (2 * Math.PI * hz1) / fs;
    cd1 = Math.cos(d1);
    sd1 = Math.sin(d1);
    s1 = Math.sin(ph1);
    c1 = Math.cos(ph1);
    a1 = amp1;
  }
  if (k > 2) {
    const [hz2, amp2, ph2] = parts[2];
    const d2 = (2 * Math.PI * hz2) / fs;
    cd2 = Math.cos(d2);
    sd2 = Math.sin(d2);
    s2 = Math.sin(ph2);
    c2 = Math.cos(ph2);
    a2 = amp2;
  }
  for (let n = 0; n < out.length; n++) {
    out[n] += a0 * s0 + a1 * s1 + a2 * s2;
    const t0 = s0 * cd0 + c0 * sd0;
    c0 = c0 * cd0 - s0 * sd0;
    s0 = t0;
    const t1 = s1 * cd1 + c1 * sd1;
    c1 = c1 * cd1 - s1 * sd1;
    s1 = t1;
    const t2 = s2 * cd2 + c2 * sd2;
    c2 = c2 * cd2 - s2 * sd2;
    s2 = t2;
  }
}

export function hasNoise(noise: NoiseParams): boolean {
  return noise.baselineMv > 0 || noise.powerlineMv > 0 || noise.emgMv > 0 || noise.motionMv > 0;
}

/** Adds every enabled noise source to one lead. `respPhase`/`respHz` tie baseline wander to respiration. */
export function addNoise(out: Float32Array, fs: number, noise: NoiseParams, rng: Rng, respHz: number, respPhase: number): void {
  const N = out.length;
  const sines: Array<[number, number, number]> = [];
  if (noise.baselineMv > 0) {
    const a = noise.baselineMv;
    sines.push([respHz, 0.7 * a, respPhase + 0.3 * (rng.next() - 0.5)]);
    sines.push([rng.uniform(0.03, 0.12), 0.3 * a, 2 * Math.PI * rng.next()]);
  }
  if (noise.powerlineMv > 0 && noise.powerlineHz < fs / 2) sines.push([noise.powerlineHz, noise.powerlineMv, 2 * Math.PI * rng.next()]);
  addSines(out, fs, sines);
  if (noise.emgMv > 0) {
    if (emgScratch.length < N) emgScratch = new Float64Array(N);
    const buf = emgScratch;
    rng.fillCentered(buf, N);
    const rc = 1 / (2 * Math.PI * 20);
    const alpha = rc / (rc + 1 / fs);
    let prevX = 0;
    let y = 0;
    let sum2 = 0;
    for (let n = 0; n < N; n++) {
      const x = buf[n];
      y = alpha * (y + x - prevX);
      prevX = x;
      buf[n] = y;
      sum2 += y * y;
    }
    const scale = sum2 > 0 ? noise.emgMv / Math.sqrt(sum2 / N) : 0;
    for (let n = 0; n < N; n++) out[n] += scale * buf[n];
  }
  if (noise.motionMv > 0) {
    const seconds = N / fs;
    const bursts = Math.floor((seconds / 10) * 2 * rng.next() + 0.5);
    for (let b = 0; b < bursts; b++) {
      const dur = rng.uniform(0.3, 1);
      const t0 = rng.uniform(0, Math.max(0, seconds - dur));
      const hz = rng.uniform(1, 3);
      const ph = 2 * Math.PI * rng.next();
      const amp = noise.motionMv * (rng.next() < 0.5 ? -1 : 1);
      const n0 = Math.max(0, Math.ceil(t0 * fs));
      const n1 = Math.min(N - 1, Math.floor((t0 + dur) * fs));
      // envelope sin(π u) and oscillation sin(2π hz (t − t0) + ph) by rotating phasors from n0
      const de = Math.PI / (dur * fs);
      const dosc = (2 * Math.PI * hz) / fs;
      const u0 = (n0 / fs - t0) * fs; // samples since t0
      let es = Math.sin(de * u0);
      let ec = Math.cos(de * u0);
      let os = Math.sin(dosc * u0 + ph);
      let oc = Math.cos(dosc * u0 + ph);
      const cde = Math.cos(de), sde = Math.sin(de), cdo = Math.cos(dosc), sdo = Math.sin(dosc);
      for (let n = n0; n <= n1; n++) {
        out[n] += amp * es * es * (0.6 + 0.4 * os);
        const e2 = es * cde + ec * sde;
        ec = ec * cde - es * sde;
        es = e2;
        const o2 = os * cdo + oc * sdo;
        oc = oc * cdo - os * sdo;
        os = o2;
      }
    }
  }
}
