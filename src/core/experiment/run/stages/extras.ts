/** Test-split extras of a stage result: ROC curves per class (classification) or a scatter sample (regression). */
import type { EvalOutput } from '../../../ml/evaluate';
import { rocCurve, type RocPoint } from '../../../ml/metrics';
import type { PreparedTask } from '../../../ml/task';
import type { StageResult } from '../../results';

const MAX_ROC_POINTS = 200;
const MAX_SCATTER = 2000;

export function thinCurve(pts: RocPoint[]): RocPoint[] {
  if (pts.length <= MAX_ROC_POINTS) return pts;
  const step = (pts.length - 1) / (MAX_ROC_POINTS - 1);
  return Array.from({ length: MAX_ROC_POINTS }, (_, i) => pts[Math.round(i * step)]);
}

/** `names`: the dataset's record names (regression predictions carry each point's record id). */
export function testExtras(out: EvalOutput | undefined, task: PreparedTask, idx: Int32Array, classes?: string[], names?: readonly string[]): Pick<StageResult, 'roc' | 'predictions'> {
  if (!out) return {};
  const C = task.nOut;
  if (task.spec.kind === 'regression') {
    const n = Math.min(idx.length, MAX_SCATTER);
    return {
      predictions: task.spec.targets.map((t, k) => ({
        target: t,
        true: Array.from({ length: n }, (_, i) => task.y[idx[i] * C + k] * task.std![k] + task.mean![k]),
        pred: Array.from({ length: n }, (_, i) => out.outputs[i * C + k]),
        ...(names ? { ids: Array.from({ length: n }, (_, i) => names[idx[i]] ?? String(idx[i] + 1)) } : {}),
      })),
    };
  }
  const curves = Array.from({ length: C }, (_, c) =>
    thinCurve(rocCurve(Array.from(idx, (r) => task.y[r * C + c]), Array.from(idx, (_, i) => out.outputs[i * C + c]))),
  );
  return { roc: { classes: classes ?? [], curves } };
}
