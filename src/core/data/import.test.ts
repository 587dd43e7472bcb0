import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { dataPath, hasEcgData } from '../../test-support/ecgData';
import type { Recording } from '../formats/recording';
import type { InputFile } from '../formats/index';
import { normaliseLeadName, selectLeads } from './leads';
import { cropPad, fillNaN, preprocessRecording } from './preprocess';
import { foldSplit, stratifiedSplit, strataFromMultiHot } from './splits';
import { DatasetBuilder, importFiles, importRecordings } from './importDataset';

const files = (dir: string, filter: (n: string) => boolean = () => true): InputFile[] =>
  readdirSync(dataPath(dir))
    .filter(filter)
    .map((n) => ({ name: `${dir}/${n}`, data: new Uint8Array(readFileSync(dataPath(dir, n))) }));

function rec(name: string, sigNames: string[], n: number, fs: number, extra: Partial<Recording> = {}): Recording {
  const signals = sigNames.map((_, l) => Float32Array.from({ length: n }, (_, t) => (l + 1) * Math.sin((2 * Math.PI * t) / fs)));
  return { name, fs, nSamples: n, sigNames, units: sigNames.map(() => 'mV'), signals, nanCount: 0, comments: [], ...extra };
}

describe('leads', () => {
  it('normalises case variants and MLII', () => {
    expect(['i', 'I', 'AVR', 'avr', 'aVR', 'MLII', 'ECG V1', 'v6', 'PLETH'].map(normaliseLeadName)).toEqual(['I', 'I', 'aVR', 'aVR', 'aVR', 'II', 'V1', 'V6', 'PLETH']);
  });
  it('derives missing limb leads from I and II', () => {
    const r = rec('x', ['I', 'II'], 10, 10);
    const s = selectLeads(r.signals, r.sigNames, ['aVR', 'III', 'V1']);
    expect(s.derived).toEqual(['aVR', 'III']);
    expect(s.missing).toEqual(['V1']);
    expect(s.signals[0][3]).toBeCloseTo(-(r.signals[0][3] + r.signals[1][3]) / 2, 6);
  });
});

describe('preprocess', () => {
  it('fills NaN runs linearly and at the edges', () => {
    const x = Float32Array.of(NaN, 1, NaN, NaN, 4, NaN);
    expect(fillNaN(x)).toBe(4);
    expect(Array.from(x)).toEqual([1, 1, 2, 3, 4, 4]);
  });
  it('crop/pad and resample to a fixed length; standardise', () => {
    expect(Array.from(cropPad(Float32Array.of(1, 2, 3, 4), 2, 'center'))).toEqual([2, 3]);
    const p = preprocessRecording(rec('x', ['ii', 'avr'], 5000, 500), { leads: ['II', 'aVR', 'V1'], fs: 100, nSamples: 1200, standardise: true, bandpass: [0.5, 40] });
    expect(p.signals.map((s) => s.length)).toEqual([1200, 1200, 1200]);
    expect(p.missing).toEqual(['V1']);
    let m = 0;
    for (const v of p.signals[0]) m += v;
    expect(Math.abs(m / 1200)).toBeLessThan(1e-5);
    expect(p.signals[2].every((v) => v === 0)).toBe(true);
  });
});

describe('splits', () => {
  it('PTB-XL folds 1–8 / 9 / 10', () => {
    expect(foldSplit(Int8Array.of(1, 9, 10, 8, 0, 3))).toEqual({ train: [0, 3, 5], val: [1], test: [2] });
  });
  it('stratified by seed: deterministic, proportions per stratum, no patient in two splits', () => {
    const n = 1000;
    const strata = Array.from({ length: n }, (_, i) => (i % 5 === 0 ? 'MI' : 'NORM'));
    const pids = Array.from({ length: n }, (_, i) => `p${Math.floor(i / 3)}`);
    const a = stratifiedSplit(strata, { seed: 7, patientIds: pids });
    expect(stratifiedSplit(strata, { seed: 7, patientIds: pids })).toEqual(a);
    expect(stratifiedSplit(strata, { seed: 8, patientIds: pids })).not.toEqual(a);
    expect(a.train.length + a.val.length + a.test.length).toBe(n);
    expect(Math.abs(a.test.length - 100)).toBeLessThan(15);
    const where = new Map<string, string>();
    for (const [k, idx] of Object.entries(a)) for (const i of idx) {
      const prev = where.get(pids[i]);
      expect(prev === undefined || prev === k).toBe(true);
      where.set(pids[i], k);
    }
    const miTest = a.test.filter((i) => strata[i] === 'MI').length;
    expect(miTest).toBeGreaterThan(10);
    expect(strataFromMultiHot(Uint8Array.of(1, 0, 0, 1), 2)).toEqual(['10', '01']);
  });
});

