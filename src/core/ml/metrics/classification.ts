/**
 * Classification metrics. Probabilities are row-major `probs[i * nClasses + c]`.
 * Single-label truth is a class index per sample; multi-label truth is multi-hot `y[i * nClasses + c]`.
 */
import { rocAuc } from './auc';

export function argmaxRows(probs: ArrayLike<number>, nClasses: number): Int32Array {
  const n = Math.floor(probs.length / nClasses);
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    let best = 0;
    for (let c = 1; c < nClasses; c++) if (probs[i * nClasses + c] > probs[i * nClasses + best]) best = c;
    out[i] = best;
  }
  return out;
}

/** confusion[t][p] = count of samples of true class t predicted as p. */
export function confusionMatrix(yTrue: ArrayLike<number>, yPred: ArrayLike<number>, nClasses: number): number[][] {
  const m = Array.from({ length: nClasses }, () => new Array<number>(nClasses).fill(0));
  for (let i = 0; i < yTrue.length; i++) m[yTrue[i]][yPred[i]]++;
  return m;
}

export function accuracy(yTrue: ArrayLike<number>, yPred: ArrayLike<number>): number {
  if (yTrue.length === 0) return NaN;
  let ok = 0;
  for (let i = 0; i < yTrue.length; i++) if (yTrue[i] === yPred[i]) ok++;
  return ok / yTrue.length;
}

/** Mean recall over the classes present in yTrue (as sklearn's balanced_accuracy_score). */
export function balancedAccuracy(yTrue: ArrayLike<number>, yPred: ArrayLike<number>, nClasses: number): number {
  const cm = confusionMatrix(yTrue, yPred, nClasses);
  const recalls: number[] = [];
  for (let c = 0; c < nClasses; c++) {
    const support = cm[c].reduce((a, b) => a + b, 0);
    if (support > 0) recalls.push(cm[c][c] / support);
  }
  return recalls.length ? recalls.reduce((a, b) => a + b, 0) / recalls.length : NaN;
}

/** Per-class F1 (NaN for classes neither present nor predicted). */
export function perClassF1(yTrue: ArrayLike<number>, yPred: ArrayLike<number>, nClasses: number): number[] {
  const cm = confusionMatrix(yTrue, yPred, nClasses);
  const out: number[] = [];
  for (let c = 0; c < nClasses; c++) {
    const tp = cm[c][c];
    let fn = 0;
    let fp = 0;
    for (let k = 0; k < nClasses; k++) {
      if (k !== c) {
        fn += cm[c][k];
        fp += cm[k][c];
      }
    }
    out.push(tp + fp + fn === 0 ? NaN : (2 * tp) / (2 * tp + fp + fn));
  }
  return out;
}

/** Macro F1 over the classes present in yTrue or yPred (as sklearn's f1_score(average='macro')). */
export function macroF1(yTrue: ArrayLike<number>, yPred: ArrayLike<number>, nClasses: number): number {
  const f = perClassF1(yTrue, yPred, nClasses).filter((v) => !Number.isNaN(v));
  return f.length ? f.reduce((a, b) => a + b, 0) / f.length : NaN;
}

/** One-vs-rest AUC per class from single-label truth (NaN for a class with no positive or no negative). */
function perClassAucSingle(yTrue: ArrayLike<number>, probs: ArrayLike<number>, nClasses: number): number[] {
  const n = yTrue.length;
  const out: number[] = [];
  for (let c = 0; c < nClasses; c++) {
    const lab = new Uint8Array(n);
    const sc = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      lab[i] = yTrue[i] === c ? 1 : 0;
      sc[i] = probs[i * nClasses + c];
    }
    out.push(rocAuc(lab, sc));
  }
  return out;
}

/** Per-class AUC from multi-hot truth (PTB-XL benchmark style). */
function perClassAucMulti(yMultiHot: ArrayLike<number>, probs: ArrayLike<number>, nClasses: number): number[] {
  const n = Math.floor(yMultiHot.length / nClasses);
  const out: number[] = [];
  for (let c = 0; c < nClasses; c++) {
    const lab = new Uint8Array(n);
    const sc = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      lab[i] = yMultiHot[i * nClasses + c] ? 1 : 0;
      sc[i] = probs[i * nClasses + c];
    }
    out.push(rocAuc(lab, sc));
  }
  return out;
}

/** Mean of the defined (non-NaN) values; NaN when none. */
function nanMean(v: number[]): number {
  const f = v.filter((x) => !Number.isNaN(x));
  return f.length ? f.reduce((a, b) => a + b, 0) / f.length : NaN;
}

export interface ClassificationMetrics {
  accuracy: number;
  balanced_accuracy: number;
  macro_auc: number;
  macro_f1: number;
  per_class_auc: number[];
  per_class_f1: number[];
  confusion: number[][];
  n: number;
}

/** All single-label metrics from class indices and row-major probabilities. */
export function singleLabelMetrics(yTrue: ArrayLike<number>, probs: ArrayLike<number>, nClasses: number): ClassificationMetrics {
  const yPred = argmaxRows(probs, nClasses);
  const perAuc = perClassAucSingle(yTrue, probs, nClasses);
  return {
    accuracy: accuracy(yTrue, yPred),
    balanced_accuracy: balancedAccuracy(yTrue, yPred, nClasses),
    macro_auc: nanMean(perAuc),
    macro_f1: macroF1(yTrue, yPred, nClasses),
    per_class_auc: perAuc,
    per_class_f1: perClassF1(yTrue, yPred, nClasses),
    confusion: confusionMatrix(yTrue, yPred, nClasses),
    n: yTrue.length,
  };
}

export interface MultiLabelMetrics {
  macro_auc: number;
  per_class_auc: number[];
  /** Macro F1 of the per-class decisions prob >= threshold. */
  macro_f1: number;
  per_class_f1: number[];
  /** Exact-match (subset) accuracy at the threshold. */
  accuracy: number;
  /** Per-class 2×2 confusion [[TN, FP], [FN, TP]]. */
  confusion: number[][][];
  n: number;
}

export function multiLabelMetrics(yMultiHot: ArrayLike<number>, probs: ArrayLike<number>, nClasses: number, threshold = 0.5): MultiLabelMetrics {
  const n = Math.floor(yMultiHot.length / nClasses);
  const perAuc = perClassAucMulti(yMultiHot, probs, nClasses);
  const conf: number[][][] = [];
  const f1: number[] = [];
  let exact = 0;
  const rowOk = new Uint8Array(n).fill(1);
  for (let c = 0; c < nClasses; c++) {
    let tn = 0, fp = 0, fn = 0, tp = 0;
    for (let i = 0; i < n; i++) {
      const t = yMultiHot[i * nClasses + c] ? 1 : 0;
      const p = probs[i * nClasses + c] >= threshold ? 1 : 0;
      if (t !== p) rowOk[i] = 0;
      if (t && p) tp++;
      else if (t) fn++;
      else if (p) fp++;
      else tn++;
    }
    conf.push([[tn, fp], [fn, tp]]);
    f1.push(tp + fp + fn === 0 ? NaN : (2 * tp) / (2 * tp + fp + fn));
  }
  for (let i = 0; i < n; i++) exact += rowOk[i];
  return {
    macro_auc: nanMean(perAuc),
    per_class_auc: perAuc,
    macro_f1: nanMean(f1),
    per_class_f1: f1,
    accuracy: n ? exact / n : NaN,
    confusion: conf,
    n,
  };
}
