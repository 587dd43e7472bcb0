/**
 * A tiny deterministic pulse-train dataset for unit tests and smoke runs (not ECG synthesis: that is
 * src/core/signal). Each record is a train of Gaussian pulses at `hr_bpm`, pulse width set by `qrs_ms`;
 * class 0/1/2 = slow/normal/fast rate (for classification tests).
 */
import type { EcgDataset } from '../data/dataset';
import { mulberry32 } from './random';

export function toyDataset(n: number, seed: number, opts: { fs?: number; nSamples?: number; nLeads?: number } = {}): EcgDataset {
  const fs = opts.fs ?? 50;
  const T = opts.nSamples ?? 200;
  const L = opts.nLeads ?? 2;
  const rand = mulberry32(seed);
  const x = new Float32Array(n * L * T);
  const hr = new Float32Array(n);
  const qrs = new Float32Array(n);
  const classes = ['slow', 'normal', 'fast'];
  const y = new Uint8Array(n * 3);
  for (let r = 0; r < n; r++) {
    hr[r] = 40 + rand() * 120;
    qrs[r] = 60 + rand() * 80;
    const period = (60 / hr[r]) * fs;
    const sigma = (qrs[r] / 1000) * fs * 0.25;
    const phase = rand() * period;
    for (let l = 0; l < L; l++) {
      const amp = 1 + 0.5 * l;
      for (let t = 0; t < T; t++) {
        const d = ((t - phase) % period + period) % period;
        const dd = Math.min(d, period - d);
        x[(r * L + l) * T + t] = amp * Math.exp(-(dd * dd) / (2 * sigma * sigma)) + 0.05 * (rand() - 0.5);
      }
    }
    y[r * 3 + (hr[r] < 80 ? 0 : hr[r] < 120 ? 1 : 2)] = 1;
  }
  return {
    id: `toy-${seed}`,
    name: `toy pulses (${n})`,
    fingerprint: `toy-${seed}-${n}-${T}-${L}`,
    source: 'synthetic',
    fs,
    nLeads: L,
    nSamples: T,
    leadNames: Array.from({ length: L }, (_, i) => `L${i + 1}`),
    n,
    x,
    recordNames: Array.from({ length: n }, (_, i) => `toy${i}`),
    targets: { hr_bpm: hr, qrs_ms: qrs },
    classes,
    y,
  };
}
