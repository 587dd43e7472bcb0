import { describe, expect, it } from 'vitest';
import type { CachedModel } from '../src/core/experiment/run/modelCache';
import type { StageResult } from '../src/core/experiment/results';
import { browserModelCache, type CacheBacking } from './modelCacheIdb';

function mapBacking(): CacheBacking & { map: Map<string, CachedModel> } {
  const map = new Map<string, CachedModel>();
  return { map, get: async (k) => map.get(k), put: async (k, e) => void map.set(k, e), keys: async () => [...map.keys()] };
}

function entry(key: string, weights: Uint8Array): CachedModel {
  return { key, weights: [{ name: 'dense/kernel', shape: [1, 1] }], weightData: weights, result: { name: 'pretrain-hr' } as StageResult, targetStats: { mean: [70], std: [10] } };
}

describe('browserModelCache', () => {
  it('stores an entry under its key with exactly its own weight bytes, and lists the keys', async () => {
    const b = mapBacking();
    const cache = browserModelCache(b);
    const big = new Uint8Array(16).map((_, i) => i);
    // weights that are a view on a larger buffer (bytes 4..7)
    await cache.put('k1', entry('k1', big.subarray(4, 8)));
    const got = await cache.get('k1');
    expect(got?.weightData.byteLength).toBe(4);
    expect(got?.weightData.buffer.byteLength).toBe(4);
    expect([...got!.weightData]).toEqual([4, 5, 6, 7]);
    expect(got?.targetStats).toEqual({ mean: [70], std: [10] });
    expect(await cache.keys()).toEqual(['k1']);
    expect(await cache.get('k2')).toBeUndefined();
  });

  it('an entry stored under another key is a miss (a key collision never restores the wrong model)', async () => {
    const b = mapBacking();
    b.map.set('k1', entry('other', new Uint8Array(4)));
    expect(await browserModelCache(b).get('k1')).toBeUndefined();
  });

  it('storage failures read as misses and dropped writes, with the error kept', async () => {
    const broken: CacheBacking = {
      get: async () => Promise.reject(new Error('QuotaExceededError')),
      put: async () => Promise.reject(new Error('QuotaExceededError')),
      keys: async () => Promise.reject(new Error('blocked')),
    };
    const cache = browserModelCache(broken);
    expect(await cache.get('k')).toBeUndefined();
    await expect(cache.put('k', entry('k', new Uint8Array(4)))).resolves.toBeUndefined();
    expect(cache.lastError()).toBe('QuotaExceededError');
    expect(await cache.keys()).toEqual([]);
    expect(cache.lastError()).toBe('blocked');
  });
});
