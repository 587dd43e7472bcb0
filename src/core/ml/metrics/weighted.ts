/**
 * Metrics with per-record integer weights (bootstrap draw counts). With all weights 1 each one equals the
 * plain metric in classification.ts / auc.ts / regression.ts (the tests check this), so the full-split value
 * and every resample are computed by the same code.
 *
 * AUC: each class's records are sorted by score once; a resample then needs one pass over that order,
 * summing weighted positives and negatives per group of tied scores (Mann–Whitney, ties count 1/2).
 */
import { argmaxRows } from './classification';

export interface WeightedEvaluator {
  /** Metric names, in the order `evaluate` writes them. */
  readonly names: readonly string[];
  /** Whether a larger value is better, per metric (false for error metrics such as MAE). */
  readonly higherIsBetter: readonly boolean[];
  /** Writes each metric for the weights `w` (one per record) into `out`; NaN where the metric is undefined. */
  evaluate(w: ArrayLike<number>, out: Float64Array): void;
}

/** One class's records in ascending score order, with tie groups and positive flags in that order. */
interface SortedClass {
  idx: Int32Array;
  pos: Uint8Array;
  /** Start of each tie group in `idx`, then `n` as a sentinel. */
  groupStart: Int32Array;
}

function sortClass(n: number, score: (i: number) => number, isPos: (i: number) => boolean): SortedClass {
  const idx = Int32Array.from({ length: n }, (_, i) => i).sort((a, b) => score(a) - score(b));
  const pos = new Uint8Array(n);
  const starts: number[] = [];
  for (let k = 0; k < n; k++) {
    pos[k] = isPos(idx[k]) ? 1 : 0;
    if (k === 0 || score(idx[k]) !== score(idx[k - 1])) starts.push(k);
  }
  starts.push(n);
  return { idx, pos, groupStart: Int32Array.from(starts) };
}

/** Weighted AUC: P(score of a positive > score of a negative) + ½ P(tie); NaN without positives or negatives. */
function weightedAuc(s: SortedClass, w: ArrayLike<number>): number {
  const { idx, pos, groupStart } = s;
  if (groupStart.length === idx.length + 1) return weightedAucNoTies(s, w);
  let negBelow = 0;
  let totalPos = 0;
  let num = 0;
  for (let g = 0; g + 1 < groupStart.length; g++) {
    let wp = 0;
    let wn = 0;
    // Branch-free: the positive flags and the zero weights of a resample follow no pattern.
    for (let k = groupStart[g], end = groupStart[g + 1]; k < end; k++) {
      const wi = w[idx[k]];
      const pi = pos[k];
      wp += wi * pi;
      wn += wi * (1 - pi);
    }
    num += wp * (negBelow + 0.5 * wn);
    negBelow += wn;
    totalPos += wp;
  }
  return totalPos > 0 && negBelow > 0 ? num / (totalPos * negBelow) : NaN;
}

/** weightedAuc for scores without ties: one plain pass. */
function weightedAucNoTies(s: SortedClass, w: ArrayLike<number>): number {
  const { idx, pos } = s;
  let negBelow = 0;
  let totalPos = 0;
  let num = 0;
  for (let k = 0; k < idx.length; k++) {
    const wi = w[idx[k]];
    const wp = wi * pos[k];
    num += wp * negBelow;
    totalPos += wp;
    negBelow += wi - wp;
  }
  return totalPos > 0 && negBelow > 0 ? num / (totalPos * negBelow) : NaN;
}

export function aucMetricName(classes: readonly string[] | undefined, c: number): string {
  return `auc_${classes?.[c] ?? c}`;
}

function classificationNames(nClasses: number, classes?: readonly string[]): string[] {
  const names = ['accuracy', 'balancedAccuracy', 'macroAuc', 'macroF1'];
  for (let c = 0; c < nClasses; c++) names.push(aucMetricName(classes, c));
  return names;
}

/** Macro AUC of one resample: defined only when every class with an AUC on the full split has one here. */
function macroOf(aucs: Float64Array, definedOnFull: Uint8Array): number {
  let s = 0;
  let k = 0;
  for (let c = 0; c < aucs.length; c++) {
    if (!definedOnFull[c]) continue;
    if (Number.isNaN(aucs[c])) return NaN;
    s += aucs[c];
    k++;
  }
  return k ? s / k : NaN;
}

