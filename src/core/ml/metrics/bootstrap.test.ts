import { describe, expect, it } from 'vitest';
import {
  bootstrapClassification, bootstrapRegression, makeResampler, multiLabelMetrics, pairedClassificationDiff,
  pairedRegressionDiff, regressionMetrics, rocAuc, singleLabelMetrics,
} from './index';
import { multiLabelEvaluator, regressionEvaluator, singleLabelEvaluator } from './weighted';
import { mulberry32 } from '../random';

/** 8 records, 3 classes; metric values worked by hand below. */
const HAND = {
  labels: [0, 0, 0, 1, 1, 2, 2, 2],
  probs: [
    0.7, 0.2, 0.1, // true 0, predicted 0
    0.5, 0.3, 0.2, // true 0, predicted 0
    0.2, 0.6, 0.2, // true 0, predicted 1
    0.1, 0.8, 0.1, // true 1, predicted 1
    0.4, 0.5, 0.1, // true 1, predicted 1
    0.1, 0.1, 0.8, // true 2, predicted 2
    0.3, 0.3, 0.4, // true 2, predicted 2
    0.6, 0.2, 0.2, // true 2, predicted 0
  ],
};

describe('bootstrapClassification: values worked by hand', () => {
  const est = bootstrapClassification({ nClasses: 3, classes: ['A', 'B', 'C'], ...HAND }, { resamples: 1000 });
  it('accuracy, balanced accuracy, macro F1', () => {
    expect(est.accuracy.value).toBeCloseTo(6 / 8, 12);
    // recalls 2/3, 2/2, 2/3
    expect(est.balancedAccuracy.value).toBeCloseTo(7 / 9, 12);
    // F1: A tp2 fp1 fn1 → 2/3; B tp2 fp1 fn0 → 4/5; C tp2 fp0 fn1 → 4/5
    expect(est.macroF1.value).toBeCloseTo((2 / 3 + 0.8 + 0.8) / 3, 12);
    expect(est.accuracy.n).toBe(8);
  });
  it('per-class and macro AUC (ties count 1/2)', () => {
    // A: positives .7 .5 .2 vs negatives .1 .4 .1 .3 .6 → 5 + 4 + 2 = 11 of 15 pairs
    expect(est.auc_A.value).toBeCloseTo(11 / 15, 12);
    // B: positives .8 .5 vs .2 .3 .6 .1 .3 .2 → 6 + 5 = 11 of 12
    expect(est.auc_B.value).toBeCloseTo(11 / 12, 12);
    // C: positives .8 .4 .2 vs .1 .2 .2 .1 .1 → 5 + 5 + (3 + two ties) = 14 of 15
    expect(est.auc_C.value).toBeCloseTo(14 / 15, 12);
    expect(est.macroAuc.value).toBeCloseTo(31 / 36, 12);
  });
  it('agrees with singleLabelMetrics', () => {
    const m = singleLabelMetrics(HAND.labels, HAND.probs, 3);
    expect(est.accuracy.value).toBe(m.accuracy);
    expect(est.balancedAccuracy.value).toBeCloseTo(m.balanced_accuracy, 14);
    expect(est.macroF1.value).toBeCloseTo(m.macro_f1, 14);
    expect(est.macroAuc.value).toBeCloseTo(m.macro_auc, 14);
  });
  it('every interval brackets its value and lies in [0, 1]', () => {
    for (const [name, e] of Object.entries(est)) {
      expect(e.ci, name).not.toBeNull();
      expect(e.ci!.lo, name).toBeLessThanOrEqual(e.value);
      expect(e.ci!.hi, name).toBeGreaterThanOrEqual(e.value);
      expect(e.ci!.lo, name).toBeGreaterThanOrEqual(0);
      expect(e.ci!.hi, name).toBeLessThanOrEqual(1);
    }
  });
  it('names per-class AUC by index without class names, and is deterministic per seed', () => {
    const a = bootstrapClassification({ nClasses: 3, ...HAND }, { resamples: 1000, seed: 7 });
    const b = bootstrapClassification({ nClasses: 3, ...HAND }, { resamples: 1000, seed: 7 });
    const c = bootstrapClassification({ nClasses: 3, ...HAND }, { resamples: 1000, seed: 8 });
    expect(Object.keys(a)).toEqual(['accuracy', 'balancedAccuracy', 'macroAuc', 'macroF1', 'auc_0', 'auc_1', 'auc_2']);
    expect(a).toEqual(b);
    expect(a).not.toEqual(c);
  });
  it('a lower level gives a nested, narrower interval on the same resamples', () => {
    const wide = bootstrapClassification({ nClasses: 3, ...HAND }, { resamples: 1000, seed: 3 });
    const narrow = bootstrapClassification({ nClasses: 3, ...HAND }, { resamples: 1000, seed: 3, level: 0.5 });
    expect(narrow.macroAuc.ci!.lo).toBeGreaterThan(wide.macroAuc.ci!.lo);
    expect(narrow.macroAuc.ci!.hi).toBeLessThan(wide.macroAuc.ci!.hi);
  });
  it('rejects too few resamples and bad input', () => {
    expect(() => bootstrapClassification({ nClasses: 3, ...HAND }, { resamples: 999 })).toThrow(/resamples/);
    expect(() => bootstrapClassification({ nClasses: 3, ...HAND }, { level: 1 })).toThrow(/level/);
    expect(() => bootstrapClassification({ nClasses: 3, probs: HAND.probs })).toThrow(/labels/);
    expect(() => bootstrapClassification({ nClasses: 4, ...HAND })).toThrow(/probs/);
    expect(() => bootstrapClassification({ nClasses: 3, labels: [0, 3], probs: [1, 0, 0, 0, 1, 0] })).toThrow(/class index/);
  });
});

