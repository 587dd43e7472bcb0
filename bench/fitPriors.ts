/**
 * Fits the synthetic parameter priors to the developers' real records and writes them to
 * src/core/signal/priors/fitted.ts (docs/synthesis.md, "Priors fitted to real records").
 *
 * Data (ECG_DATA, default ../shared/data):
 *  - LUDB records 1–40: per record, lead II intervals from the cardiologists' lead-II annotations (HR, PR, QRS,
 *    QT, QTc Bazett), and per lead the median over its annotated beats of the P, R, S and T amplitudes
 *    (relative to the mean of the 10 ms before the annotated QRS onset) and the frontal QRS axis (net QRS
 *    areas of I and aVF over lead II's annotated QRS);
 *  - QTDB sel100/sel102 `.q1c`: per-beat QRS and QT (a check on the QT prior; two records only).
 * PTB-XL's shared slice has no PTB-XL+ interval tables, so it gives no interval prior.
 *
 * Method: one value per record; the prior of a parameter is a normal distribution with the records' mean and
 * SD, truncated to their 5th–95th percentile range widened by half an SD on each side.
 * Run: npx tsx bench/fitPriors.ts [--check] (--check compares with the committed file and exits 1 on a change)
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { readWfdbRecord } from '../src/core/formats/wfdb/record';
import { readAnnotations } from '../src/core/formats/wfdb/annotations';
import { extractWaves, intervalsFromAnnotations, LUDB_LEAD_EXTS } from '../src/core/formats/labels/intervals';
import { STANDARD_12_LEADS } from '../src/core/signal/types';
import { medianBeat } from '../src/core/signal/median/medianBeat';
import { defaultSyntheticSpec, iterateSyntheticRecords } from '../src/core/data/synthDataset';
import { priorDistributions } from '../src/core/signal/priors';

const DATA = resolve(process.env.ECG_DATA ?? resolve(process.cwd(), '../shared/data'));
const OUT = resolve(process.cwd(), 'src/core/signal/priors/fitted.ts');

interface Summary {
  n: number;
  mean: number;
  sd: number;
  p5: number;
  median: number;
  p95: number;
}

const r1 = (v: number) => Math.round(v * 1000) / 1000;
function summary(xs: number[]): Summary {
  const s = xs.filter(Number.isFinite).sort((a, b) => a - b);
  const n = s.length;
  const mean = s.reduce((a, b) => a + b, 0) / n;
  const sd = Math.sqrt(s.reduce((a, b) => a + (b - mean) ** 2, 0) / Math.max(1, n - 1));
  const q = (p: number) => s[Math.min(n - 1, Math.max(0, Math.round(p * (n - 1))))];
  return { n, mean: r1(mean), sd: r1(sd), p5: r1(q(0.05)), median: r1(q(0.5)), p95: r1(q(0.95)) };
}
const median = (xs: number[]) => {
  const s = xs.filter(Number.isFinite).sort((a, b) => a - b);
  return s.length ? s[s.length >> 1] : NaN;
};

const ludbDir = resolve(DATA, 'ludb/data');
if (!existsSync(ludbDir)) throw new Error(`LUDB not found at ${ludbDir} (set ECG_DATA)`);
const iv = { hrBpm: [] as number[], prMs: [] as number[], qrsMs: [] as number[], qtMs: [] as number[], qtcMs: [] as number[] };
const amp: Record<string, Record<'p' | 'r' | 's' | 't', number[]>> = {};
for (const l of STANDARD_12_LEADS) amp[l] = { p: [], r: [], s: [], t: [] };
const axis: number[] = [];
let records = 0;
for (let rec = 1; rec <= 200; rec++) {
  const hea = resolve(ludbDir, `${rec}.hea`);
  if (!existsSync(hea)) continue;
  records++;
  const r = readWfdbRecord(`${rec}.hea`, readFileSync(hea), (n) => readFileSync(resolve(ludbDir, n)));
  const per = LUDB_LEAD_EXTS.map((e) => readAnnotations(readFileSync(resolve(ludbDir, `${rec}.${e}`))));
  const ii = intervalsFromAnnotations(per[1], r.fs);
  if (ii.hr_bpm !== undefined) iv.hrBpm.push(ii.hr_bpm);
  if (ii.pr_ms !== undefined) iv.prMs.push(ii.pr_ms);
  if (ii.qrs_ms !== undefined) iv.qrsMs.push(ii.qrs_ms);
  if (ii.qt_ms !== undefined) iv.qtMs.push(ii.qt_ms);
  if (ii.qt_ms !== undefined && ii.hr_bpm !== undefined) iv.qtcMs.push(ii.qt_ms / Math.sqrt(60 / ii.hr_bpm));
  const pre = Math.round(0.01 * r.fs);
  for (const [li, name] of STANDARD_12_LEADS.entries()) {
    const x = r.signals[li];
    const waves = extractWaves(per[li]);
    const beats = { p: [] as number[], r: [] as number[], s: [] as number[], t: [] as number[] };
    for (const [wi, q] of waves.entries()) {
      if (q.kind !== 'QRS' || q.onset === undefined || q.offset === undefined) continue;
      let base = 0;
      for (let i = q.onset - pre; i < q.onset; i++) base += x[i] / pre;
      let mx = -Infinity;
      let mn = Infinity;
      for (let i = q.onset; i <= q.offset; i++) (mx = Math.max(mx, x[i])), (mn = Math.min(mn, x[i]));
      beats.r.push(Math.max(0, mx - base));
      beats.s.push(Math.max(0, base - mn));
      const prevW = waves[wi - 1];
      if (prevW?.kind === 'P') beats.p.push(x[prevW.peak] - base);
      const nextW = waves[wi + 1];
      if (nextW?.kind === 'T') beats.t.push(x[nextW.peak] - base);
    }
    for (const k of ['p', 'r', 's', 't'] as const) if (beats[k].length) amp[name][k].push(median(beats[k]));
  }
  // frontal axis: net QRS areas of I and aVF over lead II's annotated QRS complexes
  let aI = 0;
  let aF = 0;
  for (const q of extractWaves(per[1])) {
    if (q.kind !== 'QRS' || q.onset === undefined || q.offset === undefined) continue;
    const bI = r.signals[0][q.onset];
    const bF = r.signals[5][q.onset];
    for (let i = q.onset; i <= q.offset; i++) (aI += r.signals[0][i] - bI), (aF += r.signals[5][i] - bF);
  }
  axis.push((Math.atan2((aF * 2) / Math.sqrt(3), aI) * 180) / Math.PI);
}

// PTB-XL (physical mV): per-lead amplitudes of each record's median beat (the shared LUDB copy is scaled to a
// unit range per lead, so its amplitudes only give within-lead ratios).
const ptbAmp: Record<string, Record<'r' | 's' | 't', number[]>> = {};
for (const l of STANDARD_12_LEADS) ptbAmp[l] = { r: [], s: [], t: [] };
const ptbDir = resolve(DATA, 'ptb-xl/records100/00000');
let ptbRecords = 0;
for (let id = 1; id <= 100 && existsSync(ptbDir); id++) {
  const name = `${String(id).padStart(5, '0')}_lr`;
  if (!existsSync(resolve(ptbDir, `${name}.hea`))) continue;
  const r = readWfdbRecord(`${name}.hea`, readFileSync(resolve(ptbDir, `${name}.hea`)), (n) => readFileSync(resolve(ptbDir, n)));
  let m;
  try {
    m = medianBeat(r);
  } catch {
    continue;
  }
  const { qrsOn, qrsOff, tOff } = m.fiducials;
  if (tOff === undefined) continue;
  ptbRecords++;
  for (const [li, l] of STANDARD_12_LEADS.entries()) {
    const x = m.median[li];
    const base = x[Math.max(0, qrsOn - 1)];
    let mx = -Infinity;
    let mn = Infinity;
    for (let i = qrsOn; i <= qrsOff; i++) (mx = Math.max(mx, x[i])), (mn = Math.min(mn, x[i]));
    let t = 0;
    for (let i = qrsOff + Math.round(0.06 * r.fs); i <= Math.floor(tOff); i++) if (Math.abs(x[i] - base) > Math.abs(t)) t = x[i] - base;
    ptbAmp[l].r.push(Math.max(0, mx - base));
    ptbAmp[l].s.push(Math.max(0, base - mn));
    ptbAmp[l].t.push(t);
  }
}

const qtdb = { qrsMs: [] as number[], qtMs: [] as number[] };
for (const rec of ['sel100', 'sel102']) {
  const f = resolve(DATA, 'qtdb', `${rec}.q1c`);
  if (!existsSync(f)) continue;
  const fs = 250;
  const w = extractWaves(readAnnotations(readFileSync(f)));
  for (let i = 0; i < w.length; i++) {
    const q = w[i];
    if (q.kind !== 'QRS' || q.onset === undefined) continue;
    if (q.offset !== undefined) qtdb.qrsMs.push(((q.offset - q.onset) * 1000) / fs);
    const t = w.slice(i + 1).find((x) => x.kind === 'T' || x.kind === 'QRS');
    if (t?.kind === 'T' && t.offset !== undefined) qtdb.qtMs.push(((t.offset - q.onset) * 1000) / fs);
  }
}

// Narrow-QRS records and records with a normal axis: the priors of the normal-morphology presets (wide QRS and
// left axis come from the bbb/rbbb/lbbb/wpw and lafb presets).
const qrsNarrow = iv.qrsMs.filter((v) => v < 120);
const axisNormal = axis.filter((v) => v >= -30 && v <= 90);

/**
 * Label offset: how much shorter the annotated-lead label (the rule applied to the clean synthetic lead II) is
 * than the generator's support interval, on records drawn from the uncalibrated priors (default spec, 100 Hz, the
 * lab's training rate; normal preset). Priors for annotated-lead labels are the real values plus this offset, so
 * that the synthetic labels, read the way LUDB's cardiologists read, have the real distribution.
 */
