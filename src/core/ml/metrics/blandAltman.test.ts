import { describe, expect, it } from 'vitest';
import { blandAltman } from './blandAltman';
import { iecVerdict } from './iecTolerances';

describe('Bland–Altman agreement (hand-worked)', () => {
  // differences 1, 2, 3, 4, 5: mean 3, SD √2.5 = 1.58114, t(0.975, 4) = 2.77645
  const truth = [100, 120, 140, 160, 180];
  const pred = [101, 122, 143, 164, 185];
  const a = blandAltman(truth, pred);
  it('mean, SD, MAE and limits of agreement', () => {
    expect(a.n).toBe(5);
    expect(a.meanDiff).toBeCloseTo(3, 12);
    expect(a.mae).toBeCloseTo(3, 12);
    expect(a.sdDiff).toBeCloseTo(1.581139, 5);
    // 3 ∓ 1.96 · 1.581139 = 3 ∓ 3.099032
    expect(a.loaLower).toBeCloseTo(-0.099032, 5);
    expect(a.loaUpper).toBeCloseTo(6.099032, 5);
  });
  it('t-interval of the mean: 3 ± 2.77645 · 1.581139 / √5 = 3 ± 1.963243', () => {
    expect(a.meanCi!.lo).toBeCloseTo(1.036757, 4);
    expect(a.meanCi!.hi).toBeCloseTo(4.963243, 4);
  });
  it('interval of each limit: SE = SD · √(1/5 + 1.96²/8) = 1.304032; ± t · SE = ± 3.620574', () => {
    expect(a.loaUpperCi!.lo).toBeCloseTo(6.099032 - 3.620574, 4);
    expect(a.loaUpperCi!.hi).toBeCloseTo(6.099032 + 3.620574, 4);
    expect(a.loaLowerCi!.lo).toBeCloseTo(-0.099032 - 3.620574, 4);
    expect(a.loaLowerCi!.hi).toBeCloseTo(-0.099032 + 3.620574, 4);
  });
  it('MAE differs from |mean| when errors change sign', () => {
    const b = blandAltman([0, 0, 0, 0], [-2, 2, -4, 4]);
    expect(b.meanDiff).toBeCloseTo(0, 12);
    expect(b.mae).toBeCloseTo(3, 12);
    // SD = √((4 + 4 + 16 + 16) / 3)
    expect(b.sdDiff).toBeCloseTo(Math.sqrt(40 / 3), 12);
  });
  it('skips pairs with a missing value; no SD or intervals below 2 pairs', () => {
    const c = blandAltman([1, NaN, 3], [2, 5, NaN]);
    expect(c.n).toBe(1);
    expect(c.meanDiff).toBe(1);
    expect(c.sdDiff).toBeNaN();
    expect(c.meanCi).toBeNull();
    expect(c.loaUpperCi).toBeNull();
    expect(blandAltman([], []).n).toBe(0);
    expect(() => blandAltman([1], [1, 2])).toThrow(/1 reference values but 2/);
  });
});

describe('IEC 60601-2-51 verdicts', () => {
  it('PR and QRS: |mean| ≤ 10 ms and SD ≤ 10 ms, both needed', () => {
    expect(iecVerdict('qrs_ms', { meanDiff: -10, sdDiff: 10 })!.pass).toBe(true);
    expect(iecVerdict('qrs_ms', { meanDiff: -10.5, sdDiff: 5 })).toMatchObject({ pass: false, meanOk: false, sdOk: true });
    expect(iecVerdict('pr_ms', { meanDiff: 2.9, sdDiff: 16.5 })).toMatchObject({ pass: false, meanOk: true, sdOk: false });
  });
  it('QT: |mean| ≤ 25 ms and SD ≤ 30 ms', () => {
    expect(iecVerdict('qt_ms', { meanDiff: 24, sdDiff: 29 })!.pass).toBe(true);
    expect(iecVerdict('qt_ms', { meanDiff: -32.4, sdDiff: 25 })).toMatchObject({ pass: false, meanOk: false, sdOk: true });
    expect(iecVerdict('qt_ms', { meanDiff: 0, sdDiff: 31 })!.pass).toBe(false);
  });
  it('no tolerance for heart rate; none when the SD is undefined', () => {
    expect(iecVerdict('hr_bpm', { meanDiff: 0, sdDiff: 1 })).toBeNull();
    expect(iecVerdict('qt_ms', { meanDiff: 0, sdDiff: NaN })).toBeNull();
  });
});
