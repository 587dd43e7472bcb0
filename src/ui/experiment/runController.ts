/**
 * Starts, pauses, resumes and cancels runs in the training worker, and keeps the history in step.
 * UI-side orchestration only: validation and training happen in the engine (in the worker).
 */
import { Comlink, TrainWorkerCrashError, crashTrainWorkerForTest, currentTrainWorker, restartTrainWorker, withTrainWorker } from '../../../workers/trainClient';
import type { LiveEvent, RunResultsLike } from '../results/liveRun';
import { useExperimentStore } from '../../store/experimentStore';
import { useHistoryStore } from '../../store/historyStore';
import { getDataset, useDataStore } from '../../store/dataStore';
import type { EcgDataset } from '../../core/data/dataset';
import { matchRefs, withFingerprints } from '../share/refs';
import { backendPrefOf, specName, validateSpec } from './specAccess';

export class MissingDataError extends Error {
  override name = 'MissingDataError';
}

/**
 * The loaded datasets the spec's imported sources refer to — by fingerprint, else (no fingerprint in the spec, as
 * in the presets) by name, else the only loaded imported dataset that fits — and the spec with the chosen data's
 * fingerprint written in (so the run, its history entry and a share link name that data). Throws naming what to
 * drop when one is missing.
 */
export function resolveData(spec: unknown): { datasets: EcgDataset[]; spec: unknown } {
  const matches = matchRefs(spec, useDataStore.getState().datasets);
  const out: EcgDataset[] = [];
  const missing: string[] = [];
  for (const m of matches) {
    const ds = m.dataset ? getDataset(m.dataset.id) : undefined;
    if (ds) out.push(ds);
    else
      missing.push(
        m.ref.fingerprint
          ? `${m.ref.name} (fingerprint ${m.ref.fingerprint.slice(0, 12)}${m.sameName ? `; the loaded “${m.sameName.name}” has other content, ${m.sameName.fingerprint.slice(0, 12)}` : ''})`
          : m.ref.name,
      );
  }
  if (missing.length) throw new MissingDataError(`Drop these datasets in the Data panel first: ${missing.join(', ')}`);
  return { datasets: out, spec: withFingerprints(spec, matches) };
}

/** The loaded datasets the spec refers to (see resolveData). */
export function datasetsFor(spec: unknown): EcgDataset[] {
  return resolveData(spec).datasets;
}

function isCancel(e: unknown): boolean {
  const err = e as { name?: string; message?: string } | null;
  return err?.name === 'CancelledError' || /cancel/i.test(err?.message ?? '');
}

let snapshotTimer: ReturnType<typeof setTimeout> | null = null;
function snapshotSoon(runId: string): void {
  if (snapshotTimer) return;
  snapshotTimer = setTimeout(() => {
    snapshotTimer = null;
    const s = useExperimentStore.getState();
    if (s.runId === runId && (s.status === 'running' || s.status === 'paused')) void useHistoryStore.getState().patch(runId, { live: s.live });
  }, 2000);
}

