import { describe, expect, it } from 'vitest';
import { etaSeconds, formatBytes, formatCount, formatEta, fractionDone, progressText } from './importProgress';

describe('import progress', () => {
  it('measures the share done by bytes when the reader counts them, else by records', () => {
    expect(fractionDone({ done: 10, total: 100, bytesDone: 50, bytesTotal: 100 })).toBe(0.5);
    expect(fractionDone({ done: 10, total: 100 })).toBe(0.1);
    expect(fractionDone({ done: 0, total: 0 })).toBe(0);
  });
  it('estimates the time left from the rate so far (given clock readings, no clock read)', () => {
    // a quarter of the bytes in 30 s: 90 s left
    expect(etaSeconds({ done: 1, total: 100, bytesDone: 25, bytesTotal: 100 }, 30_000)).toBeCloseTo(90, 6);
    expect(etaSeconds({ done: 50, total: 100 }, 10_000)).toBeCloseTo(10, 6);
    // too early to say
    expect(etaSeconds({ done: 1, total: 100 }, 10_000)).toBeUndefined();
    expect(etaSeconds({ done: 50, total: 100 }, 500)).toBeUndefined();
    expect(etaSeconds({ done: 100, total: 100 }, 5000)).toBe(0);
  });
  it('says it in words', () => {
    expect(formatEta(undefined)).toBe('estimating time left…');
    expect(formatEta(12)).toBe('about 15 s left');
    expect(formatEta(130)).toBe('about 2 min 10 s left');
    expect(formatEta(179)).toBe('about 3 min left');
    expect(formatBytes(5 * 2 ** 20)).toBe('5.0 MB');
    expect([formatCount(999), formatCount(6000), formatCount(1234567)]).toEqual(['999', '6 000', '1 234 567']);
    expect(formatBytes(1.5 * 2 ** 30)).toBe('1.50 GB');
    expect(progressText({ done: 1234, total: 21799, bytesDone: 12 * 2 ** 20, bytesTotal: 240 * 2 ** 20 }, 60_000)).toBe('1 234 of 21 799 records · 12 MB of 240 MB · about 19 min left');
  });
});