function labelOffsets(): Record<'prMs' | 'qrsMs' | 'qtMs', Summary> {
  const base = defaultSyntheticSpec();
  const spec = { ...base, n: 300, seed: 77, presets: { normal: 1 }, params: { ...base.params, ...priorDistributions(fittedDraft as unknown as NonNullable<Parameters<typeof priorDistributions>[0]>, { prMs: 0, qrsMs: 0, qtMs: 0 }) }, labelRule: 'annotated-lead' as const };
  const d = { prMs: [] as number[], qrsMs: [] as number[], qtMs: [] as number[] };
  for (const it of iterateSyntheticRecords(spec)) {
    const s = it.record.labels;
    const a = it.record.annotated!.labels;
    if (s.pr_ms !== null && a.pr_ms !== null) d.prMs.push(s.pr_ms - a.pr_ms);
    d.qrsMs.push(s.qrs_ms - a.qrs_ms);
    d.qtMs.push(s.qt_ms - a.qt_ms);
  }
  return { prMs: summary(d.prMs), qrsMs: summary(d.qrsMs), qtMs: summary(d.qtMs) };
}

const fittedDraft = {
  source: `LUDB 1.0.1 records in ECG_DATA (${records}), lead II annotations; QTDB sel100/sel102 .q1c`,
  intervals: Object.fromEntries(Object.entries(iv).map(([k, v]) => [k, summary(v)])),
  amplitudesMv: Object.fromEntries(STANDARD_12_LEADS.map((l) => [l, Object.fromEntries((['p', 'r', 's', 't'] as const).map((k) => [k, summary(amp[l][k])]))])),
  axisDeg: summary(axis),
  ptbxlAmplitudesMv: Object.fromEntries(STANDARD_12_LEADS.map((l) => [l, Object.fromEntries((['r', 's', 't'] as const).map((k) => [k, summary(ptbAmp[l][k])]))])),
  ptbxlRecords: ptbRecords,
  qtdbQ1c: { qrsMs: summary(qtdb.qrsMs), qtMs: summary(qtdb.qtMs) },
  qrsNarrowMs: summary(qrsNarrow),
  axisNormalDeg: summary(axisNormal),
};
const fitted = { ...fittedDraft, supportMinusAnnotatedMs: labelOffsets() };

