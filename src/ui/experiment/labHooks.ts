/**
 * Test and debugging hooks on `window.__lab` (Playwright reads the training worker's tfjs memory and how the
 * page holds each dataset's samples through these).
 */
import type { WorkerMemory } from '../../core/experiment/contract';
import { crashTrainWorkerForTest, currentTrainWorker } from '../../../workers/trainClient';
import { getDataset, useDataStore } from '../../store/dataStore';

/** How the page holds a loaded dataset's samples: in shared memory (one copy for the page and the workers) or not. */
export interface DatasetSamples {
  id: string;
  shared: boolean;
  bytes: number;
}

declare global {
  interface Window {
    __lab?: { trainMemory(): Promise<WorkerMemory | null>; crashTrainWorker(): void; datasetSamples(): DatasetSamples[] };
  }
}

export function installLabHooks(): void {
  if (typeof window === 'undefined' || window.__lab) return;
  window.__lab = {
    trainMemory: async () => {
      const api = currentTrainWorker();
      return api ? api.memory() : null;
    },
    crashTrainWorker: crashTrainWorkerForTest,
    datasetSamples: () =>
      useDataStore.getState().datasets.flatMap((d) => {
        const x = getDataset(d.id)?.x;
        return x ? [{ id: d.id, shared: typeof SharedArrayBuffer === 'function' && x.buffer instanceof SharedArrayBuffer, bytes: x.byteLength }] : [];
      }),
  };
}
