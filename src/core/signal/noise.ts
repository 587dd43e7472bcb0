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

function addSine(out: Float32Array, fs: number, hz: number, amp: number, phase: number): void {
  const d = (2 * Math.PI * hz) / fs;
  const cd = Math.cos(d);
  const sd = Math.sin(d);
  let s = Math.sin(phase);
  let c = Math.cos(phase);
  for (let n = 0; n < out.length; n++) {
    out[n] += amp * s;
    const s2 = s * cd + c * sd;
    c = c * cd - s * sd;
    s = s2;
  }
}

export function hasNoise(noise: NoiseParams): boolean {
  return noise.baselineMv > 0 || noise.powerlineMv > 0 || noise.emgMv > 0 || noise.motionMv > 0;
}

/** Adds every enabled noise source to one lead. `respPhase`/`respHz` tie baseline wander to respiration. */
export function addNoise(out: Float32Array, fs: number, noise: NoiseParams, rng: Rng, respHz: number, respPhase: number): void {
  const N = out.length;
  if (noise.baselineMv > 0) {
    const a = noise.baselineMv;
    addSine(out, fs, respHz, 0.7 * a, respPhase + 0.3 * (rng.next() - 0.5));
    addSine(out, fs, rng.uniform(0.03, 0.12), 0.3 * a, 2 * Math.PI * rng.next());
  }
  if (noise.powerlineMv > 0 && noise.powerlineHz < fs / 2) {
    addSine(out, fs, noise.powerlineHz, noise.powerlineMv, 2 * Math.PI * rng.next());
  }
  if (noise.emgMv > 0) {
    if (emgScratch.length < N) emgScratch = new Float64Array(N);
    const buf = emgScratch;
    const rc = 1 / (2 * Math.PI * 20);
    const alpha = rc / (rc + 1 / fs);
    let prevX = 0;
    let y = 0;
    let sum2 = 0;
    for (let n = 0; n < N; n++) {
      const x = rng.next() - 0.5;
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
      for (let n = n0; n <= n1; n++) {
        const u = (n / fs - t0) / dur;
        const env = Math.sin(Math.PI * u);
        out[n] += amp * env * env * (0.6 + 0.4 * Math.sin(2 * Math.PI * hz * (n / fs - t0) + ph));
      }
    }
  }
}
