import { readFileSync, readdirSync } from 'node:fs';
import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { dataPath, hasEcgData } from '../../test-support/ecgData';
import { FormatError, parseJson, readCsv, readEdf, readRecordings, toJson, type InputFile, type Recording } from './index';
import { readWfdbHeader } from './wfdb/header';
import { readWfdbRecord } from './wfdb/record';
import { readAnnotations } from './wfdb/annotations';
import { readMat4 } from './wfdb/mat4';

const load = (...p: string[]) => new Uint8Array(readFileSync(dataPath(...p)));
const files = (dir: string, filter: (n: string) => boolean = () => true): InputFile[] =>
  readdirSync(dataPath(dir))
    .filter(filter)
    .map((n) => ({ name: `${dir}/${n}`, data: load(dir, n) }));

/** Minimal local WFDB encoder (formats 16 and 212) for the round trip. */
function encodeWfdb(name: string, fs: number, sig: Float32Array[], names: string[], fmt: 16 | 212, gain: number, baseline: number) {
  const n = sig[0].length;
  const d = new Int32Array(n * sig.length);
  for (let t = 0; t < n; t++) for (let s = 0; s < sig.length; s++) d[t * sig.length + s] = Number.isNaN(sig[s][t]) ? (fmt === 16 ? -32768 : -2048) : Math.round(sig[s][t] * gain) + baseline;
  let dat: Uint8Array;
  if (fmt === 16) dat = new Uint8Array(Int16Array.from(d).buffer);
  else {
    dat = new Uint8Array(Math.ceil((d.length * 3) / 2));
    for (let i = 0, p = 0; i < d.length; i += 2, p += 3) {
      const a = d[i] & 0xfff, b = (d[i + 1] ?? 0) & 0xfff;
      dat[p] = a & 0xff;
      dat[p + 1] = (a >> 8) | ((b >> 8) << 4);
      if (p + 2 < dat.length) dat[p + 2] = b & 0xff;
    }
  }
  const lines = [`${name} ${sig.length} ${fs} ${n}`, ...names.map((nm, s) => `${name}.dat ${fmt} ${gain}(${baseline})/mV ${fmt === 16 ? 16 : 12} 0 ${d[s]} 0 0 ${nm}`)];
  return { hea: lines.join('\n') + '\n', dat };
}

function synth(nLeads: number, n: number, fs: number): Float32Array[] {
  return Array.from({ length: nLeads }, (_, l) => Float32Array.from({ length: n }, (_, t) => Math.sin((2 * Math.PI * (l + 1) * t) / fs) * (1 + 0.3 * l)));
}

describe('round trip', () => {
  const writerModules = import.meta.glob('./wfdb/writer.ts');
  it.each([16, 212] as const)('WFDB format %i written then read gives the same values to the quantisation step', async (fmt) => {
    const sig = synth(3, 777, 250);
    sig[1][5] = NaN;
    const gain = fmt === 16 ? 1000 : 200;
    const { hea, dat } = encodeWfdb('rt', 250, sig, ['I', 'II', 'V1'], fmt, gain, 7);
    const res = await readRecordings([{ name: 'x/rt.hea', data: new TextEncoder().encode(hea) }, { name: 'x/rt.dat', data: dat }]);
    expect(res.errors).toEqual([]);
    const rec = res.recordings[0];
    expect(rec.nanCount).toBe(1);
    for (let s = 0; s < 3; s++)
      for (let t = 0; t < 777; t++) {
        if (s === 1 && t === 5) expect(Number.isNaN(rec.signals[s][t])).toBe(true);
        else expect(Math.abs(rec.signals[s][t] - sig[s][t])).toBeLessThanOrEqual(0.5 / gain + 1e-6);
      }
  });
  it.runIf(Object.keys(writerModules).length > 0)('the project WFDB writer output reads back', async () => {
    const mod = (await writerModules['./wfdb/writer.ts']()) as { writeWfdb: (n: string, fs: number, s: Float32Array[], names: string[]) => { hea: string; dat: Uint8Array } };
    const sig = synth(12, 1000, 500);
    const { hea, dat } = mod.writeWfdb('w', 500, sig, ['I', 'II', 'III', 'aVR', 'aVL', 'aVF', 'V1', 'V2', 'V3', 'V4', 'V5', 'V6']);
    const h = readWfdbHeader(hea, 'w.hea');
    const rec = readWfdbRecord('w.hea', new TextEncoder().encode(hea), () => dat);
    for (let s = 0; s < 12; s++) for (let t = 0; t < 1000; t += 7) expect(Math.abs(rec.signals[s][t] - sig[s][t])).toBeLessThanOrEqual(0.5 / h.signals[s].gain + 1e-6);
  });
  it('JSON export round trip keeps NaN, labels, patient and fold', () => {
    const rec: Recording = { name: 'j', fs: 100, nSamples: 3, sigNames: ['I'], units: ['mV'], signals: [Float32Array.of(1, NaN, -0.5)], nanCount: 1, comments: ['c'], labels: { superclasses: ['MI'] }, patientId: '7', fold: 9 };
    const back = parseJson(toJson(rec), 'j.json');
    expect(back).toMatchObject({ name: 'j', fs: 100, nSamples: 3, nanCount: 1, labels: { superclasses: ['MI'] }, patientId: '7', fold: 9 });
    expect(Number.isNaN(back.signals[0][1])).toBe(true);
    expect(() => parseJson('{"format":"other"}', 'x.json')).toThrowError(/x\.json: not an ECG Transfer Lab recording/);
  });
});

