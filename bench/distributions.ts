/**
 * Real vs synthetic distributions for docs/synthesis.md ("Measured gap"): on the shared LUDB (40), QTDB (2
 * records, windows with .q1c beats) and PTB-XL (100) records and the default synthetic spec, all read as the lab's
 * model sees them (12 lead slots, 100 Hz, 10 s). Per record:
 *  - intervals PR, QRS, QT, HR: the annotators' (LUDB, QTDB), the generator's labels (synthetic), and for every
 *    source the same median-beat delineator (src/core/signal/median), so one method measures all of them;
 *  - from the median beat per lead: R (max in QRS), S (min in QRS), T (extreme after the QRS), QRS axis from the
 *    net QRS amplitude (R + S) in I and aVF, T/R ratio in II and V5;
 *  - noise spectrum: Welch PSD of lead II after subtracting the median beat at every detected beat (what is not
 *    the repeating beat: noise, baseline wander, beat-to-beat variation), averaged over records.
 * Writes small SVG plots to docs/img/dist-*.svg and the summary table to bench-results/distributions.json.
 * Run: npx tsx bench/distributions.ts [--n 200] [--out docs/img]
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { EcgDataset } from '../src/core/data/dataset';
import { importFiles, type ImportOptions } from '../src/core/data/importDataset';
import { defaultSyntheticSpec, generateSyntheticDataset } from '../src/core/data/synthDataset';
import { medianBeat, recordSignals, type MedianBeatResult } from '../src/core/signal/median';
import { printTable } from './table';

const DATA = resolve(process.env.ECG_DATA ?? resolve(process.cwd(), '../shared/data'));
const arg = (k: string, d: string) => {
  const i = process.argv.indexOf(k);
  return i >= 0 ? process.argv[i + 1] : d;
};
const N_SYNTH = Number(arg('--n', '200'));
const OUT = arg('--out', 'docs/img');
const LEADS = ['I', 'II', 'III', 'aVR', 'aVL', 'aVF', 'V1', 'V2', 'V3', 'V4', 'V5', 'V6'];

interface RecordStats {
  ann: Partial<Record<'hr' | 'pr' | 'qrs' | 'qt', number>>;
  del: Partial<Record<'hr' | 'pr' | 'qrs' | 'qt', number>>;
  r: number[];
  s: number[];
  t: number[];
  axis?: number;
  trII?: number;
  trV5?: number;
  psd?: Float64Array;
}

function walk(p: string, out: string[]): void {
  if (statSync(p).isFile()) return void out.push(p);
  const es = readdirSync(p).sort();
  for (const e of es) if (!e.startsWith('.') && e !== 'records500') walk(join(p, e), out);
}

async function load(dir: string, name: string, extra: Partial<ImportOptions> = {}): Promise<EcgDataset | null> {
  if (!existsSync(dir)) return null;
  const paths: string[] = [];
  walk(dir, paths);
  const files = paths.map((f) => ({ name: f, data: new Uint8Array(readFileSync(f)) }));
  const { dataset } = await importFiles(files, { name, fs: 100, nSamples: 1000, keepUndiagnosed: true, ...extra });
  return dataset;
}

/** Welch PSD (Hann, 256-sample segments, 50 % overlap) in units²/Hz at bins k·fs/256. */
function welch(x: Float64Array, fs: number, seg = 256): Float64Array {
  const w = Float64Array.from({ length: seg }, (_, i) => 0.5 - 0.5 * Math.cos((2 * Math.PI * i) / (seg - 1)));
  const u = w.reduce((a, b) => a + b * b, 0);
  const out = new Float64Array(seg / 2 + 1);
  let count = 0;
  for (let s0 = 0; s0 + seg <= x.length; s0 += seg / 2) {
    let mean = 0;
    for (let i = 0; i < seg; i++) mean += x[s0 + i];
    mean /= seg;
    for (let k = 0; k <= seg / 2; k++) {
      let re = 0, im = 0;
      for (let i = 0; i < seg; i++) {
        const v = (x[s0 + i] - mean) * w[i];
        re += v * Math.cos((2 * Math.PI * k * i) / seg);
        im -= v * Math.sin((2 * Math.PI * k * i) / seg);
      }
      out[k] += ((re * re + im * im) / (fs * u)) * (k === 0 || k === seg / 2 ? 1 : 2);
    }
    count++;
  }
  for (let k = 0; k < out.length; k++) out[k] /= Math.max(count, 1);
  return out;
}

