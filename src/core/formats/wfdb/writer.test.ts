import { describe, expect, it } from 'vitest';
import { writeWfdb } from './writer';
import { readWfdbHeader } from './header';
import { readWfdbSignals } from './signals';

describe('writeWfdb', () => {
  const a = Float32Array.from([0.1, -0.2, 1.2345, 40, NaN]);
  const b = Float32Array.from([-1, 0, 0.0004, -40, 2]);
  const { hea, dat } = writeWfdb('00007', 500, [a, b], ['I', 'II'], { comments: ['preset: normal', 'hr_bpm: 70'] });

  it('writes a header per the WFDB spec: record line, signal lines with gain/units, init value and checksum', () => {
    const lines = hea.trimEnd().split('\n');
    expect(lines[0]).toBe('00007 2 500 5');
    const sig = /^(\S+)\.dat 16 (\d+)\(0\)\/mV 16 0 (-?\d+) (-?\d+) 0 (\S+)$/;
    expect(lines[1]).toMatch(sig);
    expect(lines[2]).toMatch(sig);
    // a: 100, -200, 1235 (round), 32767 (clamped), -32768 (NaN)
    expect(lines[1]).toBe(`00007.dat 16 1000(0)/mV 16 0 100 ${((100 - 200 + 1235 + 32767 - 32768) << 16) >> 16} 0 I`);
    expect(lines[2]).toBe(`00007.dat 16 1000(0)/mV 16 0 -1000 ${((-1000 + 0 + 0 - 32767 + 2000) << 16) >> 16} 0 II`);
    expect(lines.slice(3)).toEqual(['# preset: normal', '# hr_bpm: 70']);
  });

  it('stores frame-interleaved little-endian 16-bit samples', () => {
    expect(dat.length).toBe(2 * 5 * 2);
    const v = new DataView(dat.buffer);
    const got = Array.from({ length: 10 }, (_, i) => v.getInt16(2 * i, true));
    expect(got).toEqual([100, -1000, -200, 0, 1235, 0, 32767, -32767, -32768, 2000]);
  });

  it('is read back by the project WFDB reader (checksums verified there)', () => {
    const h = readWfdbHeader(hea, '00007.hea');
    expect(h.nSig).toBe(2);
    expect(h.fs).toBe(500);
    expect(h.nSamples).toBe(5);
    expect(h.signals.map((s) => [s.description, s.gain, s.units, s.format])).toEqual([
      ['I', 1000, 'mV', 16],
      ['II', 1000, 'mV', 16],
    ]);
    const r = readWfdbSignals(h, (f) => (f === '00007.dat' ? dat : undefined));
    expect(r.warnings).toEqual([]);
    expect(r.nanCount).toBe(1);
    expect(r.signals[1][0]).toBeCloseTo(-1, 6);
    expect(r.signals[0][2]).toBeCloseTo(1.235, 6);
    expect(r.signals[0][4]).toBeNaN();
  });

  it('rejects bad input', () => {
    expect(() => writeWfdb('bad name', 500, [a], ['I'])).toThrow(/record name/);
    expect(() => writeWfdb('x', 500, [a, b], ['I'])).toThrow(/2 signals but 1 names/);
    expect(() => writeWfdb('x', 0, [a], ['I'])).toThrow(/fs/);
  });
});
