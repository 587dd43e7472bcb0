import { describe, expect, it } from 'vitest';
import { batchEpochTicks, emaTrace } from './lossTrace';

describe('emaTrace', () => {
  it('starts at the first loss (debiased), follows a step change part of the way, keeps x', () => {
    const ema = emaTrace(
      [
        { x: 0.1, loss: 2 },
        { x: 0.2, loss: 2 },
        { x: 0.3, loss: 0 },
      ],
      0.5,
    );
    expect(ema.map((p) => p.x)).toEqual([0.1, 0.2, 0.3]);
    expect(ema[0].loss).toBeCloseTo(2, 12);
    expect(ema[1].loss).toBeCloseTo(2, 12);
    // acc = 0.5·1.5 + 0 = 0.75, debiased by 1 − 0.5³ = 0.875
    expect(ema[2].loss).toBeCloseTo(0.75 / 0.875, 12);
  });

  it('skips non-finite losses', () => {
    expect(emaTrace([{ x: 1, loss: Number.NaN }, { x: 2, loss: 3 }]).map((p) => p.x)).toEqual([2]);
  });
});

describe('batchEpochTicks', () => {
  it('spans 0 to the last started epoch with integer ticks', () => {
    expect(batchEpochTicks(0.4)).toEqual({ domain: [0, 1], ticks: [0, 1] });
    expect(batchEpochTicks(2.5)).toEqual({ domain: [0, 3], ticks: [0, 1, 2, 3] });
    const many = batchEpochTicks(40);
    expect(many.domain).toEqual([0, 40]);
    expect(many.ticks.length).toBeLessThanOrEqual(8);
  });
});
