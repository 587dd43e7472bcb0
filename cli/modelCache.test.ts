import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CachedModel } from '../src/core/experiment/run/modelCache';
import { fileModelCache } from './modelCache';

describe('file model cache', () => {
  it('stores and returns an entry by key; absent keys give undefined; bad keys throw', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'cache-')), 'models');
    const cache = fileModelCache(dir);
    const entry = {
      key: '0123456789abcdef',
      weights: [{ name: 'w', shape: [2] }],
      weightData: new Uint8Array(new Float32Array([1.5, -2]).buffer),
      result: { name: 'pre' },
      targetStats: { mean: [60], std: [10] },
    } as unknown as CachedModel;
    expect(await cache.get(entry.key)).toBeUndefined();
    await cache.put(entry.key, entry);
    expect(readdirSync(dir).sort()).toEqual(['0123456789abcdef.bin', '0123456789abcdef.json']);
    const got = await fileModelCache(dir).get(entry.key);
    expect(got?.weights).toEqual(entry.weights);
    expect(got?.targetStats).toEqual(entry.targetStats);
    expect(Array.from(new Float32Array(got!.weightData.buffer, got!.weightData.byteOffset, 2))).toEqual([1.5, -2]);
    await expect(cache.get('../x')).rejects.toThrow(/bad model cache key/);
  });
});
