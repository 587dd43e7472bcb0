/** The test predictions of a classification cell (record ids, true labels, class probabilities). */
import type { EcgDataset } from '../../data/dataset';
import { classIndex, type PreparedTask } from '../../ml/task';
import type { CellInfo, StagePredictions } from '../results';

const round6 = (v: number) => Math.round(v * 1e6) / 1e6;

/** @param outputs probabilities, row-major, one row per `idx` record; undefined for regression tasks */
export function cellPredictions(cell: CellInfo, stage: string, ds: EcgDataset, task: PreparedTask, idx: ArrayLike<number>, outputs: Float32Array): StagePredictions | undefined {
  const spec = task.spec;
  if (spec.kind === 'regression') return undefined;
  const C = task.nOut;
  const rows = Array.from(idx);
  return {
    cell: cell.id,
    stage,
    repeat: cell.repeat,
    ...(cell.budget !== undefined ? { budget: cell.budget } : {}),
    task: spec.kind,
    classes: [...spec.classes],
    ids: rows.map((r) => ds.recordNames[r] ?? String(r)),
    labels: spec.kind === 'single-label' ? rows.map((r) => classIndex(task, r)) : rows.map((r) => Array.from(task.y.subarray(r * C, (r + 1) * C))),
    probs: rows.map((_, i) => Array.from(outputs.subarray(i * C, (i + 1) * C), round6)),
  };
}
