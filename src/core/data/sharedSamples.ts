/**
 * One copy of a dataset's samples across threads. Where the host allows SharedArrayBuffer (a cross-origin
 * isolated page and its workers, or Node), `x` lives in shared memory: a structured clone of the dataset (a
 * postMessage to the page or to the training worker) then hands on a view of the same bytes instead of a copy.
 * Elsewhere (a static host without the isolation headers) the arrays stay ordinary and travel as copies or
 * transfers, as before.
 */
import type { EcgDataset } from './dataset';

type Samples = EcgDataset['x'];

/** What is read from the host: the isolation flag a page or worker carries (absent in Node). */
export interface SharingHost {
  crossOriginIsolated?: boolean;
}

/** True when shared memory can be allocated and posted: SharedArrayBuffer exists and the context is isolated. */
export function canShareMemory(host: SharingHost = globalThis as SharingHost): boolean {
  return typeof SharedArrayBuffer === 'function' && host.crossOriginIsolated !== false;
}

/** True when the array's bytes are in shared memory. */
export function isShared(a: ArrayBufferView): boolean {
  return typeof SharedArrayBuffer === 'function' && a.buffer instanceof SharedArrayBuffer;
}

/** A zeroed sample array of `length`, in shared memory when `shared`. */
export function allocSamples(kind: 'int16' | 'float32', length: number, shared: boolean): Samples {
  const bytes = kind === 'int16' ? 2 : 4;
  if (!shared) return kind === 'int16' ? new Int16Array(length) : new Float32Array(length);
  const sab = new SharedArrayBuffer(length * bytes);
  return kind === 'int16' ? new Int16Array(sab) : new Float32Array(sab);
}

const kindOf = (a: Samples): 'int16' | 'float32' => (a instanceof Int16Array ? 'int16' : 'float32');

/** An empty array of the same kind (on a buffer of its own, so holding it never keeps a large buffer alive). */
export function emptyLike(a: Samples): Samples {
  return a instanceof Int16Array ? new Int16Array(0) : new Float32Array(0);
}

/**
 * The dataset with `x` in shared memory: the same object when it already is (or the host cannot share), else a
 * copy whose `x` is a tight shared array; the caller drops the original so that only one copy remains.
 */
export function shareSamples(ds: EcgDataset, host?: SharingHost): EcgDataset {
  if (isShared(ds.x) || !canShareMemory(host)) return ds;
  const x = allocSamples(kindOf(ds.x), ds.x.length, true);
  x.set(ds.x);
  return { ...ds, x };
}

/**
 * The dataset with ordinary (unshared) arrays, for storage that cannot hold shared memory (IndexedDB refuses
 * SharedArrayBuffer): a copy of `x` when it is shared, else the dataset itself.
 */
export function unsharedSamples(ds: EcgDataset): EcgDataset {
  if (!isShared(ds.x)) return ds;
  const x = allocSamples(kindOf(ds.x), ds.x.length, false);
  x.set(ds.x);
  return { ...ds, x };
}

/** The buffers a postMessage may transfer (move) for this dataset: `x`'s own buffer, never a shared one. */
export function transferablesOf(ds: EcgDataset): ArrayBuffer[] {
  return isShared(ds.x) || ds.x.buffer.byteLength === 0 ? [] : [ds.x.buffer as ArrayBuffer];
}

/**
 * What describes a dataset without its samples: everything a plan or a model summary reads (n, rate, leads,
 * labels, folds, patients, names). Posting it costs kilobytes, whatever the dataset's size.
 */
export type DatasetInfo = Omit<EcgDataset, 'x'> & { x?: undefined };

export function datasetInfo(ds: EcgDataset): DatasetInfo {
  const { x: _x, ...info } = ds;
  void _x;
  return info;
}

/** A dataset object from its description, with no samples (x empty): for code that only reads its metadata. */
export function withoutSamples(info: DatasetInfo, kind: 'int16' | 'float32' = info.xScale !== undefined ? 'int16' : 'float32'): EcgDataset {
  return { ...info, x: allocSamples(kind, 0, false) };
}
