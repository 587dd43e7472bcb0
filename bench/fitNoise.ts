/**
 * Noise realism: low-frequency (< 0.7 Hz, baseline wander) and broadband (15–50 Hz, muscle-like) noise power
 * of real records vs the default synthetic spec, and the fit of the spec's noise amplitudes to the real ones
 * (docs/synthesis.md, "Noise fitted to real records").
 *
 * Every source is read as the model reads it (12 lead slots, 100 Hz, 10 s; the lab's import). Per record, lead
 * II: the residual = the signal minus the median beat (src/core/signal/median) at every detected beat (what
 * is not the repeating beat), then its power (variance, µV²) in three zero-phase Butterworth bands: < 0.7 Hz,
 * 0.7–15 Hz, 15–50 Hz. The summary per source is the median over records and its 95 % interval (order
 * statistics, binomial), since the powers are skewed.
 *
 * Fit (on LUDB 1–40 and PTB-XL 1–100, the shared records; --target ludb|ptbxl|both picks which, default both:
 * the geometric mean of the two medians): the default spec draws each amplitude uniformly from [0, max]; the
 * baseline max is scaled so that the synthetic median power < 0.7 Hz equals the target, and the EMG max so that
 * the median power 15–50 Hz does (bisection on the scale, the same synthetic records and seeds every step).
 * Run: npx tsx bench/fitNoise.ts [--n 200] [--target both] [--fit] (without --fit: only the table)
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { EcgDataset } from '../src/core/data/dataset';
import { importFiles } from '../src/core/data/importDataset';
import { defaultSyntheticSpec, generateSyntheticDataset, type SyntheticDatasetSpec } from '../src/core/data/synthDataset';
import { butterworth, filtfilt } from '../src/core/signal/dsp/filters';
import { medianBeat, recordSignals } from '../src/core/signal/median';
import { printTable } from './table';

const DATA = resolve(process.env.ECG_DATA ?? resolve(process.cwd(), '../shared/data'));
const arg = (k: string, d: string) => {
  const i = process.argv.indexOf(k);
  return i >= 0 ? process.argv[i + 1] : d;
};
const N_SYNTH = Number(arg('--n', '200'));
const TARGET = arg('--target', 'both');
const FS = 100;

export interface BandPowers {
  lf: number;
  mid: number;
  bb: number;
}

function walk(p: string, out: string[]): void {
  if (statSync(p).isFile()) return void out.push(p);
  for (const e of readdirSync(p).sort()) if (!e.startsWith('.') && e !== 'records500') walk(join(p, e), out);
}

async function load(dir: string, name: string): Promise<EcgDataset | null> {
  if (!existsSync(dir)) return null;
  const paths: string[] = [];
  walk(dir, paths);
  const files = paths.map((f) => ({ name: f, data: new Uint8Array(readFileSync(f)) }));
  const { dataset } = await importFiles(files, { name, fs: FS, nSamples: 10 * FS, keepUndiagnosed: true });
  return dataset;
}

const variance = (x: ArrayLike<number>) => {
  let m = 0;
  for (let i = 0; i < x.length; i++) m += x[i];
  m /= x.length;
  let v = 0;
  for (let i = 0; i < x.length; i++) v += (x[i] - m) ** 2;
  return v / x.length;
};

const LOW = butterworth('lowpass', FS, 0.7, 4);
const MID = [...butterworth('highpass', FS, 0.7, 4), ...butterworth('lowpass', FS, 15, 4)];
const HIGH = butterworth('highpass', FS, 15, 4);

/** Band powers (µV²) of lead II's residual after the median beat; null when no median beat is found. */
export function bandPowers(ds: EcgDataset, r: number): BandPowers | null {
  const sig = recordSignals(ds, r);
  const l2 = ds.leadNames.indexOf('II');
  if (l2 < 0 || !sig[l2].some((v) => v !== 0)) return null;
  const present = sig.map((s, l) => (s.some((v) => v !== 0) ? l : -1)).filter((l) => l >= 0);
  let m;
  try {
    m = medianBeat({ fs: ds.fs, signals: sig }, { fiducialLeads: present });
  } catch {
    return null;
  }
  const x = Float64Array.from(sig[l2]);
  const med = m.median[l2];
  for (const b of m.beats) for (let k = 0; k < med.length; k++) {
    const t = b - m.rIndex + k;
    if (t >= 0 && t < x.length) x[t] -= med[k];
  }
  const pad = Math.min(x.length - 1, 3 * FS);
  return { lf: variance(filtfilt(x, LOW, pad)) * 1e6, mid: variance(filtfilt(x, MID, pad)) * 1e6, bb: variance(filtfilt(x, HIGH, pad)) * 1e6 };
}