describe('weighted metrics equal the plain metrics on the records repeated by their weights', () => {
  const rand = mulberry32(42);
  const n = 40;
  const k = 4;
  // Scores rounded to 0.1 so that ties are common.
  const probs = Float64Array.from({ length: n * k }, () => Math.round(rand() * 10) / 10);
  const labels = Int32Array.from({ length: n }, () => Math.floor(rand() * k));
  const multiHot = Float64Array.from({ length: n * k }, () => (rand() < 0.3 ? 1 : 0));
  const w = Int32Array.from({ length: n }, () => Math.floor(rand() * 3)); // 0, 1 or 2 copies
  const rep: number[] = [];
  for (let i = 0; i < n; i++) for (let j = 0; j < w[i]; j++) rep.push(i);
  const rows = (a: ArrayLike<number>) => rep.flatMap((i) => Array.from({ length: k }, (_, c) => a[i * k + c]));

  it('single-label', () => {
    const out = new Float64Array(4 + k);
    singleLabelEvaluator(labels, probs, k).evaluate(w, out);
    const m = singleLabelMetrics(rep.map((i) => labels[i]), rows(probs), k);
    expect(out[0]).toBeCloseTo(m.accuracy, 12);
    expect(out[1]).toBeCloseTo(m.balanced_accuracy, 12);
    expect(out[2]).toBeCloseTo(m.macro_auc, 12);
    expect(out[3]).toBeCloseTo(m.macro_f1, 12);
    for (let c = 0; c < k; c++) expect(out[4 + c]).toBeCloseTo(m.per_class_auc[c], 12);
  });
  it('single-label AUC without ties (the one-pass path)', () => {
    const cont = Float64Array.from({ length: n * k }, () => rand());
    const out = new Float64Array(4 + k);
    singleLabelEvaluator(labels, cont, k).evaluate(w, out);
    const m = singleLabelMetrics(rep.map((i) => labels[i]), rows(cont), k);
    for (let c = 0; c < k; c++) expect(out[4 + c]).toBeCloseTo(m.per_class_auc[c], 12);
  });
  it('multi-label', () => {
    const out = new Float64Array(4 + k);
    multiLabelEvaluator(multiHot, probs, k).evaluate(w, out);
    const m = multiLabelMetrics(rows(multiHot), rows(probs), k);
    expect(out[0]).toBeCloseTo(m.accuracy, 12);
    expect(out[1]).toBeNaN();
    expect(out[2]).toBeCloseTo(m.macro_auc, 12);
    expect(out[3]).toBeCloseTo(m.macro_f1, 12);
    for (let c = 0; c < k; c++) expect(out[4 + c]).toBeCloseTo(m.per_class_auc[c], 12);
  });
  it('regression', () => {
    const t = Float64Array.from({ length: n }, () => rand() * 100);
    const p = Float64Array.from(t, (x) => x + (rand() - 0.3) * 20);
    const out = new Float64Array(5);
    regressionEvaluator(t, p).evaluate(w, out);
    const tr = rep.map((i) => t[i]);
    const pr = rep.map((i) => p[i]);
    const m = regressionMetrics(tr, pr);
    const e = pr.map((x, i) => x - tr[i]);
    const me = e.reduce((a, b) => a + b, 0) / e.length;
    const sd = Math.sqrt(e.reduce((a, x) => a + (x - me) ** 2, 0) / (e.length - 1));
    expect(out[0]).toBeCloseTo(m.mae, 10);
    expect(out[1]).toBeCloseTo(m.rmse, 10);
    expect(out[2]).toBeCloseTo(m.r2, 10);
    expect(out[3]).toBeCloseTo(me, 10);
    expect(out[4]).toBeCloseTo(sd, 10);
  });
  it('full-split values of bootstrapClassification match multiLabelMetrics', () => {
    const est = bootstrapClassification({ nClasses: k, multiHot, probs }, { resamples: 1000 });
    const m = multiLabelMetrics(multiHot, probs, k);
    expect(est.accuracy.value).toBeCloseTo(m.accuracy, 14);
    expect(est.macroAuc.value).toBeCloseTo(m.macro_auc, 14);
    expect(est.macroF1.value).toBeCloseTo(m.macro_f1, 14);
    expect(est.balancedAccuracy).toEqual({ value: NaN, ci: null, n });
  });
});

