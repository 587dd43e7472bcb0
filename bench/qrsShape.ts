/**
 * How a QRS of a given annotated width looks at 100 Hz, real (LUDB, cardiologists' lead-II boundaries) vs
 * synthetic (the default spec, its lead-II annotated labels): per beat, on the 12-lead spatial magnitude
 * |x(t) − baseline| (baseline = mean of the 20 ms before QRS onset; 0.5 Hz high-pass), the width above 50 % and
 * above 20 % of its QRS peak, and the share of the annotated QRS those widths cover. A model that reads the
 * QRS from its visible core and was trained where the core is a larger share of the annotated width reads a
 * real QRS short. The time from the annotated onset to the first 20 % crossing and from the last one to the annotated
 * offset say which end is slower. Record values are means over beats; per set mean ± SD over records, and the least-squares
 * line annotated QRS = a + b · width50 fitted on the synthetic records, applied to the real ones.
 * Run: npx tsx bench/qrsShape.ts [--n 400]   (reads ../shared/data/ludb, or ECG_DATA)
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { defaultSyntheticSpec, iterateSyntheticRecords } from '../src/core/data/synthDataset';
import { readWfdbRecord } from '../src/core/formats/wfdb/record';
import { readAnnotations } from '../src/core/formats/wfdb/annotations';
import { LUDB_LEAD_EXTS } from '../src/core/formats/labels/intervals';
import { butterworth, filtfilt } from '../src/core/signal/dsp/filters';
import { resample } from '../src/core/signal/dsp/resample';
import { manualBeats } from '../src/core/signal/testing/ruleErrors';
import { printTable } from './table';

const DATA = resolve(process.env.ECG_DATA ?? resolve(process.cwd(), '../shared/data'));
const argN = process.argv.indexOf('--n');
const N = argN >= 0 ? Number(process.argv[argN + 1]) : 400;
const FS = 100;

interface Beat { on: number; off: number } // fractional samples at 100 Hz
interface Row { qrs: number; w50: number; w20: number; lead20: number; tail20: number }

/** Mean over beats of the annotated width and the spatial-magnitude widths (ms). */
function measure(leads: Float32Array[], beats: Beat[]): Row | null {
  const rows: Row[] = [];
  const n = leads[0].length;
  for (const b of beats) {
    const i0 = Math.floor(b.on) - 2, i1 = Math.ceil(b.off) + 2;
    if (i0 < 3 || i1 >= n) continue;
    const mag: number[] = [];
    for (let i = i0; i <= i1; i++) {
      let s = 0;
      for (const x of leads) {
        const base = (x[i0 - 2] + x[i0 - 1]) / 2;
        s += (x[i] - base) ** 2;
      }
      mag.push(Math.sqrt(s));
    }
    const peak = Math.max(...mag);
    if (!(peak > 0)) continue;
    const cross = (frac: number) => {
      const th = frac * peak;
      const k = mag.indexOf(peak);
      let a = k, c = k;
      while (a > 0 && mag[a - 1] >= th) a--;
      while (c < mag.length - 1 && mag[c + 1] >= th) c++;
      // interpolated crossings
      const left = a > 0 ? a - (mag[a] - th) / (mag[a] - mag[a - 1]) : a;
      const right = c < mag.length - 1 ? c + (mag[c] - th) / (mag[c] - mag[c + 1]) : c;
      return [left, right] as const;
    };
    const width = (frac: number) => {
      const [left, right] = cross(frac);
      return ((right - left) * 1000) / FS;
    };
    const [l20, r20] = cross(0.2);
    rows.push({ qrs: ((b.off - b.on) * 1000) / FS, w50: width(0.5), w20: width(0.2), lead20: ((l20 - (b.on - i0)) * 1000) / FS, tail20: (((b.off - i0) - r20) * 1000) / FS });
  }
  if (!rows.length) return null;
  const m = (k: keyof Row) => rows.reduce((a, r) => a + r[k], 0) / rows.length;
  return { qrs: m('qrs'), w50: m('w50'), w20: m('w20'), lead20: m('lead20'), tail20: m('tail20') };
}

