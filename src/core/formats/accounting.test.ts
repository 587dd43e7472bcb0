import { describe, expect, it } from 'vitest';
import { countFates, guessSamplingRate, readRecordings, toJson, type InputFile } from './index';
import { writeWfdb } from './wfdb/writer';

const enc = (s: string) => new TextEncoder().encode(s);
const sine = (n: number, fs: number) => Float32Array.from({ length: n }, (_, t) => Math.sin((2 * Math.PI * t) / fs));

function wfdb(dir: string, name: string): InputFile[] {
  const { hea, dat } = writeWfdb(name, 100, [sine(1000, 100), sine(1000, 100)], ['I', 'II']);
  return [
    { name: `${dir}/${name}.hea`, data: enc(hea) },
    { name: `${dir}/${name}.dat`, data: dat },
  ];
}

const csvRows = (n: number) => Array.from({ length: n }, (_, i) => `${Math.sin(i / 10).toFixed(4)},${Math.cos(i / 10).toFixed(4)}`).join('\n') + '\n';

describe('every file of a drop accounted for', () => {
  it('reads a JSON and a timed CSV dropped with WFDB records; a CSV without time column asks for its rate', async () => {
    const json = toJson({ name: 'j', fs: 250, nSamples: 500, sigNames: ['I'], units: ['mV'], signals: [sine(500, 250)], nanCount: 0, comments: [] });
    const timed = 'time,I\n' + Array.from({ length: 300 }, (_, i) => `${(i / 100).toFixed(2)},${Math.sin(i / 10).toFixed(3)}`).join('\n');
    const files: InputFile[] = [
      ...wfdb('d', 'r1'),
      { name: 'd/j.json', data: enc(json) },
      { name: 'd/timed.csv', data: enc(timed) },
      { name: 'd/norate.csv', data: enc(csvRows(5000)) },
      { name: 'd/junk.bin', data: new Uint8Array([1, 2, 3]) },
      { name: 'd/README.txt', data: enc('hello') },
    ];
    const res = await readRecordings(files);
    expect(res.recordings.map((r) => r.name).sort()).toEqual(['j', 'r1', 'timed']);
    expect(res.files).toHaveLength(files.length);
    const fate = Object.fromEntries(res.files.map((f) => [f.file, f]));
    expect(fate['d/r1.hea'].fate).toBe('record');
    expect(fate['d/r1.dat']).toMatchObject({ fate: 'part', note: 'signal of record r1' });
    expect(fate['d/j.json'].fate).toBe('record');
    expect(fate['d/timed.csv'].fate).toBe('record');
    expect(fate['d/norate.csv']).toMatchObject({ fate: 'failed', code: 'needs-sampling-rate' });
    expect(fate['d/junk.bin']).toMatchObject({ fate: 'failed', code: 'unknown-format' });
    expect(fate['d/README.txt'].fate).toBe('skipped');
    const err = res.errors.find((e) => e.code === 'needs-sampling-rate')!;
    expect(err).toMatchObject({ file: 'd/norate.csv', rows: 5000, guessFs: 500 });
    const n = countFates(res.files);
    expect(n.record + n.part + n.skipped + n.failed).toBe(files.length);
    expect(n).toEqual({ record: 3, part: 1, skipped: 1, failed: 2 });
  });

  it('the CSV read again with the rate given becomes a record', async () => {
    const res = await readRecordings([{ name: 'norate.csv', data: enc(csvRows(3600)) }], { csvFs: 360 });
    expect(res.recordings[0]).toMatchObject({ fs: 360, nSamples: 3600 });
    expect(res.files).toEqual([{ file: 'norate.csv', fate: 'record', note: 'read as a record' }]);
  });

  it('a non-signal CSV beside WFDB records is skipped with its reason, not an error', async () => {
    const res = await readRecordings([...wfdb('d', 'r1'), { name: 'd/notes.csv', data: enc('name,comment\nr1,fine\n') }]);
    expect(res.errors).toEqual([]);
    const f = res.files.find((x) => x.file === 'd/notes.csv')!;
    expect(f.fate).toBe('skipped');
    expect(f.note).toMatch(/^CSV beside WFDB records, not a signal table/);
  });

  it('a record whose signal file is short: the signal file failed with its reason, the header says which', async () => {
    const [hea, dat] = wfdb('d', 'r2');
    const res = await readRecordings([...wfdb('d', 'r1'), hea, { name: dat.name, data: dat.data.subarray(0, 100) }]);
    expect(res.errors).toEqual([{ file: 'd/r2.dat', error: 'd/r2.dat: signal file is shorter than the header says by 3900 bytes (needs 4000, has 100)', code: 'truncated' }]);
    const fate = Object.fromEntries(res.files.map((f) => [f.file, f]));
    expect(fate['d/r2.dat']).toMatchObject({ fate: 'failed', code: 'truncated' });
    expect(fate['d/r2.hea']).toMatchObject({ fate: 'skipped', note: 'header of record r2, which failed: r2.dat (truncated)' });
    expect(fate['d/r1.hea'].fate).toBe('record');
  });

  it('guesses the rate from the row count: 10 s at a common rate first, then whole seconds, else none', () => {
    expect(guessSamplingRate(5000)).toBe(500);
    expect(guessSamplingRate(1000)).toBe(100);
    expect(guessSamplingRate(3600)).toBe(360);
    expect(guessSamplingRate(650000)).toBe(500); // 1300 s at 500 Hz, the first common rate giving whole seconds
    expect(guessSamplingRate(2500)).toBe(250); // 10 s at 250 Hz before 5 s at 500 Hz
    expect(guessSamplingRate(1234)).toBeUndefined();
    expect(guessSamplingRate(0)).toBeUndefined();
  });
});
