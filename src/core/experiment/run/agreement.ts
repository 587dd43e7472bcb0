/** Bland–Altman agreement per regression target of an evaluated model (physical units), with IEC verdicts. */
import type { EcgDataset } from '../../data/dataset';
import { blandAltman, iecVerdict } from '../../ml/metrics';
import type { PreparedTask } from '../../ml/task';
import type { TargetAgreement } from '../results';

/** The record a dataset row came from: windows `<record>#w<k>` of one record share it. */
export function recordOfRow(name: string): string {
  return name.replace(/#w\d+$/, '');
}

export function targetAgreement(task: PreparedTask, ds: Pick<EcgDataset, 'recordNames'>, idx: ArrayLike<number>, outputs: Float32Array): TargetAgreement[] {
  if (task.spec.kind !== 'regression') return [];
  const C = task.nOut;
  return task.spec.targets.map((target, k) => {
    const truth = Float64Array.from(Array.from(idx), (r) => task.y[r * C + k] * task.std![k] + task.mean![k]);
    const pred = Float64Array.from(Array.from(idx), (_, i) => outputs[i * C + k]);
    const a = blandAltman(truth, pred);
    const records = new Set<string>();
    Array.from(idx).forEach((r, i) => {
      if (Number.isFinite(truth[i]) && Number.isFinite(pred[i])) records.add(recordOfRow(ds.recordNames?.[r] ?? String(r)));
    });
    return { target, unit: target === 'hr_bpm' ? 'bpm' : 'ms', ...a, records: records.size, iec: iecVerdict(target, a) };
  });
}
