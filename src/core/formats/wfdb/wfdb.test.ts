import { readFileSync } from 'node:fs';
import { describe, expect, it, vi } from 'vitest';
import { dataPath, hasEcgData } from '../../../test-support/ecgData';
import { readWfdbHeader } from './header';
import { readWfdbSignals, decodeSamples, bytesFor } from './signals';
import { readWfdbRecord } from './record';
import { readMat4 } from './mat4';
import { FormatError } from '../errors';

const load = (...p: string[]) => new Uint8Array(readFileSync(dataPath(...p)));
const dirLookup = (...dir: string[]) => (name: string) => {
  try {
    return load(...dir, name);
  } catch {
    return undefined;
  }
};

describe('WFDB header', () => {
  it('parses counter frequency, base counter, samples per frame, byte offset, baseline, units, description', () => {
    const h = readWfdbHeader(
      'rec 2 250/360(5) 1000 12:00:00 01/01/2000\r\nrec.dat 16x2:1+24 1716(6)/uV 12 1024 7 -3 0 ECG lead II\r\nrec.dat 16 0 16 0\r\n# a comment\r\n',
      'rec.hea',
    );
    expect(h).toMatchObject({ name: 'rec', nSig: 2, fs: 250, counterFreq: 360, baseCounter: 5, nSamples: 1000, baseTime: '12:00:00', baseDate: '01/01/2000' });
    expect(h.signals[0]).toMatchObject({ format: 16, samplesPerFrame: 2, skew: 1, byteOffset: 24, gain: 1716, baseline: 6, units: 'uV', adcRes: 12, adcZero: 1024, initValue: 7, checksum: -3, blockSize: 0, description: 'ECG lead II' });
    // gain 0 means 200; baseline defaults to ADC zero; units default mV
    expect(h.signals[1]).toMatchObject({ gain: 200, gainDefaulted: true, baseline: 0, units: 'mV', description: '' });
    expect(h.comments).toEqual(['a comment']);
  });

  it('names the bad field', () => {
    expect(() => readWfdbHeader('r 1 abc 10\nr.dat 16', 'r.hea')).toThrowError(/r\.hea: line 1: sampling frequency/);
    expect(() => readWfdbHeader('r 2 100 10\nr.dat 16', 'r.hea')).toThrowError(/declares 2 signals but has 1/);
    expect(() => readWfdbHeader('r 1 100 10\nr.dat 999', 'r.hea')).toThrowError(FormatError);
    try {
      readWfdbHeader('r 1 100 10\nr.dat 16 x/mV', 'r.hea');
    } catch (e) {
      expect((e as FormatError).code).toBe('bad-signal-spec');
      expect((e as FormatError).message).toMatch(/line 2: ADC gain/);
    }
  });
});

describe('WFDB signal decoding', () => {
  it('decodes 212 pairs, 310 and 311 triples, 80, 61, 24, 32, 8 by the spec bit layouts', () => {
    const out = new Int32Array(8);
    // 212: samples 0x123 (291) and 0xFED (−19): b0=0x23, b1=(0xF<<4)|0x1, b2=0xED
    decodeSamples(212, Uint8Array.of(0x23, 0xf1, 0xed), 0, 2, out);
    expect([out[0], out[1]]).toEqual([291, -19]);
    // 311: s0=5, s1=-1 (0x3FF), s2=300 packed low bits first in a 32-bit word
    const w = (5 | (0x3ff << 10) | (300 << 20)) >>> 0;
    decodeSamples(311, Uint8Array.of(w & 255, (w >>> 8) & 255, (w >>> 16) & 255, w >>> 24), 0, 3, out);
    expect(Array.from(out.subarray(0, 3))).toEqual([5, -1, 300]);
    // 310: s0 in bits 1–10 of word 0, s1 in bits 1–10 of word 1, s2 split over bits 11–15 of both
    const s0 = 100, s1 = -200 & 0x3ff, s2 = 411;
    const w0 = (s0 << 1) | ((s2 & 0x1f) << 11), w1 = (s1 << 1) | ((s2 >> 5) << 11);
    decodeSamples(310, Uint8Array.of(w0 & 255, w0 >> 8, w1 & 255, w1 >> 8), 0, 3, out);
    expect(Array.from(out.subarray(0, 3))).toEqual([100, -200, 411]);
    decodeSamples(80, Uint8Array.of(0, 128, 255), 0, 3, out);
    expect(Array.from(out.subarray(0, 3))).toEqual([-128, 0, 127]);
    decodeSamples(61, Uint8Array.of(0xff, 0xfe), 0, 1, out);
    expect(out[0]).toBe(-2);
    decodeSamples(24, Uint8Array.of(0xff, 0xff, 0xff, 0x01, 0, 0), 0, 2, out);
    expect([out[0], out[1]]).toEqual([-1, 1]);
    decodeSamples(32, Uint8Array.of(0xfe, 0xff, 0xff, 0xff), 0, 1, out);
    expect(out[0]).toBe(-2);
    expect(bytesFor(212, 3)).toBe(5);
    expect(bytesFor(310, 4)).toBe(6);
  });

  it('integrates format 8 differences from the initial value, averages samples per frame, marks invalid samples', () => {
    const h8 = readWfdbHeader('r 1 100 4\nr.dat 8 100(10) 8 0 20 0 0 x', 'r.hea');
    const r8 = readWfdbSignals(h8, () => Int8Array.of(1, 2, -3, 0).buffer && new Uint8Array(Int8Array.of(1, 2, -3, 0).buffer));
    expect(Array.from(r8.digital[0])).toEqual([21, 23, 20, 20]);
    expect(r8.signals[0][0]).toBeCloseTo((21 - 10) / 100, 6);
    const hs = readWfdbHeader('r 2 100 2\nr.dat 16x2 100 16 0 0 0 0 a\nr.dat 16 100 16 0 0 0 0 b', 'r.hea');
    const dat = new Uint8Array(Int16Array.of(10, 20, 5, -32768, 40, 6).buffer);
    const rs = readWfdbSignals(hs, () => dat);
    expect(rs.signals[0][0]).toBeCloseTo(0.15, 6);
    expect(Number.isNaN(rs.signals[0][1])).toBe(true);
    expect(Array.from(rs.signals[1])).toEqual([Math.fround(0.05), Math.fround(0.06)]);
    expect(rs.nanCount).toBe(1);
  });
});