describe('resampling', () => {
  it('stratified resamples keep every class count; plain ones keep only the total', () => {
    const strata = [0, 0, 0, 1, 1, 2, 2, 2, 2, 2];
    const strat = makeResampler(10, 3, strata);
    const plain = makeResampler(10, 3);
    const counts = new Int32Array(10);
    let plainChanged = 0;
    for (let r = 0; r < 200; r++) {
      strat(counts);
      const per = [0, 0, 0];
      counts.forEach((c, i) => (per[strata[i]] += c));
      expect(per).toEqual([3, 2, 5]);
      plain(counts);
      const perPlain = [0, 0, 0];
      counts.forEach((c, i) => (perPlain[strata[i]] += c));
      expect(perPlain[0] + perPlain[1] + perPlain[2]).toBe(10);
      if (perPlain[0] !== 3 || perPlain[1] !== 2) plainChanged++;
    }
    expect(plainChanged).toBeGreaterThan(100);
  });

  it('resampled MAE follows the exact bootstrap distribution (all 4^4 resamples enumerated)', () => {
    const err = [1, 2, 4, 8];
    const exact = new Map<number, number>();
    for (let a = 0; a < 4; a++) for (let b = 0; b < 4; b++) for (let c = 0; c < 4; c++) for (let d = 0; d < 4; d++) {
      const v = (err[a] + err[b] + err[c] + err[d]) / 4;
      exact.set(v, (exact.get(v) ?? 0) + 1 / 256);
    }
    const atoms = [...exact.keys()].sort((x, y) => x - y);
    const cdf = (x: number) => atoms.filter((v) => v <= x + 1e-12).reduce((s, v) => s + exact.get(v)!, 0);
    const quantile = (p: number) => atoms.find((v) => cdf(v) >= p)!;
    const est = bootstrapRegression([0, 0, 0, 0], err, { resamples: 4000, seed: 5 });
    expect(est.mae.value).toBe(3.75);
    // The percentile interval lands between the exact 1.5 % and 3.5 % (96.5 % and 98.5 %) quantiles.
    expect(est.mae.ci!.lo).toBeGreaterThanOrEqual(quantile(0.015));
    expect(est.mae.ci!.lo).toBeLessThanOrEqual(quantile(0.035));
    expect(est.mae.ci!.hi).toBeGreaterThanOrEqual(quantile(0.965));
    expect(est.mae.ci!.hi).toBeLessThanOrEqual(quantile(0.985));
  });

  it('stratified AUC resamples follow the exact distribution (2 positives, 2 negatives: 16 resamples)', () => {
    // positives score 0.3 and 0.9, negatives 0.2 and 0.5
    const labels = [1, 1, 0, 0];
    const s = [0.3, 0.9, 0.2, 0.5];
    const probs = s.flatMap((x) => [1 - x, x]);
    const exact = new Map<number, number>();
    const pick = [[0, 0], [0, 1], [1, 0], [1, 1]];
    for (const [p1, p2] of pick) for (const [n1, n2] of pick) {
      const auc = rocAuc([1, 1, 0, 0], [s[p1], s[p2], s[2 + n1], s[2 + n2]]);
      exact.set(auc, (exact.get(auc) ?? 0) + 1 / 16);
    }
    // Exact: AUC 0 with P 1/16 (both positives 0.3, both negatives 0.5), 1/2 with 4/16, 3/4 with 4/16, 1 with
    // 7/16, so the exact 2.5 % and 97.5 % quantiles are 0 and 1.
    expect(exact.get(0)).toBeCloseTo(1 / 16, 12);
    expect(exact.get(0.5)).toBeCloseTo(4 / 16, 12);
    expect(exact.get(1)).toBeCloseTo(7 / 16, 12);
    const est = bootstrapClassification({ nClasses: 2, labels, probs }, { resamples: 2000, seed: 11 });
    expect(est.auc_1.value).toBe(0.75);
    expect(est.auc_1.ci).toEqual({ lo: 0, hi: 1 });
  });
});