const hp = butterworth('highpass', FS, 0.5, 1);
const real: Row[] = [];
const ludbDir = resolve(DATA, 'ludb/data');
if (existsSync(ludbDir)) {
  for (let rec = 1; rec <= 200; rec++) {
    const hea = resolve(ludbDir, `${rec}.hea`);
    if (!existsSync(hea)) continue;
    const r = readWfdbRecord(`${rec}.hea`, readFileSync(hea), (f) => readFileSync(resolve(ludbDir, f)));
    const ii = manualBeats(readAnnotations(readFileSync(resolve(ludbDir, `${rec}.${LUDB_LEAD_EXTS[1]}`))));
    const k = FS / r.fs;
    const beats = ii.filter((b) => b.qrsOn !== undefined && b.qrsOff !== undefined).map((b) => ({ on: b.qrsOn! * k, off: b.qrsOff! * k }));
    const leads = r.signals.slice(0, 12).map((s) => filtfilt(resample(s, r.fs, FS), hp));
    const row = measure(leads, beats);
    if (row) real.push(row);
  }
}

const synth: Row[] = [];
for (const it of iterateSyntheticRecords({ ...defaultSyntheticSpec(), n: N, noise: {} })) {
  const a = it.record.annotated!;
  const beats = a.beats.filter((b) => b.qrsOn >= 0 && b.qrsOff > b.qrsOn).map((b) => ({ on: b.qrsOn, off: b.qrsOff }));
  const row = measure(it.record.signals.map((s) => filtfilt(s, hp)), beats);
  if (row) synth.push(row);
}

const f1 = (v: number) => Math.round(v * 10) / 10;
const ms = (xs: number[]) => {
  const n = xs.length, mean = xs.reduce((a, b) => a + b, 0) / n;
  return { mean, sd: Math.sqrt(xs.reduce((a, b) => a + (b - mean) ** 2, 0) / (n - 1)), n };
};
const row = (set: string, rs: Row[]) => {
  const q = ms(rs.map((r) => r.qrs)), a = ms(rs.map((r) => r.w50)), b = ms(rs.map((r) => r.w20));
  const s50 = ms(rs.map((r) => r.w50 / r.qrs)), s20 = ms(rs.map((r) => r.w20 / r.qrs));
  return { set, n: q.n, 'annotated QRS': `${f1(q.mean)} ± ${f1(q.sd)}`, 'width > 50 %': `${f1(a.mean)} ± ${f1(a.sd)}`, 'width > 20 %': `${f1(b.mean)} ± ${f1(b.sd)}`, 'w50 / QRS': `${s50.mean.toFixed(3)} ± ${s50.sd.toFixed(3)}`, 'w20 / QRS': `${s20.mean.toFixed(3)} ± ${s20.sd.toFixed(3)}`, 'onset → 20 %': `${f1(ms(rs.map((r) => r.lead20)).mean)} ± ${f1(ms(rs.map((r) => r.lead20)).sd)}`, '20 % → offset': `${f1(ms(rs.map((r) => r.tail20)).mean)} ± ${f1(ms(rs.map((r) => r.tail20)).sd)}` };
};
console.log('QRS at 100 Hz: annotated lead-II width and 12-lead spatial-magnitude widths (ms; records: mean ± SD)');
printTable([row(`synthetic default spec, noise-free (${N})`, synth), ...(real.length ? [row('LUDB, cardiologists (lead II)', real)] : [])]);

// annotated QRS = a + b · width on the synthetic records; residual of the real records under that line
for (const key of ['w50', 'w20'] as const) {
  const xs = synth.map((r) => r[key]), ys = synth.map((r) => r.qrs);
  const mx = ms(xs).mean, my = ms(ys).mean;
  const b = xs.reduce((a, x, i) => a + (x - mx) * (ys[i] - my), 0) / xs.reduce((a, x) => a + (x - mx) ** 2, 0);
  const a = my - b * mx;
  if (!real.length) continue;
  const res = ms(real.map((r) => r.qrs - (a + b * r[key])));
  const h = (2.02 * res.sd) / Math.sqrt(res.n);
  console.log(`synthetic line: QRS = ${a.toFixed(1)} + ${b.toFixed(3)} · ${key}; real annotated − line: ${f1(res.mean)} [${f1(res.mean - h)}, ${f1(res.mean + h)}] ms, SD ${f1(res.sd)}, n = ${res.n}`);
}
