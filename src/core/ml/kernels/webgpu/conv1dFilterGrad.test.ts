import { describe, expect, it } from 'vitest';
import { filterGradSplit } from './conv1dFilterGrad';

describe('filterGradSplit (how the filter gradient splits batch × time over workgroups)', () => {
  it('covers every row exactly once with at most 64 splits, and splits only when the tiles alone are few', () => {
    for (const rows of [1, 15, 16, 63, 64, 65, 130, 256, 8000, 40000, 1_000_003]) {
      for (const tiles of [1, 2, 16, 156, 255, 256, 4000]) {
        const { splits, chunkStages } = filterGradSplit(rows, tiles);
        const chunk = chunkStages * 64;
        const label = `${rows} rows, ${tiles} tiles`;
        expect(splits * chunk, label).toBeGreaterThanOrEqual(rows);
        expect((splits - 1) * chunk, label).toBeLessThan(rows); // no empty split
        expect(splits, label).toBeLessThanOrEqual(64);
        expect(splits, label).toBeGreaterThanOrEqual(1);
        if (tiles >= 256 || rows <= 64) expect(splits, label).toBe(1);
      }
    }
    expect(filterGradSplit(8000, 16)).toEqual({ splits: 16, chunkStages: 8 }); // inception1d's bottleneck at 8 × 1000
    expect(filterGradSplit(8000, 2)).toEqual({ splits: 63, chunkStages: 2 }); // 64 wanted, 128-row chunks need 63
  });
});
