import { describe, expect, it } from 'vitest';
import { ciExcludesZero, formatDiff, formatEstimate } from './index';

describe('formatting estimates and differences', () => {
  it('value with its interval, one digit fewer', () => {
    expect(formatEstimate({ value: 0.7712, ci: { lo: 0.6931, hi: 0.8418 }, n: 55 })).toBe('0.771 [0.69, 0.84]');
    expect(formatEstimate({ value: 0.7712, ci: null, n: 55 })).toBe('0.771');
    expect(formatEstimate({ value: NaN, ci: null, n: 0 })).toBe('–');
  });
  it('keeps a digit when the shorter interval ends would look equal', () => {
    expect(formatEstimate({ value: 0.912, ci: { lo: 0.908, hi: 0.914 }, n: 900 })).toBe('0.912 [0.908, 0.914]');
  });
  it('signed differences; a rounded zero has no colour-suggesting sign', () => {
    expect(formatDiff({ diff: 0.0312, ci: { lo: -0.0121, hi: 0.0744 }, winFraction: 0.9, n: 55 })).toBe('+0.031 [−0.01, 0.07]');
    expect(formatDiff({ diff: -0.046, ci: null, winFraction: 0.1, n: 55 })).toBe('−0.046');
    expect(formatDiff({ diff: -0.0001, ci: { lo: 0, hi: 0 }, winFraction: 0, n: 5 })).toBe('±0.000 [0.00, 0.00]');
  });
  it('an interval excludes 0 only when strictly on one side', () => {
    expect(ciExcludesZero({ lo: 0.01, hi: 0.05 })).toBe(true);
    expect(ciExcludesZero({ lo: -0.05, hi: -0.01 })).toBe(true);
    expect(ciExcludesZero({ lo: 0, hi: 0.05 })).toBe(false);
    expect(ciExcludesZero({ lo: -0.01, hi: 0.05 })).toBe(false);
    expect(ciExcludesZero(null)).toBe(false);
  });
});
