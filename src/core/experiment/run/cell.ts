/**
 * Runs one sweep cell: a stage at a repeat (and label budget). Pretrained models come from memory (same repeat,
 * earlier cell), the model cache, or are trained; a model a later cell needs is kept, the headline cells' models
 * go to the host.
 */
import type { EcgDataset, RegressionTarget } from '../../data/dataset';
import type { PreparedTask } from '../../ml/task';
import { bootstrapSeed, classificationCi, regressionCi } from './statistics';
import { buildModel } from '../../ml/models';
import { seedForTask } from '../../ml/random';
import type { CellInfo, DomainGap, StagePredictions, StageResult } from '../results';
import type { Interval } from '../../ml/metrics';
import { stageModelKind, type ExperimentSpec, type StageSpec } from '../spec';
import { pretrainCacheKey } from './cacheKey';
import { cellId, isBudgeted, type CellRef } from './cells';
import { settleModel, type RunContext, type StagePosition, type TrainedModel } from './context';
import { resolveImported } from './importedData';
import { restoreWeights, serializeModel } from './modelCache';
import { cellPredictions } from './predictions';
import { geometryOf } from './sources';
import { runBaseline } from './stages/baseline';
import { runEvaluate } from './stages/evaluate';
import { targetAgreement } from './agreement';
import { runPretrain } from './stages/pretrain';
import { runTransfer } from './stages/transfer';
import type { TrainedStage } from './stages/train';

export interface CellOutcome {
  result: StageResult;
  predictions?: StagePredictions;
}

export interface CellPolicy {
  /** Whether a cell still to run needs the model of this cell id. */
  needed(id: string): boolean;
  /** Whether this cell's model goes to the host (`onModel`). */
  handOver: boolean;
}

export function stageOf(spec: ExperimentSpec, name: string): StageSpec {
  const st = spec.stages.find((s) => s.name === name);
  if (!st) throw new Error(`no stage "${name}"`);
  return st;
}

/** The cell whose model `c` starts from (transfer) or evaluates (evaluate). */
export function dependencyOf(spec: ExperimentSpec, c: Pick<CellRef, 'stage' | 'repeat' | 'budget'>): string | undefined {
  const st = stageOf(spec, c.stage);
  if (st.kind !== 'transfer' && st.kind !== 'evaluate') return undefined;
  const from = stageOf(spec, st.from);
  return cellId(from.name, c.repeat, isBudgeted(spec, from) ? c.budget : undefined);
}

function fingerprints(ctx: RunContext) {
  return (key: string) => {
    const have = ctx.data.get(key)?.fingerprint;
    if (have) return have;
    const src = ctx.spec.sources[key];
    return src.kind === 'imported' ? resolveImported(ctx.opts.datasets, key, src, ctx.spec)?.fingerprint : undefined;
  };
}

export function cacheKeyOf(ctx: RunContext, st: Extract<StageSpec, { kind: 'pretrain' }>, seed: number): string | null {
  return pretrainCacheKey(ctx.spec, st, seed, fingerprints(ctx));
}

/** A pretrain cell from the cache: the stored result (marked cached) and the model rebuilt with its weights. */
async function fromCache(ctx: RunContext, st: Extract<StageSpec, { kind: 'pretrain' }>, c: CellRef, position: StagePosition, key: string): Promise<(CellOutcome & { trained: TrainedModel }) | undefined> {
  const entry = await ctx.opts.cache!.get(key);
  if (!entry) return undefined;
  const g = geometryOf(ctx);
  const model = buildModel({ kind: stageModelKind(ctx.spec, st), nLeads: g.leadNames.length, nSamples: g.nSamples, nOut: st.targets.length, seed: seedForTask(c.seed, `init:${st.name}`) });
  try {
    restoreWeights(model, entry);
  } catch (e) {
    model.dispose();
    ctx.warn(`stage "${st.name}": cached model unusable (${e instanceof Error ? e.message : String(e)}); training it again`);
    return undefined;
  }
  const result: StageResult = { ...entry.result, seconds: 0, cell: { ...cellInfo(c), cached: true } };
  ctx.emit({ type: 'log', level: 'info', message: `stage "${st.name}" (repeat ${c.repeat + 1}): pretrained model taken from the cache (${key})` });
  ctx.emit({ type: 'stage-start', stage: st.name, kind: st.kind, index: position.index, total: position.total, model: result.model, split: result.split, epochs: 0, estimatedSeconds: 0, cell: c.id });
  const task = { spec: { kind: 'regression' as const, targets: st.targets as RegressionTarget[] }, ...(entry.targetStats ?? {}) };
  return { result, trained: { model, task, stage: st } };
}

export function cellInfo(c: CellRef): CellInfo {
  return { id: c.id, repeat: c.repeat, ...(c.budget !== undefined ? { budget: c.budget } : {}), seed: c.seed };
}

