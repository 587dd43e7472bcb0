import { describe, expect, it } from 'vitest';
import type { Recording } from '../formats/recording';
import { DatasetBuilder, importRecordings } from './importDataset';

/** A 2-lead record at 360 Hz whose lead I holds its own sample time in seconds (to check where windows start). */
function rec(name: string, seconds: number): Recording {
  const fs = 360;
  const n = Math.round(seconds * fs);
  const t = Float32Array.from({ length: n }, (_, i) => i / fs);
  return { name, fs, nSamples: n, sigNames: ['MLII', 'V5'], units: ['mV', 'mV'], signals: [t, new Float32Array(n).fill(0.5)], nanCount: 0, comments: [], labels: { superclasses: ['NORM'], hr_bpm: 70 } };
}

describe('consecutive windows', () => {
  it('cuts a 35 s record into three 10 s windows with the labels copied; the remainder is dropped', () => {
    const { dataset: ds } = importRecordings([rec('100', 35), rec('101', 4)], { fs: 100, windows: 'consecutive', storage: 'float32', leads: ['I', 'II'] });
    expect(ds.recordNames).toEqual(['100#w0', '100#w1', '100#w2', '101#w0']);
    expect(ds.n).toBe(4);
    const T = ds.nSamples;
    expect(T).toBe(1000);
    // Lead II (MLII) holds time: row k starts at 10·k seconds.
    const x = ds.x as Float32Array;
    for (let k = 0; k < 3; k++) expect(x[k * 2 * T + T]).toBeCloseTo(10 * k, 1);
    const c = ds.classes!.indexOf('NORM');
    for (let r = 0; r < 4; r++) expect(ds.y![r * ds.classes!.length + c]).toBe(1);
    expect(Array.from(ds.targets!.hr_bpm!)).toEqual([70, 70, 70, 70]);
    // Windows of one record share a group id, so a patient-wise split keeps them on one side.
    expect(ds.patientIds).toEqual(['record:100', 'record:100', 'record:100', 'record:101']);
  });

  it('first 10 s keeps one row per record under its own name, as before', () => {
    const { dataset: ds } = importRecordings([rec('100', 35)], { fs: 100, storage: 'float32' });
    expect(ds.recordNames).toEqual(['100']);
  });

  it('grows past the capacity given and describes the originals', () => {
    const b = new DatasetBuilder(1, { fs: 100, windows: 'consecutive' });
    expect(b.add(rec('100', 1800))).toBe(true);
    const ds = b.finish();
    expect(ds.n).toBe(180);
    expect(ds.recordNames[179]).toBe('100#w179');
    expect(b.describeOrigin()).toMatchObject({
      records: 1,
      first: { name: '100', leads: ['MLII', 'V5'], fs: 360, durationS: 1800, filled: 2 },
      rates: [360],
      windows: 'consecutive',
      windowsCut: 180,
    });
  });
});
