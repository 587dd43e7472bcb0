import { describe, expect, it } from 'vitest';
import type { RunResults, StageResult } from '../../core/experiment/contract';
import type { StagePredictions } from '../../core/experiment/results';
import { classCounts, classificationRows, confusionOf, explainedOutput, regressionRows, sortRows, stagePredictions } from './drillModel';

const single: StagePredictions = {
  cell: 'base#r0',
  stage: 'base',
  repeat: 0,
  task: 'single-label',
  classes: ['normal', 'afib', 'bbb'],
  ids: ['a', 'b', 'c', 'd', 'e'],
  labels: [0, 0, 1, 2, 1],
  probs: [
    [0.7, 0.2, 0.1],
    [0.3, 0.6, 0.1],
    [0.1, 0.8, 0.1],
    [0.2, 0.1, 0.7],
    [0.45, 0.4, 0.15],
  ],
};

const multi: StagePredictions = {
  cell: 'ml#r0',
  stage: 'ml',
  repeat: 0,
  task: 'multi-label',
  classes: ['MI', 'STTC'],
  ids: ['p', 'q', 'r'],
  labels: [
    [1, 0],
    [1, 1],
    [0, 0],
  ],
  probs: [
    [0.9, 0.2],
    [0.3, 0.6],
    [0.55, 0.1],
  ],
};

describe('drill-down selections', () => {
  it('a confusion cell lists exactly the records counted in it (rows true, columns argmax)', () => {
    const cm = confusionOf(single);
    expect(cm).toEqual([
      [1, 1, 0],
      [1, 1, 0],
      [0, 0, 1],
    ]);
    for (let i = 0; i < 3; i++) for (let j = 0; j < 3; j++) expect(classificationRows(single, { kind: 'cell', stage: 'base', trueClass: i, predClass: j })).toHaveLength(cm[i][j]);
    const rows = classificationRows(single, { kind: 'cell', stage: 'base', trueClass: 1, predClass: 0 });
    expect(rows.map((r) => [r.id, r.truth, r.predicted, r.confidence])).toEqual([['e', 'afib', 'normal', 0.45]]);
  });

  it('per-class outcomes at a threshold partition the records; multi-label rows name every true and predicted class', () => {
    const [mi, st] = classCounts(multi, 0.5);
    expect(mi.counts).toEqual({ TP: 1, FP: 1, FN: 1, TN: 0 });
    expect(st.counts).toEqual({ TP: 1, FP: 0, FN: 0, TN: 2 });
    expect(mi.tpr).toBeCloseTo(0.5);
    expect(mi.fpr).toBe(1);
    const fn = classificationRows(multi, { kind: 'class', stage: 'ml', cls: 0, outcome: 'FN', threshold: 0.5 });
    expect(fn.map((r) => [r.id, r.truth, r.predicted, r.confidence])).toEqual([['q', 'MI, STTC', 'STTC', 0.3]]);
    // a lower threshold moves q from FN to TP
    expect(classCounts(multi, 0.25)[0].counts).toEqual({ TP: 2, FP: 1, FN: 0, TN: 0 });
    for (const c of classCounts(single, 0.4)) expect(Object.values(c.counts).reduce((a, b) => a + b, 0)).toBe(single.ids.length);
  });

  it('sorting by confidence flips with the direction and keeps ties in test-set order', () => {
    const rows = classificationRows(single, { kind: 'class', stage: 'base', cls: 0, outcome: 'TN', threshold: 0.5 });
    expect(rows.map((r) => r.id)).toEqual(['c', 'd', 'e']);
    expect(sortRows(rows, 'desc').map((r) => r.id)).toEqual(['e', 'd', 'c']);
    expect(sortRows(rows, 'asc').map((r) => r.id)).toEqual(['c', 'd', 'e']);
    const tie = [{ ...rows[0], id: 'x', confidence: 0.2 }, { ...rows[1], id: 'y', confidence: 0.2 }];
    expect(sortRows(tie, 'asc').map((r) => r.id)).toEqual(['x', 'y']);
    expect(sortRows(tie, 'desc').map((r) => r.id)).toEqual(['x', 'y']);
  });

  it('regression rows carry the record ids and the error; the explained output is the target, class or prediction', () => {
    const st = { name: 'pre', predictions: [{ target: 'qrs_ms', true: [90, 120], pred: [100, 118], ids: ['00001', '00002'] }] } as unknown as StageResult;
    const rows = regressionRows(st, 'qrs_ms');
    expect(rows.map((r) => [r.id, r.trueValue, r.predValue, r.confidence])).toEqual([['00001', 90, 100, -10], ['00002', 120, 118, -2]]);
    expect(regressionRows({ ...st, predictions: [{ target: 'qrs_ms', true: [1], pred: [1] }] } as unknown as StageResult, 'qrs_ms')).toEqual([]);
    expect(explainedOutput(undefined, { kind: 'points', stage: 'pre', target: 'qt_ms' }, rows[0], ['hr_bpm', 'qt_ms'])).toBe(1);
    const cellRow = classificationRows(single, { kind: 'cell', stage: 'base', trueClass: 2, predClass: 2 })[0];
    expect(explainedOutput(single, { kind: 'cell', stage: 'base', trueClass: 2, predClass: 2 }, cellRow)).toBe(2);
    expect(explainedOutput(multi, { kind: 'class', stage: 'ml', cls: 1, outcome: 'TP', threshold: 0.5 }, cellRow)).toBe(1);
  });

  it("a stage's predictions are its headline cell's", () => {
    const results = { stages: [{ name: 'base', cell: { id: 'base#r0#b1' } }], predictions: [{ ...single, cell: 'base#r0#b0.5' }, { ...single, cell: 'base#r0#b1', ids: ['z', 'b', 'c', 'd', 'e'] }] } as unknown as RunResults;
    expect(stagePredictions(results, 'base')?.ids[0]).toBe('z');
    expect(stagePredictions(results, 'other')).toBeUndefined();
    expect(stagePredictions(null, 'base')).toBeUndefined();
  });
});
