import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { LiveEvent, RunOutcome } from '../core/experiment/contract';
import { presetSpec } from '../core/experiment/presets';
import { parseSpec, type ExperimentSpec } from '../core/experiment/spec';
import { summarize } from '../core/data/summary';
import { toyDataset } from '../core/ml/toyDataset';
import type { TrainWorkerApi } from '../../workers/train.protocol';

/** A fake training worker: each test sets what `run` answers. */
const fake = vi.hoisted(() => {
  class TrainWorkerCrashError extends Error {
    override name = 'TrainWorkerCrashError';
  }
  const state = {
    run: null as null | ((spec: unknown, datasets: unknown[], onEvents: (evs: unknown[]) => void) => Promise<unknown>),
    crash: false,
    /** The datasets the last plan() call got. */
    planned: [] as unknown[],
    calls: [] as string[],
    restarted: 0,
  };
  return { state, TrainWorkerCrashError };
});

vi.mock('../../workers/trainClient', () => {
  const api: Partial<TrainWorkerApi> = {
    validate: (spec) => {
      try {
        return { ok: true, spec: parseSpec(spec) };
      } catch (e) {
        return { ok: false, error: (e as Error).message, path: (e as { path?: string }).path };
      }
    },
    plan: async (_spec, datasets) => ((fake.state.planned = datasets), { repeats: 1, budgets: [1], cells: [], pretrainsToRun: 0, pretrainsCached: 0, estTotalSeconds: 0, summary: '' }),
    init: async (pref) => (fake.state.calls.push(`init:${pref}`), { backend: 'wasm', requested: pref }),
    run: (spec, datasets, onEvents) => fake.state.run!(spec, datasets, onEvents as (evs: unknown[]) => void) as Promise<RunOutcome>,
    modelStages: () => ['baseline'],
    exportModel: async (stage) => ({ stage, modelTopology: {}, weightSpecs: [], weightData: new ArrayBuffer(4) }),
    releaseModels: () => void fake.state.calls.push('release'),
    pause: () => void fake.state.calls.push('pause'),
    resume: () => void fake.state.calls.push('resume'),
    cancel: () => void fake.state.calls.push('cancel'),
  };
  return {
    Comlink: { proxy: <T>(f: T) => f },
    TrainWorkerCrashError: fake.TrainWorkerCrashError,
    withTrainWorker: async <T>(fn: (a: typeof api) => Promise<T> | T) => {
      if (fake.state.crash) throw new fake.TrainWorkerCrashError('The training worker crashed: out of memory?');
      return fn(api);
    },
    currentTrainWorker: () => api,
    restartTrainWorker: () => void fake.state.restarted++,
  };
});

const { cancelRun, pauseRun, rerunSaved, resolveData, resumeRun, startRun, stepEpoch, HARD_CANCEL_MS } = await import('./runActions');
const { useExperimentStore } = await import('./experimentStore');
const { useHistoryStore } = await import('./historyStore');
const { registerDataset, setKeptBacking, useDataStore } = await import('./dataStore');
const { memoryBacking } = await import('../core/data/keptDataset');

const results = (spec: ExperimentSpec): RunOutcome => ({
  ok: true,
  backend: { backend: 'wasm', requested: 'wasm', measured: 'm' },
  results: { version: 1, name: spec.name, seed: spec.seed, backend: { backend: 'wasm' }, startedAt: '', finishedAt: '', seconds: 1, sources: {}, leads: [], stages: [], comparison: [], notes: [], epochBase: 1 },
});

/** teaching-quick with its `morph` source replaced by imported LUDB-like data. */
function importedSpec(fingerprint?: string): ExperimentSpec {
  const s = presetSpec('teaching-quick');
  s.sources.morph = { kind: 'imported', name: 'toy', ...(fingerprint ? { fingerprint } : {}) };
  return s;
}

function loadToy(name = 'toy') {
  const ds = toyDataset(12, 7);
  ds.source = 'imported';
  ds.name = name;
  ds.classes = ['normal', 'sinus_brady', 'sinus_tachy', 'bbb'];
  ds.y = new Uint8Array(12 * 4).map((_, i) => (i % 4 === 0 ? 1 : 0));
  registerDataset(ds, summarize(ds));
  return ds;
}

beforeEach(() => {
  fake.state.run = null;
  fake.state.crash = false;
  fake.state.calls = [];
  fake.state.restarted = 0;
  useExperimentStore.setState({ spec: presetSpec('teaching-quick'), status: 'idle', runId: null, error: null, specError: null, results: null, backend: null });
  useHistoryStore.setState({ runs: [] });
  useDataStore.setState({ datasets: [] });
});
afterEach(() => {
  vi.useRealTimers();
});

