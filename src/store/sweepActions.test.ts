import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { RunOutcome } from '../core/experiment/contract';
import type { FinishedCell, RunExtras, SweepPlan } from '../core/experiment/contract/sweep';
import { presetSpec } from '../core/experiment/presets';
import type { StageResult } from '../core/experiment/results';
import { parseSpec, type ExperimentSpec } from '../core/experiment/spec';
import type { TrainWorkerApi } from '../../workers/train.protocol';

/** A fake training worker: each test sets what `run` and `plan` answer; calls are recorded. */
const fake = vi.hoisted(() => ({
  run: null as null | ((spec: unknown, extras: RunExtras | undefined, onCell: ((c: FinishedCell) => void) | undefined) => Promise<unknown>),
  plan: null as null | ((spec: unknown) => Promise<unknown>),
  runExtras: [] as (RunExtras | undefined)[],
  onnx: [] as unknown[],
  /** Stages whose model the worker holds, and the stages exported from it. */
  stages: [] as string[],
  exported: [] as string[],
}));

vi.mock('../../workers/trainClient', () => {
  const api: Partial<TrainWorkerApi> = {
    validate: (spec) => ({ ok: true, spec: parseSpec(spec) }),
    init: async (pref) => ({ backend: 'wasm', requested: pref }),
    plan: (spec) => fake.plan!(spec) as Promise<SweepPlan>,
    run: (spec, _d, _onEvents, extras, onCell) => {
      fake.runExtras.push(extras);
      return fake.run!(spec, extras, onCell) as Promise<RunOutcome>;
    },
    modelStages: () => fake.stages,
    exportModel: async (stage) => (fake.exported.push(stage), fake.stages.includes(stage) ? { stage, modelTopology: {}, weightSpecs: [], weightData: new ArrayBuffer(4) } : null),
    releaseModels: () => undefined,
    exportOnnx: async (req) => (fake.onnx.push(req), { ok: true, bytes: new Uint8Array([8, 1]) }),
  };
  return {
    Comlink: { proxy: <T>(f: T) => f },
    TrainWorkerCrashError: class extends Error {},
    withTrainWorker: async <T>(fn: (a: typeof api) => Promise<T> | T) => fn(api),
    currentTrainWorker: () => api,
    restartTrainWorker: () => undefined,
  };
});

const { startRun } = await import('./runActions');
const { discardSweep, findResumable, refreshPlan, resumeSweep } = await import('./sweepActions');
const { memoryProgressBacking, setProgressBacking } = await import('./sweepProgress');
const { useSweepStore } = await import('./sweepStore');
const { useExperimentStore } = await import('./experimentStore');
const { useHistoryStore } = await import('./historyStore');
const { exportRunOnnx } = await import('./onnxActions');

/** teaching-quick as a sweep of 2 repeats × budgets ½ and 1. */
function sweepSpec(): ExperimentSpec {
  return { ...presetSpec('teaching-quick'), repeats: 2, labelBudgets: [0.5, 1] };
}

const planOf = (n: number): SweepPlan => ({ repeats: 2, budgets: [0.5, 1], cells: Array.from({ length: n }, (_, i) => ({ id: `c${i}`, stage: 's', kind: 'baseline', repeat: 0, seed: 1, trainRecords: 10, epochs: 1, estSeconds: 1 })), pretrainsToRun: 0, pretrainsCached: 0, estTotalSeconds: n, summary: `${n} cells` });

const cell = (id: string): FinishedCell => ({
  result: { name: id.split('#')[0], cell: { id, repeat: 0, seed: 1 } } as StageResult,
  predictions: { cell: id, stage: id.split('#')[0], repeat: 0, task: 'single-label', classes: ['a', 'b'], ids: ['1'], labels: [0], probs: [[0.9, 0.1]] },
});

const done = (spec: ExperimentSpec): RunOutcome => ({
  ok: true,
  backend: { backend: 'wasm' },
  results: { version: 1, name: spec.name, seed: spec.seed, backend: { backend: 'wasm' }, startedAt: '', finishedAt: '', seconds: 1, sources: {}, leads: ['I'], stages: [], comparison: [], notes: [], epochBase: 1 },
});

