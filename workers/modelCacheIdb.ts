/**
 * The browser's cache of pretrained models (core's ModelCache) on IndexedDB, in a database of its own so the
 * worker never opens the page's history database. The cache is a bonus: a storage failure (quota, private mode)
 * reads as a miss and a failed write is dropped, so a run never fails because of it.
 */
import { openDB } from 'idb';
import type { CachedModel, ModelCache } from '../src/core/experiment/run/modelCache';

/** Key-value storage under the cache (IndexedDB in the worker, a Map in tests). */
export interface CacheBacking {
  get(key: string): Promise<CachedModel | undefined>;
  put(key: string, entry: CachedModel): Promise<void>;
  keys(): Promise<string[]>;
}

export const CACHE_DB = 'ecg-transfer-lab-cache';
const STORE = 'pretrained';

export function idbCacheBacking(): CacheBacking {
  let db: ReturnType<typeof openDB> | null = null;
  const open = () =>
    (db ??= openDB(CACHE_DB, 1, {
      upgrade(d) {
        d.createObjectStore(STORE);
      },
    }));
  return {
    get: async (key) => (await (await open()).get(STORE, key)) as CachedModel | undefined,
    put: async (key, entry) => void (await (await open()).put(STORE, entry, key)),
    keys: async () => (await (await open()).getAllKeys(STORE)).map(String),
  };
}

export interface BrowserModelCache extends ModelCache {
  /** Keys present now (for the plan's "already cached"); empty when the storage cannot be read. */
  keys(): Promise<string[]>;
  /** The last storage error, if any (shown nowhere critical; kept for diagnosis). */
  lastError(): string | null;
}

export function browserModelCache(backing: CacheBacking = idbCacheBacking()): BrowserModelCache {
  let error: string | null = null;
  const note = (e: unknown) => {
    error = e instanceof Error ? e.message : String(e);
  };
  return {
    async get(key) {
      try {
        const e = await backing.get(key);
        return e && e.key === key ? e : undefined;
      } catch (e) {
        note(e);
        return undefined;
      }
    },
    async put(key, entry) {
      try {
        // A copy of exactly the entry's bytes: the weights may be a view on a larger buffer.
        await backing.put(key, { ...entry, key, weightData: entry.weightData.slice() });
      } catch (e) {
        note(e);
      }
    },
    async keys() {
      try {
        return await backing.keys();
      } catch (e) {
        note(e);
        return [];
      }
    },
    lastError: () => error,
  };
}
