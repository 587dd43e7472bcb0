/**
 * The finished cells of a sweep while it runs, kept in IndexedDB cell by cell (one small write per cell, never a
 * rewrite of the whole run), so a sweep cut off by a reload resumes from its last finished cell. Its own database:
 * the history's schema stays as it is. The backing is injectable (a Map in tests).
 */
import { openDB } from 'idb';
import type { FinishedCell } from '../core/experiment/contract/sweep';

/** The sweep a run belongs to: its total number of cells (from the plan at Start). */
export interface SweepMeta {
  runId: string;
  totalCells: number;
}

export interface ProgressBacking {
  putMeta(meta: SweepMeta): Promise<void>;
  getMeta(runId: string): Promise<SweepMeta | undefined>;
  putCell(runId: string, cell: FinishedCell): Promise<void>;
  cells(runId: string): Promise<FinishedCell[]>;
  /** Run ids with stored progress. */
  runs(): Promise<string[]>;
  clear(runId: string): Promise<void>;
}

interface CellRow {
  key: string;
  runId: string;
  cellId: string;
  cell: FinishedCell;
}

export const PROGRESS_DB = 'ecg-transfer-lab-progress';

function idbBacking(): ProgressBacking {
  let db: ReturnType<typeof open> | null = null;
  function open() {
    return openDB(PROGRESS_DB, 1, {
      upgrade(d) {
        d.createObjectStore('sweeps', { keyPath: 'runId' });
        d.createObjectStore('cells', { keyPath: 'key' }).createIndex('runId', 'runId');
      },
    });
  }
  const get = () => (db ??= open());
  return {
    putMeta: async (meta) => void (await (await get()).put('sweeps', meta)),
    getMeta: async (runId) => (await (await get()).get('sweeps', runId)) as SweepMeta | undefined,
    async putCell(runId, cell) {
      const cellId = cell.result.cell?.id ?? cell.result.name;
      const row: CellRow = { key: `${runId}/${cellId}`, runId, cellId, cell };
      await (await get()).put('cells', row);
    },
    async cells(runId) {
      const rows = (await (await get()).getAllFromIndex('cells', 'runId', runId)) as CellRow[];
      return rows.map((r) => r.cell);
    },
    runs: async () => (await (await get()).getAllKeys('sweeps')).map(String),
    async clear(runId) {
      const d = await get();
      const tx = d.transaction(['sweeps', 'cells'], 'readwrite');
      await tx.objectStore('sweeps').delete(runId);
      for (const k of await tx.objectStore('cells').index('runId').getAllKeys(runId)) await tx.objectStore('cells').delete(k);
      await tx.done;
    },
  };
}

/** A Map-backed progress store (tests; a page without IndexedDB keeps progress until it closes). */
export function memoryProgressBacking(): ProgressBacking {
  const metas = new Map<string, SweepMeta>();
  const cells = new Map<string, Map<string, FinishedCell>>();
  return {
    putMeta: async (m) => void metas.set(m.runId, m),
    getMeta: async (id) => metas.get(id),
    async putCell(runId, cell) {
      let m = cells.get(runId);
      if (!m) cells.set(runId, (m = new Map()));
      m.set(cell.result.cell?.id ?? cell.result.name, cell);
    },
    cells: async (id) => [...(cells.get(id)?.values() ?? [])],
    runs: async () => [...metas.keys()],
    async clear(id) {
      metas.delete(id);
      cells.delete(id);
    },
  };
}

let backing: ProgressBacking | null = null;

/** The backing in use: IndexedDB where the page has it, else memory. */
export function progressBacking(): ProgressBacking {
  backing ??= typeof indexedDB === 'undefined' ? memoryProgressBacking() : idbBacking();
  return backing;
}

/** Tests: use this backing instead. */
export function setProgressBacking(b: ProgressBacking): void {
  backing = b;
}
