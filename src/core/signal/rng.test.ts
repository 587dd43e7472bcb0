import { describe, expect, it } from 'vitest';
import { deriveSeed, Rng } from './rng';

describe('Rng', () => {
  it('is deterministic per seed and pinned to known values', () => {
    const a = new Rng(42);
    const b = new Rng(42);
    const xs = Array.from({ length: 5 }, () => a.nextU32());
    expect(Array.from({ length: 5 }, () => b.nextU32())).toEqual(xs);
    expect(new Rng(43).nextU32()).not.toBe(xs[0]);
    expect(xs).toMatchInlineSnapshot(`
      [
        1355430908,
        225693674,
        4183933262,
        1962556102,
        414745430,
      ]
    `);
  });
  it('uniform, normal and centred fills have the right ranges and moments', () => {
    const r = new Rng(1);
    const u = Array.from({ length: 20000 }, () => r.next());
    expect(Math.min(...u)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...u)).toBeLessThan(1);
    expect(u.reduce((s, v) => s + v, 0) / u.length).toBeCloseTo(0.5, 1);
    const n = Array.from({ length: 20000 }, () => r.normal());
    const m = n.reduce((s, v) => s + v, 0) / n.length;
    expect(m).toBeCloseTo(0, 1);
    expect(Math.sqrt(n.reduce((s, v) => s + (v - m) ** 2, 0) / n.length)).toBeCloseTo(1, 1);
    const buf = new Float64Array(20000);
    r.fillCentered(buf, buf.length);
    expect(Math.min(...buf)).toBeGreaterThanOrEqual(-0.5);
    expect(Math.max(...buf)).toBeLessThan(0.5);
    expect(buf.reduce((s, v) => s + v * v, 0) / buf.length).toBeCloseTo(1 / 12, 2);
  });
  it('derived seeds separate streams', () => {
    const seeds = new Set(Array.from({ length: 1000 }, (_, i) => deriveSeed(7, 200, i)));
    expect(seeds.size).toBe(1000);
    expect(deriveSeed(7, 1)).not.toBe(deriveSeed(7, 2));
    expect(deriveSeed(7, 1)).toBe(deriveSeed(7, 1));
  });
});