let backing = memoryProgressBacking();
beforeEach(() => {
  backing = memoryProgressBacking();
  setProgressBacking(backing);
  fake.run = null;
  fake.plan = async () => planOf(3);
  fake.runExtras = [];
  fake.onnx = [];
  fake.stages = [];
  fake.exported = [];
  useExperimentStore.setState({ spec: sweepSpec(), presetName: 'teaching-quick', status: 'idle', runId: null, error: null, specError: null, results: null });
  useHistoryStore.setState({ runs: [], loaded: true });
  useSweepStore.setState({ plan: null, planError: null, planState: 'idle', resumable: null });
});

describe('refreshPlan', () => {
  it('keeps only the answer to the latest edit, and an error as an error', async () => {
    let release: (p: SweepPlan) => void = () => undefined;
    fake.plan = () => new Promise((r) => (release = r));
    const first = refreshPlan(sweepSpec());
    const releaseFirst = release;
    fake.plan = async () => planOf(7);
    await refreshPlan(sweepSpec());
    releaseFirst(planOf(2));
    await first;
    expect(useSweepStore.getState()).toMatchObject({ planState: 'ready', plan: { summary: '7 cells' } });

    fake.plan = async () => Promise.reject(new Error('labelBudgets[1]: duplicate label budget 0.5'));
    await refreshPlan(sweepSpec());
    expect(useSweepStore.getState()).toMatchObject({ planState: 'error', plan: null, planError: expect.stringContaining('duplicate') });
  });
});

describe('resume bookkeeping', () => {
  it('stores each finished cell as it arrives and the sweep size from the plan; a finished run drops them', async () => {
    let seen: FinishedCell[] = [];
    fake.run = async (spec, _x, onCell) => {
      onCell!(cell('a#r0'));
      onCell!(cell('b#r0#b0.5'));
      const runId = useExperimentStore.getState().runId!;
      await vi.waitFor(async () => expect(await backing.cells(runId)).toHaveLength(2));
      seen = await backing.cells(runId);
      return done(spec as ExperimentSpec);
    };
    await startRun();
    expect(seen.map((c) => c.result.cell?.id)).toEqual(['a#r0', 'b#r0#b0.5']);
    expect(seen[1].predictions?.probs).toEqual([[0.9, 0.1]]);
    expect(useExperimentStore.getState().status).toBe('done');
    expect(await backing.runs()).toEqual([]);
  });

  it('a run stopped after one of three cells is offered for resume, resumes from that cell under the same history entry, and done clears it', async () => {
    fake.run = async (_spec, _x, onCell) => {
      onCell!(cell('a#r0'));
      return { ok: false, error: { code: 'cancelled', message: 'run cancelled' } };
    };
    await startRun();
    const runId = useExperimentStore.getState().runId!;
    // as after a reload: the history marks it interrupted
    await useHistoryStore.getState().patch(runId, { status: 'interrupted' });
    await findResumable();
    expect(useSweepStore.getState().resumable).toEqual({ runId, name: 'teaching-quick', done: 1, total: 3 });

    fake.plan = async () => {
      throw new Error('a resumed run keeps the size it had');
    };
    fake.run = async (spec) => done(spec as ExperimentSpec);
    useExperimentStore.setState({ spec: presetSpec('synthetic-demo') });
    await resumeSweep();
    expect(fake.runExtras[1]?.resume?.cells.map((c) => c.cell?.id)).toEqual(['a#r0']);
    expect(fake.runExtras[1]?.resume?.predictions?.map((p) => p.cell)).toEqual(['a#r0']);
    // the interrupted run's own spec, not the one being edited
    expect(useExperimentStore.getState().spec).toMatchObject({ repeats: 2, labelBudgets: [0.5, 1] });
    expect(useHistoryStore.getState().runs.map((r) => [r.id, r.status])).toEqual([[runId, 'done']]);
    expect(useSweepStore.getState().resumable).toBeNull();
    expect(await backing.runs()).toEqual([]);
  });

  it('no offer for a run with every cell or no cell stored, for a deleted run, or after Discard', async () => {
    useHistoryStore.setState({
      runs: ['all', 'none', 'some'].map((id, i) => ({ id, name: id, presetName: 'p', createdAt: i, updatedAt: i, status: 'interrupted' as const, spec: sweepSpec() })),
    });
    for (const id of ['all', 'none', 'some', 'gone']) await backing.putMeta({ runId: id, totalCells: 2 });
    await backing.putCell('all', cell('a#r0'));
    await backing.putCell('all', cell('b#r0'));
    await backing.putCell('some', cell('a#r0'));
    await backing.putCell('gone', cell('a#r0'));
    await findResumable();
    expect(useSweepStore.getState().resumable).toMatchObject({ runId: 'some', done: 1, total: 2 });
    expect(await backing.runs()).not.toContain('gone');
    await discardSweep();
    expect(useSweepStore.getState().resumable).toBeNull();
    await findResumable();
    expect(useSweepStore.getState().resumable).toBeNull();
  });
});

