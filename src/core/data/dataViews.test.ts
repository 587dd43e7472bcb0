import { describe, expect, it } from 'vitest';
import { toyDataset } from '../ml/toyDataset';
import { generateSyntheticDataset, defaultSyntheticSpec } from './synthDataset';
import { checkIndex, recordLabels, storedRecordView, syntheticRecordView } from './recordView';
import { histogram, paramError, specPreview } from './specPreview';
import { handOver, summarize } from './summary';

describe('summarize', () => {
  it('counts records per class and labelled records per target', () => {
    const ds = toyDataset(30, 4);
    const s = summarize(ds);
    expect(s.labelType).toBe('classes+regression');
    expect(Object.values(s.classCounts).reduce((a, b) => a + b, 0)).toBe(30); // single-label: one class each
    expect(s.targets.hr_bpm).toBe(30);
    expect(s).toMatchObject({ id: ds.id, n: 30, nLeads: 2, fingerprint: ds.fingerprint });
  });
});

describe('handOver', () => {
  it('gives the samples to the page and keeps none when records can be rebuilt; copies when kept', () => {
    const ds = toyDataset(5, 1);
    const given = handOver(ds, false);
    expect(given.page.x).toBe(ds.x);
    expect(given.kept.x.length).toBe(0);
    const kept = handOver(ds, true);
    expect(kept.kept.x).toBe(ds.x);
    expect(kept.page.x).not.toBe(ds.x);
    expect(Array.from(kept.page.x)).toEqual(Array.from(ds.x));
  });

  it('a view on a larger buffer is copied tight', () => {
    const ds = toyDataset(10, 1);
    const view = { ...ds, n: 2, x: ds.x.subarray(0, 2 * ds.nLeads * ds.nSamples) };
    const { page } = handOver(view, false);
    expect(page.x.buffer.byteLength).toBe(page.x.byteLength);
  });
});

describe('record views', () => {
  it('a stored record is scaled to mV per lead, with its labels; annotations follow the dataset rate', () => {
    const ds = { ...toyDataset(3, 2), xScale: 2 };
    const v = storedRecordView(ds, 1, { fs: ds.fs * 2, annotations: [{ sample: 10, symbol: 'N' }, { sample: 10_000, symbol: 'N' }] as never });
    expect(v.signals).toHaveLength(ds.nLeads);
    expect(v.signals[1][0]).toBeCloseTo(ds.x[(1 * ds.nLeads + 1) * ds.nSamples] * 2);
    expect(v.annotations).toEqual([{ sample: 5, symbol: 'N' }]);
    expect(v.values.hr_bpm).toBeCloseTo(ds.targets!.hr_bpm![1]);
    expect(v.classes).toEqual(recordLabels(ds, 1).classes);
    expect(v.classes).toHaveLength(1);
    expect(() => storedRecordView({ ...ds, x: new Float32Array(0) }, 0)).toThrow(/can no longer be read/);
    expect(() => checkIndex(ds, 3)).toThrow('record 3 out of range 0..2');
  });

  it('a synthetic record is re-synthesized identically from its spec', () => {
    const spec = { ...defaultSyntheticSpec(), n: 6, seconds: 2, leads: '1' as const };
    const ds = generateSyntheticDataset(spec);
    const v = syntheticRecordView(ds, spec, 4);
    expect(v.name).toBe(ds.recordNames[4]);
    const stored = storedRecordView(ds, 4);
    expect(v.signals[0].length).toBe(stored.signals[0].length);
    for (let t = 0; t < 50; t++) expect(v.signals[0][t]).toBeCloseTo(stored.signals[0][t], 2);
    expect(v.beats?.length).toBeGreaterThan(0);
  });
});

describe('specPreview', () => {
  it('counts records per class and bins every sampled parameter', () => {
    const spec = { ...defaultSyntheticSpec(), n: 50 };
    const p = specPreview(spec, 40, 8);
    expect(p.error).toBeUndefined();
    expect(Object.values(p.classCounts).reduce((a, b) => a + b, 0)).toBe(50);
    const hr = p.histograms.find((h) => h.key === 'hrBpm')!;
    expect(hr.counts.reduce((a, b) => a + b, 0)).toBe(40);
  });

  it('an invalid spec answers the error and the parameter it names', () => {
    const p = specPreview({ ...defaultSyntheticSpec(), n: 0 });
    expect(p.histograms).toEqual([]);
    expect(p.error?.message).toBeTruthy();
    expect(paramError(Object.assign(new Error('bad'), { param: 'hrBpm' }))).toEqual({ message: 'bad', param: 'hrBpm' });
  });

  it('histogram puts the maximum in the last bin', () => {
    expect(histogram('k', [0, 1, 2, 3], 2)).toEqual({ key: 'k', lo: 0, hi: 3, counts: [2, 2] });
  });
});