/** Start the current spec. Resolves when the run ends (done, cancelled or failed). */
export async function startRun(): Promise<void> {
  const store = useExperimentStore.getState();
  if (store.status === 'running' || store.status === 'starting' || store.status === 'paused' || store.status === 'cancelling') return;
  const history = useHistoryStore.getState();
  store._setRun({ status: 'starting', error: null });
  const valid = await validateSpec(store.spec);
  if (!valid.ok) {
    store.setSpecError(valid.error);
    store._setRun({ status: 'error', error: { message: `The experiment spec is invalid: ${valid.error}`, workerCrashed: false } });
    return;
  }
  let datasets: EcgDataset[];
  let spec: typeof valid.spec;
  try {
    const resolved = resolveData(valid.spec);
    datasets = resolved.datasets;
    spec = resolved.spec as typeof valid.spec;
  } catch (e) {
    store._setRun({ status: 'error', error: { message: (e as Error).message, workerCrashed: false } });
    return;
  }
  // The data chosen for a source named without a fingerprint is now named by it (the preset stays selected).
  if (spec !== valid.spec) store.setSpec(spec, store.specSource, store.presetName);
  const runId = typeof crypto.randomUUID === 'function' ? crypto.randomUUID() : `${Date.now()}-${Math.random().toString(36).slice(2)}`;
  store.resetLive();
  store.setSpecError(null);
  store._setRun({ status: 'starting', runId, error: null, results: null });
  const now = Date.now();
  await history.put({ id: runId, name: specName(spec, store.presetName), presetName: store.presetName, createdAt: now, updatedAt: now, status: 'running', spec });

  const onEvents = Comlink.proxy((evs: LiveEvent[]) => {
    const s = useExperimentStore.getState();
    if (s.runId !== runId) return;
    if (s.status === 'starting') s._setRun({ status: 'running' });
    for (const ev of evs) s.pushEvent(ev);
    if (evs.some((e) => e.type === 'stage-end' || e.type === 'epoch')) snapshotSoon(runId);
  });

  try {
    const backend = await withTrainWorker((api) => api.init(backendPrefOf(spec)));
    useExperimentStore.getState()._setRun({ backend });
    void useHistoryStore.getState().patch(runId, { backend });
    const out = await withTrainWorker((api) => api.run(spec, datasets, onEvents));
    const s = useExperimentStore.getState();
    s.flushEvents();
    await useHistoryStore.getState().patch(runId, { status: 'done', finishedAt: Date.now(), results: out.results as unknown as RunResultsLike, backend: out.backend, live: undefined });
    // The trained models are in IndexedDB before the run shows as done: a reload or "Run again" right after "done"
    // (which frees the worker's models) cannot lose them.
    await saveModels(runId);
    s._setRun({ status: 'done', results: out.results as unknown as RunResultsLike, backend: out.backend });
  } catch (e) {
    const s = useExperimentStore.getState();
    s.flushEvents();
    if (isCancel(e)) {
      s._setRun({ status: 'cancelled' });
      await useHistoryStore.getState().patch(runId, { status: 'cancelled', finishedAt: Date.now(), live: s.live });
    } else {
      const crashed = e instanceof TrainWorkerCrashError;
      const message = e instanceof Error ? e.message : String(e);
      if (/^(version|name|seed|backend|sources|preprocessing|model|training|stages)\b/.test(message)) s.setSpecError(message);
      s._setRun({ status: 'error', error: { message, workerCrashed: crashed } });
      await useHistoryStore.getState().patch(runId, { status: 'error', finishedAt: Date.now(), error: message, live: s.live });
    }
  }
}

async function saveModels(runId: string): Promise<void> {
  try {
    const api = currentTrainWorker();
    if (!api) return;
    for (const stage of await api.modelStages()) {
      const m = await api.exportModel(stage);
      if (m) await useHistoryStore.getState().saveModel({ ...m, key: `${runId}/${stage}`, runId });
    }
    // Stored in IndexedDB now: the worker's copies are freed so tfjs memory returns to where it was.
    await api.releaseModels();
  } catch (e) {
    // models are a bonus: results are already saved
    console.warn(`trained models not stored: ${e instanceof Error ? e.message : String(e)}`);
  }
}

export function pauseRun(): void {
  const s = useExperimentStore.getState();
  if (s.status !== 'running') return;
  void currentTrainWorker()?.pause();
  s._setRun({ status: 'paused' });
}

export function resumeRun(): void {
  const s = useExperimentStore.getState();
  if (s.status !== 'paused') return;
  void currentTrainWorker()?.resume();
  s._setRun({ status: 'running' });
}

/** Cancel between batches; if the worker does not answer within 5 s (stuck in a long step), it is terminated. */
export function cancelRun(): void {
  const s = useExperimentStore.getState();
  if (!['running', 'paused', 'starting'].includes(s.status)) return;
  const runId = s.runId;
  s._setRun({ status: 'cancelling' });
  void currentTrainWorker()?.cancel();
  setTimeout(() => {
    const now = useExperimentStore.getState();
    if (now.runId === runId && now.status === 'cancelling') {
      restartTrainWorker();
      now.flushEvents();
      now._setRun({ status: 'cancelled' });
      if (runId) void useHistoryStore.getState().patch(runId, { status: 'cancelled', finishedAt: Date.now(), live: now.live });
    }
  }, 5000);
}

/** Test and debugging hooks (Playwright reads tfjs memory of the worker through these). */
declare global {
  interface Window {
    __lab?: { trainMemory(): Promise<{ numTensors: number; numBytes: number; backend: string; modelsHeld: number } | null>; crashTrainWorker(): void };
  }
}
if (typeof window !== 'undefined') {
  window.__lab = {
    trainMemory: async () => {
      const api = currentTrainWorker();
      return api ? api.memory() : null;
    },
    crashTrainWorker: crashTrainWorkerForTest,
  };
}
