/** Test and debugging hooks on `window.__lab` (Playwright reads the training worker's tfjs memory through these). */
import type { WorkerMemory } from '../../core/experiment/contract';
import { crashTrainWorkerForTest, currentTrainWorker } from '../../../workers/trainClient';

declare global {
  interface Window {
    __lab?: { trainMemory(): Promise<WorkerMemory | null>; crashTrainWorker(): void };
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
  };
}
