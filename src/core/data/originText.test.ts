import { describe, expect, it } from 'vitest';
import { formatDuration, originText } from './originText';

describe('originText', () => {
  it('describes the first record, the spread and the windows cut', () => {
    const o = {
      records: 2,
      first: { name: 'MIT-BIH 100', leads: ['MLII', 'V5'], fs: 360, durationS: 1805.6, filled: 2 },
      rates: [360],
      minDurationS: 1805.6,
      maxDurationS: 1805.6,
      minFilled: 2,
      maxFilled: 2,
      windows: 'first' as const,
      windowsCut: 2,
    };
    expect(originText(o, { nLeads: 12, fs: 100, nSamples: 1000 })).toEqual([
      'MIT-BIH 100: 2 leads (MLII, V5), 360 Hz, 30.1 min → 12-lead slots, 2 filled, 100 Hz, first 10 s',
      '2 records: 360 Hz, 30.1 min, 2 slots filled',
      '2 windows cut from 2 records',
    ]);
    expect(originText({ ...o, records: 1, windows: 'consecutive', windowsCut: 180 }, { nLeads: 12, fs: 100, nSamples: 1000 })).toEqual([
      'MIT-BIH 100: 2 leads (MLII, V5), 360 Hz, 30.1 min → 12-lead slots, 2 filled, 100 Hz, consecutive 10 s windows',
      '180 windows cut from 1 record',
    ]);
  });
  it('names Challenge Dx codes with their superclass', () => {
    const o = { records: 1, first: { name: 'E1', leads: ['I'], fs: 500, durationS: 10, filled: 1 }, rates: [500], minDurationS: 10, maxDurationS: 10, minFilled: 1, maxFilled: 1, windows: 'first' as const, windowsCut: 1, dx: { '426783006': 1, '164934002': 2, '164889003': 1 } };
    expect(originText(o, { nLeads: 12, fs: 100, nSamples: 1000 })).toContain('Dx: TAb 2 (STTC), AF 1, NSR 1 (NORM)');
  });
  it('formats durations', () => {
    expect(formatDuration(10)).toBe('10 s');
    expect(formatDuration(1800)).toBe('30 min');
    expect(formatDuration(7200)).toBe('2 h');
  });
});