describe('CSV and EDF', () => {
  it('CSV with header, time column in seconds, semicolons', () => {
    const csv = 'time;I (mV);aVR\n0;0.1;0.2\n0.004;0.3;\n0.008;0.5;0.6\n';
    const r = readCsv(csv, 'a.csv');
    expect(r).toMatchObject({ fs: 250, nSamples: 3, sigNames: ['I', 'aVR'], units: ['mV', 'mV'], nanCount: 1 });
    expect(Array.from(r.signals[0])).toEqual([0.1, 0.3, 0.5].map(Math.fround));
  });
  it('CSV as written by rdsamp -c -H -v (units row, hh:mm:ss time); headerless CSV needs fs', () => {
    const csv = "'Elapsed time','MLII','V5'\n'hh:mm:ss.mmm','mV','mV'\n'0:00.000',-0.145,-0.065\n'0:00.003',-0.145,-0.065\n'0:00.006',-0.145,-0.065\n";
    const r = readCsv(csv, 'b.csv');
    expect(r.sigNames).toEqual(['MLII', 'V5']);
    expect(r.fs).toBeCloseTo(333.333, 2);
    expect(() => readCsv('1,2\n3,4\n4,7\n', 'c.csv')).toThrowError(/c\.csv: sampling rate unknown/);
    expect(readCsv('1,2\n3,4\n4,7\n', 'c.csv', { fs: 500 })).toMatchObject({ fs: 500, sigNames: ['sig1', 'sig2'] });
  });
  it('EDF+ with two rates and an annotation channel', () => {
    const edf = makeEdf();
    const r = readEdf(edf, 'e.edf');
    expect(r).toMatchObject({ fs: 200, nSamples: 400, sigNames: ['II', 'V1'], units: ['mV', 'uV'] });
    // digital 100 in [-2048,2047] → physical [-5,5]: (100+2048)*10/4095 − 5
    expect(r.signals[0][3]).toBeCloseTo(((100 + 2048) * 10) / 4095 - 5, 5);
    expect(r.annotations?.[0]).toMatchObject({ sample: 100, aux: 'beat' });
    expect(() => readEdf(edf.subarray(0, edf.length - 10), 'e.edf')).toThrowError(/shorter than the header says by 10 bytes/);
    const garbage = new Uint8Array(512).fill(0x01);
    garbage[0] = 0x30; // '0' version, then binary junk in the numeric fields
    expect(() => readEdf(garbage, 'junk.edf')).toThrowError(/^junk\.edf: not an EDF file \(version field "0\\x01\\x01/);
    try {
      readEdf(garbage, 'junk.edf');
    } catch (err) {
      expect(/[\x00-\x1f]/.test((err as Error).message)).toBe(false);
    }
  });
});

function makeEdf(): Uint8Array {
  const nRec = 2, dur = 1;
  const sigs = [
    { label: 'ECG II', dim: 'mV', spr: 200 },
    { label: 'V1', dim: 'uV', spr: 100 },
    { label: 'EDF Annotations', dim: '', spr: 30 },
  ];
  const pad = (s: string, n: number) => s.padEnd(n, ' ').slice(0, n);
  let h = pad('0', 8) + pad('X X X X', 80) + pad('Startdate X', 80) + '01.01.00' + '00.00.00' + pad(String(256 * 4), 8) + pad('EDF+C', 44) + pad(String(nRec), 8) + pad(String(dur), 8) + pad('3', 4);
  h += sigs.map((s) => pad(s.label, 16)).join('') + sigs.map(() => pad('', 80)).join('') + sigs.map((s) => pad(s.dim, 8)).join('');
  h += sigs.map(() => pad('-5', 8)).join('') + sigs.map(() => pad('5', 8)).join('') + sigs.map(() => pad('-2048', 8)).join('') + sigs.map(() => pad('2047', 8)).join('');
  h += sigs.map(() => pad('', 80)).join('') + sigs.map((s) => pad(String(s.spr), 8)).join('') + sigs.map(() => pad('', 32)).join('');
  const body = new Uint8Array(nRec * (200 + 100 + 30) * 2);
  const dv = new DataView(body.buffer);
  let off = 0;
  for (let r = 0; r < nRec; r++) {
    for (let j = 0; j < 200; j++, off += 2) dv.setInt16(off, 100, true);
    for (let j = 0; j < 100; j++, off += 2) dv.setInt16(off, j, true);
    const tal = r === 0 ? '+0\x14\x14\0+0.5\x14beat\x14\0' : `+${r}\x14\x14\0`;
    for (let j = 0; j < 60; j++) body[off + j] = j < tal.length ? tal.charCodeAt(j) : 0;
    off += 60;
  }
  const out = new Uint8Array(h.length + body.length);
  for (let i = 0; i < h.length; i++) out[i] = h.charCodeAt(i);
  out.set(body, h.length);
  return out;
}

describe.skipIf(!hasEcgData)('readRecordings on dataset folders', () => {
  it('PTB-XL folder: superclasses, folds, patient ids, single-label subset, default split', async () => {
    const input = [...files('ptb-xl', (n) => n.endsWith('.csv')), ...files('ptb-xl/records100/00000')];
    let last = [0, 0];
    const res = await readRecordings(input, { onProgress: (d, t) => (last = [d, t]) });
    expect(res.errors).toEqual([]);
    expect(res.recordings.length).toBe(100);
    expect(last).toEqual([100, 100]);
    const r1 = res.recordings.find((r) => r.name === '00001_lr')!;
    expect(r1).toMatchObject({ labels: { superclasses: ['NORM'] }, patientId: '15709', fold: 3, labelSource: 'ptb-xl' });
    const info = res.dataset!.ptbxl!;
    expect(info.labelled.length + info.noDiagnostic.length).toBe(100);
    expect(info.singleLabel.every((n) => res.recordings.find((r) => r.name === n)!.labels!.superclasses!.length === 1)).toBe(true);
    expect(info.split.test.every((n) => res.recordings.find((r) => r.name === n)!.fold === 10)).toBe(true);
    expect(info.split.train.length + info.split.val.length + info.split.test.length).toBe(info.labelled.length);
  });

  it('a .zip of PTB-XL records with the CSVs, and a bad record that is reported while the rest go on', async () => {
    const some = files('ptb-xl/records100/00000', (n) => n < '00006');
    const zip = zipSync(Object.fromEntries([...files('ptb-xl', (n) => n.endsWith('.csv')), ...some].map((f) => ['ptb-xl/' + f.name.replace(/^ptb-xl\//, ''), f.data])));
    const broken = { name: 'broken/00099_lr.hea', data: load('ptb-xl/records100/00000/00001_lr.hea') };
    const res = await readRecordings([{ name: 'ptbxl.zip', data: zip }, broken, { name: 'junk.bin', data: Uint8Array.of(1, 2, 3) }]);
    expect(res.recordings.map((r) => r.name)).toEqual(['00001_lr', '00002_lr', '00003_lr', '00004_lr', '00005_lr']);
    expect(res.recordings.every((r) => r.labels?.superclasses?.length)).toBe(true);
    expect(res.errors.map((e) => e.code).sort()).toEqual(['missing-signal-file', 'unknown-format']);
  });

  it('LUDB folder: intervals from lead II; annotations of every lead kept with their lead', async () => {
    const res = await readRecordings(files('ludb/data', (n) => /^(1|2)\./.test(n)));
    expect(res.errors).toEqual([]);
    const r1 = res.recordings.find((r) => r.name === '1')!;
    expect(r1.labels).toEqual({ hr_bpm: 60000 / 1322.8, pr_ms: 141.6, qrs_ms: 96, qt_ms: 490.8 });
    expect(new Set(r1.annotations!.map((a) => a.lead)).size).toBe(12);
  });

  it('QTDB, MIT-BIH and CinC labels', async () => {
    const res = await readRecordings([...files('qtdb', (n) => n.startsWith('sel100')), ...files('mitdb', (n) => n.startsWith('208')), ...files('cinc2021', (n) => n.startsWith('E07500'))]);
    expect(res.errors).toEqual([]);
    const [e, m, q] = ['E07500', '208', 'sel100'].map((n) => res.recordings.find((r) => r.name === n)!);
    expect(e.labels).toEqual({ dx: ['67741000119109', '426177001'] });
    expect(m.labels!.beats).toMatchObject({ V: 992, F: 373 });
    expect(q.labels!.qt_ms).toBeGreaterThan(300);
    expect(q.labels!.beats!.N).toBeGreaterThan(1000);
  });
});

describe.skipIf(!hasEcgData)('fuzz: truncated, flipped and corrupted real files give only typed errors', () => {
  const targets: { hea: string[]; sig: string[]; ann?: string[] }[] = [
    { hea: ['ptb-xl/records100/00000', '00001_lr.hea'], sig: ['ptb-xl/records100/00000', '00001_lr.dat'] },
    { hea: ['qtdb', 'sel100.hea'], sig: ['qtdb', 'sel100.dat'], ann: ['qtdb', 'sel100.q1c'] },
    { hea: ['cinc2021', 'JS20000.hea'], sig: ['cinc2021', 'JS20000.mat'] },
    { hea: ['ludb/data', '1.hea'], sig: ['ludb/data', '1.dat'], ann: ['ludb/data', '1.ii'] },
  ];
  let seed = 12345;
  const rnd = () => ((seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32);
  const expectTyped = (fn: () => unknown) => {
    try {
      fn();
    } catch (e) {
      if (!(e instanceof FormatError)) throw new Error(`untyped error: ${String(e)}`);
      expect(e.message.length).toBeGreaterThan(5);
    }
  };
  it('headers, signal files, MAT and annotation files under 400 mutations each', () => {
    for (const t of targets) {
      const hea = load(...t.hea), sig = load(...t.sig);
      for (let k = 0; k < 400; k++) {
        const mode = k % 4;
        let h = hea, s = sig;
        if (mode === 0) h = hea.subarray(0, Math.floor(rnd() * hea.length));
        else if (mode === 1) {
          h = hea.slice();
          for (let j = 0; j < 3; j++) h[Math.floor(rnd() * h.length)] = Math.floor(rnd() * 256);
        } else if (mode === 2) s = sig.subarray(0, Math.floor(rnd() * sig.length));
        else {
          s = sig.slice();
          for (let j = 0; j < 20; j++) s[Math.floor(rnd() * Math.min(s.length, 64))] = Math.floor(rnd() * 256);
        }
        expectTyped(() => readWfdbRecord(t.hea[1], h, () => s));
        if (t.sig[1].endsWith('.mat')) expectTyped(() => readMat4(s, t.sig[1]));
        if (t.ann) {
          const a = load(...t.ann).slice();
          const cut = a.subarray(0, Math.floor(rnd() * a.length));
          for (let j = 0; j < 4; j++) a[Math.floor(rnd() * a.length)] = Math.floor(rnd() * 256);
          expectTyped(() => readAnnotations(cut, t.ann![1]));
          expectTyped(() => readAnnotations(a, t.ann![1]));
        }
      }
    }
    // corrupted header fields: huge sample counts, negative values, garbage formats
    const hea = new TextDecoder().decode(load('ptb-xl/records100/00000/00001_lr.hea'));
    const dat = load('ptb-xl/records100/00000/00001_lr.dat');
    for (const bad of [hea.replace('100 1000', '100 99999999999'), hea.replace(' 12 100', ' 99999 100'), hea.replace(/\.dat 16/g, '.dat 16x99999'), hea.replace(/\.dat 16/g, '.dat 16+999999999'), hea.replace('1000.0(0)', 'NaN(x)')]) {
      expectTyped(() => readWfdbRecord('bad.hea', new TextEncoder().encode(bad), () => dat));
    }
  });
  it('random bytes and zips through readRecordings: typed errors in the list, no throw', async () => {
    const rand = Uint8Array.from({ length: 5000 }, () => Math.floor(rnd() * 256));
    const res = await readRecordings([
      { name: 'r.hea', data: rand },
      { name: 'r.dat', data: rand },
      { name: 'r.edf', data: rand },
      { name: 'r.csv', data: rand },
      { name: 'r.json', data: rand },
      { name: 'r.zip', data: rand },
      { name: 'r.mat', data: rand },
    ]);
    expect(res.recordings).toEqual([]);
    expect(res.errors.length).toBeGreaterThanOrEqual(5);
    for (const e of res.errors) expect(e.error.startsWith(e.file)).toBe(true);
  });
});