describe.skipIf(!hasEcgData)('WFDB on real records', () => {
  it('PTB-XL 00001_lr (format 16): p_signal = (d − baseline)/gain from the raw bytes; checksums match', () => {
    const dat = load('ptb-xl/records100/00000/00001_lr.dat');
    const rec = readWfdbRecord('00001_lr.hea', load('ptb-xl/records100/00000/00001_lr.hea'), dirLookup('ptb-xl/records100/00000'));
    expect(rec.nSamples).toBe(1000);
    expect(rec.sigNames).toEqual(['I', 'II', 'III', 'aVR', 'aVL', 'aVF', 'V1', 'V2', 'V3', 'V4', 'V5', 'V6']);
    const dv = new DataView(dat.buffer, dat.byteOffset);
    for (const [t, s] of [[0, 0], [0, 1], [500, 6], [999, 11]]) {
      expect(rec.signals[s][t]).toBeCloseTo(dv.getInt16((t * 12 + s) * 2, true) / 1000, 6);
    }
    // header initial values: I −119, II −55
    expect(rec.signals[0][0]).toBeCloseTo(-0.119, 6);
    expect(rec.signals[1][0]).toBeCloseTo(-0.055, 6);
    expect(rec.warnings).toBeUndefined();
  });

  it('LUDB 1: gain with baseline 1716(6)/mV', () => {
    const rec = readWfdbRecord('1.hea', load('ludb/data/1.hea'), dirLookup('ludb/data'));
    expect(rec.signals[0][0]).toBeCloseTo((-120 - 6) / 1716, 6);
    expect(rec.signals[2][0]).toBeCloseTo((145 - -5) / 1229, 6);
    expect(rec.sigNames[3]).toBe('aVR'); // the header writes 'avr'
  });

  it('MIT-BIH 100 (format 212, gain 200, ADC zero 1024, blank line in header): values and checksums', () => {
    const dat = load('wfdb-sample/100.dat');
    const rec = readWfdbRecord('100.hea', load('wfdb-sample/100.hea'), dirLookup('wfdb-sample'));
    expect(rec.nSamples).toBe(650000);
    expect(rec.fs).toBe(360);
    // first frame by hand: bytes 0..2 hold MLII[0], V5[0]
    const d0 = ((dat[0] | ((dat[1] & 0x0f) << 8)) << 20) >> 20;
    const d1 = ((dat[2] | ((dat[1] & 0xf0) << 4)) << 20) >> 20;
    expect(d0).toBe(995); // header initial value
    expect(d1).toBe(1011);
    expect(rec.signals[0][0]).toBeCloseTo((995 - 1024) / 200, 6);
    expect(rec.signals[1][0]).toBeCloseTo((1011 - 1024) / 200, 6);
    const k = 12345; // frame k spans bytes 3k..3k+2
    const e0 = ((dat[3 * k] | ((dat[3 * k + 1] & 0x0f) << 8)) << 20) >> 20;
    expect(rec.signals[0][k]).toBeCloseTo((e0 - 1024) / 200, 6);
    expect(rec.warnings).toBeUndefined(); // checksums −22131 / 20052 verified
  });

  it('re-encoded MIT-BIH copy with fractional gains and baselines gives the same physical values ±1 step', () => {
    const a = readWfdbRecord('100.hea', load('mitdb/100.hea'), dirLookup('mitdb'));
    const b = readWfdbRecord('100.hea', load('wfdb-sample/100.hea'), dirLookup('wfdb-sample'));
    let maxd = 0;
    for (let i = 0; i < 650000; i += 97) maxd = Math.max(maxd, Math.abs(a.signals[0][i] - b.signals[0][i]));
    expect(maxd).toBeLessThan(1 / 986 + 1 / 200);
  });

  it('QTDB sel100: counter frequency 250/360, format 212', () => {
    const h = readWfdbHeader(load('qtdb/sel100.hea'), 'sel100.hea');
    expect(h.counterFreq).toBe(360);
    const rec = readWfdbRecord('sel100.hea', load('qtdb/sel100.hea'), dirLookup('qtdb'));
    // header gives baseline 200(0) explicitly: it overrides ADC zero 1024
    expect(rec.signals[0][0]).toBeCloseTo(945 / 200, 6);
    expect(rec.nSamples).toBe(225000);
  });

  it('CinC 2021 .mat (16x1+24) equals the MAT v4 matrix; Dx codes read', () => {
    const mat = readMat4(load('cinc2021/JS20000.mat'), 'JS20000.mat');
    expect(mat.rows).toBe(12);
    expect(mat.cols).toBe(5000);
    const rec = readWfdbRecord('JS20000.hea', load('cinc2021/JS20000.hea'), dirLookup('cinc2021'));
    for (const [s, t] of [[0, 0], [5, 77], [11, 4999]]) expect(rec.signals[s][t]).toBeCloseTo(mat.data[s][t] / 1000, 6);
    expect(rec.signals[0][0]).toBeCloseTo(-0.034, 6);
    expect(rec.labels?.dx).toEqual(['284470004', '427084000', '698252002', '55930002']);
    expect(rec.warnings).toBeUndefined();
  });

  it('Challenge 2015 a103l.mat (16+24, 3 signals, NU units); v102s format 212 with gain only', () => {
    const rec = readWfdbRecord('a103l.hea', load('wfdb-sample/a103l.hea'), dirLookup('wfdb-sample'));
    expect(rec.units).toEqual(['mV', 'mV', 'NU']);
    expect(rec.signals[0][0]).toBeCloseTo(-171 / 7247, 6);
    expect(rec.signals[1][0]).toBeCloseTo(9127 / 10520, 6);
    const v = readWfdbRecord('v102s.hea', load('wfdb-sample/v102s.hea'), dirLookup('wfdb-sample'));
    expect(v.signals[0][0]).toBeCloseTo(-26 / 2281, 6);
    expect(v.sigNames).toEqual(['II', 'V', 'PLETH', 'RESP']);
  });

  it('PTB s0010_re: two signal files (.dat and .xyz), 15 leads, gain 2000 without units', () => {
    const rec = readWfdbRecord('s0010_re.hea', load('wfdb-sample/s0010_re.hea'), dirLookup('wfdb-sample'));
    expect(rec.signals.length).toBe(15);
    expect(rec.signals[12][0]).toBeCloseTo(-3 / 2000, 6);
    expect(rec.signals[14][0]).toBeCloseTo(-18 / 2000, 6);
    expect(rec.signals[0][0]).toBeCloseTo(-489 / 2000, 6);
    expect(rec.comments.some((c) => /Myocardial infarction/.test(c))).toBe(true);
    expect(rec.warnings).toBeUndefined();
  });

  it('truncated signal file: typed error with the number of missing bytes; huge header claims fail fast', () => {
    const dat = load('ptb-xl/records100/00000/00001_lr.dat');
    const hea = load('ptb-xl/records100/00000/00001_lr.hea');
    try {
      readWfdbRecord('00001_lr.hea', hea, () => dat.subarray(0, dat.length - 100));
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(FormatError);
      expect((e as FormatError).code).toBe('truncated');
      expect((e as FormatError).message).toMatch(/shorter than the header says by 100 bytes/);
    }
    // 10^9 samples × 12 signals claimed beside a 24 kB file: refused from the sizes, before any sample array is made.
    const huge = new TextDecoder().decode(hea).replace('12 100 1000', '12 100 1000000000');
    const allocated: number[] = [];
    const counting = <T extends object>(ctor: T): T =>
      new Proxy(ctor, {
        construct(target, args, newTarget) {
          if (typeof args[0] === 'number') allocated.push(args[0]);
          return Reflect.construct(target as new (...a: unknown[]) => object, args, newTarget) as object;
        },
      });
    vi.stubGlobal('Float32Array', counting(Float32Array));
    vi.stubGlobal('Int32Array', counting(Int32Array));
    try {
      expect(() => readWfdbRecord('x.hea', new TextEncoder().encode(huge), () => dat)).toThrowError(/shorter than the header says by 23999976000 bytes \(needs 24000000000, has 24000\)/);
    } finally {
      vi.unstubAllGlobals();
    }
    expect(allocated.filter((n) => n >= 1000), 'sample arrays allocated for the huge claim').toEqual([]);
    // The counter sees the allocations of a record that is read (so the empty list above means something).
    vi.stubGlobal('Float32Array', counting(Float32Array));
    try {
      readWfdbRecord('00001_lr.hea', hea, () => dat);
    } finally {
      vi.unstubAllGlobals();
    }
    expect(allocated).toContain(1000);
    expect(() => readWfdbRecord('x.hea', hea, () => undefined)).toThrowError(/signal file "00001_lr.dat" not found/);
  });
});
