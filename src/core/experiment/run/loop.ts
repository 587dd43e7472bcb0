/**
 * The cell loop shared by a whole run (`runExperiment`) and one shard of it (`runShard`): runs the given cells in
 * order (skipping finished ones), keeps each model only while a later cell of the list needs it, and emits
 * `stage-end` per cell. A dependency outside the list (a resumed cell, another shard's pretrain cell) comes from
 * the cache or is trained again from the same seed (`runCell`).
 */
import type { StagePredictions, StageResult } from '../results';
import type { ExperimentSpec } from '../spec';
import { dependencyOf, runCell } from './cell';
import { isHeadline, type CellRef } from './cells';
import { dropModel, type RunContext } from './context';

/** Ids of the cells `todo` still needs models of. */
function neededBy(spec: ExperimentSpec, todo: CellRef[]): Set<string> {
  return new Set(todo.flatMap((c) => dependencyOf(spec, c) ?? []));
}

export interface LoopState {
  finished: Map<string, StageResult>;
  predictions: Map<string, StagePredictions>;
  /** The stage of the cell running now (for the error event). */
  currentStage?: string;
}

export async function runCellLoop(ctx: RunContext, cells: CellRef[], state: LoopState, afterCell?: (c: CellRef) => void): Promise<void> {
  const { spec } = ctx;
  for (let i = 0; i < cells.length; i++) {
    const c = cells[i];
    if (state.finished.has(c.id)) continue;
    state.currentStage = c.stage;
    await ctx.control.checkpoint(0);
    const todo = cells.slice(i + 1).filter((x) => !state.finished.has(x.id));
    const needed = neededBy(spec, todo);
    const out = await runCell(ctx, c, { index: i, total: cells.length }, { needed: (id) => needed.has(id), handOver: isHeadline(spec, c) });
    state.finished.set(c.id, out.result);
    if (out.predictions) state.predictions.set(c.id, out.predictions);
    for (const id of [...ctx.trained.keys()]) if (!needed.has(id)) dropModel(ctx, id);
    ctx.emit({ type: 'stage-end', stage: c.stage, result: out.result, ...(out.predictions ? { predictions: out.predictions } : {}) });
    afterCell?.(c);
  }
  state.currentStage = undefined;
}
