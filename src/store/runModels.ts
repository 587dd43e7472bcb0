/**
 * A run's trained models into IndexedDB (the history's `models` store), as each finished cell hands its model to
 * the worker, not only when the run is done: a reload, a crash or a cancel then loses no model of a finished
 * stage, and a sweep resumed after a reload keeps the models of the cells finished before it. One save at a time
 * per run, in the order the cells finished; a failed save warns and the run goes on (models are a bonus beside
 * the results).
 */
import { currentTrainWorker } from '../../workers/trainClient';
import { useHistoryStore } from './historyStore';

const messageOf = (e: unknown) => (e instanceof Error ? e.message : String(e));

export interface RunModelSaver {
  /**
   * After a cell finished: stores its stage's model if the worker holds it and it is not stored yet (the worker
   * holds one model per stage, its headline cell's). Resolves when stored (or found absent); never rejects.
   */
  afterCell(stage: string): Promise<void>;
  /** When the run is done: waits for the pending saves, stores the stages not stored yet, then frees the worker's copies. */
  finish(): Promise<void>;
}

export function runModelSaver(runId: string): RunModelSaver {
  const stored = new Set<string>();
  let chain: Promise<void> = Promise.resolve();

  async function store(stage: string): Promise<void> {
    if (stored.has(stage)) return;
    const api = currentTrainWorker();
    if (!api) return;
    if (!(await api.modelStages()).includes(stage)) return;
    const m = await api.exportModel(stage);
    if (!m) return;
    await useHistoryStore.getState().saveModel({ ...m, key: `${runId}/${stage}`, runId });
    stored.add(stage);
  }

  const queue = (job: () => Promise<void>, what: string): Promise<void> =>
    (chain = chain.then(job).catch((e: unknown) => console.warn(`${what}: ${messageOf(e)}`)));

  return {
    afterCell: (stage) => queue(() => store(stage), `trained model of ${stage} not stored`),
    finish: () =>
      queue(async () => {
        const api = currentTrainWorker();
        if (!api) return;
        for (const stage of await api.modelStages()) await store(stage);
        // Stored in IndexedDB: the worker's copies are freed so tfjs memory returns to where it was.
        await api.releaseModels();
      }, 'trained models not stored'),
  };
}
