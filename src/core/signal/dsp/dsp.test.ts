import { describe, expect, it } from 'vitest';
import { bandpass, butterworth, magnitudeAt, notch } from './filters';
import { resample, resampleRatio } from './resample';

const sine = (f: number, fs: number, n: number, a = 1) => Float32Array.from({ length: n }, (_, t) => a * Math.sin((2 * Math.PI * f * t) / fs));
const rms = (x: Float32Array, from = 0, to = x.length) => {
  let s = 0;
  for (let i = from; i < to; i++) s += x[i] * x[i];
  return Math.sqrt(s / (to - from));
};

describe('filters', () => {
  it('Butterworth cascade: −3 dB at the cutoff per pass, flat pass band, steep stop band', () => {
    const lp = butterworth('lowpass', 500, 40, 4);
    expect(magnitudeAt(lp, 500, 40)).toBeCloseTo(Math.SQRT1_2, 4);
    expect(magnitudeAt(lp, 500, 5)).toBeCloseTo(1, 4);
    expect(magnitudeAt(lp, 500, 160)).toBeLessThan(0.002);
  });
  it('zero-phase band-pass keeps a 10 Hz sine (no shift) and removes 0.1 Hz drift and 100 Hz noise', () => {
    const fs = 500, n = 5000;
    const clean = sine(10, fs, n);
    const x = Float32Array.from(clean, (v, t) => v + 2 * Math.sin((2 * Math.PI * 0.1 * t) / fs) + 0.5 * Math.sin((2 * Math.PI * 100 * t) / fs));
    const y = bandpass(x, fs, 0.5, 40);
    let err = 0;
    for (let t = 500; t < n - 500; t++) err = Math.max(err, Math.abs(y[t] - clean[t]));
    expect(err).toBeLessThan(0.06);
  });
  it('notch removes 50 Hz and keeps 10 Hz', () => {
    const fs = 500;
    const y = notch(Float32Array.from(sine(50, fs, 5000), (v, t) => v + Math.sin((2 * Math.PI * 10 * t) / fs)), fs, 50);
    const d = Float32Array.from(y, (v, t) => v - Math.sin((2 * Math.PI * 10 * t) / fs));
    expect(rms(d, 1000, 4000)).toBeLessThan(0.02);
  });
  it('rejects cutoffs outside (0, fs/2)', () => {
    expect(() => bandpass(new Float32Array(10), 100, 0.5, 60)).not.toThrow(); // hi ≥ Nyquist ignored
    expect(() => notch(new Float32Array(10), 100, 60)).toThrowError(RangeError);
  });
});

describe('resampling', () => {
  it('ratio', () => {
    expect(resampleRatio(500, 100)).toEqual({ up: 1, down: 5 });
    expect(resampleRatio(360, 500)).toEqual({ up: 25, down: 18 });
  });
  it('500 → 100 Hz keeps a 5 Hz sine exactly and removes a 120 Hz component (no aliasing), unlike decimation', () => {
    const x = Float32Array.from(sine(5, 500, 5000), (v, t) => v + 0.5 * Math.sin((2 * Math.PI * 120 * t) / 500));
    const y = resample(x, 500, 100);
    expect(y.length).toBe(1000);
    const want = sine(5, 100, 1000);
    let err = 0;
    for (let t = 50; t < 950; t++) err = Math.max(err, Math.abs(y[t] - want[t]));
    expect(err).toBeLessThan(0.01);
    // nearest-sample decimation would alias 120 Hz to 20 Hz with amplitude 0.5
    const dec = Float32Array.from({ length: 1000 }, (_, t) => x[5 * t] - want[t]);
    expect(rms(dec, 50, 950)).toBeGreaterThan(0.3);
  });
  it('360 → 500 Hz upsampling interpolates a band-limited signal to < 1e-3', () => {
    const y = resample(sine(7, 360, 3600), 360, 500);
    expect(y.length).toBe(5000);
    const want = sine(7, 500, 5000);
    let err = 0;
    for (let t = 100; t < 4900; t++) err = Math.max(err, Math.abs(y[t] - want[t]));
    expect(err).toBeLessThan(1e-3);
  });
});