const text = `/**
 * Parameter priors fitted to real records by bench/fitPriors.ts (generated; do not edit by hand — rerun
 * \`npx tsx bench/fitPriors.ts\`). One value per record (LUDB: cardiologists' lead-II intervals; per-lead median
 * amplitudes relative to the 10 ms before QRS onset — the shared LUDB copy is scaled to a unit range per lead, so
 * only their within-lead ratios are physical; frontal QRS axis from the net QRS areas of I and aVF). PTB-XL: per-lead
 * R, S and T amplitudes (mV) of each record's median beat.
 * n, mean, SD, 5th percentile, median and 95th percentile per quantity. Method and numbers: docs/synthesis.md.
 */
export interface FittedSummary {
  n: number;
  mean: number;
  sd: number;
  p5: number;
  median: number;
  p95: number;
}

export const FITTED = ${JSON.stringify(fitted, null, 2)} as const satisfies {
  source: string;
  intervals: Record<'hrBpm' | 'prMs' | 'qrsMs' | 'qtMs' | 'qtcMs', FittedSummary>;
  amplitudesMv: Record<string, Record<'p' | 'r' | 's' | 't', FittedSummary>>;
  axisDeg: FittedSummary;
  ptbxlAmplitudesMv: Record<string, Record<'r' | 's' | 't', FittedSummary>>;
  ptbxlRecords: number;
  qtdbQ1c: Record<'qrsMs' | 'qtMs', FittedSummary>;
  qrsNarrowMs: FittedSummary;
  axisNormalDeg: FittedSummary;
  supportMinusAnnotatedMs: Record<'prMs' | 'qrsMs' | 'qtMs', FittedSummary>;
};
`;
if (process.argv.includes('--check')) {
  const same = existsSync(OUT) && readFileSync(OUT, 'utf8') === text;
  console.log(same ? 'fitted.ts is up to date' : 'fitted.ts differs from a fresh fit');
  process.exit(same ? 0 : 1);
}
writeFileSync(OUT, text);
console.log(`wrote ${OUT}`);
console.log(JSON.stringify({ intervals: fitted.intervals, axis: fitted.axisDeg, qtdb: fitted.qtdbQ1c, qrsNarrow: fitted.qrsNarrowMs, axisNormal: fitted.axisNormalDeg, offsets: fitted.supportMinusAnnotatedMs }));
for (const l of STANDARD_12_LEADS) {
  const a = fitted.amplitudesMv[l];
  const b = fitted.ptbxlAmplitudesMv[l];
  console.log(l.padEnd(4), 'LUDB', (['p', 'r', 's', 't'] as const).map((k) => `${k} ${a[k].median.toFixed(2)}`).join(' '), '| PTB-XL mV', (['r', 's', 't'] as const).map((k) => `${k} ${b[k].median.toFixed(2)} (${b[k].p5.toFixed(2)}…${b[k].p95.toFixed(2)})`).join('  '));
}