describe('startRun', () => {
  it('an invalid spec fails with invalid-spec and the field, and starts nothing', async () => {
    useExperimentStore.setState({ spec: { ...presetSpec('teaching-quick'), seed: -1 } });
    await startRun();
    const s = useExperimentStore.getState();
    expect(s.status).toBe('error');
    expect(s.error).toMatchObject({ code: 'invalid-spec', path: 'seed' });
    expect(s.specError).toMatch(/^seed/);
    expect(fake.state.calls).toEqual([]);
    expect(useHistoryStore.getState().runs).toEqual([]);
  });

  it('missing imported data fails with dataset-missing; a dataset of that name with other content with fingerprint-mismatch', async () => {
    useExperimentStore.setState({ spec: importedSpec('abcdef123456789') });
    await startRun();
    expect(useExperimentStore.getState().error).toMatchObject({ code: 'dataset-missing', message: expect.stringContaining('toy (fingerprint abcdef123456)') });
    loadToy();
    await startRun();
    expect(useExperimentStore.getState().error?.code).toBe('fingerprint-mismatch');
    expect(fake.state.calls).toEqual([]);
  });

  it('a finished run is recorded in the history with its results and backend; the models are stored and released', async () => {
    const events: LiveEvent[] = [{ type: 'plan', stages: [{ name: 'baseline', kind: 'baseline' }] }, { type: 'stage-start', stage: 'baseline', kind: 'baseline', epochs: 1 }];
    fake.state.run = async (spec, _d, onEvents) => {
      onEvents(events);
      return results(spec as ExperimentSpec);
    };
    await startRun();
    const s = useExperimentStore.getState();
    expect(s.status).toBe('done');
    expect(s.backend).toEqual({ backend: 'wasm', requested: 'wasm', measured: 'm' });
    expect(s.live.stages.map((x) => [x.name, x.status])).toEqual([['baseline', 'running']]);
    const [run] = useHistoryStore.getState().runs;
    expect(run).toMatchObject({ id: s.runId, status: 'done', name: 'teaching-quick', backend: { backend: 'wasm' }, results: { name: 'teaching-quick' } });
    expect(fake.state.calls).toEqual(['init:auto', 'release']);
  });

  it('a source named without a fingerprint gets the chosen data’s, in the store and the run', async () => {
    const ds = loadToy('toy');
    useExperimentStore.setState({ spec: importedSpec() });
    let sent: unknown[] = [];
    fake.state.run = async (spec, datasets) => ((sent = datasets), results(spec as ExperimentSpec));
    await startRun();
    expect(useExperimentStore.getState().spec?.sources.morph).toMatchObject({ fingerprint: ds.fingerprint });
    expect(sent).toEqual([ds]);
    // The sweep's plan gets the dataset without its samples; only the run gets them.
    expect(fake.state.planned).toHaveLength(1);
    expect(fake.state.planned[0]).not.toHaveProperty('x');
    expect(fake.state.planned[0]).toMatchObject({ id: ds.id, n: ds.n, fingerprint: ds.fingerprint, classes: ds.classes });
    expect(resolveData(importedSpec())).toMatchObject({ ok: true, datasets: [ds] });
  });

  it('the worker’s coded failures set the status: cancelled, out-of-memory, worker-crashed', async () => {
    fake.state.run = async () => ({ ok: false, error: { code: 'cancelled', message: 'run cancelled' } });
    await startRun();
    expect(useExperimentStore.getState()).toMatchObject({ status: 'cancelled', error: null });
    expect(useHistoryStore.getState().runs[0].status).toBe('cancelled');

    fake.state.run = async () => ({ ok: false, error: { code: 'out-of-memory', message: 'out of memory in stage baseline: x', stage: 'baseline' } });
    await startRun();
    expect(useExperimentStore.getState()).toMatchObject({ status: 'error', error: { code: 'out-of-memory' } });
    expect(useHistoryStore.getState().runs[0]).toMatchObject({ status: 'error', error: 'out of memory in stage baseline: x' });

    fake.state.crash = true;
    await startRun();
    expect(useExperimentStore.getState().error).toMatchObject({ code: 'worker-crashed', message: expect.stringContaining('crashed') });
  });
});

