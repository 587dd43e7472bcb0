/**
 * Learning tasks: regression on one or more interval targets (standardised for training, reported in physical
 * units), single-label classification (softmax) and multi-label classification (sigmoid).
 */
import type { EcgDataset, RegressionTarget } from '../data/dataset';

export type TaskSpec =
  | { kind: 'regression'; targets: RegressionTarget[] }
  | { kind: 'single-label'; classes: string[] }
  | { kind: 'multi-label'; classes: string[] };

export interface PreparedTask {
  spec: TaskSpec;
  nOut: number;
  /**
   * Label rows per dataset record, y[r * nOut + k]: regression → standardised target (NaN unknown);
   * single-label → one-hot (all 0 when the record has not exactly one class); multi-label → multi-hot.
   */
  y: Float32Array;
  /** Regression standardisation (from the training records). */
  mean?: number[];
  std?: number[];
  /** Records usable for this task (regression: at least one known target; single-label: exactly one class). */
  eligible: Uint8Array;
}

function taskOutputs(spec: TaskSpec): number {
  return spec.kind === 'regression' ? spec.targets.length : spec.classes.length;
}

/** Maps the task's class names onto the dataset's class columns (case-insensitive); throws naming missing ones. */
function classColumns(ds: EcgDataset, classes: string[]): number[] {
  const have = (ds.classes ?? []).map((c) => c.toLowerCase());
  if (!ds.y || have.length === 0) throw new Error(`dataset "${ds.name}" has no class labels`);
  return classes.map((c) => {
    const i = have.indexOf(c.toLowerCase());
    if (i < 0) throw new Error(`dataset "${ds.name}" has no class "${c}" (has ${ds.classes!.join(', ')})`);
    return i;
  });
}

/** Builds label rows; regression mean/std are computed on `trainIdx` (or given, e.g. reused from pretraining). */
export function prepareTask(ds: EcgDataset, spec: TaskSpec, trainIdx: ArrayLike<number>, stats?: { mean: number[]; std: number[] }): PreparedTask {
  const nOut = taskOutputs(spec);
  const y = new Float32Array(ds.n * nOut);
  const eligible = new Uint8Array(ds.n);
  if (spec.kind === 'regression') {
    const cols = spec.targets.map((t) => {
      const a = ds.targets?.[t];
      if (!a) throw new Error(`dataset "${ds.name}" has no "${t}" labels`);
      return a;
    });
    let mean = stats?.mean;
    let std = stats?.std;
    if (!mean || !std) {
      mean = [];
      std = [];
      for (const a of cols) {
        let s = 0, s2 = 0, k = 0;
        for (let i = 0; i < trainIdx.length; i++) {
          const v = a[trainIdx[i]];
          if (Number.isFinite(v)) {
            s += v;
            s2 += v * v;
            k++;
          }
        }
        const m = k ? s / k : 0;
        mean.push(m);
        std.push(k > 1 ? Math.max(Math.sqrt(Math.max(0, s2 / k - m * m)), 1e-6) : 1);
      }
    }
    for (let r = 0; r < ds.n; r++) {
      for (let k = 0; k < nOut; k++) {
        const v = cols[k][r];
        y[r * nOut + k] = Number.isFinite(v) ? (v - mean[k]) / std[k] : NaN;
        if (Number.isFinite(v)) eligible[r] = 1;
      }
    }
    return { spec, nOut, y, mean, std, eligible };
  }
  const cols = classColumns(ds, spec.classes);
  const C = ds.classes!.length;
  for (let r = 0; r < ds.n; r++) {
    let count = 0;
    for (let k = 0; k < nOut; k++) {
      const on = ds.y![r * C + cols[k]] ? 1 : 0;
      y[r * nOut + k] = on;
      count += on;
    }
    eligible[r] = spec.kind === 'single-label' ? (count === 1 ? 1 : 0) : count >= 1 ? 1 : 0;
  }
  return { spec, nOut, y, eligible };
}

/** Keeps only the indices of records eligible for the task. */
export function eligibleOnly(idx: ArrayLike<number>, task: PreparedTask): Int32Array {
  return Int32Array.from(Array.from(idx).filter((i) => task.eligible[i]));
}

/** Class index per record for single-label tasks (argmax of the one-hot row). */
export function classIndex(task: PreparedTask, r: number): number {
  let best = 0;
  for (let k = 1; k < task.nOut; k++) if (task.y[r * task.nOut + k] > task.y[r * task.nOut + best]) best = k;
  return best;
}

/**
 * 'balanced' class weights n / (C · count_c) from the training records (sklearn's convention);
 * for multi-label these are positive-class weights neg_c / pos_c.
 */
export function balancedClassWeights(task: PreparedTask, trainIdx: ArrayLike<number>): number[] {
  const C = task.nOut;
  const pos = new Array<number>(C).fill(0);
  for (let i = 0; i < trainIdx.length; i++) for (let k = 0; k < C; k++) pos[k] += task.y[trainIdx[i] * C + k];
  const n = trainIdx.length;
  if (task.spec.kind === 'multi-label') return pos.map((p) => (p > 0 ? (n - p) / p : 1));
  return pos.map((p) => (p > 0 ? n / (C * p) : 0));
}