function checkProbs(probs: ArrayLike<number>, n: number, nClasses: number): void {
  if (!(nClasses >= 1) || !Number.isInteger(nClasses)) throw new Error(`nClasses must be a positive integer, got ${nClasses}`);
  if (probs.length !== n * nClasses) throw new Error(`probs has ${probs.length} values, expected ${n} records × ${nClasses} classes`);
}

/**
 * Single-label metrics: accuracy and balanced accuracy of the argmax class, macro F1 (sklearn's macro over
 * classes present in truth or prediction), one-vs-rest AUC per class and their macro mean.
 */
export function singleLabelEvaluator(labels: ArrayLike<number>, probs: ArrayLike<number>, nClasses: number, classes?: readonly string[]): WeightedEvaluator {
  const n = labels.length;
  checkProbs(probs, n, nClasses);
  const lab = Int32Array.from(labels);
  for (let i = 0; i < n; i++) {
    if (!(lab[i] >= 0 && lab[i] < nClasses) || lab[i] !== labels[i]) throw new Error(`label ${labels[i]} of record ${i} is not a class index below ${nClasses}`);
  }
  const pred = argmaxRows(probs, nClasses);
  const ok = Uint8Array.from(pred, (p, i) => (p === lab[i] ? 1 : 0));
  const sorted: SortedClass[] = [];
  const definedOnFull = new Uint8Array(nClasses);
  const support = new Int32Array(nClasses);
  for (let i = 0; i < n; i++) support[lab[i]]++;
  for (let c = 0; c < nClasses; c++) {
    sorted.push(sortClass(n, (i) => probs[i * nClasses + c], (i) => lab[i] === c));
    definedOnFull[c] = support[c] > 0 && support[c] < n ? 1 : 0;
  }
  const names = classificationNames(nClasses, classes);
  const classW = new Float64Array(nClasses);
  const tp = new Float64Array(nClasses);
  const fp = new Float64Array(nClasses);
  const fn = new Float64Array(nClasses);
  const aucs = new Float64Array(nClasses);
  return {
    names,
    higherIsBetter: names.map(() => true),
    evaluate(w, out) {
      classW.fill(0);
      tp.fill(0);
      fp.fill(0);
      fn.fill(0);
      let total = 0;
      let correct = 0;
      // Branch-free over records (which records a resample drops follows no pattern).
      for (let i = 0; i < n; i++) {
        const wi = w[i];
        const t = lab[i];
        const hit = wi * ok[i];
        const miss = wi - hit;
        total += wi;
        classW[t] += wi;
        correct += hit;
        tp[t] += hit;
        fn[t] += miss;
        fp[pred[i]] += miss;
      }
      let recallSum = 0;
      let recallK = 0;
      let f1Sum = 0;
      let f1K = 0;
      for (let c = 0; c < nClasses; c++) {
        if (classW[c] > 0) {
          recallSum += tp[c] / classW[c];
          recallK++;
        }
        const d = 2 * tp[c] + fp[c] + fn[c];
        if (d > 0) {
          f1Sum += (2 * tp[c]) / d;
          f1K++;
        }
        aucs[c] = weightedAuc(sorted[c], w);
      }
      out[0] = total > 0 ? correct / total : NaN;
      out[1] = recallK ? recallSum / recallK : NaN;
      out[2] = macroOf(aucs, definedOnFull);
      out[3] = f1K ? f1Sum / f1K : NaN;
      for (let c = 0; c < nClasses; c++) out[4 + c] = aucs[c];
    },
  };
}

/**
 * Multi-label metrics as multiLabelMetrics: accuracy is exact match of all decisions prob ≥ threshold, macro
 * F1 the mean of the defined per-class F1, AUC per class from multi-hot truth. Balanced accuracy is a
 * single-label metric and is NaN here.
 */
