/** The train/val/test split of a training stage: one per source and task, shared by every stage that trains on it. */
import type { EcgDataset } from '../../../data/dataset';
import { seedForTask } from '../../../ml/random';
import { classIndex, eligibleOnly, prepareTask, type TaskSpec } from '../../../ml/task';
import { DEFAULT_SPLIT } from '../../spec';
import { splitDataset, type SplitResult, type Strata } from '../../split';
import type { RunContext } from '../context';

/** Stratum per record: class index (single-label), label-set key (multi-label), none for regression. */
export function taskStrata(ds: EcgDataset, taskSpec: TaskSpec): Strata {
  if (taskSpec.kind === 'regression') return null;
  const probe = prepareTask(ds, taskSpec, []);
  return taskSpec.kind === 'multi-label'
    ? Array.from({ length: ds.n }, (_, r) => probe.y.subarray(r * probe.nOut, (r + 1) * probe.nOut).join(''))
    : Int32Array.from({ length: ds.n }, (_, r) => classIndex(probe, r));
}

/** Splits are per source, task and repeat seed. */
export function splitKey(source: string, taskSpec: TaskSpec, seed: number): string {
  return `${source}|${JSON.stringify(taskSpec)}|${seed}`;
}

/** The split of `source` for the task (made once with the run's split seed, then reused; a fallback note is a warning). */
export function trainingSplit(ctx: RunContext, source: string, ds: EcgDataset, taskSpec: TaskSpec, seed: number): SplitResult {
  const key = splitKey(source, taskSpec, seed);
  const have = ctx.splits.get(key);
  if (have) return have;
  const probe = prepareTask(ds, taskSpec, []);
  const eligible = eligibleOnly(Int32Array.from({ length: ds.n }, (_, i) => i), probe);
  const splitSpec = ctx.spec.sources[source].split ?? DEFAULT_SPLIT;
  const sp = splitDataset(ds, eligible, taskStrata(ds, taskSpec), splitSpec, seedForTask(seed, `split:${source}`));
  ctx.splits.set(key, sp);
  if (sp.note) ctx.warn(`source "${source}": ${sp.note}`);
  return sp;
}
