/**
 * Runs an ExperimentSpec: prepares data sources, executes the stages in order (pretrain, transfer, baseline,
 * evaluate), streams RunEvents and returns RunResults. The same code runs in the lab's worker and in `cli run`.
 * Imported data is supplied by the host (`datasets`, keyed by source name); synthetic data is generated here.
 * The stage runners live in run/stages/, the results builder in run/results.ts.
 */
import { CancelledError, RunControl } from '../ml/control';
import type { RunResults, StageResult } from './results';
import { prepareBackend } from './run/backend';
import { createContext, releaseModels, settleModel, type RunContext, type StagePosition } from './run/context';
import type { RunOptions } from './run/options';
import { buildResults, compareStages } from './run/results';
import { setupGeometry } from './run/sources';
import { runBaseline } from './run/stages/baseline';
import { runEvaluate } from './run/stages/evaluate';
import { runPretrain } from './run/stages/pretrain';
import { runTransfer } from './run/stages/transfer';
import type { TrainedStage } from './run/stages/train';
import type { ExperimentSpec, StageSpec } from './spec';

export type { RunOptions };

/** Whether a later stage needs this stage's trained model (a pretrain for transfers, any for an evaluate). */
function neededLater(spec: ExperimentSpec, st: StageSpec): boolean {
  return st.kind === 'pretrain' || spec.stages.some((o) => o.kind === 'evaluate' && o.from === st.name);
}

/** Runs one stage; a training stage's model is handed over, kept or freed. */
async function runStage(ctx: RunContext, st: StageSpec, position: StagePosition): Promise<StageResult> {
  const seed = ctx.spec.seed;
  if (st.kind === 'evaluate') return runEvaluate(ctx, st, ctx.trained.get(st.from), position, seed);
  let done: TrainedStage;
  if (st.kind === 'pretrain') done = await runPretrain(ctx, st, position, seed);
  else if (st.kind === 'transfer') done = await runTransfer(ctx, st, ctx.trained.get(st.from)?.model, position, seed);
  else done = await runBaseline(ctx, st, position, seed);
  settleModel(ctx, st.name, st, done.model, done.task, neededLater(ctx.spec, st));
  return done.result;
}

export async function runExperiment(spec: ExperimentSpec, opts: RunOptions = {}): Promise<RunResults> {
  const ctx = createContext(spec, opts);
  const t0 = performance.now();
  const startedAt = new Date().toISOString();
  const stages: StageResult[] = [];
  let currentStage: string | undefined;
  try {
    const backend = await prepareBackend(spec, opts, ctx.notes);
    ctx.emit({ type: 'run-start', name: spec.name, backend, stages: spec.stages.map((s) => ({ name: s.name, kind: s.kind })) });
    await setupGeometry(ctx);
    for (let si = 0; si < spec.stages.length; si++) {
      const st = spec.stages[si];
      currentStage = st.name;
      await ctx.control.checkpoint(0);
      const res = await runStage(ctx, st, { index: si, total: spec.stages.length });
      stages.push(res);
      ctx.emit({ type: 'stage-end', stage: st.name, result: res });
    }
    currentStage = undefined;
    const results = buildResults(ctx, { backend, startedAt, t0, stages });
    ctx.emit({ type: 'done', results });
    return results;
  } catch (e) {
    const cancelled = e instanceof CancelledError;
    ctx.emit({ type: 'error', message: e instanceof Error ? e.message : String(e), cancelled, ...(currentStage ? { stage: currentStage } : {}) });
    throw e;
  } finally {
    releaseModels(ctx);
  }
}

export { compareStages, RunControl, CancelledError };