describe('undefined metrics', () => {
  it('a class absent from the test split has no AUC and no interval; the macro AUC averages the rest', () => {
    const est = bootstrapClassification({ nClasses: 3, labels: [0, 0, 1, 1, 0, 1], probs: [
      0.8, 0.1, 0.1, 0.6, 0.3, 0.1, 0.2, 0.7, 0.1, 0.4, 0.5, 0.1, 0.5, 0.4, 0.1, 0.3, 0.3, 0.4,
    ] }, { resamples: 1000 });
    expect(est.auc_2).toEqual({ value: NaN, ci: null, n: 6 });
    expect(est.macroAuc.value).toBeCloseTo((est.auc_0.value + est.auc_1.value) / 2, 14);
    expect(est.macroAuc.ci).not.toBeNull();
  });
  it('a multi-label class that most resamples lose gets ci null', () => {
    // class 1 has a single positive among 20 records: absent from about e^-1 ≈ 37 % of resamples (kept),
    // class 2 has a single negative: with class 1 the macro AUC is undefined in about 60 % of resamples.
    const n = 20;
    const multiHot: number[] = [];
    const probs: number[] = [];
    const rand = mulberry32(3);
    for (let i = 0; i < n; i++) {
      multiHot.push(i % 2, i === 0 ? 1 : 0, i === 1 ? 0 : 1);
      probs.push(rand(), rand(), rand());
    }
    const est = bootstrapClassification({ nClasses: 3, multiHot, probs }, { resamples: 1000 });
    expect(est.auc_0.ci).not.toBeNull();
    expect(est.auc_1.ci).not.toBeNull();
    expect(est.macroAuc.ci).toBeNull();
    expect(Number.isFinite(est.macroAuc.value)).toBe(true);
  });
  it('no records: every metric NaN without interval', () => {
    const est = bootstrapRegression([], []);
    expect(est.mae).toEqual({ value: NaN, ci: null, n: 0 });
  });
});

describe('regression bootstrap', () => {
  it('skips non-finite pairs and computes mean and SD of the error (predicted − true)', () => {
    const est = bootstrapRegression([1, 2, 3, 4, NaN], [2, 2, 5, 4, 7], { resamples: 1000 });
    // errors 1, 0, 2, 0 → mean 0.75, SD sqrt(((0.25)² + 0.75² + 1.25² + 0.75²) / 3) = sqrt(2.75 / 3)
    expect(est.mae.n).toBe(4);
    expect(est.mae.value).toBeCloseTo(0.75, 12);
    expect(est.meanError.value).toBeCloseTo(0.75, 12);
    expect(est.sdError.value).toBeCloseTo(Math.sqrt(2.75 / 3), 12);
    expect(est.rmse.value).toBeCloseTo(Math.sqrt(5 / 4), 12);
    expect(est.r2.value).toBeCloseTo(0, 12);
    expect(est.mae.ci!.lo).toBeGreaterThanOrEqual(0);
    expect(est.mae.ci!.hi).toBeLessThanOrEqual(2);
  });
});

