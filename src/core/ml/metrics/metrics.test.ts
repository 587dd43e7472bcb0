import { describe, expect, it } from 'vitest';
import {
  accuracy, balancedAccuracy, confusionMatrix, macroF1, mae, multiLabelMetrics, perClassF1, r2, rmse,
  rocAuc, rocCurve, singleLabelMetrics, trapezoidArea,
} from './index';

describe('regression metrics (hand-computed)', () => {
  const t = [1, 2, 3, 4];
  const p = [1, 2, 4, 2];
  it('MAE, RMSE, R²', () => {
    expect(mae(t, p)).toBeCloseTo(0.75, 12);
    expect(rmse(t, p)).toBeCloseTo(Math.sqrt(5 / 4), 12);
    expect(r2(t, p)).toBeCloseTo(0, 12); // SS_res 5, SS_tot 5
    expect(r2([1, 2, 3], [1, 2, 3])).toBe(1);
    expect(r2([1, 2, 3], [2, 2, 2])).toBeCloseTo(0, 12);
  });
  it('skips NaN labels', () => {
    expect(mae([1, NaN, 3], [2, 100, 3])).toBeCloseTo(0.5, 12);
    expect(mae([NaN], [1])).toBeNaN();
  });
});

describe('ROC AUC', () => {
  it('matches the sklearn doc example', () => {
    expect(rocAuc([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8])).toBeCloseTo(0.75, 12);
  });
  it('counts ties as one half', () => {
    // pos {0.5, 0.9}, neg {0.5, 0.2}: pairs 0.5 (tie) + 1 + 1 + 1 = 3.5 of 4
    expect(rocAuc([0, 1, 0, 1], [0.5, 0.5, 0.2, 0.9])).toBeCloseTo(0.875, 12);
    expect(rocAuc([0, 1, 0, 1], [0.3, 0.3, 0.3, 0.3])).toBeCloseTo(0.5, 12);
  });
  it('is NaN when a class is missing, 0 and 1 at the extremes', () => {
    expect(rocAuc([1, 1], [0.2, 0.3])).toBeNaN();
    expect(rocAuc([0, 1], [0.2, 0.3])).toBe(1);
    expect(rocAuc([1, 0], [0.2, 0.3])).toBe(0);
  });
  it('curve points run (0,0)→(1,1) and their area equals the exact AUC', () => {
    const lab = [0, 1, 0, 1, 1, 0, 0];
    const sc = [0.5, 0.5, 0.2, 0.9, 0.1, 0.7, 0.7];
    const pts = rocCurve(lab, sc);
    expect(pts[0]).toEqual({ fpr: 0, tpr: 0, threshold: Infinity });
    expect(pts[pts.length - 1].fpr).toBe(1);
    expect(pts[pts.length - 1].tpr).toBe(1);
    expect(pts.length).toBe(1 + 5); // 5 distinct scores
    expect(trapezoidArea(pts)).toBeCloseTo(rocAuc(lab, sc), 12);
    // by hand: pos {0.5,0.9,0.1}, neg {0.5,0.2,0.7,0.7}: 0.9 beats 4; 0.5: tie 0.5 + beats 0.2 = 1.5; 0.1: 0 → 5.5/12
    expect(rocAuc(lab, sc)).toBeCloseTo(5.5 / 12, 12);
  });
});

describe('single-label classification', () => {
  const yt = [0, 0, 1, 1, 2, 2];
  const yp = [0, 1, 1, 1, 2, 0];
  it('confusion, accuracy, balanced accuracy, F1', () => {
    expect(confusionMatrix(yt, yp, 3)).toEqual([[1, 1, 0], [0, 2, 0], [1, 0, 1]]);
    expect(accuracy(yt, yp)).toBeCloseTo(4 / 6, 12);
    expect(balancedAccuracy(yt, yp, 3)).toBeCloseTo((0.5 + 1 + 0.5) / 3, 12);
    const f = perClassF1(yt, yp, 3);
    expect(f[0]).toBeCloseTo(0.5, 12);
    expect(f[1]).toBeCloseTo(0.8, 12);
    expect(f[2]).toBeCloseTo(2 / 3, 12);
    expect(macroF1(yt, yp, 3)).toBeCloseTo((0.5 + 0.8 + 2 / 3) / 3, 12);
  });
  it('macro AUC one-vs-rest from probabilities', () => {
    // 4 samples, 2 classes; class 0 scores [0.9, 0.6, 0.6, 0.2], truth [0,0,1,1]
    const probs = [0.9, 0.1, 0.6, 0.4, 0.6, 0.4, 0.2, 0.8];
    const m = singleLabelMetrics([0, 0, 1, 1], probs, 2);
    // class 0: pos {0.9,0.6}, neg {0.6,0.2}: 1+1+0.5+1 = 3.5/4; class 1 is the mirror: 3.5/4
    expect(m.per_class_auc[0]).toBeCloseTo(0.875, 12);
    expect(m.per_class_auc[1]).toBeCloseTo(0.875, 12);
    expect(m.macro_auc).toBeCloseTo(0.875, 12);
    // argmax: [0, 0, 0, 1] → acc 3/4
    expect(m.accuracy).toBeCloseTo(0.75, 12);
    expect(m.confusion).toEqual([[2, 0], [1, 1]]);
  });
  it('ignores a class absent from the evaluation set in macro AUC', () => {
    const probs = [0.7, 0.2, 0.1, 0.3, 0.6, 0.1];
    const m = singleLabelMetrics([0, 1], probs, 3);
    expect(m.per_class_auc[2]).toBeNaN();
    expect(m.macro_auc).toBe(1);
  });
});

describe('multi-label', () => {
  it('macro AUC over classes, per-class confusion and subset accuracy', () => {
    // 4 samples × 2 classes
    const y = [1, 0, 1, 1, 0, 1, 0, 0];
    const probs = [0.8, 0.3, 0.4, 0.9, 0.5, 0.6, 0.1, 0.2];
    const m = multiLabelMetrics(y, probs, 2);
    // class 0: pos {0.8, 0.4} neg {0.5, 0.1}: 1+1+0+1 = 3/4; class 1: pos {0.9,0.6} neg {0.3,0.2}: 1
    expect(m.per_class_auc[0]).toBeCloseTo(0.75, 12);
    expect(m.per_class_auc[1]).toBeCloseTo(1, 12);
    expect(m.macro_auc).toBeCloseTo(0.875, 12);
    // class 0 decisions at 0.5: [1,0,1,0] vs truth [1,1,0,0]: TN1 FP1 FN1 TP1
    expect(m.confusion[0]).toEqual([[1, 1], [1, 1]]);
    // rows: s0 [1,0] ok; s1 [0,1] vs [1,1] no; s2 [1,1] vs [0,1] no; s3 [0,0] ok → 2/4
    expect(m.accuracy).toBeCloseTo(0.5, 12);
  });
});
