/**
 * Run history kept in IndexedDB (via `idb`), so a reload keeps past experiments, their results and trained models.
 * A run still marked "running" when the page loads was cut off by a reload/crash: it becomes "interrupted".
 */
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import { create } from 'zustand';
import type { BackendReport, ExperimentSpec, LiveRun, ModelFile, RunResults } from '../core/experiment/contract';
import { progressBacking } from './sweepProgress';

export type HistoryStatus = 'running' | 'done' | 'interrupted' | 'cancelled' | 'error';

export interface HistoryRun {
  id: string;
  name: string;
  presetName: string;
  createdAt: number;
  updatedAt: number;
  finishedAt?: number;
  status: HistoryStatus;
  spec: ExperimentSpec;
  /** Backend the run used; `requested` what the spec asked for, `measured` how 'auto' chose it (ms/step per backend). */
  backend?: BackendReport;
  error?: string;
  results?: RunResults;
  /** Snapshot of the live charts (kept for interrupted/cancelled runs). */
  live?: LiveRun;
  /** Stage names whose trained model is stored in the `models` store. */
  models?: string[];
}

/** A trained model in tfjs's ModelArtifacts form (topology JSON + weight specs + one weight buffer). */
export interface StoredModel extends ModelFile {
  key: string; // `${runId}/${stage}`
  runId: string;
  trainingConfig?: unknown;
  userDefinedMetadata?: Record<string, unknown>;
}

interface LabDb extends DBSchema {
  runs: { key: string; value: HistoryRun; indexes: { createdAt: number } };
  models: { key: string; value: StoredModel; indexes: { runId: string } };
}

const DB_NAME = 'ecg-transfer-lab';
let dbPromise: Promise<IDBPDatabase<LabDb>> | null = null;

function db(): Promise<IDBPDatabase<LabDb>> {
  dbPromise ??= openDB<LabDb>(DB_NAME, 1, {
    upgrade(d) {
      const runs = d.createObjectStore('runs', { keyPath: 'id' });
      runs.createIndex('createdAt', 'createdAt');
      const models = d.createObjectStore('models', { keyPath: 'key' });
      models.createIndex('runId', 'runId');
    },
  });
  return dbPromise;
}

export interface HistoryState {
  runs: HistoryRun[];
  loaded: boolean;
  /** IndexedDB unavailable (private mode, blocked): history lives in memory only. */
  storageError: string | null;
  /** Run shown in the results panel instead of the live run (null = live). */
  viewingId: string | null;
  /** Runs ticked for side-by-side comparison. */
  compareIds: string[];

  load(): Promise<void>;
  put(run: HistoryRun): Promise<void>;
  patch(id: string, patch: Partial<HistoryRun>): Promise<void>;
  remove(id: string): Promise<void>;
  saveModel(model: StoredModel): Promise<void>;
  getModel(runId: string, stage: string): Promise<StoredModel | undefined>;
  view(id: string | null): void;
  toggleCompare(id: string): void;
}

/** A stored run whose backend report names the backend in a `name` field (an older layout) is read as `backend`. */
export function readStoredRun(r: HistoryRun): HistoryRun {
  const b: (Partial<BackendReport> & { name?: unknown }) | undefined = r.backend;
  if (!b || typeof b.backend === 'string' || typeof b.name !== 'string') return r;
  const { name, ...rest } = b;
  return { ...r, backend: { ...rest, backend: name } };
}

function sortRuns(runs: HistoryRun[]): HistoryRun[] {
  return runs.slice().sort((a, b) => b.createdAt - a.createdAt);
}

export const useHistoryStore = create<HistoryState>()((set, get) => ({
  runs: [],
  loaded: false,
  storageError: null,
  viewingId: null,
  compareIds: [],

  async load() {
    try {
      const d = await db();
      const runs = await d.getAll('runs');
      const fixed: HistoryRun[] = [];
      for (const stored of runs) {
        const r = readStoredRun(stored);
        if (r.status === 'running') {
          const upd: HistoryRun = { ...r, status: 'interrupted', updatedAt: Date.now(), error: 'The page was reloaded or closed while this run was training.' };
          await d.put('runs', upd);
          fixed.push(upd);
        } else fixed.push(r);
      }
      // Keep runs created in this session before load finished.
      const mine = get().runs.filter((r) => !fixed.some((f) => f.id === r.id));
      set({ runs: sortRuns([...mine, ...fixed]), loaded: true });
    } catch (e) {
      set({ loaded: true, storageError: e instanceof Error ? e.message : String(e) });
    }
  },

  async put(run) {
    set({ runs: sortRuns([run, ...get().runs.filter((r) => r.id !== run.id)]) });
    try {
      await (await db()).put('runs', run);
    } catch (e) {
      set({ storageError: e instanceof Error ? e.message : String(e) });
    }
  },

  async patch(id, patch) {
    const cur = get().runs.find((r) => r.id === id);
    if (!cur) return;
    await get().put({ ...cur, ...patch, updatedAt: Date.now() });
  },

  async remove(id) {
    set({
      runs: get().runs.filter((r) => r.id !== id),
      compareIds: get().compareIds.filter((c) => c !== id),
      viewingId: get().viewingId === id ? null : get().viewingId,
    });
    try {
      const d = await db();
      const tx = d.transaction(['runs', 'models'], 'readwrite');
      await tx.objectStore('runs').delete(id);
      const keys = await tx.objectStore('models').index('runId').getAllKeys(id);
      for (const k of keys) await tx.objectStore('models').delete(k);
      await tx.done;
      await progressBacking().clear(id);
    } catch (e) {
      set({ storageError: e instanceof Error ? e.message : String(e) });
    }
  },

  async saveModel(model) {
    try {
      await (await db()).put('models', model);
      const run = get().runs.find((r) => r.id === model.runId);
      if (run && !run.models?.includes(model.stage)) await get().patch(model.runId, { models: [...(run.models ?? []), model.stage] });
    } catch (e) {
      set({ storageError: e instanceof Error ? e.message : String(e) });
    }
  },

  async getModel(runId, stage) {
    return (await db()).get('models', `${runId}/${stage}`);
  },

  view(id) {
    set({ viewingId: id });
  },

  toggleCompare(id) {
    const c = get().compareIds;
    set({ compareIds: c.includes(id) ? c.filter((x) => x !== id) : [...c, id] });
  },
}));
