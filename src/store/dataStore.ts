/**
 * Loaded datasets (synthetic and imported). The big typed arrays live outside React state, in `datasetObjects`;
 * the store holds small descriptions (`DatasetMeta`) for lists and charts. Work happens in the data worker.
 */
import { create } from 'zustand';
import { openDB, type IDBPDatabase } from 'idb';
import { keepDataset, type KeptBacking, type KeptRecord } from '../core/data/keptDataset';
import type { EcgDataset } from '../core/data/dataset';
import { shareSamples } from '../core/data/sharedSamples';
import { filesToHandOver } from '../core/data/handOverFiles';
import { Comlink, withDataWorker, WorkerCrashError } from '../../workers/dataClient';
import type { DatasetOrigin, FileAccount, ImportError, ImportFileRef, Progress } from '../../workers/data.protocol';
import type { DatasetSummary } from '../core/data/summary';
import type { RecordView } from '../core/data/recordView';
import type { SyntheticDatasetSpec } from '../core/data/synthDataset';
import type { ExperimentSpec } from '../core/experiment/contract';
import { mergeReread } from '../core/data/importReport';
import { formatCount } from '../core/data/importProgress';
import { matchDatasets, type DatasetCandidate, type DatasetMatch } from '../core/experiment/datasetMatch';

export type { DatasetSummary, FileAccount, ImportError, ImportFileRef, RecordView };

export interface DatasetMeta extends DatasetSummary {
  /** 'synthetic' (generated from a spec, reproducible by seed) or 'imported' (user files, stay local). */
  kind: 'synthetic' | 'imported';
  createdAt: number;
  /** The spec it was generated from (synthetic only). */
  spec?: SyntheticDatasetSpec;
  /** Files dropped for this import (imported only). */
  fileCount?: number;
  /** The recordings as they were before resampling, lead slots and cropping or windowing (imported only). */
  origin?: DatasetOrigin;
  /** Kept on this computer (IndexedDB) across reloads: its size in bytes. */
  kept?: { bytes: number };
}

export interface ImportReport {
  at: number;
  fileCount: number;
  recordCount: number;
  datasetId: string | null;
  errors: ImportError[];
  /** Every file dropped with what became of it (the counts add up to the files dropped). */
  files: FileAccount[];
}

interface Busy {
  label: string;
  done: number;
  total: number;
  detail?: string;
  /** Imports: bytes read of the bytes the import reads. */
  bytesDone?: number;
  bytesTotal?: number;
  /** Imports: when reading started (performance.now()), for the time-left estimate. */
  startedAt?: number;
  /** Imports: Cancel was pressed and the worker is stopping. */
  cancelling?: boolean;
}

export interface DataState {
  datasets: DatasetMeta[];
  selectedId: string | null;
  recordIndex: number;
  importing: Busy | null;
  generating: Busy | null;
  lastImport: ImportReport | null;
  /** What became of an import that left no report (cancelled), shown under the drop zone. */
  importNotice: string | null;
  /** Stops the import under way: the worker stops reading at its next record; nothing is added. */
  cancelImport(): void;
  /** A worker crash or unexpected failure, shown with a retry. */
  error: { message: string; retry?: () => void } | null;
  /** `fs`: resample every record to this rate (default 100 Hz, what the presets' models take); 'native' keeps the first record's rate. */
  importFiles(files: ImportFileRef[], ptbxlRate?: 100 | 500 | 'both', fs?: number | 'native', windows?: 'first' | 'consecutive'): Promise<DatasetMeta | null>;
  /**
   * Reads one file of the last import again with a sampling rate (a CSV without a time column) into a new
   * dataset; the last report then shows that file's new fate.
   */
  readAgain(file: string, csvFs: number): Promise<DatasetMeta | null>;
  generateSynthetic(spec: SyntheticDatasetSpec, name?: string): Promise<DatasetMeta | null>;
  removeDataset(id: string): void;
  selectDataset(id: string | null): void;
  setRecordIndex(i: number): void;
  clearError(): void;
  /** Why the last "Keep on this computer" failed (quota), shown on the card. */
  keepError: { id: string; message: string } | null;
  /** Keeps the dataset on this computer (true) or forgets the kept copy (false). */
  setKept(id: string, keep: boolean): Promise<void>;
  /** Lists the datasets kept on this computer (on page load). */
  restoreKept(): Promise<number>;
}

