import { describe, expect, it } from 'vitest';
import { medianBeatView } from '../signal/median/view';
import { withMedianLabels } from './medianLabels';
import { defaultSyntheticSpec, generateSyntheticDataset } from './synthDataset';
import type { EcgDataset } from './dataset';

/**
 * A synthetic 12-lead set posing as an import without interval labels, plus one flat record (no beats). Its exact
 * labels follow the global rule (earliest onset / latest offset over the 12 leads), the convention the median-beat
 * delineator reads too.
 */
function unlabelled(): EcgDataset {
  const spec = { ...defaultSyntheticSpec(), n: 8, seconds: 10, presets: { normal: 1 }, noise: {}, labelRule: 'annotated-global' as const };
  const ds = generateSyntheticDataset(spec);
  const per = ds.nLeads * ds.nSamples;
  const x = new Float32Array((ds.n + 1) * per);
  x.set(ds.x);
  return { ...ds, source: 'imported', id: 'imp', name: 'imp', fingerprint: 'abcdef0123456789', n: ds.n + 1, x, recordNames: [...ds.recordNames, 'flat'], targets: { hr_bpm: Float32Array.from([...ds.targets!.hr_bpm!, NaN]) }, truth: ds.targets } as EcgDataset & { truth: EcgDataset['targets'] };
}

describe('interval labels from median beats for an imported dataset', () => {
  it('fills the missing targets near the exact values, keeps the existing ones, and says why the flat record got none', () => {
    const ds = unlabelled() as EcgDataset & { truth: NonNullable<EcgDataset['targets']> };
    const { dataset, report } = withMedianLabels(ds);
    expect(report.n).toBe(9);
    expect(report.labelled).toBe(8);
    expect(report.reasons).toContainEqual({ reason: 'fewer than 2 beats detected', count: 1, examples: ['flat'] });
    expect(report.perTarget.hr_bpm).toBe(0); // kept: every record but the flat one already had HR
    expect(report.perTarget.qrs_ms).toBe(8);
    expect(Array.from(dataset.targets!.hr_bpm!)).toEqual(Array.from(ds.targets!.hr_bpm!));
    const errs = Array.from({ length: 8 }, (_, r) => Math.abs(dataset.targets!.qrs_ms![r] - ds.truth.qrs_ms![r]));
    const err = errs.reduce((a, b) => a + b, 0) / 8;
    const half = (2.365 * Math.sqrt(errs.reduce((a, b) => a + (b - err) ** 2, 0) / 7)) / Math.sqrt(8); // t(0.975, 7 df)
    const median = [...errs].sort((a, b) => a - b)[4];
    console.log(`median-beat QRS vs exact, mean |error| ${err.toFixed(1)} ms [95 % CI ${(err - half).toFixed(1)}, ${(err + half).toFixed(1)}], median ${median.toFixed(1)} ms (n = 8)`);
    // Typical records land within 20 ms; one record of the eight may be misdelineated (a gross QRS-offset error).
    expect(median).toBeLessThan(20);
    expect(errs.filter((e) => e > 40).length).toBeLessThanOrEqual(1);
    expect(Number.isNaN(dataset.targets!.qrs_ms![8])).toBe(true);
    expect(dataset.id).not.toBe(ds.id);
    expect(dataset.fingerprint).not.toBe(ds.fingerprint);
    expect(dataset.x).toBe(ds.x);
    expect(ds.targets!.qrs_ms).toBeUndefined();
  });

  it('the browser view: median per lead, fiducials in order, RR in ms = 60 000 / HR; no beats is a reason, not a throw', () => {
    const ds = unlabelled();
    const signals = Array.from({ length: ds.nLeads }, (_, l) => ds.x.subarray(l * ds.nSamples, (l + 1) * ds.nSamples));
    const v = medianBeatView({ name: '00001', fs: ds.fs, leadNames: ds.leadNames, signals });
    if (!v.ok) throw new Error(v.reason);
    expect(v.median).toHaveLength(12);
    expect(v.fiducials.qrsOn).toBeLessThan(v.rIndex);
    expect(v.fiducials.qrsOff).toBeGreaterThan(v.rIndex);
    expect(v.rr_ms).toBeCloseTo(60000 / v.intervals.hr_bpm, 6);
    expect(Math.abs(v.intervals.hr_bpm - ds.targets!.hr_bpm![0])).toBeLessThan(5);
    const flat = medianBeatView({ name: 'flat', fs: 100, leadNames: ['I'], signals: [new Float32Array(1000)] });
    expect(flat).toEqual({ ok: false, name: 'flat', reason: expect.stringMatching(/beat/) });
  });
});
