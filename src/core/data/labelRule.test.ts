import { describe, expect, it } from 'vitest';
import { ParamError } from '../signal/params';
import type { LabelRule } from '../signal/types';
import { LUDB_T_END_LATE_MS } from '../signal/annotate/labelRules';
import { defaultSyntheticSpec, generateSyntheticDataset, iterateSyntheticRecords, validateSyntheticSpec } from './synthDataset';

const { labelRule: defaultRule, ...withoutRule } = defaultSyntheticSpec();
const small = { ...withoutRule, n: 12, fs: 100 as const };

describe('dataset labelRule', () => {
  it('default is the support rule: a spec saying support gives the same data as one without the field', () => {
    const a = generateSyntheticDataset(small);
    const b = generateSyntheticDataset({ ...small, labelRule: 'support' });
    expect(b.x).toEqual(a.x);
    expect(b.targets).toEqual(a.targets);
    const recs = [...iterateSyntheticRecords(small)];
    expect(Array.from(a.targets!.qt_ms!)).toEqual(recs.map((r) => Math.fround(r.record.labels.qt_ms)));
  });

  it('annotated rules fill pr/qrs/qt from the rule, keep HR and the signals, and change the fingerprint', () => {
    const s = generateSyntheticDataset(small);
    for (const rule of ['annotated-lead', 'annotated-global'] as const) {
      const d = generateSyntheticDataset({ ...small, labelRule: rule });
      expect(d.x).toEqual(s.x);
      expect(d.targets!.hr_bpm).toEqual(s.targets!.hr_bpm);
      expect(d.fingerprint).not.toBe(s.fingerprint);
      const recs = [...iterateSyntheticRecords({ ...small, labelRule: rule })];
      expect(Array.from(d.targets!.qrs_ms!)).toEqual(recs.map((r) => Math.fround(r.record.annotated!.labels.qrs_ms)));
      expect(Array.from(d.targets!.qt_ms!)).toEqual(recs.map((r) => Math.fround(r.record.annotated!.labels.qt_ms)));
      // annotated QT is shorter than the support QT on average (the T tail is below what a reader sees)
      const mean = (a: Float32Array) => a.reduce((x, y) => x + y, 0) / a.length;
      expect(mean(d.targets!.qt_ms!)).toBeLessThan(mean(s.targets!.qt_ms!));
    }
  });

  it("annotated-ludb is annotated-lead with every T offset LUDB_T_END_LATE_MS later (P, QRS and HR unchanged)", () => {
    const lead = [...iterateSyntheticRecords({ ...small, labelRule: 'annotated-lead' })];
    const ludb = [...iterateSyntheticRecords({ ...small, labelRule: 'annotated-ludb' })];
    const late = (LUDB_T_END_LATE_MS * small.fs) / 1000;
    let withT = 0;
    lead.forEach((r, i) => {
      const a = r.record.annotated!;
      const b = ludb[i].record.annotated!;
      expect(b.rule).toBe('annotated-ludb');
      expect(b.labels.qrs_ms).toBe(a.labels.qrs_ms);
      expect(b.labels.pr_ms).toBe(a.labels.pr_ms);
      a.beats.forEach((beat, k) => {
        expect(b.beats[k].qrsOn).toBe(beat.qrsOn);
        if (beat.tOff >= 0) {
          withT++;
          expect(b.beats[k].tOff).toBeCloseTo(beat.tOff + late, 9);
        }
      });
      if (a.beats.some((x) => x.tOff >= 0)) expect(b.labels.qt_ms - a.labels.qt_ms).toBeCloseTo(LUDB_T_END_LATE_MS, 6);
    });
    expect(withT).toBeGreaterThan(50);
  });

  it("the default spec's labels follow LUDB's convention (annotated-ludb)", () => {
    expect(defaultRule).toBe('annotated-ludb');
  });

  it('rejects an unknown rule, naming the field', () => {
    expect(() => validateSyntheticSpec({ ...small, labelRule: 'visual' as LabelRule })).toThrow(ParamError);
    expect(() => validateSyntheticSpec({ ...small, labelRule: 'visual' as LabelRule })).toThrow(/labelRule/);
  });
});