function residual(lead: Float32Array, m: MedianBeatResult, l: number): Float64Array {
  const x = Float64Array.from(lead);
  const med = m.median[l];
  for (const b of m.beats) for (let k = 0; k < med.length; k++) {
    const t = b - m.rIndex + k;
    if (t >= 0 && t < x.length) x[t] -= med[k];
  }
  return x;
}

function stats(ds: EcgDataset, r: number): RecordStats {
  const ann: RecordStats['ann'] = {};
  const map = { hr: 'hr_bpm', pr: 'pr_ms', qrs: 'qrs_ms', qt: 'qt_ms' } as const;
  for (const [k, t] of Object.entries(map)) {
    const v = ds.targets?.[t]?.[r];
    if (v !== undefined && Number.isFinite(v)) ann[k as keyof typeof map] = v;
  }
  const out: RecordStats = { ann, del: {}, r: [], s: [], t: [] };
  const sig = recordSignals(ds, r);
  const present = sig.map((s) => s.some((v) => v !== 0));
  let m: MedianBeatResult;
  try {
    m = medianBeat({ fs: ds.fs, signals: sig.map((s, l) => (present[l] ? s : s)) }, { fiducialLeads: sig.map((_, l) => l).filter((l) => present[l]) });
  } catch {
    return out;
  }
  out.del = { hr: m.intervals.hr_bpm, qrs: m.intervals.qrs_ms, ...(m.intervals.pr_ms !== undefined ? { pr: m.intervals.pr_ms } : {}), ...(m.intervals.qt_ms !== undefined ? { qt: m.intervals.qt_ms } : {}) };
  const { qrsOn, qrsOff, tOff } = m.fiducials;
  const tEnd = Math.min(m.median[0].length - 1, tOff ?? qrsOff + Math.round(0.4 * ds.fs));
  ds.leadNames.forEach((_, l) => {
    if (!present[l]) return out.r.push(NaN), out.s.push(NaN), void out.t.push(NaN);
    const med = m.median[l];
    let mx = -Infinity, mn = Infinity, tv = 0;
    for (let k = qrsOn; k <= qrsOff; k++) (mx = Math.max(mx, med[k])), (mn = Math.min(mn, med[k]));
    for (let k = qrsOff + 1; k <= tEnd; k++) if (Math.abs(med[k]) > Math.abs(tv)) tv = med[k];
    out.r.push(mx);
    out.s.push(mn);
    out.t.push(tv);
  });
  const li = ds.leadNames.indexOf('I'), lf = ds.leadNames.indexOf('aVF'), l2 = ds.leadNames.indexOf('II'), l5 = ds.leadNames.indexOf('V5');
  if (present[li] && present[lf]) out.axis = (Math.atan2(out.r[lf] + out.s[lf], out.r[li] + out.s[li]) * 180) / Math.PI;
  if (present[l2] && out.r[l2] > 0.05) out.trII = out.t[l2] / out.r[l2];
  if (present[l5] && out.r[l5] > 0.05) out.trV5 = out.t[l5] / out.r[l5];
  const lp = present[l2] ? l2 : present[l5] ? l5 : -1;
  if (lp >= 0) out.psd = welch(residual(sig[lp], m, lp), ds.fs);
  return out;
}

// ---- SVG ----------------------------------------------------------------------------------------------------

const COLORS: Record<string, string> = { synthetic: '#d62728', LUDB: '#1f77b4', QTDB: '#2ca02c', 'PTB-XL': '#9467bd' };
const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
const W = 460, H = 220, ML = 52, MR = 10, MT = 26, MB = 34;

