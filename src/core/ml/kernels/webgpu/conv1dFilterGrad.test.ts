import { describe, expect, it } from 'vitest';
import { filterGradSplit } from './conv1dFilterGrad';

describe('filterGradSplit (how the filter gradient splits batch × time over workgroups)', () => {
  it('covers every row exactly once with at most 64 splits, and splits only when the tiles alone are few', () => {
    for (const rows of [1, 15, 16, 63, 64, 65, 130, 256, 8000, 40000, 1_000_003]) {
      for (const tiles of [1, 2, 16, 156, 255, 256, 4000]) {
        const { splits, chunkStages } = filterGradSplit(rows, tiles);
        const chunk = chunkStages * 32;
        const label = `${rows} rows, ${tiles} tiles`;
        expect(splits * chunk, label).toBeGreaterThanOrEqual(rows);
        expect((splits - 1) * chunk, label).toBeLessThan(rows); // no empty split
        expect(splits, label).toBeLessThanOrEqual(64);
        expect(splits, label).toBeGreaterThanOrEqual(1);
        if (tiles >= 256 || rows <= 64) expect(splits, label).toBe(1);
      }
    }
    // inception1d at 8 × 1000: the bottleneck (128 → 32, k1: 4 tiles of 32 × 32) wants 64 splits, 128-row chunks need 63
    expect(filterGradSplit(8000, 4)).toEqual({ splits: 63, chunkStages: 4 });
    // the k39 branch (32 → 32: 39 tiles) is split 7 ways
    expect(filterGradSplit(8000, 39)).toEqual({ splits: 7, chunkStages: 36 });
  });
});
