import { describe, expect, it } from 'vitest';
import { ParamError } from '../signal/params';
import { hashSignals } from '../signal/testing/boundaries';
import { fixed, uniform } from './distributions';
import {
  defaultSyntheticSpec,
  generateSyntheticDataset,
  iterateSyntheticRecords,
  presetAssignment,
  validateSyntheticSpec,
  type SyntheticDatasetSpec,
} from './synthDataset';

const small = (o: Partial<SyntheticDatasetSpec> = {}): SyntheticDatasetSpec => ({
  ...defaultSyntheticSpec(),
  n: 40,
  fs: 100,
  leads: '1',
  seconds: 5,
  seed: 4,
  presets: { normal: 2, afib: 1, av_block_1: 1 },
  ...o,
});

describe('synthetic dataset', () => {
  it('fills one Float32 array with record-major layout, targets (NaN PR for AF) and one-hot preset classes', () => {
    const spec = small();
    const ds = generateSyntheticDataset(spec);
    expect(ds.source).toBe('synthetic');
    expect([ds.n, ds.nLeads, ds.nSamples, ds.fs]).toEqual([40, 1, 500, 100]);
    expect(ds.x).toBeInstanceOf(Float32Array);
    expect(ds.x.length).toBe(40 * 500);
    expect(ds.classes).toEqual(['normal', 'av_block_1', 'afib']);
    expect(ds.leadNames).toEqual(['II']);
    const counts = [0, 0, 0];
    for (let i = 0; i < ds.n; i++) {
      const row = Array.from(ds.y!.subarray(i * 3, i * 3 + 3));
      expect(row.reduce((a, b) => a + b, 0)).toBe(1);
      const c = row.indexOf(1);
      counts[c]++;
      const pr = ds.targets!.pr_ms![i];
      if (ds.classes![c] === 'afib') expect(pr).toBeNaN();
      else expect(pr).toBeGreaterThan(100);
      if (ds.classes![c] === 'av_block_1') expect(pr).toBeGreaterThan(200); // first-degree AV block as read on lead II (the default spec labels by annotated-lead)
      expect(ds.targets!.hr_bpm![i]).toBeGreaterThan(30);
      expect(ds.targets!.qt_ms![i]).toBeGreaterThan(ds.targets!.qrs_ms![i]);
    }
    expect(counts).toEqual([20, 10, 10]); // exact proportions 2:1:1
    expect(ds.x.every(Number.isFinite)).toBe(true);
    expect(new Set(ds.recordNames).size).toBe(40);
    expect(ds.recordNames[0]).toBe('00001');
  });

  it('streams in chunks with progress, is deterministic and matches the record iterator', () => {
    const spec = small({ leads: '12', n: 9 });
    const calls: Array<[number, number]> = [];
    const a = generateSyntheticDataset(spec, (d, t) => calls.push([d, t]), 4);
    expect(calls).toEqual([[4, 9], [8, 9], [9, 9]]);
    const b = generateSyntheticDataset(spec, undefined, 2);
    expect(hashSignals([a.x as Float32Array])).toBe(hashSignals([b.x as Float32Array]));
    expect(a.fingerprint).toBe(b.fingerprint);
    expect(generateSyntheticDataset({ ...spec, seed: 5 }).fingerprint).not.toBe(a.fingerprint);
    const per = a.nLeads * a.nSamples;
    for (const { index, record, preset } of iterateSyntheticRecords(spec)) {
      expect(a.classes![a.y!.subarray(index * a.classes!.length, (index + 1) * a.classes!.length).indexOf(1)]).toBe(preset);
      record.signals.forEach((s, l) => expect(s).toEqual(a.x.subarray(index * per + l * a.nSamples, index * per + (l + 1) * a.nSamples)));
      expect(a.targets!.hr_bpm![index]).toBe(Math.fround(record.labels.hr_bpm));
    }
  });

  it('draws parameters from the spec distributions; preset-defining ranges win', () => {
    const spec = small({ presets: { normal: 1, sinus_brady: 1 }, params: { hrBpm: uniform(70, 80), qrsMs: fixed(100) }, noise: {}, labelRule: 'support' });
    const ds = generateSyntheticDataset(spec);
    for (let i = 0; i < ds.n; i++) {
      const brady = ds.y![i * 2 + 1] === 1;
      const hr = ds.targets!.hr_bpm![i];
      if (brady) expect(hr).toBeLessThan(60);
      else expect(hr).toBeGreaterThan(65);
      // the label is the mean of the beats' own QRS widths (beat-to-beat jitter, SD 2 % by default)
      expect(Math.abs(ds.targets!.qrs_ms![i] - 100)).toBeLessThan(3);
    }
    const still = generateSyntheticDataset({ ...spec, params: { ...spec.params, jitter: fixed(0) } });
    for (let i = 0; i < still.n; i++) expect(still.targets!.qrs_ms![i]).toBeCloseTo(100, 6);
  });

  it('preset assignment is exact and order-independent of chunking', () => {
    const a = presetAssignment(small({ n: 1000, presets: { normal: 0.5, bbb: 0.25, long_qt: 0.25 } }));
    expect([0, 1, 2].map((c) => a.filter((v) => v === c).length)).toEqual([500, 250, 250]);
  });

  it('rejects bad specs with clear messages', () => {
    const bad = (o: Partial<SyntheticDatasetSpec>, re: RegExp) => {
      expect(() => validateSyntheticSpec(small(o))).toThrow(ParamError);
      expect(() => validateSyntheticSpec(small(o))).toThrow(re);
    };
    bad({ n: 0 }, /n \(number of records\) must be an integer ≥ 1, got 0/);
    bad({ n: -5 }, /≥ 1/);
    bad({ fs: 360 as never }, /fs must be one of 100, 250, 500, 1000 Hz/);
    bad({ presets: {} }, /at least one preset/);
    bad({ presets: { sinus: 1 } as never }, /unknown preset "sinus"/);
    bad({ params: { hrBpm: uniform(10, 80) } }, /params\.hrBpm\.min = 10 bpm is outside the allowed range \[20, 300\]/);
    bad({ params: { heart: fixed(1) } as never }, /unknown parameter "heart"/);
    bad({ noise: { emgMv: uniform(0, 5) } }, /noise\.emgMv\.max = 5 mV/);
    bad({ n: 100000, leads: '12', fs: 1000 }, /dataset too large/);
    expect(() => generateSyntheticDataset(small({ n: 0 }))).toThrow(/n \(number of records\)/);
    expect(() => generateSyntheticDataset(small({ params: { prMs: fixed(80), pWidthMs: fixed(100) }, presets: { normal: 1 } }))).toThrow(
      /no valid parameters after 50 draws.*prMs/,
    );
    expect(() => validateSyntheticSpec(defaultSyntheticSpec())).not.toThrow();
  });
});