/** The kept model of a cell, or — for a cell finished before a resume — the model trained again (or from the cache). */
async function modelOf(ctx: RunContext, id: string, c: CellRef, position: StagePosition, policy: CellPolicy): Promise<TrainedModel | undefined> {
  const have = ctx.trained.get(id);
  if (have) return have;
  const dep = dependencyRef(ctx.spec, id, c);
  if (!dep) return undefined;
  ctx.emit({ type: 'log', level: 'info', message: `cell ${id} finished before the resume; its model is needed again` });
  await runCell(ctx, dep, position, { needed: (x) => x === id || policy.needed(x), handOver: false });
  return ctx.trained.get(id);
}

function dependencyRef(spec: ExperimentSpec, id: string, c: CellRef): CellRef | undefined {
  const [stage] = id.split('#');
  const st = spec.stages.find((s) => s.name === stage);
  if (!st) return undefined;
  const budgeted = isBudgeted(spec, st);
  return { id, stage, kind: st.kind, repeat: c.repeat, ...(budgeted ? { budget: c.budget } : {}), seed: c.seed };
}

export async function runCell(ctx: RunContext, c: CellRef, position: StagePosition, policy: CellPolicy): Promise<CellOutcome> {
  const st = stageOf(ctx.spec, c.stage);
  const info = cellInfo(c);
  const keep = policy.needed(c.id);
  if (st.kind === 'evaluate') {
    const from = await modelOf(ctx, dependencyOf(ctx.spec, c)!, c, position, policy);
    const ev = await runEvaluate(ctx, st, from, position, c.seed, c.id);
    return withStatistics({ ...ev.result, cell: info }, info, st.name, ev.ds, ev.task, ev.idx, ev.outputs);
  }
  if (st.kind === 'pretrain') {
    const key = ctx.opts.cache ? cacheKeyOf(ctx, st, c.seed) : null;
    if (key) {
      const hit = await fromCache(ctx, st, c, position, key);
      if (hit) {
        settleModel(ctx, c.id, st, hit.trained.model, hit.trained.task, keep, policy.handOver);
        return { result: hit.result };
      }
    }
    const done = await runPretrain(ctx, st, position, c.seed, c.id);
    const out = finish(ctx, st, c, done, info, keep, policy);
    if (key) await ctx.opts.cache!.put(key, await serializeModel(key, done.model, done.task, out.result));
    return out;
  }
  let done: TrainedStage;
  if (st.kind === 'transfer') {
    const fromId = dependencyOf(ctx.spec, c)!;
    const from = await modelOf(ctx, fromId, c, position, policy);
    done = await runTransfer(ctx, st, from?.model, position, c.seed, c.budget, c.id);
    info.from = fromId;
  } else done = await runBaseline(ctx, st, position, c.seed, c.budget, c.id);
  return finish(ctx, st, c, done, info, keep, policy);
}

/** Test predictions (classification) and bootstrap intervals of the test metrics. */
function withStatistics(result: StageResult, info: CellInfo, stage: string, ds: EcgDataset, task: PreparedTask, idx: Int32Array, outputs: Float32Array | undefined): CellOutcome {
  if (!outputs) return { result };
  const seed = bootstrapSeed(info.seed);
  if (task.spec.kind === 'regression') {
    const agreement = result.kind === 'evaluate' ? { agreement: targetAgreement(task, ds, idx, outputs) } : {};
    return { result: { ...result, ci: regressionCi(task, idx, outputs, seed), ...agreement } };
  }
  const predictions = cellPredictions(info, stage, ds, task, idx, outputs)!;
  const ci = classificationCi(predictions, seed);
  return { result: { ...result, ci, ...(result.domainGap ? { domainGap: withAuc(result.domainGap, result, ci) } : {}) }, predictions };
}

/** The domain-gap AUC: the test AUC of class 'synthetic' and its bootstrap interval. */
function withAuc(gap: DomainGap, result: StageResult, ci: Record<string, Interval | null>): DomainGap {
  const k = result.metrics.test?.classes?.indexOf('synthetic') ?? -1;
  const auc = k >= 0 ? (result.metrics.test?.per_class_auc?.[k] ?? NaN) : NaN;
  return { ...gap, auc, ci: ci.auc_synthetic ?? null, folded: Number.isFinite(auc) ? Math.max(auc, 1 - auc) : NaN };
}

function finish(ctx: RunContext, st: StageSpec, c: CellRef, done: TrainedStage, info: CellInfo, keep: boolean, policy: CellPolicy): CellOutcome {
  // the model is settled (handed over or kept) before the statistics: the host gets it even if they fail
  settleModel(ctx, c.id, st, done.model, done.task, keep, policy.handOver);
  return withStatistics({ ...done.result, cell: info }, info, st.name, done.ds, done.task, done.split.test, done.testOutputs);
}