function frame(title: string, xlab: string, ylab: string, x0: number, x1: number, y0: number, y1: number, body: (sx: (v: number) => number, sy: (v: number) => number) => string, legend: string[], xTicks?: number[]): string {
  const sx = (v: number) => ML + ((v - x0) / (x1 - x0 || 1)) * (W - ML - MR);
  const sy = (v: number) => H - MB - ((v - y0) / (y1 - y0 || 1)) * (H - MT - MB);
  const nice = (a: number, b: number) => {
    const raw = (b - a) / 5;
    const p = 10 ** Math.floor(Math.log10(raw));
    const step = [1, 2, 2.5, 5, 10].map((m) => m * p).find((st) => st >= raw) ?? raw;
    const out: number[] = [];
    for (let v = Math.ceil(a / step) * step; v <= b + 1e-9; v += step) out.push(Math.round(v * 1e6) / 1e6);
    return out;
  };
  const ticks = xTicks ?? nice(x0, x1);
  const yTicks = nice(y0, y1);
  const fmt = (v: number) => (Math.abs(v) >= 100 || Number.isInteger(v) ? v.toFixed(0) : Math.abs(v) >= 1 ? v.toFixed(1) : v.toFixed(2));
  const leg = legend.map((n, i) => `<rect x="${ML + 6 + i * 92}" y="${MT - 4}" width="10" height="10" fill="${COLORS[n] ?? '#555'}" fill-opacity="0.6"/><text x="${ML + 20 + i * 92}" y="${MT + 5}">${esc(n)}</text>`).join('');
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="sans-serif" font-size="10">
<rect width="${W}" height="${H}" fill="#fff"/><text x="${W / 2}" y="13" text-anchor="middle" font-size="12" font-weight="bold">${esc(title)}</text>${leg}
<line x1="${ML}" y1="${H - MB}" x2="${W - MR}" y2="${H - MB}" stroke="#444"/><line x1="${ML}" y1="${MT + 8}" x2="${ML}" y2="${H - MB}" stroke="#444"/>
${ticks.map((t) => `<text x="${sx(t).toFixed(1)}" y="${H - MB + 12}" text-anchor="middle">${fmt(t)}</text>`).join('')}
${yTicks.map((t) => `<text x="${ML - 4}" y="${(sy(t) + 3).toFixed(1)}" text-anchor="end">${fmt(t)}</text><line x1="${ML - 2}" x2="${ML}" y1="${sy(t).toFixed(1)}" y2="${sy(t).toFixed(1)}" stroke="#444"/>`).join('')}
<text x="${(ML + W - MR) / 2}" y="${H - 4}" text-anchor="middle">${esc(xlab)}</text><text x="9" y="${(MT + H - MB) / 2}" text-anchor="middle" transform="rotate(-90 9 ${(MT + H - MB) / 2})">${esc(ylab)}</text>
${body(sx, sy)}</svg>\n`;
}

/** Overlaid density histograms (share of records per bin) of each series. */
function histogram(title: string, unit: string, series: { name: string; values: number[] }[], lo: number, hi: number, bins = 24): string {
  const w = (hi - lo) / bins;
  const dens = series.map((s) => {
    const v = s.values.filter((x) => Number.isFinite(x));
    const c = new Array(bins).fill(0);
    for (const x of v) c[Math.min(bins - 1, Math.max(0, Math.floor((x - lo) / w)))]++;
    return c.map((k) => k / Math.max(v.length, 1));
  });
  const ymax = Math.max(0.05, ...dens.flat());
  return frame(title, `${unit}  (n: ${series.map((s) => `${s.name} ${s.values.filter(Number.isFinite).length}`).join(', ')})`, 'share of records', lo, hi, 0, ymax * 1.08, (sx, sy) =>
    dens
      .map((d, j) => {
        const col = COLORS[series[j].name] ?? '#555';
        const path = d.map((y, i) => `${i ? 'L' : 'M'}${sx(lo + i * w).toFixed(1)},${sy(y).toFixed(1)}H${sx(lo + (i + 1) * w).toFixed(1)}`).join('');
        return `<path d="${path}" fill="none" stroke="${col}" stroke-width="1.6"/>`;
      })
      .join(''),
  series.map((s) => s.name));
}

/** Median and interquartile range per lead of each series (grouped). */
function perLead(title: string, unit: string, series: { name: string; rows: number[][] }[]): string {
  const q = (xs: number[], p: number) => {
    const s = xs.filter(Number.isFinite).sort((a, b) => a - b);
    return s.length ? s[Math.min(s.length - 1, Math.floor(p * (s.length - 1) + 0.5))] : NaN;
  };
  const qs = series.map((s) => LEADS.map((_, l) => [q(s.rows.map((r) => r[l]), 0.25), q(s.rows.map((r) => r[l]), 0.5), q(s.rows.map((r) => r[l]), 0.75)]));
  const all = qs.flat(2).filter(Number.isFinite);
  const y0 = Math.min(0, ...all), y1 = Math.max(...all) * 1.1;
  return frame(title, 'lead (median, bar: interquartile range)', unit, -0.5, LEADS.length - 0.5, y0, y1, (sx, sy) => {
    const parts: string[] = [`<line x1="${ML}" x2="${W - MR}" y1="${sy(0)}" y2="${sy(0)}" stroke="#aaa"/>`];
    LEADS.forEach((name, l) => parts.push(`<text x="${sx(l)}" y="${H - MB + 12}" text-anchor="middle" font-size="9">${name}</text>`));
    qs.forEach((s, j) => {
      const col = COLORS[series[j].name] ?? '#555';
      s.forEach(([a, m, b], l) => {
        if (!Number.isFinite(m)) return;
        const x = sx(l) + (j - (qs.length - 1) / 2) * 6;
        parts.push(`<line x1="${x.toFixed(1)}" x2="${x.toFixed(1)}" y1="${sy(a).toFixed(1)}" y2="${sy(b).toFixed(1)}" stroke="${col}" stroke-width="3" stroke-opacity="0.45"/><circle cx="${x.toFixed(1)}" cy="${sy(m).toFixed(1)}" r="2.2" fill="${col}"/>`);
      });
    });
    return parts.join('');
  }, series.map((s) => s.name), []);
}

function spectra(title: string, series: { name: string; psd: Float64Array; n: number }[], fs: number): string {
  const db = series.map((s) => Array.from(s.psd, (v) => 10 * Math.log10(Math.max(v, 1e-12))));
  const all = db.flat().filter(Number.isFinite);
  const f = (k: number) => (k * fs) / ((series[0].psd.length - 1) * 2);
  return frame(title, `Hz  (records: ${series.map((s) => `${s.name} ${s.n}`).join(', ')})`, 'dB re 1 mV²/Hz', 0, fs / 2, Math.min(...all) - 3, Math.max(...all) + 3, (sx, sy) =>
    db.map((d, j) => `<path d="${d.map((v, k) => `${k ? 'L' : 'M'}${sx(f(k)).toFixed(1)},${sy(v).toFixed(1)}`).join('')}" fill="none" stroke="${COLORS[series[j].name] ?? '#555'}" stroke-width="1.5"/>`).join(''),
  series.map((s) => s.name), [0, 10, 20, 30, 40, 50]);
}

// ---- main -----------------------------------------------------------------------------------------------------

function summary(xs: number[]): { n: number; mean: number; sd: number; median: number } {
  const v = xs.filter(Number.isFinite).sort((a, b) => a - b);
  const n = v.length;
  const mean = v.reduce((a, b) => a + b, 0) / n;
  const sd = Math.sqrt(v.reduce((a, b) => a + (b - mean) ** 2, 0) / Math.max(n - 1, 1));
  return { n, mean, sd, median: n ? v[n >> 1] : NaN };
}

export async function runBench(): Promise<unknown[]> {
  const sources: { name: string; ds: EcgDataset }[] = [];
  const syn = generateSyntheticDataset({ ...defaultSyntheticSpec(), n: N_SYNTH, seed: 1, fs: 100 });
  sources.push({ name: 'synthetic', ds: syn });
  const ludb = await load(join(DATA, 'ludb', 'data'), 'LUDB');
  if (ludb) sources.push({ name: 'LUDB', ds: ludb });
  const qtdb = await load(join(DATA, 'qtdb'), 'QTDB', { windows: 'annotated' });
  if (qtdb) sources.push({ name: 'QTDB', ds: qtdb });
  const ptb = await load(join(DATA, 'ptb-xl'), 'PTB-XL');
  if (ptb) sources.push({ name: 'PTB-XL', ds: ptb });
  const per = sources.map((s) => ({ name: s.name, st: Array.from({ length: s.ds.n }, (_, r) => stats(s.ds, r)) }));
  mkdirSync(OUT, { recursive: true });
  const rows: Record<string, unknown>[] = [];
  const ranges = { hr: [30, 150], pr: [60, 300], qrs: [40, 200], qt: [250, 560] } as const;
  const units = { hr: 'bpm', pr: 'ms', qrs: 'ms', qt: 'ms' } as const;
  for (const k of ['hr', 'pr', 'qrs', 'qt'] as const) {
    const lbl = k.toUpperCase();
    const annSeries = per.filter((p) => p.name !== 'PTB-XL').map((p) => ({ name: p.name, values: p.st.map((s) => s.ann[k] ?? NaN) }));
    const delSeries = per.map((p) => ({ name: p.name, values: p.st.map((s) => s.del[k] ?? NaN) }));
    writeFileSync(join(OUT, `dist-${k}-labels.svg`), histogram(`${lbl}: labels (annotators; synthetic: generator)`, units[k], annSeries, ranges[k][0], ranges[k][1]));
    writeFileSync(join(OUT, `dist-${k}-delineator.svg`), histogram(`${lbl}: one median-beat delineator on every source`, units[k], delSeries, ranges[k][0], ranges[k][1]));
    for (const [how, ser] of [['labels', annSeries], ['delineator', delSeries]] as const) for (const s of ser) rows.push({ measure: `${lbl} ${how}`, source: s.name, unit: units[k], ...summary(s.values) });
  }
  for (const [key, what] of [['r', 'R amplitude (max in QRS)'], ['s', 'S amplitude (min in QRS)'], ['t', 'T amplitude (extreme after QRS)']] as const) {
    writeFileSync(join(OUT, `dist-amp-${key}.svg`), perLead(`${what}, median beat`, 'mV', per.map((p) => ({ name: p.name, rows: p.st.filter((s) => s.r.length).map((s) => s[key]) }))));
    for (const p of per) for (const l of [1, 10]) rows.push({ measure: `${what} ${LEADS[l]}`, source: p.name, unit: 'mV', ...summary(p.st.map((s) => s[key][l] ?? NaN)) });
  }
  const noQtdb = per.filter((p) => p.name !== 'QTDB');
  writeFileSync(join(OUT, 'dist-axis.svg'), histogram('QRS axis (net QRS in I and aVF)', 'degrees', noQtdb.map((p) => ({ name: p.name, values: p.st.map((s) => s.axis ?? NaN) })), -120, 180, 20));
  writeFileSync(join(OUT, 'dist-tr-ratio.svg'), histogram('T/R ratio, lead II', 'T / R', per.map((p) => ({ name: p.name, values: p.st.map((s) => s.trII ?? NaN) })), -0.6, 1.2, 18));
  for (const p of per) {
    if (p.name !== 'QTDB') rows.push({ measure: 'QRS axis', source: p.name, unit: 'deg', ...summary(p.st.map((s) => s.axis ?? NaN)) });
    rows.push({ measure: 'T/R II', source: p.name, unit: '', ...summary(p.st.map((s) => s.trII ?? NaN)) });
    rows.push({ measure: 'T/R V5', source: p.name, unit: '', ...summary(p.st.map((s) => s.trV5 ?? NaN)) });
  }
  const psds = per.map((p) => {
    const ok = p.st.filter((s) => s.psd);
    const avg = new Float64Array(ok[0]?.psd?.length ?? 129);
    for (const s of ok) s.psd!.forEach((v, k) => (avg[k] += v / ok.length));
    return { name: p.name, psd: avg, n: ok.length };
  });
  writeFileSync(join(OUT, 'dist-noise-psd.svg'), spectra('Residual spectrum, lead II (signal − median beat)', psds, 100));
  for (const s of psds) {
    const band = (a: number, b: number) => {
      let e = 0;
      s.psd.forEach((v, k) => {
        const f = (k * 100) / 256;
        if (f >= a && f < b) e += v * (100 / 256);
      });
      return e * 1e6;
    };
    rows.push({ measure: 'residual power 0–1 Hz', source: s.name, unit: 'µV²', n: s.n, mean: band(0, 1) });
    rows.push({ measure: 'residual power 1–15 Hz', source: s.name, unit: 'µV²', n: s.n, mean: band(1, 15) });
    rows.push({ measure: 'residual power 15–50 Hz', source: s.name, unit: 'µV²', n: s.n, mean: band(15, 50.1) });
  }
  printTable(rows);
  console.log(`wrote ${readdirSync(OUT).filter((f) => f.startsWith('dist-')).length} SVG files to ${OUT}`);
  return rows;
}

if (process.argv[1]?.endsWith('distributions.ts')) {
  runBench()
    .then((rows) => {
      mkdirSync('bench-results', { recursive: true });
      writeFileSync('bench-results/distributions.json', JSON.stringify(rows, null, 2) + '\n');
    })
    .catch((e: unknown) => {
      console.error(e);
      process.exit(1);
    });
}
