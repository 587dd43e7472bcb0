/** Transfer stage: the classifier starts from a pretrained regressor's weights (new head), some layers frozen. */
import type * as tf from '@tensorflow/tfjs';
import { copyWeights, frozenPrefixes, setFrozen } from '../../../ml/transfer';
import type { StageSpec } from '../../spec';
import type { RunContext, StagePosition } from '../context';
import { classifierModel } from './baseline';
import { runTrainingStage, type PreparedModel, type TrainedStage } from './train';

type TransferStage = Extract<StageSpec, { kind: 'transfer' }>;

/** Copies every layer but the head from `from`; reports the frozen layers (frozen by the training loop, not here). */
export function transferModel(from: tf.LayersModel, target: tf.LayersModel, st: TransferStage): PreparedModel {
  let rep: ReturnType<typeof copyWeights>;
  try {
    rep = copyWeights(from, target);
  } catch (e) {
    target.dispose();
    throw e;
  }
  const frozen = frozenPrefixes(st.mode);
  const frozenLayers = setFrozen(target, frozen, true);
  setFrozen(target, frozen, false);
  return { model: target, frozen, transfer: { copied: rep.copied.length, fresh: rep.fresh, frozen: frozenLayers } };
}

/** @param pretrained the trained model of `st.from` */
export function runTransfer(ctx: RunContext, st: TransferStage, pretrained: tf.LayersModel | undefined, position: StagePosition, seed: number, budget?: number, cellId?: string): Promise<TrainedStage> {
  if (!pretrained) throw new Error(`stage "${st.name}": pretrain stage "${st.from}" has no trained model`);
  return runTrainingStage(ctx, {
    st,
    taskSpec: st.task,
    position,
    seed,
    ...(budget !== undefined ? { budget } : {}),
    ...(cellId ? { cellId } : {}),
    makeModel: (nOut) => transferModel(pretrained, classifierModel(ctx, st, nOut, seed), st),
  });
}
