/**
 * Sweep actions: plan the spec being edited (in the worker, which knows the model cache), find an interrupted
 * sweep with finished cells after a reload, resume it (the runner skips the finished cells) or discard it.
 */
import type { ExperimentSpec } from '../core/experiment/contract';
import { datasetInfo } from '../core/data/sharedSamples';
import type { ResumeFrom, SweepPlan } from '../core/experiment/contract/sweep';
import { withTrainWorker } from '../../workers/trainClient';
import { useExperimentStore } from './experimentStore';
import { useHistoryStore, type HistoryStatus } from './historyStore';
import { resolveData, startRun } from './runActions';
import { progressBacking } from './sweepProgress';
import { useSweepStore } from './sweepStore';

const messageOf = (e: unknown) => (e instanceof Error ? e.message : String(e));
let planSeq = 0;

/** Plans `spec` in the worker; only the answer for the latest call is kept. */
export async function refreshPlan(spec: ExperimentSpec): Promise<void> {
  const seq = ++planSeq;
  const st = useSweepStore.getState();
  st._set({ planState: 'computing' });
  const data = resolveData(spec);
  try {
    const plan = await withTrainWorker<SweepPlan>((api) => api.plan(spec, data.ok ? data.datasets.map(datasetInfo) : []));
    if (seq === planSeq) st._set({ plan, planError: null, planState: 'ready' });
  } catch (e) {
    if (seq === planSeq) st._set({ plan: null, planError: messageOf(e), planState: 'error' });
  }
}

/** Runs a sweep can resume from: cut off by a reload, cancelled, or failed, with finished cells stored. */
const RESUMABLE: readonly HistoryStatus[] = ['interrupted', 'cancelled', 'error'];

/**
 * Looks for the newest run with stored finished cells that did not finish (call after the history loaded):
 * progress of runs that finished or were deleted is dropped.
 */
export async function findResumable(): Promise<void> {
  const backing = progressBacking();
  const runs = useHistoryStore.getState().runs;
  let best: { runId: string; name: string; done: number; total: number; createdAt: number } | null = null;
  try {
    for (const runId of await backing.runs()) {
      const run = runs.find((r) => r.id === runId);
      if (!run || run.status === 'done') {
        await backing.clear(runId);
        continue;
      }
      if (!RESUMABLE.includes(run.status)) continue;
      const meta = await backing.getMeta(runId);
      const done = (await backing.cells(runId)).length;
      if (!meta || done === 0 || done >= meta.totalCells) continue;
      if (!best || run.createdAt > best.createdAt) best = { runId, name: run.name, done, total: meta.totalCells, createdAt: run.createdAt };
    }
  } catch (e) {
    console.warn(`sweep progress unreadable: ${messageOf(e)}`);
  }
  useSweepStore.getState()._set({ resumable: best ? { runId: best.runId, name: best.name, done: best.done, total: best.total } : null });
}

/** The finished cells of a run as the runner resumes from them. */
export async function resumeFromOf(runId: string): Promise<ResumeFrom> {
  const cells = await progressBacking().cells(runId);
  return { cells: cells.map((c) => c.result), predictions: cells.flatMap((c) => (c.predictions ? [c.predictions] : [])) };
}

/** Loads the interrupted sweep's spec and runs it again from its finished cells, under the same history entry. */
export async function resumeSweep(): Promise<void> {
  const r = useSweepStore.getState().resumable;
  if (!r) return;
  const run = useHistoryStore.getState().runs.find((x) => x.id === r.runId);
  if (!run) return discardSweep();
  const from = await resumeFromOf(r.runId);
  useSweepStore.getState()._set({ resumable: null });
  useExperimentStore.getState().setSpec(run.spec, 'history', run.presetName);
  await startRun({ resume: { runId: r.runId, from } });
}

/** Forgets the interrupted sweep's finished cells (its history entry stays, as interrupted). */
export async function discardSweep(): Promise<void> {
  const r = useSweepStore.getState().resumable;
  useSweepStore.getState()._set({ resumable: null });
  if (r) await progressBacking().clear(r.runId);
}
