import { describe, expect, it } from 'vitest';
import { Rng } from '../signal/rng';
import { ParamError } from '../signal/params';
import { fixed, normal, sampleDistribution, uniform, validateDistribution } from './distributions';

describe('distributions', () => {
  it('samples fixed, uniform and clipped normal within their support with the right moments', () => {
    const rng = new Rng(1);
    expect(sampleDistribution(fixed(3), rng)).toBe(3);
    const u = Array.from({ length: 20000 }, () => sampleDistribution(uniform(10, 20), rng));
    expect(Math.min(...u)).toBeGreaterThanOrEqual(10);
    expect(Math.max(...u)).toBeLessThan(20);
    expect(u.reduce((a, b) => a + b, 0) / u.length).toBeCloseTo(15, 1);
    const nv = Array.from({ length: 20000 }, () => sampleDistribution(normal(0, 1, -10, 10), rng));
    const m = nv.reduce((a, b) => a + b, 0) / nv.length;
    const sd = Math.sqrt(nv.reduce((a, b) => a + (b - m) ** 2, 0) / nv.length);
    expect(m).toBeCloseTo(0, 1);
    expect(sd).toBeCloseTo(1, 1);
    const clipped = Array.from({ length: 5000 }, () => sampleDistribution(normal(0, 1, -0.5, 0.5), rng));
    expect(clipped.every((v) => v >= -0.5 && v <= 0.5)).toBe(true);
  });
  it('rejects malformed distributions and values outside the parameter range, naming the field', () => {
    const r = { min: 20, max: 300, unit: 'bpm' };
    expect(() => validateDistribution(uniform(40, 30), 'params.hrBpm', r)).toThrow(/min \(40\) must not exceed max \(30\)/);
    expect(() => validateDistribution(uniform(40, 400), 'params.hrBpm', r)).toThrow(/params\.hrBpm\.max = 400 bpm is outside the allowed range \[20, 300\] bpm/);
    expect(() => validateDistribution(normal(60, -1, 40, 80), 'params.hrBpm', r)).toThrow(/sd must be/);
    expect(() => validateDistribution({ kind: 'beta' } as never, 'params.hrBpm', r)).toThrow(ParamError);
    expect(() => validateDistribution(fixed(NaN), 'x')).toThrow(/finite/);
    expect(() => validateDistribution(normal(60, 5, 40, 80), 'params.hrBpm', r)).not.toThrow();
  });
});
