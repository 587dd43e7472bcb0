/**
 * Where the synthetic→LUDB interval offset comes from (docs/synthesis.md, "Diagnosis"). Prints:
 *  (a) boundary definition: annotated-rule minus support labels on synthetic records of the default spec;
 *  (b) label priors: synthetic (support and annotated) vs LUDB interval distributions;
 *  (c) lead convention on LUDB annotations: global (earliest onset / latest offset over 12 leads) − lead II;
 *  (d) the rule on real signals vs the annotators (LUDB lead II; QTDB q1c, and q2c vs q1c).
 * Run: npx tsx bench/labelGap.ts [--n 500] [--fs 500]
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { defaultSyntheticSpec, iterateSyntheticRecords } from '../src/core/data/synthDataset';
import { readWfdbRecord } from '../src/core/formats/wfdb/record';
import { readAnnotations } from '../src/core/formats/wfdb/annotations';
import { intervalsFromAnnotations, LUDB_LEAD_EXTS } from '../src/core/formats/labels/intervals';
import { butterworth, filtfilt } from '../src/core/signal/dsp/filters';
import { resample } from '../src/core/signal/dsp/resample';
import { CSE_TOLERANCE_MS, emptyErrors, errorStats, FIDUCIALS, manualBeats, ruleErrors, ruleIntervals } from '../src/core/signal/testing/ruleErrors';
import { printTable } from './table';

const DATA = resolve(process.env.ECG_DATA ?? resolve(process.cwd(), '../shared/data'));
const argN = process.argv.indexOf('--n');
const N = argN >= 0 ? Number(process.argv[argN + 1]) : 500;
const argFs = process.argv.indexOf('--fs');
const FS = (argFs >= 0 ? Number(process.argv[argFs + 1]) : 500) as 100 | 250 | 500 | 1000;
const f1 = (v: number) => (Number.isFinite(v) ? Math.round(v * 10) / 10 : NaN);

function dist(name: string, xs: number[]) {
  const s = xs.filter(Number.isFinite).sort((a, b) => a - b);
  const n = s.length;
  const mean = s.reduce((a, b) => a + b, 0) / n;
  const sd = Math.sqrt(s.reduce((a, b) => a + (b - mean) ** 2, 0) / (n - 1));
  const q = (p: number) => s[Math.min(n - 1, Math.floor(p * n))];
  return { set: name, n, mean: f1(mean), sd: f1(sd), p5: f1(q(0.05)), p25: f1(q(0.25)), median: f1(q(0.5)), p75: f1(q(0.75)), p95: f1(q(0.95)) };
}
function diff(name: string, xs: number[]) {
  const d = dist(name, xs);
  return { what: name, n: d.n, mean: d.mean, sd: d.sd, p5: d.p5, median: d.median, p95: d.p95 };
}

// (a) + synthetic priors
const spec = { ...defaultSyntheticSpec(), n: N, fs: FS };
const syn = { support: { pr: [] as number[], qrs: [] as number[], qt: [] as number[] }, lead: { pr: [] as number[], qrs: [] as number[], qt: [] as number[] }, global: { pr: [] as number[], qrs: [] as number[], qt: [] as number[] } };
const dA: Record<string, number[]> = {};
const push = (k: string, v: number) => (dA[k] ??= []).push(v);
for (const rule of ['annotated-lead', 'annotated-global'] as const) {
  for (const it of iterateSyntheticRecords({ ...spec, labelRule: rule })) {
    const s = it.record.labels;
    const a = it.record.annotated!.labels;
    const tag = rule === 'annotated-lead' ? 'lead' : 'global';
    if (rule === 'annotated-lead') {
      if (s.pr_ms !== null) syn.support.pr.push(s.pr_ms);
      syn.support.qrs.push(s.qrs_ms);
      syn.support.qt.push(s.qt_ms);
    }
    if (a.pr_ms !== null) syn[tag].pr.push(a.pr_ms);
    syn[tag].qrs.push(a.qrs_ms);
    syn[tag].qt.push(a.qt_ms);
    if (a.pr_ms !== null && s.pr_ms !== null) push(`PR ${rule} − support`, a.pr_ms - s.pr_ms);
    push(`QRS ${rule} − support`, a.qrs_ms - s.qrs_ms);
    push(`QT ${rule} − support`, a.qt_ms - s.qt_ms);
  }
}
console.log(`\n(a) boundary definition: synthetic default spec at ${FS} Hz, 12 leads, ${N} records (ms)`);
printTable(Object.entries(dA).map(([k, v]) => diff(k, v)));

// LUDB annotations: lead II labels, and global per beat over the 12 lead files
const ludbDir = resolve(DATA, 'ludb/data');
const ludb = { pr: [] as number[], qrs: [] as number[], qt: [] as number[] };
const ludbRule = { pr: [] as number[], qrs: [] as number[], qt: [] as number[] };
const ludbG = { pr: [] as number[], qrs: [] as number[], qt: [] as number[] };
const gMinusII: Record<string, number[]> = { PR: [], QRS: [], QT: [] };
const ludbErr = emptyErrors();
const rule100MinusCard: Record<string, number[]> = { PR: [], QRS: [], QT: [] };
let ludbRecords = 0;
if (existsSync(ludbDir)) {
  for (let rec = 1; rec <= 200; rec++) {
    const hea = resolve(ludbDir, `${rec}.hea`);
    if (!existsSync(hea)) continue;
    ludbRecords++;
    const r = readWfdbRecord(`${rec}.hea`, readFileSync(hea), (n) => readFileSync(resolve(ludbDir, n)));
    const per = LUDB_LEAD_EXTS.map((e) => readAnnotations(readFileSync(resolve(ludbDir, `${rec}.${e}`))));
    const ii = intervalsFromAnnotations(per[1], r.fs);
    if (ii.pr_ms !== undefined) ludb.pr.push(ii.pr_ms);
    if (ii.qrs_ms !== undefined) ludb.qrs.push(ii.qrs_ms);
    if (ii.qt_ms !== undefined) ludb.qt.push(ii.qt_ms);
    // global: beats of lead II matched (±60 ms) in the other leads; earliest onset / latest offset
    const beatsPer = per.map(manualBeats);
    const g = { pr: [] as number[], qrs: [] as number[], qt: [] as number[] };
    for (const b of beatsPer[1]) {
      const m = beatsPer.map((bs) => bs.find((x) => Math.abs(x.peak - b.peak) <= 0.06 * r.fs)).filter((x) => x !== undefined);
      const mn = (k: 'pOn' | 'qrsOn') => Math.min(...m.map((x) => x[k] ?? Infinity));
      const mx = (k: 'qrsOff' | 'tOff') => Math.max(...m.map((x) => x[k] ?? -Infinity));
      const ms = 1000 / r.fs;
      const on = mn('qrsOn');
      if (!Number.isFinite(on)) continue;
      if (Number.isFinite(mn('pOn'))) g.pr.push((on - mn('pOn')) * ms);
      if (Number.isFinite(mx('qrsOff'))) g.qrs.push((mx('qrsOff') - on) * ms);
      if (Number.isFinite(mx('tOff'))) g.qt.push((mx('tOff') - on) * ms);
    }
    const mean = (xs: number[]) => (xs.length ? xs.reduce((a, c) => a + c, 0) / xs.length : undefined);
    const gp = mean(g.pr), gq = mean(g.qrs), gt = mean(g.qt);
    if (gp !== undefined) ludbG.pr.push(gp);
    if (gq !== undefined) ludbG.qrs.push(gq);
    if (gt !== undefined) ludbG.qt.push(gt);
    if (gp !== undefined && ii.pr_ms !== undefined) gMinusII.PR.push(gp - ii.pr_ms);
    if (gq !== undefined && ii.qrs_ms !== undefined) gMinusII.QRS.push(gq - ii.qrs_ms);
    if (gt !== undefined && ii.qt_ms !== undefined) gMinusII.QT.push(gt - ii.qt_ms);
    // (d) the rule on the real lead II (40 Hz low-pass, 0.5 Hz high-pass, zero phase)
    const x = filtfilt(filtfilt(r.signals[1], butterworth('lowpass', r.fs, 40, 2)), butterworth('highpass', r.fs, 0.5, 1));
    ruleErrors([x], r.fs, per[1], ludbErr);
    const ri = ruleIntervals([x], r.fs);
    if (ri.pr_ms !== null && ii.pr_ms !== undefined) ludbRule.pr.push(ri.pr_ms);
    if (Number.isFinite(ri.qrs_ms)) ludbRule.qrs.push(ri.qrs_ms);
    if (Number.isFinite(ri.qt_ms)) ludbRule.qt.push(ri.qt_ms);
    // (e) the rule on lead II as the lab reads it (resampled to 100 Hz, 0.5 Hz high-pass) − the cardiologists
    const x100 = filtfilt(resample(r.signals[1], r.fs, 100), butterworth('highpass', 100, 0.5, 1));
    const r100 = ruleIntervals([x100], 100);
    if (r100.pr_ms !== null && ii.pr_ms !== undefined) rule100MinusCard.PR.push(r100.pr_ms - ii.pr_ms);
    if (Number.isFinite(r100.qrs_ms) && ii.qrs_ms !== undefined) rule100MinusCard.QRS.push(r100.qrs_ms - ii.qrs_ms);
    if (Number.isFinite(r100.qt_ms) && ii.qt_ms !== undefined) rule100MinusCard.QT.push(r100.qt_ms - ii.qt_ms);
  }
}
if (ludbRecords) {
  console.log('\n(e) the rule (tangent T end) on LUDB lead II at 100 Hz − the cardiologists, per record (ms); −mean QT = LUDB_T_END_LATE_MS');
  printTable(Object.entries(rule100MinusCard).map(([k, v]) => ({ ...diff(k, v), ci95_halfwidth: +((2.02 * Math.sqrt(v.reduce((a, b) => a + (b - v.reduce((x, y) => x + y, 0) / v.length) ** 2, 0) / (v.length - 1))) / Math.sqrt(v.length)).toFixed(1) })));
}

for (const [k, key] of [['PR', 'pr'], ['QRS', 'qrs'], ['QT', 'qt']] as const) {
  console.log(`\n(b) ${k} label distributions (ms; one value per record)`);
  printTable([
    dist('synthetic support', syn.support[key]),
    dist('synthetic annotated-lead (II)', syn.lead[key]),
    dist('synthetic annotated-global', syn.global[key]),
    ...(ludbRecords ? [dist(`LUDB lead II (${ludbRecords} records)`, ludb[key]), dist('LUDB global over 12 leads', ludbG[key]), dist('LUDB lead II, the rule on the signal', ludbRule[key])] : []),
  ]);
}
const ptbxlPlus = resolve(DATA, 'ptb-xl/features');
console.log(existsSync(ptbxlPlus) ? '\nPTB-XL+ features found (not read by this script yet)' : '\nPTB-XL+ features: not in the shared data (ptb-xl/ has no features/ folder); no PTB-XL interval prior.');

if (ludbRecords) {
  console.log(`\n(c) lead convention on LUDB annotations: global − lead II (ms, per record)`);
  printTable(Object.entries(gMinusII).map(([k, v]) => diff(k, v)));
}

function errTable(title: string, e: ReturnType<typeof emptyErrors>) {
  console.log(`\n${title}`);
  printTable(FIDUCIALS.map((k) => {
    const s = errorStats(e[k], CSE_TOLERANCE_MS[k]);
    return { fiducial: k, n: s.n, mean: f1(s.mean), sd: f1(s.sd), median: f1(s.median), cse_tol: CSE_TOLERANCE_MS[k], within_tol: f1(100 * s.withinTol) };
  }));
}
if (ludbRecords) errTable(`(d) rule on real LUDB lead II − cardiologist (ms, beats of ${ludbRecords} records)`, ludbErr);

const qtDir = resolve(DATA, 'qtdb');
if (existsSync(qtDir)) {
  const ann = emptyErrors();
  for (const rec of ['sel100', 'sel102']) {
    const q1 = emptyErrors();
    if (!existsSync(resolve(qtDir, `${rec}.hea`))) continue;
    const r = readWfdbRecord(`${rec}.hea`, readFileSync(resolve(qtDir, `${rec}.hea`)), (n) => readFileSync(resolve(qtDir, n)));
    const leads = r.signals.map((s) => filtfilt(filtfilt(s, butterworth('lowpass', r.fs, 40, 2)), butterworth('highpass', r.fs, 0.5, 1)));
    const a1 = readAnnotations(readFileSync(resolve(qtDir, `${rec}.q1c`)));
    ruleErrors(leads, r.fs, a1, q1);
    errTable(`(d) rule on QTDB ${rec} (both leads, global) − annotator 1 (.q1c), ms`, q1);
    const q2f = resolve(qtDir, `${rec}.q2c`);
    if (existsSync(q2f)) {
      const m1 = manualBeats(a1);
      for (const b of manualBeats(readAnnotations(readFileSync(q2f)))) {
        const m = m1.find((x) => Math.abs(x.peak - b.peak) <= 0.1 * r.fs);
        if (!m) continue;
        for (const k of FIDUCIALS) if (m[k] !== undefined && b[k] !== undefined) ann[k].push(((b[k] as number) - (m[k] as number)) * (1000 / r.fs));
      }
    }
  }
  errTable('(d) QTDB annotator 2 (.q2c) − annotator 1 (.q1c), ms', ann);
}