const datasetObjects = new Map<string, EcgDataset>();
/** Files per message when handing a large drop to the worker. */
const STAGE_BATCH = 100;
let stageSeq = 0;
/** The import under way (one at a time: the drop zone is disabled meanwhile) and whether Cancel was pressed. */
let currentImport: { id: string; cancelled: boolean } | null = null;
/**
 * The last import's settings and the files `readAgain` may need (its CSVs, which may ask for a sampling rate):
 * the page keeps no other reference to the files it handed over.
 */
let lastDrop: { files: Map<string, ImportFileRef>; ptbxlRate: 100 | 500 | 'both'; fs: number | 'native'; windows: 'first' | 'consecutive' } | null = null;

/**
 * One import's files on their way to the worker: `files` is emptied once they are handed over (the worker holds
 * them then), so the page drops its File handles; `count` is every file picked, `skipped` the accounts of those
 * the page left out by name (handOverFiles.ts).
 */
interface Drop {
  files: ImportFileRef[];
  count: number;
  skipped: FileAccount[];
}


/** The model-ready dataset object for an id (hand it to the train worker). */
export function getDataset(id: string): EcgDataset | undefined {
  return datasetObjects.get(id);
}

/** Registers a dataset made elsewhere (e.g. restored); returns its meta. */
export function registerDataset(ds: EcgDataset, summary: DatasetSummary, extra: Partial<DatasetMeta> = {}): DatasetMeta {
  datasetObjects.set(ds.id, ds);
  const meta: DatasetMeta = { ...summary, kind: ds.source, createdAt: Date.now(), ...extra };
  useDataStore.setState((s) => ({
    datasets: [...s.datasets.filter((d) => d.id !== ds.id), meta],
    selectedId: meta.id,
    recordIndex: 0,
  }));
  return meta;
}

/**
 * A Comlink progress callback that stops updating once `done()` is called: progress messages travel on their own
 * port and can arrive after the result, which must not bring a finished progress bar back.
 */
function progressOf(label: string, set: (b: Busy) => void) {
  let last = 0;
  let live = true;
  const fn = Comlink.proxy((p: Progress) => {
    if (!live) return;
    const now = performance.now();
    if (now - last < 50 && p.done < p.total) return; // at most ~20 UI updates per second
    last = now;
    set({ label, done: p.done, total: p.total, detail: p.detail, ...(p.bytesTotal ? { bytesDone: p.bytesDone, bytesTotal: p.bytesTotal } : {}) });
  });
  return { fn, done: () => (live = false) };
}

