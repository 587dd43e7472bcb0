/**
 * The one "Epochs" control: every training stage's epoch budget scaled by the same factor, so that the longest
 * stage gets the chosen number and the others keep their proportions (at least 1 epoch each). Scaling always
 * starts from a base spec (the one before the control was first moved), so moving it back and forth does not
 * accumulate rounding. Only `epochs` (and a frozen-then-unfreeze stage's `unfreezeAfterEpochs`) change, so the
 * result travels in the spec and its share link like any edit.
 */
import type { ExperimentSpec, StageSpec } from '../../core/experiment/contract';

export interface StageEpochs {
  name: string;
  kind: StageSpec['kind'];
  epochs: number;
}

/** The epochs each training stage runs (its own budget, else the spec's); evaluate stages do not train. */
export function stageEpochs(spec: ExperimentSpec): StageEpochs[] {
  return spec.stages.flatMap((st) => (st.kind === 'evaluate' ? [] : [{ name: st.name, kind: st.kind, epochs: st.training?.epochs ?? spec.training.epochs }]));
}

/** The longest stage's epochs (the number the control shows). */
export function maxEpochs(spec: ExperimentSpec): number {
  return Math.max(1, ...stageEpochs(spec).map((s) => s.epochs));
}

const scaled = (e: number, f: number) => Math.max(1, Math.round(e * f));

/** `base` with every epoch budget scaled so the longest stage trains `target` epochs. */
export function withEpochs(base: ExperimentSpec, target: number): ExperimentSpec {
  const want = Math.max(1, Math.floor(target));
  const longest = maxEpochs(base);
  const f = want / longest;
  const exact = (e: number) => (e === longest ? want : scaled(e, f));
  const stages = base.stages.map((st): StageSpec => {
    if (st.kind === 'evaluate') return st;
    const own = st.training?.epochs;
    const next = { ...st, ...(own !== undefined ? { training: { ...st.training, epochs: exact(own) } } : {}) } as StageSpec;
    if (next.kind === 'transfer' && next.unfreezeAfterEpochs !== undefined) {
      const epochs = next.training?.epochs ?? exact(base.training.epochs);
      // The backbone stays frozen for the same share of the stage, and unfreezes before its end when it can.
      next.unfreezeAfterEpochs = Math.max(1, Math.min(scaled(next.unfreezeAfterEpochs, f), epochs > 1 ? epochs - 1 : 1));
    }
    return next;
  });
  return { ...base, training: { ...base.training, epochs: exact(base.training.epochs) }, stages };
}