/** Median with its 95 % distribution-free interval (order statistics k, n − k + 1 of Binomial(n, ½)). */
export function medianCi(values: number[]): { n: number; median: number; lo: number; hi: number } {
  const s = values.filter(Number.isFinite).sort((a, b) => a - b);
  const n = s.length;
  const med = n % 2 ? s[n >> 1] : 0.5 * (s[n / 2 - 1] + s[n / 2]);
  const k = Math.max(0, Math.floor(n / 2 - 0.98 * Math.sqrt(n)));
  return { n, median: med, lo: s[k], hi: s[Math.min(n - 1, n - 1 - k)] };
}

function powersOf(ds: EcgDataset): BandPowers[] {
  const out: BandPowers[] = [];
  for (let r = 0; r < ds.n; r++) {
    const p = bandPowers(ds, r);
    if (p) out.push(p);
  }
  return out;
}

function synthPowers(spec: SyntheticDatasetSpec): BandPowers[] {
  return powersOf(generateSyntheticDataset(spec));
}

const medianOf = (ps: BandPowers[], k: keyof BandPowers) => medianCi(ps.map((p) => p[k])).median;

/** Scale s of one noise amplitude's max so that the synthetic median band power equals `target` (bisection on log s). */
function fitScale(base: SyntheticDatasetSpec, key: 'baselineMv' | 'emgMv', band: keyof BandPowers, target: number): { scale: number; power: number; steps: number } {
  const dist = base.noise?.[key];
  if (!dist || dist.kind !== 'uniform') throw new Error(`the default spec's noise.${key} is not uniform`);
  const at = (s: number) => medianOf(synthPowers({ ...base, noise: { ...base.noise, [key]: { ...dist, max: dist.max * s } } }), band);
  let lo = Math.log(0.01), hi = Math.log(4);
  let steps = 0;
  for (; steps < 14; steps++) {
    const mid = 0.5 * (lo + hi);
    if (at(Math.exp(mid)) > target) hi = mid;
    else lo = mid;
  }
  const scale = Math.exp(0.5 * (lo + hi));
  return { scale, power: at(scale), steps };
}

export async function runBench(): Promise<Record<string, unknown>[]> {
  const sources: { name: string; ps: BandPowers[] }[] = [];
  const ludb = await load(join(DATA, 'ludb'), 'LUDB');
  if (ludb) sources.push({ name: 'LUDB', ps: powersOf(ludb) });
  const ptb = await load(join(DATA, 'ptb-xl'), 'PTB-XL');
  if (ptb) sources.push({ name: 'PTB-XL', ps: powersOf(ptb) });
  const spec = { ...defaultSyntheticSpec(), n: N_SYNTH };
  sources.push({ name: `synthetic (default spec, n ${N_SYNTH}, seed ${spec.seed})`, ps: synthPowers(spec) });
  const off = { kind: 'fixed' as const, value: 0 };
  const noNoise = { ...spec, noise: { baselineMv: off, powerlineMv: off, emgMv: off, motionMv: off, powerlineHz: 50 as const } };
  sources.push({ name: 'synthetic, noise off', ps: synthPowers(noNoise) });
  const rows: Record<string, unknown>[] = [];
  const band = { lf: 'residual < 0.7 Hz', mid: 'residual 0.7–15 Hz', bb: 'residual 15–50 Hz' } as const;
  for (const s of sources) for (const k of ['lf', 'mid', 'bb'] as const) {
    const c = medianCi(s.ps.map((p) => p[k]));
    rows.push({ source: s.name, band: band[k], n: c.n, median_uv2: +c.median.toFixed(1), ci95: `[${c.lo.toFixed(1)}, ${c.hi.toFixed(1)}]`, rms_uv: +Math.sqrt(c.median).toFixed(1) });
  }
  printTable(rows);
  if (process.argv.includes('--fit')) {
    const real = sources.filter((s) => (TARGET === 'both' ? s.name === 'LUDB' || s.name === 'PTB-XL' : s.name.toLowerCase().replace('-', '') === TARGET));
    const target = (k: keyof BandPowers) => Math.exp(real.reduce((a, s) => a + Math.log(medianOf(s.ps, k)), 0) / real.length);
    const fitted: Record<string, unknown>[] = [];
    for (const [key, b] of [['baselineMv', 'lf'], ['emgMv', 'bb']] as const) {
      const t = target(b);
      const f = fitScale(spec, key, b, t);
      const d = spec.noise?.[key];
      fitted.push({ amplitude: key, band: band[b], target_uv2: +t.toFixed(1), scale: +f.scale.toFixed(4), old_max_mv: d?.kind === 'uniform' ? d.max : null, new_max_mv: d?.kind === 'uniform' ? +(d.max * f.scale).toFixed(4) : null, fitted_median_uv2: +f.power.toFixed(1), bisection_steps: f.steps });
    }
    printTable(fitted);
    rows.push(...fitted);
  }
  return rows;
}

if (process.argv[1]?.endsWith('fitNoise.ts')) {
  runBench().catch((e: unknown) => {
    console.error(e);
    process.exit(1);
  });
}
