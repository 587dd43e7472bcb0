/**
 * The plan of a sweep before it runs: its cells (stage × repeat × label budget), which pretrained models are
 * trained once and reused (by every budget and every transfer naming them), which are already in the model
 * cache, and the estimated cost per cell and in total (`describeExperiment`'s per-stage model cost scaled to each
 * cell's training records).
 */
import type { EcgDataset } from '../data/dataset';
import { budgetLabel, isFraction } from '../data/budgets';
import { estimateEpochSeconds, TYPICAL_GFLOPS } from '../ml/summary';
import { describeExperiment } from './describe';
import { pretrainCacheKey } from './run/cacheKey';
import { dependencyOf } from './run/cell';
import { enumerateCells, type CellRef } from './run/cells';
import { resolveImported } from './run/importedData';
import type { RunOptions } from './run/options';
import { DEFAULT_SPLIT, specBudgets, specRepeats, stageTraining, type ExperimentSpec } from './spec';

export interface PlannedCell extends CellRef {
  /** Training records of the cell (budget applied), when the source size is known. */
  trainRecords: number | null;
  epochs: number;
  estSeconds: number | null;
  /** Pretrain cells: the cache key (null when an imported source has no known fingerprint) and whether it is cached. */
  cacheKey?: string | null;
  cached?: boolean;
  /** Pretrain cells: the cells that reuse this model. Transfer/evaluate cells: the cell whose model they use. */
  reusedBy?: string[];
  uses?: string;
}

export interface SweepPlan {
  repeats: number;
  budgets: number[];
  cells: PlannedCell[];
  /** Pretrainings that will really run (not cached), and those taken from the cache. */
  pretrainsToRun: number;
  pretrainsCached: number;
  /** Estimated seconds of the cells still to run (null when a source size is unknown). */
  estTotalSeconds: number | null;
  /** One line for the page and the CLI, e.g. "30 cells (…); 8 pretrainings reused by 40 transfers; …". */
  summary: string;
}

export interface PlanOptions {
  datasets?: RunOptions['datasets'];
  backend?: string;
  gflops?: number;
  /** Keys present in the model cache (the host checks its cache; the plan stays synchronous). */
  cachedKeys?: ReadonlySet<string>;
  /** Ids of cells already finished (a resumed sweep): not counted in the estimate. */
  finished?: ReadonlySet<string>;
}

function datasetRecord(spec: ExperimentSpec, given: RunOptions['datasets']): Record<string, EcgDataset> {
  const out: Record<string, EcgDataset> = {};
  for (const [k, src] of Object.entries(spec.sources)) {
    const d = resolveImported(given, k, src, spec);
    if (d) out[k] = d;
  }
  return out;
}

/** Training records a budget keeps of `nTrain` (the runner's rule; invalid budgets are the runner's error). */
function budgetRecords(b: number | undefined, nTrain: number): number {
  if (b === undefined) return nTrain;
  return isFraction(b) ? Math.round(b * nTrain) : Math.min(b, nTrain);
}

export function planSweep(spec: ExperimentSpec, opts: PlanOptions = {}): SweepPlan {
  const datasets = datasetRecord(spec, opts.datasets);
  const backend = opts.backend ?? 'wasm';
  const rate = opts.gflops ?? TYPICAL_GFLOPS[backend] ?? 1;
  const desc = describeExperiment(spec, datasets, backend, rate);
  const byStage = new Map(desc.stages.map((s) => [s.stage, s]));
  const fp = (key: string) => datasets[key]?.fingerprint;
  const cells: PlannedCell[] = enumerateCells(spec).map((c) => {
    const st = spec.stages.find((s) => s.name === c.stage)!;
    const d = byStage.get(c.stage);
    const uses = dependencyOf(spec, c);
    if (st.kind === 'evaluate' || !d) return { ...c, trainRecords: 0, epochs: 0, estSeconds: 0, ...(uses ? { uses } : {}) };
    const split = spec.sources[st.source].split ?? DEFAULT_SPLIT;
    const nTrain = d.estTrainRecords === null ? null : budgetRecords(c.budget, d.estTrainRecords);
    const nVal = d.sourceRecords === null ? 0 : Math.round(d.sourceRecords * split.val);
    const epochs = stageTraining(spec, st).epochs;
    const cell: PlannedCell = {
      ...c,
      trainRecords: nTrain,
      epochs,
      estSeconds: nTrain === null ? null : estimateEpochSeconds(d.summary.flopsPerSample, nTrain, rate, nVal) * epochs,
      ...(uses ? { uses } : {}),
    };
    if (st.kind === 'pretrain') {
      cell.cacheKey = pretrainCacheKey(spec, st, c.seed, fp);
      cell.cached = !!cell.cacheKey && !!opts.cachedKeys?.has(cell.cacheKey);
      if (cell.cached) cell.estSeconds = 0;
    }
    return cell;
  });
  for (const c of cells) {
    if (!c.uses) continue;
    const dep = cells.find((x) => x.id === c.uses);
    if (dep) (dep.reusedBy ??= []).push(c.id);
  }
  const todo = cells.filter((c) => !opts.finished?.has(c.id));
  const known = todo.every((c) => c.estSeconds !== null);
  const estTotalSeconds = known ? todo.reduce((a, c) => a + (c.estSeconds ?? 0), 0) : null;
  const pre = cells.filter((c) => c.kind === 'pretrain');
  const pretrainsCached = pre.filter((c) => c.cached).length;
  const transfers = cells.filter((c) => c.kind === 'transfer').length;
  const repeats = specRepeats(spec);
  const budgets = specBudgets(spec);
  const parts = [
    `${cells.length} cells (${spec.stages.length} stages × ${repeats} repeat${repeats > 1 ? 's' : ''} × budgets ${budgets.map(budgetLabel).join(', ')})`,
    pre.length ? `${pre.length} pretraining${pre.length > 1 ? 's' : ''} (one per pretrain stage and repeat), reused by ${transfers} transfer cell${transfers === 1 ? '' : 's'}` : '',
    pretrainsCached ? `${pretrainsCached} pretrained model${pretrainsCached > 1 ? 's' : ''} from the cache` : '',
    opts.finished?.size ? `${cells.length - todo.length} cell${cells.length - todo.length === 1 ? '' : 's'} already finished` : '',
    estTotalSeconds === null ? 'cost unknown until the data are loaded' : `est. ${formatDuration(estTotalSeconds)} on ${backend}`,
  ].filter(Boolean);
  return { repeats, budgets, cells, pretrainsToRun: pre.length - pretrainsCached, pretrainsCached, estTotalSeconds, summary: parts.join('; ') };
}

function formatDuration(s: number): string {
  if (s < 90) return `${Math.round(s)} s`;
  if (s < 5400) return `${Math.round(s / 60)} min`;
  return `${(s / 3600).toFixed(1)} h`;
}
