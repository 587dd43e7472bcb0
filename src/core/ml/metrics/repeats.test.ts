import { describe, expect, it } from 'vitest';
import { normalCdf, pairedRepeats, studentTCdf, studentTQuantile, summarizeRepeats } from './index';

describe('Student t and normal distribution functions (table values)', () => {
  it('t quantiles at 0.975', () => {
    const table: [number, number][] = [[1, 12.7062047], [2, 4.30265273], [3, 3.18244631], [5, 2.57058184], [10, 2.22813885], [30, 2.04227246], [1000, 1.96233908]];
    for (const [df, t] of table) expect(studentTQuantile(0.975, df), `df ${df}`).toBeCloseTo(t, 6);
  });
  it('t CDF and its symmetry; normal CDF', () => {
    expect(studentTCdf(0, 4)).toBeCloseTo(0.5, 12);
    expect(studentTCdf(2.776445105, 4)).toBeCloseTo(0.975, 8);
    expect(studentTQuantile(0.025, 4)).toBeCloseTo(-2.776445105, 6);
    expect(studentTQuantile(0.995, 2)).toBeCloseTo(9.92484320, 6);
    expect(normalCdf(1.959963985)).toBeCloseTo(0.975, 7);
    expect(normalCdf(0)).toBeCloseTo(0.5, 7);
    expect(normalCdf(-1)).toBeCloseTo(0.158655254, 7);
  });
});

describe('summarizeRepeats', () => {
  it('matches a t-interval worked by hand', () => {
    // mean 0.735; squared deviations 0.035² + 0.005² + 0.015² + 0.045² = 0.0035; SD = sqrt(0.0035 / 3)
    // half-width = t(0.975, 3) · SD / √4 = 3.18244631 · 0.0341565 / 2 = 0.0543507
    const s = summarizeRepeats([0.7, 0.74, 0.72, 0.78]);
    expect(s.n).toBe(4);
    expect(s.mean).toBeCloseTo(0.735, 12);
    expect(s.sd).toBeCloseTo(Math.sqrt(0.0035 / 3), 12);
    expect(s.ci!.lo).toBeCloseTo(0.735 - 0.0543507, 6);
    expect(s.ci!.hi).toBeCloseTo(0.735 + 0.0543507, 6);
    expect(s.values).toEqual([0.7, 0.74, 0.72, 0.78]);
  });
  it('two values use t with 1 degree of freedom; a 90 % level is narrower', () => {
    const s = summarizeRepeats([1, 3]);
    // mean 2, SD √2, half = 12.7062047 · √2 / √2
    expect(s.ci!.lo).toBeCloseTo(2 - 12.7062047, 5);
    expect(s.ci!.hi).toBeCloseTo(2 + 12.7062047, 5);
    const s90 = summarizeRepeats([1, 3], 0.9);
    expect(s90.ci!.hi).toBeCloseTo(2 + 6.31375151, 5);
  });
  it('one value: no SD and no interval; none: NaN; non-finite values are left out', () => {
    expect(summarizeRepeats([0.8])).toEqual({ mean: 0.8, sd: NaN, ci: null, n: 1, values: [0.8] });
    expect(summarizeRepeats([])).toEqual({ mean: NaN, sd: NaN, ci: null, n: 0, values: [] });
    expect(summarizeRepeats([NaN, 1, 3]).n).toBe(2);
  });
  it('a range clips the interval to the values the metric can take, mean and SD unchanged', () => {
    const open = summarizeRepeats([0.2, 0.55]);
    expect(open.ci!.lo).toBeLessThan(0);
    expect(open.ci!.hi).toBeGreaterThan(1);
    const clipped = summarizeRepeats([0.2, 0.55], 0.95, [0, 1]);
    expect(clipped.ci).toEqual({ lo: 0, hi: 1 });
    expect([clipped.mean, clipped.sd]).toEqual([open.mean, open.sd]);
    const inside = summarizeRepeats([0.80, 0.81, 0.82], 0.95, [0, 1]);
    expect(inside.ci).toEqual(summarizeRepeats([0.80, 0.81, 0.82]).ci);
  });
  it('pairedRepeats summarizes per-repeat differences', () => {
    // the HR transfer's per-seed ΔAUC from a real run: −0.031, −0.046, −0.051
    const s = pairedRepeats([0.70, 0.71, 0.70], [0.731, 0.756, 0.751]);
    expect(s.mean).toBeCloseTo(-0.128 / 3, 12);
    expect(s.values.map((v) => Math.round(v * 1000))).toEqual([-31, -46, -51]);
    expect(s.ci!.hi).toBeLessThan(0);
    expect(() => pairedRepeats([1], [1, 2])).toThrow(/length/);
  });
});