describe('trained models of a sweep', () => {
  it('each finished cell’s model is stored before the cell’s record; a resumed run keeps the models stored before the reload and stores only the rest', async () => {
    const order: string[] = [];
    const stored = new Map<string, ArrayBuffer>();
    useHistoryStore.setState({
      saveModel: async (m) => {
        order.push(`model ${m.key.split('/')[1]}, cells stored: ${(await backing.cells(m.runId)).length}`);
        stored.set(m.key, m.weightData);
      },
    });
    fake.run = async (_spec, _x, onCell) => {
      fake.stages = ['a'];
      onCell!(cell('a#r0'));
      // a cell whose stage's model the worker does not hold (not its stage's headline cell): no model, still a record
      onCell!(cell('x#r0'));
      const runId = useExperimentStore.getState().runId!;
      await vi.waitFor(async () => expect(await backing.cells(runId)).toHaveLength(2));
      return { ok: false, error: { code: 'cancelled', message: 'run cancelled' } };
    };
    await startRun();
    const runId = useExperimentStore.getState().runId!;
    expect(order).toEqual(['model a, cells stored: 0']);
    expect([...stored.keys()]).toEqual([`${runId}/a`]);

    // after a reload: the new page's worker holds only what it trains now
    await useHistoryStore.getState().patch(runId, { status: 'interrupted' });
    await findResumable();
    fake.exported = [];
    fake.run = async (spec, _x, onCell) => {
      fake.stages = ['b'];
      onCell!(cell('b#r0'));
      return done(spec as ExperimentSpec);
    };
    await resumeSweep();
    expect(useExperimentStore.getState().status).toBe('done');
    expect([...stored.keys()].sort()).toEqual([`${runId}/a`, `${runId}/b`]);
    // stored once when its cell finished, not again when the run was done
    expect(fake.exported).toEqual(['b']);
    expect(await backing.runs()).toEqual([]);
  });
});

describe('exportRunOnnx', () => {
  it('sends the stored model (without its storage keys), the run’s spec and preprocessing to the worker', async () => {
    const spec = sweepSpec();
    const finished = done(spec);
    const results = finished.ok ? finished.results : undefined;
    useHistoryStore.setState({ runs: [{ id: 'r1', name: 'x', presetName: 'p', createdAt: 1, updatedAt: 1, status: 'done', spec, results, models: ['baseline'] }] });
    const stored = { key: 'r1/baseline', runId: 'r1', stage: 'baseline', modelTopology: { t: 1 }, weightSpecs: [], weightData: new ArrayBuffer(8), userDefinedMetadata: {} };
    useHistoryStore.setState({ getModel: async (runId: string, stage: string) => (runId === 'r1' && stage === 'baseline' ? stored : undefined) });
    const out = await exportRunOnnx('r1', 'baseline');
    expect(out).toEqual({ ok: true, bytes: new Uint8Array([8, 1]) });
    expect(fake.onnx).toEqual([{ stage: 'baseline', spec, results: { leads: ['I'], sources: {} }, model: { stage: 'baseline', modelTopology: { t: 1 }, weightSpecs: [], weightData: stored.weightData } }]);
    expect(await exportRunOnnx('r1', 'transfer')).toMatchObject({ ok: false, error: expect.stringContaining('not stored') });
    expect(await exportRunOnnx('nope', 'baseline')).toMatchObject({ ok: false });
  });
});
