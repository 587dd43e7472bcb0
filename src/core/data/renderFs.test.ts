import { describe, expect, it } from 'vitest';
import { ParamError } from '../signal/params';
import { resample } from '../signal/dsp/resample';
import { defaultSyntheticSpec, generateSyntheticDataset, iterateSyntheticRecords, validateSyntheticSpec } from './synthDataset';
import { syntheticDrillRecord } from './drillRecord';

const spec = { ...defaultSyntheticSpec(), n: 6 };
const asImported = { ...spec, renderFs: 500 as const };

function corr(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let ma = 0, mb = 0;
  for (let i = 0; i < a.length; i++) (ma += a[i]), (mb += b[i]);
  ma /= a.length;
  mb /= b.length;
  let sab = 0, saa = 0, sbb = 0;
  for (let i = 0; i < a.length; i++) {
    sab += (a[i] - ma) * (b[i] - mb);
    saa += (a[i] - ma) ** 2;
    sbb += (b[i] - mb) ** 2;
  }
  return sab / Math.sqrt(saa * sbb);
}

describe('dataset renderFs: rendered at a higher rate, resampled to fs as imported records are', () => {
  it('each record is the 500-Hz rendering resampled to 100 Hz, labelled on the 500-Hz record', () => {
    const d = generateSyntheticDataset(asImported);
    expect(d.fs).toBe(100);
    expect(d.nSamples).toBe(1000);
    const at500 = [...iterateSyntheticRecords({ ...spec, fs: 500 })];
    const L = d.nLeads * d.nSamples;
    for (let i = 0; i < d.n; i++) {
      const r = at500[i].record;
      const labels = r.annotated?.labels ?? r.labels;
      expect(d.targets!.qrs_ms![i]).toBe(Math.fround(labels.qrs_ms));
      expect(d.targets!.qt_ms![i]).toBe(Math.fround(labels.qt_ms));
      for (const l of [1, 7]) {
        const want = resample(r.signals[l], 500, 100).subarray(0, 1000);
        expect(Array.from(d.x.subarray(i * L + l * 1000, i * L + (l + 1) * 1000))).toEqual(Array.from(want));
      }
    }
  });

  it('differs from rendering at 100 Hz only as band-limiting does: same waveform, other bits, other fingerprint', () => {
    const direct = generateSyntheticDataset(spec);
    const d = generateSyntheticDataset(asImported);
    expect(d.fingerprint).not.toBe(direct.fingerprint);
    expect(d.x).not.toEqual(direct.x);
    // Without noise (its realisation depends on the sample count) the waveforms agree.
    const clean = generateSyntheticDataset({ ...spec, noise: {} });
    const cleanImported = generateSyntheticDataset({ ...asImported, noise: {} });
    const lead2 = (x: Float32Array | Int16Array) => x.subarray(1000, 2000); // record 0, lead II
    expect(corr(lead2(cleanImported.x), lead2(clean.x))).toBeGreaterThan(0.97);
  });

  it('the record iterator and the drill-down give the dataset samples; renderFs = fs is the plain dataset', () => {
    const d = generateSyntheticDataset(asImported);
    const recs = [...iterateSyntheticRecords(asImported)];
    expect(recs[2].record.fs).toBe(100);
    expect(recs[2].record.nSamples).toBe(1000);
    expect(Array.from(recs[2].record.signals[0])).toEqual(Array.from(d.x.subarray(2 * 12000, 2 * 12000 + 1000)));
    const beat = recs[2].record.beats[1];
    expect(beat.rPeak).toBeGreaterThan(0);
    expect(beat.rPeak).toBeLessThan(1000);
    // Beat fiducials and annotated boundaries are in the dataset's 100-Hz samples, not the rendering's.
    const at500 = [...iterateSyntheticRecords({ ...spec, fs: 500 })][2].record;
    expect(beat.rPeak).toBe(Math.round(at500.beats[1].rPeak / 5));
    expect(recs[2].record.annotated!.beats[1].qrsOn).toBeCloseTo(at500.annotated!.beats[1].qrsOn / 5, 9);
    expect(recs[2].record.annotated!.beats[1].tOff).toBeLessThan(1000);
    const drill = syntheticDrillRecord(asImported, recs[2].name)!;
    expect(Array.from(drill.samples.x)).toEqual(Array.from(d.x.subarray(2 * 12000, 3 * 12000)));
    expect(generateSyntheticDataset({ ...spec, renderFs: 100 }).x).toEqual(generateSyntheticDataset(spec).x);
  });

  it('a renderFs below fs or not a rate is refused by name', () => {
    expect(() => validateSyntheticSpec({ ...spec, fs: 500, renderFs: 100 })).toThrow(ParamError);
    expect(() => validateSyntheticSpec({ ...spec, renderFs: 300 as never })).toThrow(/renderFs must be one of 100, 250, 500, 1000 Hz/);
  });
});
