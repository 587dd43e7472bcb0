/** DeLong variance by hand, and the bootstrap interval widths against it (an analytic cross-check). */
import { describe, expect, it } from 'vitest';
import { bootstrapClassification, pairedClassificationDiff, rocAuc } from './index';
import { delongAuc, delongPairedAuc, midranks } from './delong';
import { Rng } from '../../signal/rng';

describe('DeLong AUC variance', () => {
  it('midranks average ties', () => {
    expect(Array.from(midranks([0.3, 0.1, 0.3, 0.2]))).toEqual([3.5, 1, 3.5, 2]);
  });
  it('a 2 + 2 record case worked by hand', () => {
    // positives 0.3, 0.9; negatives 0.2, 0.5. V10 = [1/2, 1], V01 = [1, 1/2]; S10 = S01 = 1/8;
    // variance = S10 / 2 + S01 / 2 = 1/8.
    const d = delongAuc([1, 1, 0, 0], [0.3, 0.9, 0.2, 0.5]);
    expect(d.auc).toBeCloseTo(0.75, 12);
    expect(d.variance).toBeCloseTo(0.125, 12);
  });
  it('AUC equals rocAuc with ties; a model compared with itself has difference 0 and variance 0', () => {
    const lab = [0, 1, 0, 1, 1, 0, 0];
    const sc = [0.5, 0.5, 0.2, 0.9, 0.1, 0.7, 0.7];
    expect(delongAuc(lab, sc).auc).toBeCloseTo(rocAuc(lab, sc), 12);
    const p = delongPairedAuc(lab, sc, sc);
    expect(p.diff).toBe(0);
    expect(p.variance).toBeCloseTo(0, 14);
  });

  it('bootstrap interval widths agree with DeLong standard errors (single and paired)', () => {
    const rng = new Rng(77);
    const n = 400;
    const labels = Int32Array.from({ length: n }, (_, i) => (i % 2 ? 1 : 0));
    const latent = Float64Array.from(labels, (y) => rng.normal() + y);
    const sA = Float64Array.from(latent, (x) => x + 0.5 * rng.normal());
    const sB = Float64Array.from(latent, (x) => x + 0.5 * rng.normal());
    const probs = (s: Float64Array) => Float64Array.from({ length: 2 * n }, (_, j) => (j % 2 ? s[j >> 1] : -s[j >> 1]));
    const o = { resamples: 2000, seed: 3 };
    const est = bootstrapClassification({ nClasses: 2, labels, probs: probs(sA) }, o).auc_1;
    const se = Math.sqrt(delongAuc(labels, sA).variance);
    const bootSe = (est.ci!.hi - est.ci!.lo) / (2 * 1.959964);
    expect(bootSe / se).toBeGreaterThan(0.85);
    expect(bootSe / se).toBeLessThan(1.15);
    const d = pairedClassificationDiff({ nClasses: 2, labels }, probs(sA), probs(sB), o).auc_1;
    const dl = delongPairedAuc(labels, sA, sB);
    expect(d.diff).toBeCloseTo(dl.diff, 12);
    const pairedSe = (d.ci!.hi - d.ci!.lo) / (2 * 1.959964);
    expect(pairedSe / Math.sqrt(dl.variance)).toBeGreaterThan(0.85);
    expect(pairedSe / Math.sqrt(dl.variance)).toBeLessThan(1.15);
  });
});
