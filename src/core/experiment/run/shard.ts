/**
 * One shard of a sweep, for running it on many machines: the cells are split into N disjoint sets by a
 * deterministic assignment, each shard runs its set (`runShard`) and returns a ShardResults; `mergeShards` (merge.ts)
 * combines them into the RunResults an unsharded run gives.
 *
 * Assignment: the sweep's units — one per repeat × label budget, in run order — go round-robin to the shards
 * (unit k to shard k mod N). A budget-free cell (a pretrain stage, an evaluate of one) belongs to its repeat's
 * first-budget unit. A shard whose transfers start from a pretrain cell another shard owns takes that model from
 * the model cache when it is there and otherwise trains it itself from the same seed — the same weights the owner
 * trains, as the runner is deterministic — and stores it in the cache; its result is recorded by the owner only.
 * No shard ever waits for another, so shards run in any order, in parallel or one after another.
 */
import type { BackendChoice } from '../../ml/backend';
import type { RunResults, StagePredictions, StageResult } from '../results';
import { specBudgets, type ExperimentSpec } from '../spec';
import { prepareBackend } from './backend';
import { canonicalJson, hashText } from './cacheKey';
import { enumerateCells, type CellRef } from './cells';
import { createContext, emitRunError, releaseModels } from './context';
import { runCellLoop, type LoopState } from './loop';
import type { RunOptions } from './options';
import { checkBudgets } from './preflight';
import { sourcesOf } from './results';
import { setupGeometry } from './sources';

export interface ShardRef {
  /** 0-based: 0 … count − 1 (a Slurm array task id, a Kubernetes completion index). */
  index: number;
  count: number;
}

export const SHARD_FORMAT = 'ecg-lab-shard';

/** The result file of one shard: its finished cells and predictions, and what the merge needs to rebuild the notes and sources in run order. */
export interface ShardResults {
  format: typeof SHARD_FORMAT;
  version: 1;
  /** `specHash` of the spec the shard ran: every shard of one sweep has the same. */
  specHash: string;
  shard: ShardRef;
  spec: ExperimentSpec;
  backend: BackendChoice;
  startedAt: string;
  finishedAt: string;
  seconds: number;
  leads: string[];
  sources: RunResults['sources'];
  /** The shard's cells (run order) and their predictions. */
  cells: StageResult[];
  predictions: StagePredictions[];
  /**
   * The notes and source keys that first appeared before the first cell ("") or while a cell of the shard ran
   * (by cell id; a dependency trained again counts as the cell that needed it): the merge keeps each at its
   * earliest cell, which is where an unsharded run meets it.
   */
  firsts: Record<string, { notes: string[]; sources: string[] }>;
}

/** The sweep's units (repeat × label budget) in run order, as "r|b". */
function unitOf(spec: ExperimentSpec, c: Pick<CellRef, 'repeat' | 'budget'>): string {
  return `${c.repeat}|${c.budget ?? specBudgets(spec)[0]}`;
}

/** The shard (0 … count − 1) each cell of the sweep belongs to, by cell id. */
export function shardAssignment(spec: ExperimentSpec, count: number): Map<string, number> {
  const units = new Map<string, number>();
  const out = new Map<string, number>();
  for (const c of enumerateCells(spec)) {
    const u = unitOf(spec, c);
    if (!units.has(u)) units.set(u, units.size % count);
    out.set(c.id, units.get(u)!);
  }
  return out;
}

/** The cells of one shard, in run order. */
export function shardCells(spec: ExperimentSpec, shard: ShardRef): CellRef[] {
  const a = shardAssignment(spec, shard.count);
  return enumerateCells(spec).filter((c) => a.get(c.id) === shard.index);
}

/** A hash of the spec as far as results go: the imported sources' local paths are left out (they differ between machines). */
export function specHash(spec: ExperimentSpec): string {
  const sources = Object.fromEntries(Object.entries(spec.sources).map(([k, s]) => [k, s.kind === 'imported' ? { ...s, paths: undefined } : s]));
  return hashText(canonicalJson({ ...spec, sources }));
}

export async function runShard(spec: ExperimentSpec, opts: RunOptions, shard: ShardRef): Promise<ShardResults> {
  if (!Number.isInteger(shard.count) || shard.count < 1 || !Number.isInteger(shard.index) || shard.index < 0 || shard.index >= shard.count) {
    throw new Error(`shard ${shard.index}/${shard.count}: the index must be an integer from 0 to ${shard.count - 1}`);
  }
  const ctx = createContext(spec, opts);
  const t0 = performance.now();
  const startedAt = new Date().toISOString();
  const all = enumerateCells(spec);
  const mine = shardCells(spec, shard);
  const state: LoopState = { finished: new Map(), predictions: new Map() };
  const firsts: ShardResults['firsts'] = {};
  let seenNotes = 0;
  const seenSources = new Set<string>();
  const record = (id: string) => {
    const sources = [...ctx.data.keys()].filter((k) => !seenSources.has(k));
    sources.forEach((k) => seenSources.add(k));
    const notes = ctx.notes.slice(seenNotes);
    seenNotes = ctx.notes.length;
    if (notes.length || sources.length) firsts[id] = { notes, sources };
  };
  try {
    const backend = await prepareBackend(spec, opts, ctx.notes);
    ctx.emit({ type: 'run-start', name: spec.name, backend, stages: spec.stages.map((s) => ({ name: s.name, kind: s.kind })) });
    ctx.emit({ type: 'log', level: 'info', message: `shard ${shard.index}/${shard.count}: ${mine.length} of ${all.length} cells` });
    await setupGeometry(ctx);
    // every cell's budgets, as an unsharded run checks them: the same splits, notes and loaded sources before the first cell
    await checkBudgets(ctx, all);
    record('');
    await runCellLoop(ctx, mine, state, (c) => record(c.id));
    return {
      format: SHARD_FORMAT,
      version: 1,
      specHash: specHash(spec),
      shard,
      spec,
      backend,
      startedAt,
      finishedAt: new Date().toISOString(),
      seconds: (performance.now() - t0) / 1000,
      leads: ctx.geometry?.leadNames ?? [],
      sources: sourcesOf(ctx),
      cells: mine.map((c) => state.finished.get(c.id)!),
      predictions: mine.flatMap((c) => state.predictions.get(c.id) ?? []),
      firsts,
    };
  } catch (e) {
    emitRunError(ctx, e, state.currentStage);
    throw e;
  } finally {
    releaseModels(ctx);
  }
}
