/** Regression metrics. Pairs where either value is not finite (NaN = unknown label) are skipped. */

function finitePairs(yTrue: ArrayLike<number>, yPred: ArrayLike<number>): [number[], number[]] {
  if (yTrue.length !== yPred.length) throw new Error(`length mismatch: ${yTrue.length} true vs ${yPred.length} predicted`);
  const t: number[] = [];
  const p: number[] = [];
  for (let i = 0; i < yTrue.length; i++) {
    if (Number.isFinite(yTrue[i]) && Number.isFinite(yPred[i])) {
      t.push(yTrue[i]);
      p.push(yPred[i]);
    }
  }
  return [t, p];
}

/** Mean absolute error; NaN when no finite pair. */
export function mae(yTrue: ArrayLike<number>, yPred: ArrayLike<number>): number {
  const [t, p] = finitePairs(yTrue, yPred);
  if (t.length === 0) return NaN;
  let s = 0;
  for (let i = 0; i < t.length; i++) s += Math.abs(t[i] - p[i]);
  return s / t.length;
}

/** Root mean squared error; NaN when no finite pair. */
export function rmse(yTrue: ArrayLike<number>, yPred: ArrayLike<number>): number {
  const [t, p] = finitePairs(yTrue, yPred);
  if (t.length === 0) return NaN;
  let s = 0;
  for (let i = 0; i < t.length; i++) s += (t[i] - p[i]) ** 2;
  return Math.sqrt(s / t.length);
}

/** Coefficient of determination 1 - SS_res / SS_tot (as sklearn: 1 if both are 0, 0 if only SS_tot is 0). */
export function r2(yTrue: ArrayLike<number>, yPred: ArrayLike<number>): number {
  const [t, p] = finitePairs(yTrue, yPred);
  if (t.length === 0) return NaN;
  const mean = t.reduce((a, b) => a + b, 0) / t.length;
  let ssRes = 0;
  let ssTot = 0;
  for (let i = 0; i < t.length; i++) {
    ssRes += (t[i] - p[i]) ** 2;
    ssTot += (t[i] - mean) ** 2;
  }
  if (ssTot === 0) return ssRes === 0 ? 1 : 0;
  return 1 - ssRes / ssTot;
}

export interface RegressionMetrics {
  mae: number;
  rmse: number;
  r2: number;
  n: number;
}

export function regressionMetrics(yTrue: ArrayLike<number>, yPred: ArrayLike<number>): RegressionMetrics {
  const [t] = finitePairs(yTrue, yPred);
  return { mae: mae(yTrue, yPred), rmse: rmse(yTrue, yPred), r2: r2(yTrue, yPred), n: t.length };
}
