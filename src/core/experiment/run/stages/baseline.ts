/** Baseline stage: a classifier trained from scratch (the comparison for every transfer on the same task). */
import type * as tf from '@tensorflow/tfjs';
import { buildModel } from '../../../ml/models';
import { seedForTask } from '../../../ml/random';
import { stageModelKind, type StageSpec } from '../../spec';
import type { RunContext, StagePosition } from '../context';
import { geometryOf } from '../sources';
import { runTrainingStage, type TrainedStage } from './train';
import { domainDataKey } from '../../domainGap/stage';

/** Transfer heads and baselines on the same task start from the same initialisation seed. */
export function classifierModel(ctx: RunContext, st: StageSpec, nOut: number, seed: number): tf.LayersModel {
  const g = geometryOf(ctx);
  return buildModel({ kind: stageModelKind(ctx.spec, st), nLeads: g.leadNames.length, nSamples: g.nSamples, nOut, seed: seedForTask(seed, 'init:classifier') });
}

export async function runBaseline(ctx: RunContext, st: Extract<StageSpec, { kind: 'baseline' }>, position: StagePosition, seed: number, budget?: number, cellId?: string): Promise<TrainedStage> {
  // a domain-gap stage trains on the mixed records of its two sources (domainGap/stage.ts)
  const { key, info } = await domainDataKey(ctx, st, seed);
  const done = await runTrainingStage(ctx, {
    st: key === st.source ? st : { ...st, source: key },
    taskSpec: st.task,
    position,
    seed,
    ...(budget !== undefined ? { budget } : {}),
    ...(cellId ? { cellId } : {}),
    makeModel: (nOut) => ({ model: classifierModel(ctx, st, nOut, seed), frozen: [] }),
  });
  if (!info) return done;
  const test = done.split.test;
  const nTestReal = Array.from(test).filter((r) => done.ds.y![r * 2] === 1).length;
  const gap = { against: st.against!, ...info, auc: NaN, ci: null, folded: NaN, nTestReal, nTestSynthetic: test.length - nTestReal };
  return { ...done, result: { ...done.result, source: st.source, domainGap: gap } };
}
