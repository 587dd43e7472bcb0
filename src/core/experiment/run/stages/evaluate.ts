/** Evaluate stage: a trained model of an earlier stage on a source's test split or on all of its labelled records. */
import { evaluateModel } from '../../../ml/evaluate';
import { seedForTask } from '../../../ml/random';
import type { EcgDataset } from '../../../data/dataset';
import { eligibleOnly, prepareTask, type PreparedTask } from '../../../ml/task';
import { flatMetrics, type StageResult } from '../../results';
import { DEFAULT_SPLIT, type StageSpec } from '../../spec';
import { splitDataset, splitInfo, type SplitResult } from '../../split';
import type { RunContext, StagePosition, TrainedModel } from '../context';
import { batchFor, loadSource } from '../sources';
import { testExtras } from './extras';
import { splitKey } from './split';
import { modelInfo } from './train';

export interface EvaluatedStage {
  result: StageResult;
  ds: EcgDataset;
  task: PreparedTask;
  /** Evaluated records and the model's outputs on them (absent when none). */
  idx: Int32Array;
  outputs?: Float32Array;
}

export async function runEvaluate(ctx: RunContext, st: Extract<StageSpec, { kind: 'evaluate' }>, from: TrainedModel | undefined, position: StagePosition, seed: number, cellId?: string): Promise<EvaluatedStage> {
  if (!from) throw new Error(`stage "${st.name}": stage "${st.from}" has no trained model`);
  const stT0 = performance.now();
  const ds = await loadSource(ctx, st.source);
  const batch = batchFor(ctx, ds, st.source);
  const fromSpec = from.task.spec;
  const task = prepareTask(ds, fromSpec, [], fromSpec.kind === 'regression' ? { mean: from.task.mean!, std: from.task.std! } : undefined);
  const all = eligibleOnly(Int32Array.from({ length: ds.n }, (_, i) => i), task);
  let idx = all;
  let info = { method: 'random' as SplitResult['method'], nTrain: 0, nVal: 0, nTest: all.length, note: 'all records with labels' as string | undefined };
  if (st.on === 'test') {
    const splitSpec = ctx.spec.sources[st.source].split ?? DEFAULT_SPLIT;
    const sp = ctx.splits.get(splitKey(st.source, task.spec, seed)) ?? splitDataset(ds, all, null, splitSpec, seedForTask(seed, `split:${st.source}`));
    idx = sp.test;
    info = { ...splitInfo(sp), note: sp.note };
  }
  const model = modelInfo(ctx, from.model, st);
  ctx.emit({ type: 'stage-start', stage: st.name, kind: st.kind, index: position.index, total: position.total, model, split: info, epochs: 0, estimatedSeconds: 0, ...(cellId ? { cell: cellId } : {}) });
  if (idx.length === 0) ctx.warn(`stage "${st.name}": source "${st.source}" has no records with the labels of "${st.from}"`);
  const classes = task.spec.kind === 'regression' ? undefined : task.spec.classes;
  const out = idx.length ? await evaluateModel(from.model, ds, idx, task, batch) : undefined;
  const result: StageResult = {
    name: st.name,
    kind: 'evaluate',
    ...(task.spec.kind === 'regression' ? { target: task.spec.targets[0], targets: task.spec.targets } : {}),
    source: st.source,
    from: st.from,
    task: task.spec.kind,
    model,
    split: { method: info.method, nTrain: 0, nVal: 0, nTest: idx.length, ...(info.note ? { note: info.note } : {}) },
    metrics: { test: out && flatMetrics(out.result, classes) },
    history: [],
    seconds: (performance.now() - stT0) / 1000,
    ...testExtras(out, task, idx, classes, ds.recordNames),
  };
  return { result, ds, task, idx, ...(out ? { outputs: out.outputs } : {}) };
}