describe('import into a compact dataset', () => {
  it('Int16 storage, multi-hot y, targets, folds, patients, fingerprint, undiagnosed left out', () => {
    const recs = [
      rec('a', ['I', 'II'], 1000, 100, { labels: { superclasses: ['MI', 'CD'] }, fold: 10, patientId: '1' }),
      rec('b', ['i', 'ii'], 500, 100, { labels: { superclasses: [] }, fold: 2, patientId: '2' }),
      rec('c', ['I', 'II'], 5000, 500, { labels: { superclasses: ['NORM'], qt_ms: 400 }, fold: 3, patientId: '3' }),
    ];
    let prog = 0;
    const { dataset: ds, skipped } = importRecordings(recs, { leads: ['I', 'II'], onProgress: (d) => (prog = d) });
    expect(prog).toBe(3);
    expect(skipped).toEqual([{ record: 'b', reason: 'no diagnostic statement' }]);
    expect(ds).toMatchObject({ n: 2, fs: 100, nSamples: 1000, nLeads: 2, recordNames: ['a', 'c'], classes: ['NORM', 'MI', 'STTC', 'CD', 'HYP'], patientIds: ['1', '3'], xScale: 0.001 });
    expect(ds.x).toBeInstanceOf(Int16Array);
    expect(Array.from(ds.y!)).toEqual([0, 1, 0, 1, 0, 1, 0, 0, 0, 0]);
    expect(Array.from(ds.folds!)).toEqual([10, 3]);
    expect(ds.targets!.qt_ms![1]).toBe(400);
    expect(Number.isNaN(ds.targets!.qt_ms![0])).toBe(true);
    // record a, lead II (×2 amplitude), t = 25: 2·sin(π/2) = 2 mV → 2000 µV
    expect(ds.x[(0 * 2 + 1) * 1000 + 25]).toBe(2000);
    expect(ds.fingerprint).toMatch(/^[0-9a-f]{16}$/);
    const again = importRecordings(recs, { leads: ['I', 'II'] }).dataset;
    expect(again.fingerprint).toBe(ds.fingerprint);
    recs[0].labels!.superclasses = ['MI'];
    expect(importRecordings(recs, { leads: ['I', 'II'] }).dataset.fingerprint).not.toBe(ds.fingerprint);
  });
  it('builder preallocates once: a full PTB-XL 100 Hz fits (Int16 21 799 × 12 × 1000 = 523 MB)', () => {
    const b = new DatasetBuilder(3, { storage: 'float32', leads: ['I'] });
    b.add(rec('a', ['I'], 1000, 100));
    const ds = b.finish();
    expect(ds.x).toBeInstanceOf(Float32Array);
    expect(ds.x.length).toBe(1000);
    expect(21799 * 12 * 1000 * 2).toBeLessThan(1.5e9);
  });
});

describe.skipIf(!hasEcgData)('importFiles on real PTB-XL and LUDB', () => {
  it('PTB-XL folder: 12 leads at 100 Hz, labels and folds; values equal the WFDB reader to 1 µV', async () => {
    const input = [...files('ptb-xl', (n) => n.endsWith('.csv')), ...files('ptb-xl/records100/00000')];
    const { dataset: ds, skipped, errors, info } = await importFiles(input, { name: 'ptbxl' });
    expect(errors).toEqual([]);
    expect(ds.n + skipped.length).toBe(100);
    expect(skipped.every((s) => s.reason === 'no diagnostic statement')).toBe(true);
    expect(info?.ptbxl?.noDiagnostic.length).toBe(skipped.length);
    expect(ds).toMatchObject({ fs: 100, nSamples: 1000, nLeads: 12, leadNames: ['I', 'II', 'III', 'aVR', 'aVL', 'aVF', 'V1', 'V2', 'V3', 'V4', 'V5', 'V6'] });
    const r = ds.recordNames.indexOf('00001_lr');
    expect(ds.x[r * 12 * 1000]).toBe(-119); // I[0] = −0.119 mV
    expect(ds.y![r * 5]).toBe(1); // NORM
    expect(ds.folds![r]).toBe(3);
    const split = foldSplit(ds.folds!);
    expect(split.train.length + split.val.length + split.test.length).toBe(ds.n);
  });
  it('a .zip import sizes the dataset from the archive contents', async () => {
    const { zipSync } = await import('fflate');
    const input = [...files('ptb-xl', (n) => n.endsWith('.csv')), ...files('ptb-xl/records100/00000', (n) => n < '00011')];
    const zip = zipSync(Object.fromEntries(input.map((f) => [f.name, f.data])));
    const { dataset: ds, skipped } = await importFiles([{ name: 'ptbxl.zip', data: zip }]);
    expect(ds.n + skipped.length).toBe(10);
    expect(ds.n).toBeGreaterThan(5);
  });
  it('LUDB: interval targets at 500 Hz → 100 Hz', async () => {
    const { dataset: ds } = await importFiles(files('ludb/data', (n) => /^(1|2|3)\./.test(n)), { fs: 100, storage: 'float32' });
    expect(ds.n).toBe(3);
    expect(ds.nSamples).toBe(1000);
    expect(ds.targets!.qt_ms![ds.recordNames.indexOf('1')]).toBeCloseTo(490.8, 3);
    expect(ds.y).toBeUndefined();
  });
});
