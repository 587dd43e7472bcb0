import { describe, expect, it } from 'vitest';
import { applyEvents, emptyLiveRun, liveFromResults } from '../../core/experiment/liveRun';
import { toLiveEvent } from '../../core/experiment/liveEvents';
import type { StageResult } from '../../core/experiment/results';
import { normaliseComparison } from './Comparison';
import { metricLabel, targetLabel } from './format';
import { evaluationStages, targetsOf, unitOf } from './Evaluation';

describe('results view helpers', () => {
  it('normalises comparison rows and puts the baseline first', () => {
    const rows = normaliseComparison([
      { stage: 'transfer-hr', kind: 'transfer', from: 'pretrain-hr', val: { accuracy: 0.7 }, test: { accuracy: 0.8, macro_auc: 0.9 } },
      { stage: 'baseline', kind: 'baseline', val: { accuracy: 0.55 }, test: { accuracy: 0.6, macro_f1: undefined } },
    ]);
    expect(rows.map((r) => r.name)).toEqual(['baseline', 'transfer-hr']);
    expect(rows[0]).toEqual({ name: 'baseline', kind: 'baseline', from: undefined, val: { accuracy: 0.55 }, test: { accuracy: 0.6 } });
    expect(rows[1].test.macro_auc).toBe(0.9);
  });

  it('labels metrics with their units', () => {
    expect(metricLabel('mae_qrs_ms')).toBe('QRS MAE (ms)');
    expect(metricLabel('rmse_hr_bpm')).toBe('HR RMSE (bpm)');
    expect(metricLabel('macro_auc')).toBe('Macro AUC');
    expect(targetLabel('hr_bpm')).toBe('HR');
    expect(targetLabel('hr_bpm+pr_ms+qrs_ms+qt_ms')).toBe('HR/PR/QRS/QT');
    expect(unitOf('qt_ms')).toBe('ms');
    expect(unitOf('hr_bpm')).toBe('bpm');
  });
});

describe('evaluate stages', () => {
  it('finds the targets of an evaluate stage and keeps its predictions from the stage-end event', () => {
    const test = { n: 4, loss: 1, mae_pr_ms: 19.2, rmse_pr_ms: 29.2, r2_pr_ms: -0.9, n_pr_ms: 4, mae_qt_ms: 62.9, n_qt_ms: 3 };
    const live = applyEvents(emptyLiveRun(), [
      { type: 'stage-start', stage: 'real-intervals', kind: 'evaluate', from: 'pretrain-intervals' },
      { type: 'stage-end', stage: 'real-intervals', metrics: { test }, predictions: [{ target: 'pr_ms', true: [150, 160], pred: [170, 155] }], targets: ['qt_ms', 'pr_ms'] },
    ]);
    const [st] = evaluationStages(live.stages);
    expect(st.name).toBe('real-intervals');
    expect(st.predictions?.[0].pred).toEqual([170, 155]);
    expect(targetsOf(st.final?.test, st.targets)).toEqual(['qt_ms', 'pr_ms']);
    expect(evaluationStages(applyEvents(emptyLiveRun(), [{ type: 'stage-start', stage: 'e', kind: 'evaluate' }]).stages)).toHaveLength(0);
  });
});

describe('sweep cells in the live view', () => {
  const result = (name: string, kind: StageResult['kind'], id: string, repeat: number, budget: number | undefined, auc: number): StageResult => ({
    name,
    kind,
    source: 'ptbxl',
    task: 'single-label',
    model: { kind: 'tiny-cnn', trainableParams: 10, flopsPerSample: 100, inputShape: [null, 100, 1] },
    split: { method: 'folds', nTrain: budget === 0.5 ? 35 : 70, nVal: 13, nTest: 13 },
    metrics: { test: { n: 13, loss: 1, macro_auc: auc, accuracy: 0.6, per_class_auc: [0.5, 0.7], confusion: [[1, 0], [0, 1]], classes: ['A', 'B'] } },
    history: [],
    seconds: 1,
    cell: { id, repeat, seed: 7, ...(budget !== undefined ? { budget } : {}) },
    ci: { macro_auc: { lo: auc - 0.1, hi: auc + 0.1 }, accuracy: null },
  });
  const spec = { stages: [] };
  const ends = [
    result('baseline', 'baseline', 'baseline#r0#b0.5', 0, 0.5, 0.7),
    result('baseline', 'baseline', 'baseline#r0#b1', 0, 1, 0.8),
    result('baseline', 'baseline', 'baseline#r1#b0.5', 1, 0.5, 0.75),
  ].map((r) => toLiveEvent({ type: 'stage-end', stage: r.name, result: r }, spec)!);

  it('stage-end events carry the cell: id, repeat, budget, records, scalar test metrics and intervals', () => {
    const ev = ends[0];
    if (ev.type !== 'stage-end') throw new Error('not a stage-end');
    expect(ev.cell).toEqual({
      id: 'baseline#r0#b0.5',
      stage: 'baseline',
      kind: 'baseline',
      repeat: 0,
      budget: 0.5,
      nTrain: 35,
      nTest: 13,
      test: { n: 13, loss: 1, macro_auc: 0.7, accuracy: 0.6 },
      ci: { macro_auc: { lo: 0.7 - 0.1, hi: 0.7 + 0.1 }, accuracy: null },
    });
  });

  it('keeps every finished cell in order while the stage shows its latest; a reported cell is replaced in place', () => {
    const live = applyEvents(emptyLiveRun(), ends);
    expect(live.cells?.map((c) => c.id)).toEqual(['baseline#r0#b0.5', 'baseline#r0#b1', 'baseline#r1#b0.5']);
    expect(live.stages).toHaveLength(1);
    expect(live.stages[0].final?.test?.macro_auc).toBe(0.75);
    const again = applyEvents(live, [toLiveEvent({ type: 'stage-end', stage: 'baseline', result: result('baseline', 'baseline', 'baseline#r0#b1', 0, 1, 0.81) }, spec)!]);
    expect(again.cells?.map((c) => [c.id, c.test.macro_auc])).toEqual([
      ['baseline#r0#b0.5', 0.7],
      ['baseline#r0#b1', 0.81],
      ['baseline#r1#b0.5', 0.75],
    ]);
    expect(live.cells?.[1].test.macro_auc).toBe(0.8);
    // Events without a cell (results written before sweeps) leave no cells.
    expect(applyEvents(emptyLiveRun(), [{ type: 'stage-end', stage: 'x', metrics: {} }]).cells).toBeUndefined();
  });

  it('rebuilds the cells of saved results', () => {
    const r = [result('baseline', 'baseline', 'baseline#r0#b1', 0, 1, 0.8), result('pretrain-hr', 'pretrain', 'pretrain-hr#r0', 0, undefined, NaN)];
    const live = liveFromResults({ stages: [r[0]], cells: r, backend: { backend: 'wasm' } });
    expect(live.cells?.map((c) => [c.id, c.budget, c.test.macro_auc])).toEqual([
      ['baseline#r0#b1', 1, 0.8],
      ['pretrain-hr#r0', undefined, undefined],
    ]);
    expect(liveFromResults({ stages: [], backend: { backend: 'wasm' } }).cells).toBeUndefined();
  });
});