function message(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

export const useDataStore = create<DataState>()((set, get) => ({
  datasets: [],
  selectedId: null,
  recordIndex: 0,
  importing: null,
  generating: null,
  lastImport: null,
  importNotice: null,
  error: null,

  cancelImport() {
    const cur = currentImport;
    if (!cur || cur.cancelled) return;
    cur.cancelled = true;
    const busy = get().importing;
    if (busy) set({ importing: { ...busy, label: 'Cancelling', cancelling: true } });
    void withDataWorker((w) => w.cancelImport(cur.id)).catch(() => undefined);
  },

  async importFiles(files, ptbxlRate = 100, fs = 100, windows = 'first') {
    if (files.length === 0) return null;
    const { send, skipped } = filesToHandOver(files, ptbxlRate);
    const csvs = send.filter((f) => f.name.toLowerCase().endsWith('.csv'));
    lastDrop = { files: new Map(csvs.map((f) => [f.name.replace(/\\/g, '/'), f])), ptbxlRate, fs, windows };
    return runImport({ files: send, count: files.length, skipped }, ptbxlRate, fs, undefined, windows);
  },

  async readAgain(file, csvFs) {
    const prev = get().lastImport;
    const ref = lastDrop?.files.get(file);
    if (!prev || !ref || !lastDrop || !(csvFs > 0)) return null;
    const meta = await runImport({ files: [ref], count: 1, skipped: [] }, lastDrop.ptbxlRate, lastDrop.fs, csvFs, lastDrop.windows);
    const again = get().lastImport;
    if (again && again !== prev) set({ lastImport: mergeReread(prev, file, again) });
    return meta;
  },

  async generateSynthetic(spec, name) {
    set({ generating: { label: 'Generating', done: 0, total: spec.n ?? 0 }, error: null });
    const progress = progressOf('Generating', (b) => set({ generating: b }));
    try {
      const res = await withDataWorker((w) => w.generateDataset(spec, name ?? null, progress.fn)).finally(progress.done);
      const meta = registerDataset(res.dataset, res.summary, { kind: 'synthetic', spec });
      set({ generating: null });
      return meta;
    } catch (err) {
      set({
        generating: null,
        error: {
          message: err instanceof WorkerCrashError ? err.message : `Generating the dataset failed: ${message(err)}`,
          retry: () => void get().generateSynthetic(spec, name),
        },
      });
      return null;
    }
  },

  removeDataset(id) {
    if (get().datasets.find((d) => d.id === id)?.kept) void keptBacking()?.delete(id).catch(() => undefined);
    datasetObjects.delete(id);
    void withDataWorker((w) => w.forget(id)).catch(() => undefined);
    set((s) => {
      const datasets = s.datasets.filter((d) => d.id !== id);
      return { datasets, selectedId: s.selectedId === id ? (datasets[datasets.length - 1]?.id ?? null) : s.selectedId, recordIndex: 0 };
    });
  },
  selectDataset: (selectedId) => set({ selectedId, recordIndex: 0 }),
  setRecordIndex: (recordIndex) => set({ recordIndex }),
  clearError: () => set({ error: null }),
  keepError: null,

  async setKept(id, keep) {
    const backing = keptBacking();
    const ds = datasetObjects.get(id);
    const meta = get().datasets.find((d) => d.id === id);
    if (!backing || !ds || !meta) return;
    const patch = (kept: DatasetMeta['kept']) => set((s) => ({ datasets: s.datasets.map((d) => (d.id === id ? { ...d, kept } : d)) }));
    if (!keep) {
      await backing.delete(id);
      patch(undefined);
      set({ keepError: null });
      return;
    }
    const { kept: _k, ...plain } = meta;
    void _k;
    const out = await keepDataset(backing, ds, plain, Date.now());
    if (out.ok) {
      patch({ bytes: out.bytes });
      set({ keepError: null });
      // Ask the browser not to evict kept datasets under storage pressure (granted or not, they stay until then).
      void (globalThis as { navigator?: { storage?: { persist?: () => Promise<boolean> } } }).navigator?.storage?.persist?.().catch(() => false);
    } else set({ keepError: { id, message: out.message } });
  },

  async restoreKept() {
    const backing = keptBacking();
    if (!backing) return 0;
    let recs: KeptRecord<DatasetMeta>[];
    try {
      recs = await backing.all();
    } catch {
      return 0;
    }
    for (const r of recs) {
      if (datasetObjects.has(r.id)) continue;
      // Into shared memory where the page is isolated: the data and training workers then see this one copy.
      const ds = shareSamples(r.dataset);
      datasetObjects.set(r.id, ds);
      const meta: DatasetMeta = { ...r.meta, kept: { bytes: r.bytes } };
      set((s) => ({ datasets: [...s.datasets.filter((d) => d.id !== r.id), meta], selectedId: s.selectedId ?? r.id }));
      void withDataWorker((w) => w.adopt(ds)).catch(() => undefined);
    }
    return recs.length;
  },
}));

/** IndexedDB database of kept datasets: one object store, one record per dataset written in one transaction. */
const KEPT_DB = 'ecg-lab-kept-datasets';
let keptDb: Promise<IDBPDatabase> | null = null;
let backingOverride: KeptBacking<DatasetMeta> | null = null;

/** Replaces the IndexedDB backing (tests). */
export function setKeptBacking(b: KeptBacking<DatasetMeta> | null): void {
  backingOverride = b;
}

function keptBacking(): KeptBacking<DatasetMeta> | null {
  if (backingOverride) return backingOverride;
  if (typeof indexedDB === 'undefined') return null;
  keptDb ??= openDB(KEPT_DB, 1, { upgrade: (db) => void db.createObjectStore('datasets', { keyPath: 'id' }) });
  const db = keptDb;
  return {
    async put(rec) {
      const tx = (await db).transaction('datasets', 'readwrite');
      await Promise.all([tx.store.put(rec), tx.done]);
    },
    async delete(id) {
      await (await db).delete('datasets', id);
    },
    async all() {
      return (await (await db).getAll('datasets')) as KeptRecord<DatasetMeta>[];
    },
  };
}

async function runImport(drop: Drop, ptbxlRate: 100 | 500 | 'both', fs: number | 'native', csvFs: number | undefined, windows: 'first' | 'consecutive'): Promise<DatasetMeta | null> {
  const startedAt = performance.now();
  const cur = { id: `import-${++stageSeq}`, cancelled: false };
  currentImport = cur;
  const sending = drop.files.length;
  // A small drop can be tried again after a worker crash; a large one is not held for that (pick it again).
  const retryFiles = sending <= STAGE_BATCH ? drop.files : null;
  useDataStore.setState({ importing: { label: 'Reading files', done: 0, total: sending, startedAt }, error: null, importNotice: null });
  // The time-left estimate runs from the first record read (handing thousands of files over comes before it).
  let readingSince: number | undefined;
  const progress = progressOf('Reading files', (b) => {
    readingSince ??= performance.now();
    if (!cur.cancelled) useDataStore.setState({ importing: { ...b, startedAt: readingSince } });
  });
  try {
    const res = await withDataWorker(async (w) => {
      // Thousands of File handles in one message cost the page ~0.1 ms each: hand them over in batches.
      let what: ImportFileRef[] | string = drop.files;
      if (sending > STAGE_BATCH) {
        what = cur.id;
        for (let i = 0; i < sending; i += STAGE_BATCH) {
          if (cur.cancelled) break;
          await w.stageFiles(what, drop.files.slice(i, i + STAGE_BATCH));
          if (!cur.cancelled) useDataStore.setState({ importing: { label: 'Handing files to the worker', done: Math.min(sending, i + STAGE_BATCH), total: sending, startedAt } });
        }
      }
      const call = w.importFiles(what, progress.fn, ptbxlRate, fs === 'native' ? undefined : fs, csvFs, windows, cur.id);
      // Posted: the worker holds the files now.
      drop.files = [];
      what = [];
      return call;
    }).finally(() => {
      progress.done();
      if (currentImport === cur) currentImport = null;
    });
    if (res.cancelled) {
      const { done, total } = res.cancelled;
      const at = done > 0 ? ` after ${formatCount(done)} of ${formatCount(total)} records` : ' before any record was read';
      useDataStore.setState({ importing: null, importNotice: `Import cancelled${at}: nothing was added.` });
      return null;
    }
    const report: ImportReport = {
      at: Date.now(),
      fileCount: drop.count,
      recordCount: res.summary?.n ?? 0,
      datasetId: res.summary?.id ?? null,
      errors: res.errors,
      files: [...(res.files ?? []), ...drop.skipped],
    };
    let meta: DatasetMeta | null = null;
    if (res.dataset && res.summary) meta = registerDataset(res.dataset, res.summary, { kind: 'imported', fileCount: drop.count, ...(res.origin ? { origin: res.origin } : {}) });
    useDataStore.setState({ lastImport: report, importing: null });
    return meta;
  } catch (err) {
    const crashed = err instanceof WorkerCrashError;
    useDataStore.setState({
      importing: null,
      error: {
        message: (crashed ? err.message : `Import failed: ${message(err)}`) + (retryFiles ? '' : ' Choose the files again to retry.'),
        ...(retryFiles ? { retry: () => void runImport({ ...drop, files: retryFiles }, ptbxlRate, fs, csvFs, windows) } : {}),
      },
    });
    return null;
  }
}

/** The list of loaded datasets (stable array; re-renders only when the list changes). */
export const useDatasets = (): DatasetMeta[] => useDataStore((s) => s.datasets);

/** Fetch one record of a loaded dataset for display (signals in mV, fiducials/annotations, labels). */
export function fetchRecord(datasetId: string, index: number): Promise<RecordView> {
  return withDataWorker((w) => w.getRecord(datasetId, index));
}

/** The matcher's view of a loaded dataset (targets with at least one labelled record). */
export function candidateOfMeta(d: DatasetMeta): DatasetCandidate {
  return { name: d.name, fingerprint: d.fingerprint, kind: d.kind, classes: d.classes, targets: Object.entries(d.targets).flatMap(([t, n]) => (n ? [t] : [])) };
}

/** The loaded dataset for each imported source of a spec (src/core/experiment/datasetMatch.ts). */
export function matchLoaded(spec: ExperimentSpec, loaded: readonly DatasetMeta[] = useDataStore.getState().datasets): DatasetMatch<DatasetMeta>[] {
  return matchDatasets(spec, loaded, candidateOfMeta);
}

// Datasets kept on this computer come back with the page.
if (typeof indexedDB !== 'undefined') void useDataStore.getState().restoreKept();
