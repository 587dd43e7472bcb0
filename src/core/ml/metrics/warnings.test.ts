import { describe, expect, it } from 'vitest';
import { testSetWarnings, type ResultWarning } from './index';

const codes = (w: ResultWarning[]) => w.map((x) => `${x.code}${x.className ? ':' + x.className : ''}`);

/** n records, classes A/B/C with the given label per record, each predicted as `pred(i)` with confidence 0.8. */
function single(labels: number[], pred: (i: number) => number) {
  const probs = labels.flatMap((_, i) => [0, 1, 2].map((c) => (c === pred(i) ? 0.8 : 0.1)));
  return { classes: ['A', 'B', 'C'], labels, probs };
}

describe('testSetWarnings', () => {
  it('no warning for a large, balanced split and a varied model', () => {
    const labels = Array.from({ length: 60 }, (_, i) => i % 3);
    expect(testSetWarnings(single(labels, (i) => (i % 4 === 0 ? (i + 1) % 3 : i % 3)))).toEqual([]);
  });
  it('small test split (< 50 records), with the stage and count', () => {
    const labels = Array.from({ length: 49 }, (_, i) => i % 3);
    const w = testSetWarnings({ stage: 'baseline', ...single(labels, (i) => i % 3) });
    expect(codes(w)).toEqual(['small-test-split']);
    expect(w[0]).toMatchObject({ stage: 'baseline', value: 49 });
    expect(w[0].message).toMatch(/only 49 records/);
  });
  it('small class (< 10 records) and undefined AUC for an absent class', () => {
    const labels = Array.from({ length: 60 }, (_, i) => (i < 9 ? 1 : i % 2 === 0 ? 0 : 2)).map((c) => (c === 2 ? 0 : c));
    // 9 records of B, 51 of A, none of C
    const w = testSetWarnings(single(labels, (i) => labels[i]));
    expect(codes(w)).toEqual(['small-class:B', 'small-class:C', 'undefined-metric:C']);
    expect(w[0].value).toBe(9);
    expect(w[0].message).toMatch(/Only 9 test records are B/);
    expect(w[2].message).toMatch(/AUC for C cannot be computed: no test record is C/);
  });
  it('10 records of a class is enough', () => {
    const labels = Array.from({ length: 60 }, (_, i) => (i < 10 ? 1 : i < 20 ? 2 : 0));
    expect(testSetWarnings(single(labels, (i) => labels[i]))).toEqual([]);
  });
  it('one predicted class for > 90 % of records; exactly 90 % does not warn', () => {
    const labels = Array.from({ length: 100 }, (_, i) => i % 3);
    const w = testSetWarnings(single(labels, (i) => (i < 91 ? 0 : 1 + (i % 2))));
    expect(codes(w)).toEqual(['one-class-predictions:A']);
    expect(w[0].value).toBeCloseTo(0.91, 12);
    expect(w[0].message).toMatch(/answers A for 91 %/);
    expect(testSetWarnings(single(labels, (i) => (i < 90 ? 0 : 1)))).toEqual([]);
    // 903 of 1000 reads as 90.3 %, 998 of 1000 as 99.8 %, all as "every test record"
    const many = Array.from({ length: 1000 }, (_, i) => i % 3);
    expect(testSetWarnings(single(many, (i) => (i < 903 ? 0 : 1)))[0].message).toMatch(/for 90\.3 % of/);
    expect(testSetWarnings(single(many, (i) => (i < 998 ? 0 : 1)))[0].message).toMatch(/for 99\.8 % of/);
    expect(testSetWarnings(single(many, () => 2))[0].message).toMatch(/answers C for every test record/);
  });
  it('multi-label: positives per class; a class present in every record has no AUC', () => {
    const n = 60;
    const multiHot: number[] = [];
    const probs: number[] = [];
    for (let i = 0; i < n; i++) {
      multiHot.push(1, i % 2, i < 5 ? 1 : 0); // A in every record, B in half, C in 5
      probs.push(0.2 + (i % 3) * 0.1, 0.5 - (i % 3) * 0.1, 0.3);
    }
    const w = testSetWarnings({ classes: ['A', 'B', 'C'], multiHot, probs });
    expect(codes(w)).toEqual(['undefined-metric:A', 'small-class:C']);
    expect(w[0].message).toMatch(/every test record is A/);
  });
  it('the shared 100-record test split: 13 records, 11 NORM, all predicted NORM', () => {
    const classes = ['NORM', 'MI', 'STTC', 'CD', 'HYP'];
    const labels = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 3];
    const probs = labels.flatMap(() => [0.6, 0.1, 0.1, 0.1, 0.1]);
    const w = testSetWarnings({ stage: 'baseline', classes, labels, probs });
    expect(codes(w)).toEqual([
      'small-test-split',
      'small-class:MI', 'undefined-metric:MI', 'small-class:STTC', 'small-class:CD', 'small-class:HYP', 'undefined-metric:HYP',
      'one-class-predictions:NORM',
    ]);
    expect(w.every((x) => x.stage === 'baseline')).toBe(true);
  });
});
