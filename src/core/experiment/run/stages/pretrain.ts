/** Pretrain stage: a fresh regressor on one or more interval targets. */
import type { RegressionTarget } from '../../../data/dataset';
import { buildModel } from '../../../ml/models';
import { seedForTask } from '../../../ml/random';
import { stageModelKind, type StageSpec } from '../../spec';
import type { RunContext, StagePosition } from '../context';
import { geometryOf } from '../sources';
import { runTrainingStage, type TrainedStage } from './train';

export function runPretrain(ctx: RunContext, st: Extract<StageSpec, { kind: 'pretrain' }>, position: StagePosition, seed: number, cellId?: string): Promise<TrainedStage> {
  const g = geometryOf(ctx);
  return runTrainingStage(ctx, {
    st,
    taskSpec: { kind: 'regression', targets: st.targets as RegressionTarget[] },
    position,
    seed,
    ...(cellId ? { cellId } : {}),
    makeModel: (nOut) => ({
      model: buildModel({ kind: stageModelKind(ctx.spec, st), nLeads: g.leadNames.length, nSamples: g.nSamples, nOut, seed: seedForTask(seed, `init:${st.name}`) }),
      frozen: [],
    }),
  });
}