export function multiLabelEvaluator(multiHot: ArrayLike<number>, probs: ArrayLike<number>, nClasses: number, classes?: readonly string[], threshold = 0.5): WeightedEvaluator {
  const n = Math.floor(multiHot.length / nClasses);
  if (multiHot.length !== n * nClasses) throw new Error(`multiHot has ${multiHot.length} values, not a multiple of ${nClasses} classes`);
  checkProbs(probs, n, nClasses);
  const truth = new Uint8Array(n * nClasses);
  const decision = new Uint8Array(n * nClasses);
  const rowOk = new Uint8Array(n).fill(1);
  for (let k = 0; k < n * nClasses; k++) {
    truth[k] = multiHot[k] ? 1 : 0;
    decision[k] = probs[k] >= threshold ? 1 : 0;
    if (truth[k] !== decision[k]) rowOk[Math.floor(k / nClasses)] = 0;
  }
  const sorted: SortedClass[] = [];
  const definedOnFull = new Uint8Array(nClasses);
  for (let c = 0; c < nClasses; c++) {
    sorted.push(sortClass(n, (i) => probs[i * nClasses + c], (i) => truth[i * nClasses + c] === 1));
    let pos = 0;
    for (let i = 0; i < n; i++) pos += truth[i * nClasses + c];
    definedOnFull[c] = pos > 0 && pos < n ? 1 : 0;
  }
  const names = classificationNames(nClasses, classes);
  const tp = new Float64Array(nClasses);
  const fp = new Float64Array(nClasses);
  const fn = new Float64Array(nClasses);
  const aucs = new Float64Array(nClasses);
  return {
    names,
    higherIsBetter: names.map(() => true),
    evaluate(w, out) {
      tp.fill(0);
      fp.fill(0);
      fn.fill(0);
      let total = 0;
      let exact = 0;
      for (let i = 0; i < n; i++) {
        const wi = w[i];
        total += wi;
        exact += wi * rowOk[i];
        for (let c = 0, j = i * nClasses; c < nClasses; c++, j++) {
          const t = truth[j];
          const p = decision[j];
          tp[c] += wi * t * p;
          fn[c] += wi * t * (1 - p);
          fp[c] += wi * (1 - t) * p;
        }
      }
      let f1Sum = 0;
      let f1K = 0;
      for (let c = 0; c < nClasses; c++) {
        const d = 2 * tp[c] + fp[c] + fn[c];
        if (d > 0) {
          f1Sum += (2 * tp[c]) / d;
          f1K++;
        }
        aucs[c] = weightedAuc(sorted[c], w);
      }
      out[0] = total > 0 ? exact / total : NaN;
      out[1] = NaN;
      out[2] = macroOf(aucs, definedOnFull);
      out[3] = f1K ? f1Sum / f1K : NaN;
      for (let c = 0; c < nClasses; c++) out[4 + c] = aucs[c];
    },
  };
}

export const REGRESSION_METRICS = ['mae', 'rmse', 'r2', 'meanError', 'sdError'] as const;
export type RegressionMetricName = (typeof REGRESSION_METRICS)[number];

/**
 * Regression metrics of finite (true, predicted) pairs; error = predicted − true. R² follows r2() in
 * regression.ts (1 − SS_res/SS_tot; 1 if both are 0, 0 if only SS_tot is 0); sdError divides by W − 1.
 */
export function regressionEvaluator(yTrue: ArrayLike<number>, yPred: ArrayLike<number>): WeightedEvaluator {
  const n = yTrue.length;
  if (yPred.length !== n) throw new Error(`length mismatch: ${n} true vs ${yPred.length} predicted`);
  const t = Float64Array.from(yTrue);
  const e = Float64Array.from({ length: n }, (_, i) => yPred[i] - yTrue[i]);
  return {
    names: REGRESSION_METRICS,
    higherIsBetter: [false, false, true, false, false],
    evaluate(w, out) {
      let total = 0;
      let sumT = 0;
      let sumE = 0;
      let sumAbs = 0;
      let sumSq = 0;
      for (let i = 0; i < n; i++) {
        const wi = w[i];
        total += wi;
        sumT += wi * t[i];
        sumE += wi * e[i];
        sumAbs += wi * Math.abs(e[i]);
        sumSq += wi * e[i] * e[i];
      }
      if (total === 0) {
        out.fill(NaN);
        return;
      }
      const meanT = sumT / total;
      const meanE = sumE / total;
      let ssTot = 0;
      let ssDev = 0;
      for (let i = 0; i < n; i++) {
        const wi = w[i];
        ssTot += wi * (t[i] - meanT) ** 2;
        ssDev += wi * (e[i] - meanE) ** 2;
      }
      out[0] = sumAbs / total;
      out[1] = Math.sqrt(sumSq / total);
      out[2] = ssTot === 0 ? (sumSq === 0 ? 1 : 0) : 1 - sumSq / ssTot;
      out[3] = meanE;
      out[4] = total > 1 ? Math.sqrt(ssDev / (total - 1)) : NaN;
    },
  };
}
