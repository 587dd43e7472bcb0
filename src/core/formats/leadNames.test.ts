import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { dataPath, hasEcgData } from '../../test-support/ecgData';
import { parseJson, readCsv, readEdf, readRecordings, toJson } from './index';
import { canonicalLeadName } from './leadNames';
import { readWfdbRecord } from './wfdb/record';

/** A one-record EDF with these signal labels, 100 samples each in one 1 s data record. */
function edfWith(labels: string[]): Uint8Array {
  const pad = (s: string, n: number) => s.padEnd(n, ' ').slice(0, n);
  const ns = labels.length;
  let h = pad('0', 8) + pad('X X X X', 80) + pad('Startdate X', 80) + '01.01.00' + '00.00.00' + pad(String(256 * (ns + 1)), 8) + pad('EDF+C', 44) + pad('1', 8) + pad('1', 8) + pad(String(ns), 4);
  h += labels.map((l) => pad(l, 16)).join('') + labels.map(() => pad('', 80)).join('') + labels.map(() => pad('mV', 8)).join('');
  h += labels.map(() => pad('-5', 8)).join('') + labels.map(() => pad('5', 8)).join('') + labels.map(() => pad('-2048', 8)).join('') + labels.map(() => pad('2047', 8)).join('');
  h += labels.map(() => pad('', 80)).join('') + labels.map(() => pad('100', 8)).join('') + labels.map(() => pad('', 32)).join('');
  const out = new Uint8Array(h.length + ns * 100 * 2);
  for (let i = 0; i < h.length; i++) out[i] = h.charCodeAt(i);
  const dv = new DataView(out.buffer, h.length);
  for (let s = 0; s < ns; s++) for (let j = 0; j < 100; j++) dv.setInt16((s * 100 + j) * 2, s * 100, true);
  return out;
}

describe('canonicalLeadName', () => {
  it('spells the standard twelve one way whatever the file wrote', () => {
    for (const n of ['AVR', 'avr', 'aVR', ' ECG aVR ', 'lead_avr', 'EKG-aVR', 'ECG lead aVR', 'ECGaVR']) expect(canonicalLeadName(n), n).toBe('aVR');
    expect(canonicalLeadName('ECG I')).toBe('I');
    expect(canonicalLeadName('ECG-II')).toBe('II');
    expect(canonicalLeadName('Lead III')).toBe('III');
    expect(canonicalLeadName('v6')).toBe('V6');
    expect(canonicalLeadName('ECG_V1')).toBe('V1');
  });
  it('keeps other leads as they are, dropping an ECG prefix only when a name is left', () => {
    expect(canonicalLeadName('MLII')).toBe('MLII');
    expect(canonicalLeadName('mlii')).toBe('MLII');
    expect(canonicalLeadName('ECG MLII')).toBe('MLII');
    expect(canonicalLeadName('D3')).toBe('D3');
    expect(canonicalLeadName('V5R')).toBe('V5R');
    expect(canonicalLeadName('ECG1')).toBe('ECG1');
    expect(canonicalLeadName('ECG')).toBe('ECG');
    expect(canonicalLeadName('EEG Fpz-Cz')).toBe('EEG Fpz-Cz');
  });
});

describe('every reader writes canonical lead names', () => {
  it('WFDB header descriptions', () => {
    const hea = 'r 5 100 10\n' + ['AVR', 'ecg lead v1', 'mlii', 'Lead II', ''].map((d) => `r.dat 16 1000 16 0 0 0 0 ${d}`.trimEnd()).join('\n') + '\n';
    const dat = new Uint8Array(5 * 10 * 2);
    const rec = readWfdbRecord('r.hea', new TextEncoder().encode(hea), (name) => (name === 'r.dat' ? dat : undefined));
    expect(rec.sigNames).toEqual(['aVR', 'V1', 'MLII', 'II', 'sig5']);
  });
  it('EDF labels: ECG leads named canonically, EEG and other signals left out with a warning', () => {
    const rec = readEdf(edfWith(['EEG Fpz-Cz', 'ECG I', 'ECG V1', 'II', 'avr', 'Resp oro-nasal']), 's.edf');
    expect(rec.sigNames).toEqual(['I', 'V1', 'II', 'aVR']);
    expect(rec.signals).toHaveLength(4);
    // the ECG I signal is the second of the file (digital value 100)
    expect(rec.signals[0][0]).toBeCloseTo(((100 + 2048) * 10) / 4095 - 5, 5);
    expect(rec.warnings?.join(' ')).toMatch(/left out 2 signal\(s\).*EEG Fpz-Cz, Resp oro-nasal/);
  });
  it('EDF with no ECG-named signal keeps every signal', () => {
    const rec = readEdf(edfWith(['EEG', 'EMG']), 'e.edf');
    expect(rec.sigNames).toEqual(['EEG', 'EMG']);
  });
  it('CSV headers (with units in brackets)', () => {
    const rec = readCsv('time,ECG aVR (mV),lead_ii,v2,MLII\n0,1,2,3,4\n0.01,1,2,3,4\n', 'c.csv');
    expect(rec.sigNames).toEqual(['aVR', 'II', 'V2', 'MLII']);
    expect(rec.units[0]).toBe('mV');
  });
  it('JSON recordings', () => {
    const json = toJson({ name: 'j', fs: 100, nSamples: 2, sigNames: ['AVL', 'ECG V3', 'mlii'], units: ['mV', 'mV', 'mV'], signals: [Float32Array.of(0, 1), Float32Array.of(0, 1), Float32Array.of(0, 1)], nanCount: 0, comments: [] });
    expect(parseJson(json, 'j.json').sigNames).toEqual(['aVL', 'V3', 'MLII']);
  });
});

describe.skipIf(!hasEcgData)('leads match across real datasets', () => {
  it('PTB-XL (AVR), LUDB (avr) and the Challenge (aVR) records name their leads the same', async () => {
    const load = (...p: string[]) => ({ name: p.join('/'), data: new Uint8Array(readFileSync(dataPath(...p))) });
    const res = await readRecordings([
      load('ptb-xl', 'records100', '00000', '00001_lr.hea'),
      load('ptb-xl', 'records100', '00000', '00001_lr.dat'),
      load('ludb', 'data', '1.hea'),
      load('ludb', 'data', '1.dat'),
      load('cinc2021', 'E07503.hea'),
      load('cinc2021', 'E07503.mat'),
    ]);
    expect(res.errors).toEqual([]);
    const twelve = ['I', 'II', 'III', 'aVR', 'aVL', 'aVF', 'V1', 'V2', 'V3', 'V4', 'V5', 'V6'];
    expect(res.recordings).toHaveLength(3);
    for (const r of res.recordings) expect(r.sigNames, r.name).toEqual(twelve);
  });
});