describe('rerunSaved (History: Re-run)', () => {
  it('a dataset kept on this computer, listed again after a reload, feeds the saved spec by fingerprint', async () => {
    const ds = toyDataset(12, 4242);
    ds.source = 'imported';
    ds.name = 'toy';
    ds.classes = ['normal', 'sinus_brady', 'sinus_tachy', 'bbb'];
    ds.y = new Uint8Array(12 * 4).map((_, i) => (i % 4 === 0 ? 1 : 0));
    const backing = memoryBacking<import('./dataStore').DatasetMeta>();
    await backing.put({ id: ds.id, savedAt: 1, bytes: ds.x.byteLength, dataset: ds, meta: { ...summarize(ds), kind: 'imported', createdAt: 1 } });
    setKeptBacking(backing);
    try {
      // the page after a reload: nothing loaded until the kept datasets are listed
      expect(useDataStore.getState().datasets).toEqual([]);
      expect(await useDataStore.getState().restoreKept()).toBe(1);
      let sent: unknown[] = [];
      fake.state.run = async (spec, datasets) => ((sent = datasets), results(spec as ExperimentSpec));
      let shown = 0;
      await rerunSaved({ spec: importedSpec(ds.fingerprint), presetName: 'teaching-quick' }, { show: () => void shown++ });
      expect(useExperimentStore.getState().status).toBe('done');
      expect(shown).toBe(1);
      expect(sent).toHaveLength(1);
      expect((sent[0] as { fingerprint: string }).fingerprint).toBe(ds.fingerprint);
      expect(useExperimentStore.getState().spec?.sources.morph).toMatchObject({ fingerprint: ds.fingerprint });
      // without the kept copy (forgotten, page reloaded) the same re-run names the missing data
      useDataStore.setState({ datasets: [] });
      await rerunSaved({ spec: importedSpec('0123456789abcdef'), presetName: 'teaching-quick' });
      expect(useExperimentStore.getState().error).toMatchObject({ code: 'dataset-missing' });
    } finally {
      setKeptBacking(null);
    }
  });
});

describe('pause, resume, cancel', () => {
  it('pause and resume act only in the matching state', () => {
    resumeRun();
    expect(fake.state.calls).toEqual([]);
    useExperimentStore.setState({ status: 'running' });
    pauseRun();
    expect(useExperimentStore.getState().status).toBe('paused');
    resumeRun();
    expect(useExperimentStore.getState().status).toBe('running');
    expect(fake.state.calls).toEqual(['pause', 'resume']);
  });

  it('step (one epoch): from a pause, resumes and pauses again once the next epoch is reported', async () => {
    let send: (evs: LiveEvent[]) => void = () => undefined;
    let finish: () => void = () => undefined;
    fake.state.run = (spec, _d, onEvents) =>
      new Promise((resolve) => {
        send = onEvents as (evs: LiveEvent[]) => void;
        finish = () => resolve(results(spec as ExperimentSpec));
      });
    const done = startRun();
    await vi.waitFor(() => expect(fake.state.calls).toContain('init:auto'));
    send([{ type: 'stage-start', stage: 'baseline', kind: 'baseline', epochs: 3 }]);
    stepEpoch(); // running, not paused: nothing to step
    expect(fake.state.calls).not.toContain('resume');
    pauseRun();
    stepEpoch();
    expect(useExperimentStore.getState().status).toBe('running');
    send([{ type: 'batch', stage: 'baseline', epoch: 1, batch: 2, batches: 4 }]);
    expect(useExperimentStore.getState().status).toBe('running');
    send([{ type: 'epoch', stage: 'baseline', epoch: 1, loss: 0.5 }]);
    expect(useExperimentStore.getState().status).toBe('paused');
    send([{ type: 'held' }]);
    useExperimentStore.getState().flushEvents();
    expect(useExperimentStore.getState().live.held).toBe(true);
    // The next epoch does not pause a run that was resumed normally; a resumed run is no longer held.
    resumeRun();
    expect(useExperimentStore.getState().live.held).toBeUndefined();
    send([{ type: 'epoch', stage: 'baseline', epoch: 2, loss: 0.4 }]);
    expect(useExperimentStore.getState().status).toBe('running');
    expect(fake.state.calls.filter((c) => c === 'pause' || c === 'resume')).toEqual(['pause', 'resume', 'pause', 'resume']);
    finish();
    await done;
    expect(useExperimentStore.getState().status).toBe('done');
  });

  it('starting a run shows it live: a saved run viewed in Results is put away', async () => {
    useHistoryStore.setState({ viewingId: 'old-run' });
    fake.state.run = async (spec) => results(spec as ExperimentSpec);
    await startRun();
    expect(useHistoryStore.getState().viewingId).toBeNull();
  });

  it('a cancel the worker does not answer stops the worker after HARD_CANCEL_MS', async () => {
    vi.useFakeTimers();
    fake.state.run = () => new Promise(() => undefined); // stuck in a long step
    void startRun();
    await vi.waitFor(() => expect(fake.state.calls).toContain('init:auto'));
    cancelRun();
    expect(useExperimentStore.getState().status).toBe('cancelling');
    expect(fake.state.calls).toContain('cancel');
    vi.advanceTimersByTime(HARD_CANCEL_MS - 1);
    expect(fake.state.restarted).toBe(0);
    vi.advanceTimersByTime(1);
    expect(fake.state.restarted).toBe(1);
    expect(useExperimentStore.getState().status).toBe('cancelled');
  });
});
