/**
 * Runs an ExperimentSpec: prepares data sources, executes its cells (stage × repeat × label budget; a plain spec
 * has one cell per stage) in order, streams RunEvents and returns RunResults. The same code runs in the lab's
 * worker and in `cli run`. Imported data is supplied by the host (`datasets`); synthetic data is generated here.
 * Stage runners: run/stages/; one cell: run/cell.ts; cells and seeds: run/cells.ts; results: run/results.ts.
 */
import { CancelledError, RunControl } from '../ml/control';
import type { RunResults, StagePredictions, StageResult } from './results';
import { prepareBackend } from './run/backend';
import { enumerateCells, isHeadline } from './run/cells';
import { createContext, emitRunError, releaseModels } from './run/context';
import { runCellLoop, type LoopState } from './run/loop';
import type { RunOptions } from './run/options';
import { buildResults, compareStages } from './run/results';
import { checkBudgets } from './run/preflight';
import { setupGeometry } from './run/sources';
import type { ExperimentSpec } from './spec';

export type { RunOptions };

export async function runExperiment(spec: ExperimentSpec, opts: RunOptions = {}): Promise<RunResults> {
  const ctx = createContext(spec, opts);
  const t0 = performance.now();
  const startedAt = new Date().toISOString();
  const cells = enumerateCells(spec);
  const known = new Set(cells.map((c) => c.id));
  const state: LoopState = { finished: new Map<string, StageResult>(), predictions: new Map<string, StagePredictions>() };
  const { finished, predictions } = state;
  for (const r of opts.resume?.cells ?? []) if (r.cell && known.has(r.cell.id)) finished.set(r.cell.id, r);
  for (const p of opts.resume?.predictions ?? []) if (finished.has(p.cell)) predictions.set(p.cell, p);
  try {
    const backend = await prepareBackend(spec, opts, ctx.notes);
    ctx.emit({ type: 'run-start', name: spec.name, backend, stages: spec.stages.map((s) => ({ name: s.name, kind: s.kind })) });
    if (finished.size) ctx.emit({ type: 'log', level: 'info', message: `resuming: ${finished.size} of ${cells.length} cells already finished` });
    await setupGeometry(ctx);
    await checkBudgets(ctx, cells.filter((c) => !finished.has(c.id)));
    await runCellLoop(ctx, cells, state);
    const all = cells.map((c) => finished.get(c.id)!);
    const results = buildResults(ctx, {
      backend,
      startedAt,
      t0,
      stages: cells.filter((c) => isHeadline(spec, c)).map((c) => finished.get(c.id)!),
      cells: all,
      predictions: cells.flatMap((c) => predictions.get(c.id) ?? []),
    });
    ctx.emit({ type: 'done', results });
    return results;
  } catch (e) {
    emitRunError(ctx, e, state.currentStage);
    throw e;
  } finally {
    releaseModels(ctx);
  }
}

export { compareStages, RunControl, CancelledError };