describe('paired differences', () => {
  it('identical models differ by exactly 0 with no wins', () => {
    const d = pairedClassificationDiff({ nClasses: 3, labels: HAND.labels }, HAND.probs, HAND.probs, { resamples: 1000 });
    for (const v of Object.values(d)) {
      expect(v.diff).toBe(0);
      expect(v.ci).toEqual({ lo: 0, hi: 0 });
      expect(v.winFraction).toBe(0);
      expect(v.tieFraction).toBe(1);
    }
  });

  it('the diff is A − B of the separate estimates, on the same resamples', () => {
    const probsB = HAND.probs.map((p, i) => (i % 3 === 0 ? p * 0.8 : p));
    const o = { resamples: 1000, seed: 4 };
    const d = pairedClassificationDiff({ nClasses: 3, labels: HAND.labels }, HAND.probs, probsB, o);
    const a = bootstrapClassification({ nClasses: 3, ...HAND }, o);
    const b = bootstrapClassification({ nClasses: 3, labels: HAND.labels, probs: probsB }, o);
    for (const name of Object.keys(a)) expect(d[name].diff).toBeCloseTo(a[name].value - b[name].value, 14);
  });

  it('correlated models: the paired interval is far narrower than the unpaired combination', () => {
    const rand = mulberry32(9);
    const gauss = () => Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
    const n = 300;
    const k = 3;
    const labels = Int32Array.from({ length: n }, (_, i) => i % k);
    const base = Float64Array.from({ length: n * k }, (_, j) => (labels[Math.floor(j / k)] === j % k ? 1 : 0) + gauss());
    const probsA = Float64Array.from(base, (x) => x + 0.15 * gauss());
    const probsB = Float64Array.from(base, (x) => x + 0.15 * gauss());
    const o = { resamples: 1000, seed: 2 };
    const a = bootstrapClassification({ nClasses: k, labels, probs: probsA }, o);
    const b = bootstrapClassification({ nClasses: k, labels, probs: probsB }, o);
    const d = pairedClassificationDiff({ nClasses: k, labels }, probsA, probsB, o);
    for (const name of ['macroAuc', 'accuracy', 'auc_0']) {
      const half = (e: { ci: { lo: number; hi: number } | null }) => (e.ci!.hi - e.ci!.lo) / 2;
      const pairedHalf = half(d[name]);
      // Unpaired (independent) combination: sqrt(hA² + hB²); the cruder sum hA + hB is wider still.
      expect(pairedHalf, name).toBeLessThan(0.6 * Math.hypot(half(a[name]), half(b[name])));
      expect(d[name].ci!.lo, name).toBeLessThanOrEqual(d[name].diff);
      expect(d[name].ci!.hi, name).toBeGreaterThanOrEqual(d[name].diff);
    }
  });

  it('regression: a better model A has negative MAE diff and wins nearly every resample', () => {
    const rand = mulberry32(1);
    const t = Array.from({ length: 100 }, () => 60 + 40 * rand());
    const predA = t.map((x) => x + (rand() - 0.5) * 2);
    const predB = t.map((x) => x + (rand() - 0.5) * 10);
    const d = pairedRegressionDiff(t, predA, predB, { resamples: 1000 });
    expect(Object.keys(d)).toEqual(['mae', 'rmse', 'r2']);
    expect(d.mae.diff).toBeLessThan(0);
    expect(d.mae.ci!.hi).toBeLessThan(0);
    expect(d.mae.winFraction).toBeGreaterThan(0.99);
    expect(d.rmse.winFraction).toBeGreaterThan(0.99);
    expect(d.r2.diff).toBeGreaterThan(0);
    expect(d.r2.winFraction).toBeGreaterThan(0.99);
    // Swapping A and B flips the sign and the wins.
    const s = pairedRegressionDiff(t, predB, predA, { resamples: 1000 });
    expect(s.mae.diff).toBeCloseTo(-d.mae.diff, 14);
    expect(s.mae.winFraction).toBeCloseTo(1 - d.mae.winFraction, 14);
  });
});
