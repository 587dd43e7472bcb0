/**
 * Run actions: start, pause, resume and cancel a run in the training worker, keeping the experiment store, the
 * history and the loaded data in step. Validation and training happen in the engine (in the worker); every
 * failure arrives with a code (RunErrorCode) and is shown as such.
 */
import type { EcgDataset } from '../core/data/dataset';
import { datasetInfo } from '../core/data/sharedSamples';
import type { ExperimentSpec, LiveEvent, RunFailure, RunOutcome, Validation } from '../core/experiment/contract';
import type { FinishedCell, ResumeFrom, SweepPlan } from '../core/experiment/contract/sweep';
import { missingDataFailure, withFingerprints } from '../core/experiment/datasetMatch';
import { batchTraces } from '../core/experiment/liveRun';
import { Comlink, TrainWorkerCrashError, currentTrainWorker, restartTrainWorker, withTrainWorker } from '../../workers/trainClient';
import { getDataset, matchLoaded } from './dataStore';
import { useExperimentStore, type RunError } from './experimentStore';
import { useHistoryStore } from './historyStore';
import { runModelSaver, type RunModelSaver } from './runModels';
import { progressBacking } from './sweepProgress';

/** How long a cancel waits for the worker to stop between batches before the worker is terminated. */
export const HARD_CANCEL_MS = 5000;
/** How often the history keeps a snapshot of the live charts while a run trains. */
export const SNAPSHOT_MS = 2000;

export type ResolvedData = { ok: true; datasets: EcgDataset[]; spec: ExperimentSpec } | { ok: false; error: RunFailure };

/**
 * The loaded datasets the spec's imported sources refer to (datasetMatch.ts), and the spec with the chosen data's
 * fingerprint written in (so the run, its history entry and a share link name that data).
 */
export function resolveData(spec: ExperimentSpec): ResolvedData {
  const matches = matchLoaded(spec).map((m) => (m.dataset && !getDataset(m.dataset.id) ? { ...m, dataset: undefined, how: 'missing' as const } : m));
  const missing = missingDataFailure(matches);
  if (missing) return { ok: false, error: missing };
  const datasets = matches.flatMap((m) => {
    const ds = m.dataset && getDataset(m.dataset.id);
    return ds ? [ds] : [];
  });
  return { ok: true, datasets, spec: withFingerprints(spec, matches) };
}

const messageOf = (e: unknown) => (e instanceof Error ? e.message : String(e));

/** A call to the worker that rejected: the worker died, or a call failed outside the engine's coded answers. */
function failureOfClient(e: unknown): RunError {
  return { code: e instanceof TrainWorkerCrashError ? 'worker-crashed' : 'failed', message: messageOf(e) };
}

function fail(runId: string | null, error: RunError): void {
  const s = useExperimentStore.getState();
  s.flushEvents();
  if (error.code === 'invalid-spec') s.setSpecError(error.message);
  if (error.code === 'cancelled') {
    s._setRun({ status: 'cancelled' });
    if (runId) void useHistoryStore.getState().patch(runId, { status: 'cancelled', finishedAt: Date.now(), live: s.live });
    return;
  }
  s._setRun({ status: 'error', error });
  if (runId) void useHistoryStore.getState().patch(runId, { status: 'error', finishedAt: Date.now(), error: error.message, live: s.live });
}

let snapshotTimer: ReturnType<typeof setTimeout> | null = null;
function snapshotSoon(runId: string): void {
  if (snapshotTimer) return;
  snapshotTimer = setTimeout(() => {
    snapshotTimer = null;
    const s = useExperimentStore.getState();
    if (s.runId === runId && (s.status === 'running' || s.status === 'paused')) void useHistoryStore.getState().patch(runId, { live: s.live });
  }, SNAPSHOT_MS);
}

function newRunId(): string {
  return typeof crypto.randomUUID === 'function' ? crypto.randomUUID() : `${Date.now()}-${Math.random().toString(36).slice(2)}`;
}

export interface StartOptions {
  /** Resume an interrupted sweep under its history entry: the runner skips the cells in `from`. */
  resume?: { runId: string; from: ResumeFrom };
}

/**
 * Stores every finished cell as it arrives (IndexedDB), after the sweep's size: first the cell's trained model
 * (runModels.ts), then the cell's record, so a cell a resume skips has its model stored. Failures only warn.
 * `settled` resolves once every cell that arrived so far is stored.
 */
async function trackProgress(
  runId: string,
  spec: ExperimentSpec,
  datasets: EcgDataset[],
  resuming: boolean,
  models: RunModelSaver,
): Promise<{ onCell: (cell: FinishedCell) => void; settled: () => Promise<void> }> {
  const backing = progressBacking();
  try {
    if (!resuming || !(await backing.getMeta(runId))) {
      const plan = await withTrainWorker<SweepPlan>((api) => api.plan(spec, datasets.map(datasetInfo)));
      await backing.putMeta({ runId, totalCells: plan.cells.length });
    }
  } catch (e) {
    console.warn(`sweep progress not tracked: ${messageOf(e)}`);
  }
  let pending: Promise<void> = Promise.resolve();
  return {
    onCell: (cell) => {
      const modelStored = models.afterCell(cell.result.name);
      pending = Promise.all([pending, modelStored])
        .then(() => backing.putCell(runId, cell))
        .catch((e: unknown) => console.warn(`finished cell not stored: ${messageOf(e)}`));
    },
    settled: () => pending,
  };
}

