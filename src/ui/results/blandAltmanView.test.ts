import { describe, expect, it } from 'vitest';
import type { TargetAgreement } from '../../core/experiment/contract';
import { blandAltman, iecVerdict } from '../../core/ml/metrics';
import { blandAltmanView, MAX_BA_POINTS } from './blandAltmanView';

function agreement(target: TargetAgreement['target'], t: number[], p: number[]): TargetAgreement {
  const a = blandAltman(t, p);
  return { ...a, target, unit: 'ms', records: a.n, iec: iecVerdict(target, a) };
}

describe('Bland–Altman view', () => {
  it('plots (mean of the two, pred − true), skips missing pairs, bias and limits from the agreement', () => {
    const t = [100, 120, 140, 160, 180, NaN];
    const p = [101, 122, 143, 164, 185, 90];
    const v = blandAltmanView({ target: 'qrs_ms', true: t, pred: p }, agreement('qrs_ms', t, p));
    expect(v.points).toEqual([
      { x: 100.5, y: 1 },
      { x: 121, y: 2 },
      { x: 141.5, y: 3 },
      { x: 162, y: 4 },
      { x: 182.5, y: 5 },
    ]);
    expect(v.bias).toBeCloseTo(3, 12);
    expect(v.loa[0]).toBeCloseTo(3 - 1.96 * Math.sqrt(2.5), 9);
    // QRS tolerance band ±10 ms, and the y axis holds it and the limits
    expect(v.band).toEqual([-10, 10]);
    expect(v.y.domain[0]).toBeLessThanOrEqual(-10);
    expect(v.y.domain[1]).toBeGreaterThanOrEqual(v.loa[1]);
    expect(v.x.domain[0]).toBeLessThanOrEqual(100.5);
    expect(v.x.domain[1]).toBeGreaterThanOrEqual(182.5);
  });

  it('no band for heart rate; thinned to at most MAX_BA_POINTS points', () => {
    const t = Array.from({ length: 1000 }, (_, i) => 60 + (i % 40));
    const p = t.map((x, i) => x + (i % 7) - 3);
    const v = blandAltmanView({ target: 'hr_bpm', true: t, pred: p }, agreement('hr_bpm', t, p));
    expect(v.band).toBeUndefined();
    expect(v.points).toHaveLength(MAX_BA_POINTS);
  });
});
