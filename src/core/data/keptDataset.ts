/**
 * Datasets kept on this computer across reloads: the compact typed arrays of an EcgDataset and its card
 * description, written as one record through a small backing (IndexedDB in the page, a Map in tests). One write
 * per dataset: a quota failure leaves nothing half-written, and the in-memory dataset keeps working.
 */
import type { EcgDataset } from './dataset';
import { unsharedSamples } from './sharedSamples';

export interface KeptRecord<M = unknown> {
  id: string;
  savedAt: number;
  bytes: number;
  dataset: EcgDataset;
  meta: M;
}

/** Where kept datasets live; `put` writes one record atomically (one transaction) or throws. */
export interface KeptBacking<M = unknown> {
  put(rec: KeptRecord<M>): Promise<void>;
  delete(id: string): Promise<void>;
  all(): Promise<KeptRecord<M>[]>;
}

/** Bytes the dataset's arrays take (what keeping it costs, shown on the card). */
export function keptBytes(ds: EcgDataset): number {
  let b = ds.x.byteLength + (ds.y?.byteLength ?? 0) + (ds.folds?.byteLength ?? 0);
  for (const t of Object.values(ds.targets ?? {})) b += t?.byteLength ?? 0;
  for (const s of ds.recordNames) b += s.length * 2;
  for (const s of ds.patientIds ?? []) b += s.length * 2;
  return b;
}

export type KeepOutcome = { ok: true; bytes: number } | { ok: false; quota: boolean; message: string };

const isQuota = (err: unknown) => !!err && typeof err === 'object' && 'name' in err && (err.name === 'QuotaExceededError' || err.name === 'NS_ERROR_DOM_QUOTA_REACHED');

/** Writes the dataset (samples must be present: a dataset whose samples stayed in the worker cannot be kept). */
export async function keepDataset<M>(backing: KeptBacking<M>, ds: EcgDataset, meta: M, now = 0): Promise<KeepOutcome> {
  if (ds.n > 0 && ds.x.length === 0) return { ok: false, quota: false, message: 'this dataset holds no samples on the page to keep' };
  const bytes = keptBytes(ds);
  try {
    // IndexedDB cannot store shared memory: samples the page shares with the workers are written from a copy.
    await backing.put({ id: ds.id, savedAt: now, bytes, dataset: unsharedSamples(ds), meta });
    return { ok: true, bytes };
  } catch (err) {
    if (isQuota(err)) return { ok: false, quota: true, message: `Not kept: this browser's storage is full (${(bytes / 2 ** 20).toFixed(1)} MB needed). The dataset still works until the page is closed; forget another kept dataset or free space, then tick Keep again.` };
    return { ok: false, quota: false, message: `Not kept: ${err instanceof Error ? err.message : String(err)}` };
  }
}

/** A backing in memory (tests; `failWith` makes every put throw it, as a full disk would). */
export function memoryBacking<M>(failWith?: () => unknown): KeptBacking<M> & { map: Map<string, KeptRecord<M>> } {
  const map = new Map<string, KeptRecord<M>>();
  return {
    map,
    async put(rec) {
      if (failWith) throw failWith();
      map.set(rec.id, rec);
    },
    async delete(id) {
      map.delete(id);
    },
    async all() {
      return [...map.values()];
    },
  };
}