/** Start the current spec (or resume an interrupted sweep). Resolves when the run ends (done, cancelled or failed). */
export async function startRun(opts: StartOptions = {}): Promise<void> {
  const store = useExperimentStore.getState();
  if (store.status === 'running' || store.status === 'starting' || store.status === 'paused' || store.status === 'cancelling') return;
  store._setRun({ status: 'starting', error: null });
  let valid: Validation;
  try {
    valid = await withTrainWorker<Validation>((api) => api.validate(store.spec));
  } catch (e) {
    return fail(null, failureOfClient(e));
  }
  if (!valid.ok) {
    store.setSpecError(valid.error);
    store._setRun({ status: 'error', error: { code: 'invalid-spec', message: `The experiment spec is invalid: ${valid.error}`, ...(valid.path ? { path: valid.path } : {}) } });
    return;
  }
  const data = resolveData(valid.spec);
  if (!data.ok) {
    store._setRun({ status: 'error', error: data.error });
    return;
  }
  const { spec, datasets } = data;
  // A source named without a fingerprint is named by the chosen data's from here on (the preset stays selected).
  if (spec !== valid.spec) store.setSpec(spec, store.specSource, store.presetName);
  const resume = opts.resume;
  const history = useHistoryStore.getState();
  const previous = resume ? history.runs.find((r) => r.id === resume.runId) : undefined;
  const runId = previous ? previous.id : newRunId();
  store.resetLive();
  store.setSpecError(null);
  // The Results panel shows the run that is running, not a saved run someone was looking at.
  history.view(null);
  store._setRun({ status: 'starting', runId, error: null, results: null });
  const now = Date.now();
  if (previous) await history.put({ ...previous, status: 'running', updatedAt: now, error: undefined, finishedAt: undefined, spec });
  else await history.put({ id: runId, name: spec.name || store.presetName, presetName: store.presetName, createdAt: now, updatedAt: now, status: 'running', spec });
  const models = runModelSaver(runId);
  const progress = await trackProgress(runId, spec, datasets, !!previous, models);
  const onCell = Comlink.proxy(progress.onCell);

  const onEvents = Comlink.proxy((evs: LiveEvent[]) => {
    const s = useExperimentStore.getState();
    if (s.runId !== runId) return;
    if (s.status === 'starting') s._setRun({ status: 'running' });
    for (const ev of evs) s.pushEvent(ev);
    if (evs.some((e) => e.type === 'stage-end' || e.type === 'epoch')) snapshotSoon(runId);
    if (stepping === runId && evs.some((e) => e.type === 'epoch')) pauseRun();
  });

  try {
    const backend = await withTrainWorker((api) => api.init(spec.backend));
    useExperimentStore.getState()._setRun({ backend });
    void useHistoryStore.getState().patch(runId, { backend });
    const extras = previous && resume ? { resume: resume.from } : {};
    const out = await withTrainWorker<RunOutcome>((api) => api.run(spec, datasets, onEvents, extras, onCell));
    if (!out.ok) return fail(runId, out.error);
    useExperimentStore.getState().flushEvents();
    // Beside the results, the run keeps only its batch-loss traces (so its saved loss charts stay curves).
    const traces = batchTraces(useExperimentStore.getState().live);
    await useHistoryStore.getState().patch(runId, { status: 'done', finishedAt: Date.now(), results: out.results, backend: out.backend, live: traces, error: undefined });
    // The results hold every cell now: the resume bookkeeping of this run is no longer needed (once the last
    // cells' records are written, so none lands after the clear).
    await progress.settled();
    await progressBacking()
      .clear(runId)
      .catch((e: unknown) => console.warn(`sweep progress not cleared: ${messageOf(e)}`));
    // The trained models are in IndexedDB before the run shows as done: a reload or "Run again" right after "done"
    // (which frees the worker's models) cannot lose them.
    await models.finish();
    useExperimentStore.getState()._setRun({ status: 'done', results: out.results, backend: out.backend });
  } catch (e) {
    fail(runId, failureOfClient(e));
  }
}

/** Set by stepEpoch: the run pauses again as soon as the next epoch has been reported. */
let stepping: string | null = null;

export function pauseRun(): void {
  const s = useExperimentStore.getState();
  stepping = null;
  if (s.status !== 'running') return;
  void currentTrainWorker()?.pause();
  s._setRun({ status: 'paused' });
}

/**
 * Step: from a pause, train one more epoch and pause again (the worker pauses between batches, so it stops at
 * the first batch boundary after the epoch's report arrives).
 */
export function stepEpoch(): void {
  const s = useExperimentStore.getState();
  if (s.status !== 'paused' || !s.runId) return;
  resumeRun();
  stepping = s.runId;
}

export function resumeRun(): void {
  const s = useExperimentStore.getState();
  stepping = null;
  if (s.status !== 'paused') return;
  void currentTrainWorker()?.resume();
  // The next pause is "held" only once the worker says so again.
  s.flushEvents();
  if (useExperimentStore.getState().live.held) useExperimentStore.setState((st) => ({ live: { ...st.live, held: undefined } }));
  s._setRun({ status: 'running' });
}

/** Cancel between batches; if the worker does not answer within HARD_CANCEL_MS (stuck in a long step), it is terminated. */
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
      fail(runId, { code: 'cancelled', message: 'run cancelled' });
    }
  }, HARD_CANCEL_MS);
}

/**
 * Runs a saved experiment again from History: its spec (which names its data by fingerprint) becomes the current
 * spec and starts. Datasets kept on this computer are listed again after a reload and match by that fingerprint,
 * so nothing needs dropping again; when the data is not loaded the run stops with 'dataset-missing' naming it.
 */
export async function rerunSaved(run: { spec: ExperimentSpec; presetName?: string }, opts: { show?: () => void } = {}): Promise<void> {
  const s = useExperimentStore.getState();
  if (s.status === 'running' || s.status === 'starting' || s.status === 'paused' || s.status === 'cancelling') return;
  s.setSpec(run.spec, 'history', run.presetName);
  opts.show?.();
  await startRun();
}
