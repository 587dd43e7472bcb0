import { describe, expect, it } from 'vitest';
import { assembleBatch, resolveLeads } from './batching';
import type { EcgDataset } from './dataset';

function ds(x: Float32Array | Int16Array, xScale?: number): EcgDataset {
  return {
    id: 't', name: 'tiny', fingerprint: 'f', source: 'synthetic', fs: 100, nLeads: 2, nSamples: 4,
    leadNames: ['I', 'II'], n: x.length / 8, x, xScale, recordNames: ['a', 'b'],
  };
}

// record 0: I = [0, 1, 2, 3], II = [10, 10, 10, 10]; record 1: I = [4, 2, 0, NaN], II = [-1, 1, -1, 1]
const X = new Float32Array([0, 1, 2, 3, 10, 10, 10, 10, 4, 2, 0, NaN, -1, 1, -1, 1]);

describe('assembleBatch', () => {
  it('transposes to [batch, time, lead] without scaling', () => {
    const b = assembleBatch(ds(X), [1, 0], { scaling: 'none' });
    expect(Array.from(b.subarray(0, 8))).toEqual([4, -1, 2, 1, 0, -1, 0, 1]); // NaN → 0
    expect(Array.from(b.subarray(8))).toEqual([0, 10, 1, 10, 2, 10, 3, 10]);
  });
  it('min-max scales each lead of each record to [0, 1]; a flat lead becomes 0', () => {
    const b = assembleBatch(ds(X), [0], { scaling: 'minmax' });
    expect(Array.from(b)).toEqual([0, 0, 1 / 3, 0, 2 / 3, 0, 1, 0].map((v) => Math.fround(v)));
  });
  it('z-scores each lead', () => {
    const b = assembleBatch(ds(X), [1], { scaling: 'zscore', leadIndices: [1] });
    expect(Array.from(b)).toEqual([-1, 1, -1, 1]);
  });
  it('applies xScale for Int16 storage and selects leads', () => {
    const i16 = Int16Array.from([0, 1, 2, 3, 10, 10, 10, 10, 4, 2, 0, 0, -1, 1, -1, 1]);
    const b = assembleBatch(ds(i16, 0.5), [0], { scaling: 'none', leadIndices: [1, 0] });
    expect(Array.from(b)).toEqual([5, 0, 5, 0.5, 5, 1, 5, 1.5]);
    const mm = assembleBatch(ds(i16, 0.5), [0], { scaling: 'minmax', leadIndices: [0] });
    expect(Array.from(mm)).toEqual([0, 1 / 3, 2 / 3, 1].map((v) => Math.fround(v)));
  });
  it('resolves lead names case-insensitively and names missing leads', () => {
    expect(resolveLeads(ds(X), ['ii', 'I'])).toEqual([1, 0]);
    expect(() => resolveLeads(ds(X), ['V1'])).toThrow(/lacks lead\(s\) V1/);
  });
});
