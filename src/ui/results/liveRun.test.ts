import { describe, expect, it } from 'vitest';
import { applyEvents, emptyLiveRun } from '../../core/experiment/liveRun';
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
